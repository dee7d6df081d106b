with

source as (
    select * from {{ source('raw', 'youtube_studio_videos') }}
),

videos as (
    select * from source
    where lower(trim(video_id)) <> 'total'
),

renamed as (
    select
        trim(video_id) as post_id,
        _export_owner as owner_handle,
        video_title,
        content_type,
        content_type = 'Live' as is_live,
        list_reduce(
            list_transform(
                string_split(regexp_replace({{ null_if_placeholder('duration') }}, '[,\s]', '', 'g'), ':'),
                lambda duration_part: cast(duration_part as bigint)
            ),
            lambda seconds_so_far, duration_part: seconds_so_far * 60 + duration_part
        ) as duration_seconds,
        {{ parse_count('views') }} as views,
        {{ parse_measure('watch_time_hours') }} as watch_time_hours,
        {{ parse_count('subscribers') }} as subscribers_net_change,
        {{ parse_count('impressions') }} as impressions,
        {{ parse_measure('impressions_ctr') }} as impressions_ctr_pct,
        published_on as posted_on,
        cast(published_on as timestamp) as posted_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from videos
),

dedupe as (
    select * from renamed
    qualify row_number() over (
        partition by post_id
        order by loaded_at desc, views desc nulls last, source_file desc
    ) = 1
)

select * from dedupe
