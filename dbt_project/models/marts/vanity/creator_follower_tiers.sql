-- One row per creator and platform of creator_reach_monthly: the follower tier, the
-- engagement rate by followers over the trailing window (`vanity_window_days`, ending on the
-- as-of day) and where that rate stands among the creators of the same tier on the same
-- platform, plus the month-over-month trend of engagement_count per post over the last
-- `vanity_trend_months` complete months. Without a follower count (Facebook) the tier, rate
-- and percentile are null and only the trend is given.
{%- set window_days = var('vanity_window_days') %}
{%- set trend_months = var('vanity_trend_months') %}

with

follower_counts as (

    select * from {{ ref('int_follower_counts_latest') }}

),

reach_days as (

    select * from {{ ref('int_reach_days_unioned') }}

),

interactions as (

    select * from {{ ref('int_interactions_classified') }}

),

reach_months as (

    select * from {{ ref('creator_reach_monthly') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

reporting_window as (

    select
        {{ as_of_date() }} - {{ window_days - 1 }} as window_start,
        {{ as_of_date() }} as window_end

),

window_reactions as (

    select
        reach_days.creator_id,
        reach_days.platform,
        sum(
            coalesce(reach_days.like_count, 0)
            + coalesce(reach_days.share_count, 0)
            + coalesce(reach_days.save_count, 0)
        ) as reactions
    from reach_days
    cross join reporting_window
    where
        reach_days.activity_on
        between reporting_window.window_start and reporting_window.window_end
    group by reach_days.creator_id, reach_days.platform

),

window_comments as (

    select
        interactions.creator_id,
        interactions.platform,
        count(*) as comment_count
    from interactions
    cross join reporting_window
    where
        interactions.is_audience_side
        and interactions.kind in ('comment', 'reply')
        and interactions.platform in ({{ platform_list_sql(platforms_where('comments')) }})
        and interactions.activity_on
        between reporting_window.window_start and reporting_window.window_end
    group by interactions.creator_id, interactions.platform

),

recent_complete_months as (

    select
        creator_id,
        platform,
        month_start,
        engagement_count / nullif(post_count, 0) as engagements_per_post
    from reach_months
    where is_complete_month
    qualify
        row_number() over (partition by creator_id, platform order by month_start desc)
        <= {{ trend_months }}

),

trends as (

    -- least-squares slope of ln(engagement_count per post) on the month number: exp(slope) - 1
    -- is the average relative change from one month to the next (per post, so a month with
    -- more post_count is not a month of stronger engagement)
    select
        creator_id,
        platform,
        count(*) filter (where engagements_per_post > 0) as trend_months,
        exp(
            regr_slope(
                ln(nullif(engagements_per_post, 0)),
                year(month_start) * 12 + month(month_start)
            )
        ) - 1 as monthly_engagement_per_post_change
    from recent_complete_months
    group by creator_id, platform

),

creator_platforms as (

    select distinct
        creator_id,
        platform
    from reach_months

),

rates as (

    select
        creator_platforms.creator_id,
        creator_accounts.creator_name,
        creator_platforms.platform,
        follower_counts.followers,
        follower_counts.counted_on as followers_counted_on,
        follower_counts.follower_source,
        {{ vanity_follower_tier('follower_counts.followers') }} as follower_tier,
        reporting_window.window_start,
        reporting_window.window_end,
        coalesce(window_reactions.reactions, 0) + coalesce(window_comments.comment_count, 0)
            as window_engagement_count,
        (coalesce(window_reactions.reactions, 0) + coalesce(window_comments.comment_count, 0))
        / nullif(follower_counts.followers, 0) as engagement_rate_by_followers,
        trends.trend_months,
        case when trends.trend_months >= 3 then trends.monthly_engagement_per_post_change end
            as monthly_engagement_per_post_change
    from creator_platforms
    cross join reporting_window
    inner join creator_accounts
        on
            creator_platforms.creator_id = creator_accounts.creator_id
            and creator_platforms.platform = creator_accounts.platform
    left join follower_counts
        on
            creator_platforms.creator_id = follower_counts.creator_id
            and creator_platforms.platform = follower_counts.platform
    left join window_reactions
        on
            creator_platforms.creator_id = window_reactions.creator_id
            and creator_platforms.platform = window_reactions.platform
    left join window_comments
        on
            creator_platforms.creator_id = window_comments.creator_id
            and creator_platforms.platform = window_comments.platform
    left join trends
        on
            creator_platforms.creator_id = trends.creator_id
            and creator_platforms.platform = trends.platform

),

percentiles as (

    -- percentile rank: peers below plus half the peers tied (itself included), over all peers
    select
        *,
        case
            when engagement_rate_by_followers is not null
                then count(engagement_rate_by_followers) over tier_peers
        end as tier_peer_count,
        case
            when engagement_rate_by_followers is not null
                then
                    100 * (
                        rank() over tier_peers_by_rate - 1
                        + 0.5 * count(*) over (
                            partition by platform, follower_tier, engagement_rate_by_followers
                        )
                    ) / count(engagement_rate_by_followers) over tier_peers
        end as engagement_percentile_in_tier
    from rates
    window
        tier_peers as (partition by platform, follower_tier),
        tier_peers_by_rate as (
            partition by platform, follower_tier order by engagement_rate_by_followers
        )

),

final as (

    select
        creator_id,
        creator_name,
        platform,
        cast(followers as bigint) as followers,
        followers_counted_on,
        follower_source,
        follower_tier,
        cast(window_start as date) as window_start,
        cast(window_end as date) as window_end,
        cast(window_engagement_count as bigint) as window_engagement_count,
        engagement_rate_by_followers,
        cast(tier_peer_count as bigint) as tier_peer_count,
        engagement_percentile_in_tier,
        cast(coalesce(trend_months, 0) as bigint) as trend_months,
        monthly_engagement_per_post_change
    from percentiles

)

select * from final
