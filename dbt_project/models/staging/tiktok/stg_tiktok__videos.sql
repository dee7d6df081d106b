with

source as (
    select * from {{ source('raw', 'tiktok_videos') }}
),

renamed as (
    select
        nullif(regexp_extract(video_link, '/video/([0-9]+)', 1), '') as post_id,
        _export_owner as owner_handle,
        {{ null_if_placeholder('video_link') }} as video_link,
        {{ parse_abbreviated_count('likes') }} as like_count,
        {{ null_if_placeholder('sound') }} as sound,
        {{ null_if_placeholder('who_can_view') }} as who_can_view,
        lower({{ null_if_placeholder('allow_comments') }}) = 'yes' as allows_comments,
        coalesce(lower({{ null_if_placeholder('is_live') }}) = 'yes', false) as is_live,
        posted_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
