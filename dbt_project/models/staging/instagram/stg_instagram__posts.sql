with

source as (
    select * from {{ source('raw', 'instagram_posts') }}
),

renamed as (
    select
        parse_filename(media_uri, true) as post_id,
        _export_owner as owner_handle,
        media_uri,
        {{ fix_meta_mojibake('caption') }} as caption,
        media_count,
        regexp_matches(media_uri, '(^|/)media/live/') as is_live,
        {{ to_utc_timestamp('created_at') }} as posted_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
