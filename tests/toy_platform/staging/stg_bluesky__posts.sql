with

source as (
    select * from {{ source('raw_bluesky', 'bluesky_posts') }}
),

renamed as (
    select
        post_id,
        _export_owner as owner_handle,
        posted_at,
        false as is_live,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
