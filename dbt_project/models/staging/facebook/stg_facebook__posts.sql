with

source as (
    select * from {{ source('raw', 'facebook_posts') }}
),

renamed as (
    select
        post_id,
        _export_owner as owner_handle,
        {{ fix_meta_mojibake('post_text') }} as post_text,
        nullif(trim(post_url), '') as post_url,
        coalesce(is_live, false) as is_live,
        {{ to_utc_timestamp('created_at') }} as posted_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
