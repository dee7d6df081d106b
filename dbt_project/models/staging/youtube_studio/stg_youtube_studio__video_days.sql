{#- Per-video days of a chart split by content (`Date,Content,Video title,...,<metric>`); like
    the channel's days, a video's day combines the reports that chart it. -#}
{%- set latest_non_null = [
    'view_count', 'watch_time_hours', 'subscribers_net_change', 'subscribers_gained',
    'subscribers_lost', 'impressions', 'impressions_ctr_pct', 'like_count', 'comment_count',
    'share_count',
] %}

with

source as (
    select * from {{ source('raw', 'youtube_studio_daily') }}
),

renamed as (
    select
        -- Studio writes a space before an id that begins with `-`
        trim(video_id) as post_id,
        _export_owner as owner_handle,
        activity_date as activity_on,
        {{ parse_count('views') }} as view_count,
        {{ parse_measure('watch_time_hours') }} as watch_time_hours,
        {{ parse_count('subscribers') }} as subscribers_net_change,
        {{ parse_count('subscribers_gained') }} as subscribers_gained,
        -- a count of people, whichever sign Studio gives it
        abs({{ parse_count('subscribers_lost') }}) as subscribers_lost,
        {{ parse_count('impressions') }} as impressions,
        {{ parse_measure('impressions_ctr') }} as impressions_ctr_pct,
        {{ parse_count('likes') }} as like_count,
        {{ parse_count('comments_added') }} as comment_count,
        {{ parse_count('shares') }} as share_count,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
    -- a day the loader left null (before YouTube launched or after the export:
    -- raw._load_notes says why) is no day
    where video_id is not null and activity_date is not null
),

ranked as (
    select
        *,
        row_number() over (
            partition by post_id, activity_on
            order by loaded_at desc, source_file desc
        ) as recency_rank
    from renamed
),

combined as (
    select
        post_id,
        activity_on,
        arg_min(owner_handle, recency_rank) as owner_handle,
        {% for column in latest_non_null -%}
            -- arg_min skips the rows where the column is null
            arg_min({{ column }}, recency_rank) as {{ column }},
        {% endfor -%}
        arg_min(source_file, recency_rank) as source_file,
        max(loaded_at) as loaded_at
    from ranked
    group by post_id, activity_on
),

final as (
    select
        post_id,
        owner_handle,
        activity_on,
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
        source_file,
        loaded_at
    from combined
)

select * from final
