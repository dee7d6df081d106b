with

source as (
    select * from {{ source('raw', 'youtube_studio_videos') }}
),

videos as (
    select
        *,
        string_split(
            regexp_replace({{ null_if_placeholder('duration') }}, '[,\s]', '', 'g'), ':'
        ) as duration_parts
    from source
    where lower(trim(video_id)) <> 'total'
),

renamed as (
    select
        trim(video_id) as post_id,
        _export_owner as owner_handle,
        video_title,
        content_type,
        content_type = 'Live' as is_live,
        case
            when duration_parts is not null
                then
                    coalesce(cast(duration_parts[-3] as bigint), 0) * 3600
                    + coalesce(cast(duration_parts[-2] as bigint), 0) * 60
                    + cast(duration_parts[-1] as bigint)
        end as duration_seconds,
        {{ parse_count('views') }} as view_count,
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
        order by loaded_at desc, view_count desc nulls last, source_file desc
    ) = 1
)

select * from dedupe
