-- Reach next to the engagement it buys, per creator, platform and calendar month (UTC), from
-- the creator's first month of activity on the platform to the as-of month. Reach numbers are
-- what each platform reports (a metric a platform does not report is null, never 0); the
-- engagement side is counted from the comment and message exports.
{#- which platforms report which metric: the registry (var `platforms`, dbt_project.yml) -#}
{%- set metrics = [
    'view_count', 'reach', 'impression_count', 'like_count', 'share_count', 'save_count',
    'comment_count',
] %}

with

reach_days as (

    select * from {{ ref('int_reach_days_unioned') }}

),

interactions as (

    select * from {{ ref('int_interactions_classified') }}

),

follower_days as (

    select * from {{ ref('int_follower_days_unioned') }}

),

follower_counts as (

    select * from {{ ref('int_follower_counts_latest') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

as_of as (

    select {{ as_of_date() }} as as_of_on

),

reach_months as (

    select
        creator_id,
        platform,
        date_trunc('month', activity_on) as month_start,
        min(activity_on) as first_day,
        sum(post_count) as post_count,
        sum(view_count) as view_count,
        sum(reach) as reach,
        sum(impression_count) as impression_count,
        sum(like_count) as like_count,
        sum(share_count) as share_count,
        sum(save_count) as save_count
    from reach_days
    group by creator_id, platform, date_trunc('month', activity_on)

),

engagement_months as (

    select
        creator_id,
        platform,
        date_trunc('month', activity_on) as month_start,
        min(activity_on) as first_day,
        count(*) filter (where is_audience_side and kind in ('comment', 'reply')) as comment_count,
        count(distinct audience_member_key) filter (where is_audience_side)
            as unique_engaged_audience,
        count(*) filter (where is_two_way_exchange) as two_way_exchanges
    from interactions
    -- the platforms the reach audit covers: those with reach sources in the registry
    where platform in ({{ platform_list_sql(platforms_where('reach_days')) }})
    group by creator_id, platform, date_trunc('month', activity_on)

),

follower_months as (

    select
        creator_id,
        platform,
        date_trunc('month', activity_on) as month_start,
        arg_max(followers, activity_on) as followers_end_of_month,
        sum(follower_change) as follower_growth,
        arg_max(follower_source, activity_on) as follower_source
    from follower_days
    group by creator_id, platform, date_trunc('month', activity_on)

),

undated_follower_counts as (

    -- a count without a date (the X follower list) belongs to the as-of month only
    select
        follower_counts.creator_id,
        follower_counts.platform,
        date_trunc('month', as_of.as_of_on) as month_start,
        follower_counts.followers,
        follower_counts.follower_source
    from follower_counts
    cross join as_of
    where follower_counts.counted_on is null

),

first_days_unioned as (

    select
        creator_id,
        platform,
        first_day
    from reach_months

    union all

    select
        creator_id,
        platform,
        first_day
    from engagement_months

),

activity_spans as (

    select
        creator_id,
        platform,
        min(first_day) as first_day
    from first_days_unioned
    group by creator_id, platform

),

months as (

    select
        activity_spans.creator_id,
        activity_spans.platform,
        activity_spans.first_day,
        as_of.as_of_on,
        cast(
            unnest(
                generate_series(
                    date_trunc('month', activity_spans.first_day),
                    date_trunc('month', as_of.as_of_on),
                    interval 1 month
                )
            ) as date
        ) as month_start
    from activity_spans
    cross join as_of

),

joined as (

    select
        months.creator_id,
        creator_accounts.creator_name,
        months.platform,
        months.month_start,
        months.month_start >= months.first_day
        and last_day(months.month_start) <= months.as_of_on as is_complete_month,
        coalesce(
            follower_months.followers_end_of_month, undated_follower_counts.followers
        ) as followers_end_of_month,
        follower_months.follower_growth,
        coalesce(follower_months.follower_source, undated_follower_counts.follower_source)
            as follower_source,
        coalesce(reach_months.post_count, 0) as post_count,
        {% for metric in metrics %}
            {%- set source = 'reach_months' %}
            {%- if metric == 'comment_count' %}{% set source = 'engagement_months' %}{% endif %}
            case
                when months.platform in ({{ platform_list_sql(platforms_reporting(metric)) }})
                    then coalesce({{ source }}.{{ metric }}, 0)
            end as {{ metric }},
        {% endfor %}
        coalesce(engagement_months.unique_engaged_audience, 0) as unique_engaged_audience,
        coalesce(engagement_months.two_way_exchanges, 0) as two_way_exchanges
    from months
    inner join creator_accounts
        on
            months.creator_id = creator_accounts.creator_id
            and months.platform = creator_accounts.platform
    left join reach_months
        on
            months.creator_id = reach_months.creator_id
            and months.platform = reach_months.platform
            and months.month_start = reach_months.month_start
    left join engagement_months
        on
            months.creator_id = engagement_months.creator_id
            and months.platform = engagement_months.platform
            and months.month_start = engagement_months.month_start
    left join follower_months
        on
            months.creator_id = follower_months.creator_id
            and months.platform = follower_months.platform
            and months.month_start = follower_months.month_start
    left join undated_follower_counts
        on
            months.creator_id = undated_follower_counts.creator_id
            and months.platform = undated_follower_counts.platform
            and months.month_start = undated_follower_counts.month_start

),

with_reach_basis as (

    select
        *,
        {{ reach_basis_case('platform', 'label') }} as reach_basis,
        {{ reach_basis_case('platform', 'metric') }} as reach_for_ratios,
        coalesce(like_count, 0)
        + coalesce(share_count, 0)
        + coalesce(save_count, 0)
        + coalesce(comment_count, 0) as engagement_count
    from joined

),

final as (

    select
        creator_id,
        creator_name,
        platform,
        cast(month_start as date) as month_start,
        is_complete_month,
        cast(followers_end_of_month as bigint) as followers_end_of_month,
        cast(follower_growth as bigint) as follower_growth,
        follower_source,
        cast(post_count as bigint) as post_count,
        cast(view_count as bigint) as view_count,
        cast(reach as bigint) as reach,
        cast(impression_count as bigint) as impression_count,
        cast(like_count as bigint) as like_count,
        cast(share_count as bigint) as share_count,
        cast(save_count as bigint) as save_count,
        cast(comment_count as bigint) as comment_count,
        cast(engagement_count as bigint) as engagement_count,
        reach_basis,
        cast(reach_for_ratios as bigint) as reach_for_ratios,
        cast(unique_engaged_audience as bigint) as unique_engaged_audience,
        cast(two_way_exchanges as bigint) as two_way_exchanges,
        unique_engaged_audience / nullif(followers_end_of_month, 0) as engaged_share_of_followers,
        engagement_count / nullif(followers_end_of_month, 0) as engagement_rate_by_followers,
        engagement_count / nullif(reach_for_ratios, 0) as engagement_rate_by_reach,
        1000 * comment_count / nullif(view_count, 0) as comments_per_1000_views,
        10000 * two_way_exchanges / nullif(followers_end_of_month, 0)
            as two_way_exchanges_per_10k_followers,
        reach_for_ratios / nullif(two_way_exchanges, 0) as vanity_ratio
    from with_reach_basis

)

select * from final
