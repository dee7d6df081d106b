with

source as (
    select * from {{ source('raw_bluesky', 'bluesky_followers') }}
),

renamed as (
    select
        _export_owner as owner_handle,
        {{ pseudonymize("'bluesky'", 'follower') }} as follower_key,
        {{ vanity_handle_looks_generated('follower') }} as follower_handle_looks_generated,
        followed_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
