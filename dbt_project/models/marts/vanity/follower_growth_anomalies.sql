-- One row per flagged day: a daily follower gain far above the creator's own recent baseline
-- on that platform (robust z of the change against the median and MAD of the previous
-- `follower_anomaly_baseline_days` days) that engagement did not follow. Each row carries the
-- evidence: the baseline, the lifts, the day's comments and how many of them carry an
-- inauthentic-engagement signal, and the handle shape of the new followers the dated follower
-- lists name.

with

scored_days as (

    select * from {{ ref('int_follower_days_scored') }}

),

new_followers as (

    select * from {{ ref('int_new_followers_classified') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

flagged_days as (

    select * from scored_days
    where is_flagged

),

final as (

    select
        flagged_days.creator_id,
        creator_accounts.creator_name,
        flagged_days.platform,
        flagged_days.activity_on,
        flagged_days.follower_source,
        flagged_days.followers,
        flagged_days.follower_change,
        cast(flagged_days.follower_change - flagged_days.baseline_median_change as bigint)
            as excess_followers,
        flagged_days.baseline_days,
        flagged_days.baseline_median_change,
        flagged_days.baseline_mad_change,
        flagged_days.robust_z,
        flagged_days.follower_lift,
        flagged_days.engaged_audience,
        flagged_days.substantive_engaged_audience,
        flagged_days.baseline_median_engaged,
        flagged_days.engagement_lift,
        flagged_days.audience_comments,
        flagged_days.inauthentic_signal_comments,
        flagged_days.inauthentic_signal_comments
        / nullif(flagged_days.audience_comments, 0) as inauthentic_comment_share,
        new_followers.listed_new_followers,
        new_followers.generated_handle_new_followers,
        new_followers.generated_handle_new_followers
        / nullif(new_followers.listed_new_followers, 0) as generated_handle_share_of_new_followers
    from flagged_days
    inner join creator_accounts
        on
            flagged_days.creator_id = creator_accounts.creator_id
            and flagged_days.platform = creator_accounts.platform
    left join new_followers
        on
            flagged_days.creator_id = new_followers.creator_id
            and flagged_days.platform = new_followers.platform
            and flagged_days.activity_on = new_followers.followed_on

)

select * from final
