{#- Studio writes the metrics the user selected, one report at a time: each is taken from the
    latest loaded snapshot that has it. -#}
{%- set latest_non_null = [
    'video_title', 'content_type', 'duration_seconds', 'view_count', 'watch_time_hours',
    'subscribers_net_change', 'impressions', 'impressions_ctr_pct', 'like_count',
    'comment_count', 'share_count', 'subscribers_gained', 'subscribers_lost', 'posted_on',
] %}

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
        -- Studio writes a space before an id that begins with `-`
        trim(video_id) as post_id,
        _export_owner as owner_handle,
        video_title,
        {{ null_if_placeholder('content_type') }} as content_type,
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
        {{ parse_count('likes') }} as like_count,
        {{ parse_count('comments_added') }} as comment_count,
        {{ parse_count('shares') }} as share_count,
        {{ parse_count('subscribers_gained') }} as subscribers_gained,
        -- a count of people, whichever sign Studio gives it
        abs({{ parse_count('subscribers_lost') }}) as subscribers_lost,
        published_on as posted_on,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from videos
),

ranked as (
    select
        *,
        row_number() over (
            partition by post_id
            order by loaded_at desc, view_count desc nulls last, source_file desc
        ) as recency_rank
    from renamed
),

combined as (
    select
        post_id,
        arg_min(owner_handle, recency_rank) as owner_handle,
        {% for column in latest_non_null -%}
            -- arg_min skips the rows where the column is null
            arg_min({{ column }}, recency_rank) as {{ column }},
        {% endfor -%}
        arg_min(source_file, recency_rank) as source_file,
        max(loaded_at) as loaded_at
    from ranked
    group by post_id
),

final as (
    select
        post_id,
        owner_handle,
        video_title,
        content_type,
        coalesce(content_type = 'Live', false) as is_live,
        duration_seconds,
        view_count,
        watch_time_hours,
        coalesce(subscribers_net_change, subscribers_gained - subscribers_lost)
            as subscribers_net_change,
        subscribers_gained,
        subscribers_lost,
        impressions,
        impressions_ctr_pct,
        like_count,
        comment_count,
        share_count,
        posted_on,
        cast(posted_on as timestamp) as posted_at,
        source_file,
        loaded_at
    from combined
)

select * from final
