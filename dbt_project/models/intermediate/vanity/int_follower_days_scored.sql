-- Every day of every dated follower series, scored against the creator's own recent past on
-- that platform. The follower change is compared with the median and the median absolute
-- deviation (MAD) of the previous `follower_anomaly_baseline_days` days (robust z, see
-- `vanity_robust_z`), and the day's engagement with its own median over the same days.
-- A day is a spike when its robust z reaches `follower_anomaly_min_robust_z`; a spike is
-- matched by engagement when the substantive engaged audience rose by at least
-- `follower_anomaly_engagement_match_share` of the relative follower rise. A spike that is not
-- matched is flagged.
{%- set baseline_days = var('follower_anomaly_baseline_days') %}
{%- set min_history_days = var('follower_anomaly_min_history_days') %}
{%- set min_z = var('follower_anomaly_min_robust_z') %}
{%- set match_share = var('follower_anomaly_engagement_match_share') %}

with

follower_days as (

    select * from {{ ref('int_follower_days_unioned') }}

),

interactions as (

    select * from {{ ref('int_interactions_classified') }}

),

engagement_days as (

    select
        creator_id,
        platform,
        activity_on,
        count(distinct audience_member_key) as engaged_audience,
        count(distinct audience_member_key) filter (where not has_inauthentic_signal)
            as substantive_engaged_audience,
        count(*) filter (where kind in ('comment', 'reply')) as audience_comments,
        count(*) filter (where kind in ('comment', 'reply') and has_inauthentic_signal)
            as inauthentic_signal_comments
    from interactions
    where is_audience_side
    group by creator_id, platform, activity_on

),

days_joined as (

    select
        follower_days.*,
        coalesce(engagement_days.engaged_audience, 0) as engaged_audience,
        coalesce(engagement_days.substantive_engaged_audience, 0)
            as substantive_engaged_audience,
        coalesce(engagement_days.audience_comments, 0) as audience_comments,
        coalesce(engagement_days.inauthentic_signal_comments, 0) as inauthentic_signal_comments
    from follower_days
    left join engagement_days
        on
            follower_days.creator_id = engagement_days.creator_id
            and follower_days.platform = engagement_days.platform
            and follower_days.activity_on = engagement_days.activity_on

),

baselines as (

    select
        *,
        count(follower_change) over baseline as baseline_days,
        median(follower_change) over baseline as baseline_median_change,
        mad(follower_change) over baseline as baseline_mad_change,
        median(substantive_engaged_audience) over baseline as baseline_median_engaged
    from days_joined
    window baseline as (
        partition by creator_id, platform
        order by activity_on
        range between interval {{ baseline_days }} days preceding and interval 1 day preceding
    )

),

scored as (

    select
        *,
        {{ vanity_robust_z('follower_change', 'baseline_median_change', 'baseline_mad_change') }}
            as robust_z,
        follower_change / greatest(baseline_median_change, 1) as follower_lift,
        substantive_engaged_audience / greatest(baseline_median_engaged, 1) as engagement_lift
    from baselines

),

flagged as (

    select
        *,
        coalesce(
            baseline_days >= {{ min_history_days }} and robust_z >= {{ min_z }}, false
        ) as is_follower_spike,
        coalesce(
            engagement_lift - 1 >= {{ match_share }} * (follower_lift - 1), false
        ) as is_matched_by_engagement
    from scored

),

final as (

    select
        creator_id,
        platform,
        activity_on,
        followers,
        follower_change,
        follower_source,
        baseline_days,
        baseline_median_change,
        baseline_mad_change,
        robust_z,
        follower_lift,
        engaged_audience,
        substantive_engaged_audience,
        baseline_median_engaged,
        engagement_lift,
        audience_comments,
        inauthentic_signal_comments,
        is_follower_spike,
        is_matched_by_engagement,
        is_follower_spike and not is_matched_by_engagement as is_flagged
    from flagged

)

select * from final
