-- One row per creator, platform and day with a dated follower series: followers at the end
-- of the day and the change that day, from every registry `follower_series` source (var
-- `platforms`, dbt_project.yml). Two kinds of export give a series:
--   daily_totals: a dashboard's daily follower total and/or change (TikTok Studio
--     FollowerHistory, YouTube Studio total subscribers); a missing change is the day's total
--     minus the previous day's;
--   follow_times: a follower list with follow timestamps (Instagram followers_1.json): daily
--     follows of today's followers, counted up from the first follow (unfollows are invisible
--     there; followers listed without a time count from the first day on).
-- Platforms without either (X follower.js has no dates, Facebook exports no follower
-- history) have no daily series.

with

daily_totals as (

    {{ platform_union('follower_series', kind='daily_totals') }}

),

follow_times as (

    {{ platform_union('follower_series', kind='follow_times') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

totals_days as (

    select
        platform,
        owner_handle,
        activity_on,
        followers,
        coalesce(
            follower_change,
            followers - lag(followers) over (
                partition by platform, source_name, owner_handle order by activity_on
            )
        ) as follower_change,
        source_name as follower_source
    from daily_totals

),

follows as (

    select
        platform,
        source_name,
        owner_handle,
        cast(followed_at as date) as followed_on,
        count(*) as follows
    from follow_times
    group by platform, source_name, owner_handle, cast(followed_at as date)

),

follow_spans as (

    select
        platform,
        source_name,
        owner_handle,
        min(followed_on) as first_day,
        sum(follows) filter (where followed_on is null) as undated_followers
    from follows
    group by platform, source_name, owner_handle

),

follow_calendar as (

    select
        platform,
        source_name,
        owner_handle,
        coalesce(undated_followers, 0) as undated_followers,
        cast(
            unnest(generate_series(first_day, {{ as_of_date() }}, interval 1 day)) as date
        ) as activity_on
    from follow_spans
    where first_day is not null

),

follow_days as (

    select
        follow_calendar.platform,
        follow_calendar.owner_handle,
        follow_calendar.activity_on,
        follow_calendar.undated_followers
        + sum(coalesce(follows.follows, 0)) over (
            partition by
                follow_calendar.platform, follow_calendar.source_name,
                follow_calendar.owner_handle
            order by follow_calendar.activity_on
        ) as followers,
        coalesce(follows.follows, 0) as follower_change,
        follow_calendar.source_name as follower_source
    from follow_calendar
    left join follows
        on
            follow_calendar.platform = follows.platform
            and follow_calendar.source_name = follows.source_name
            and follow_calendar.owner_handle = follows.owner_handle
            and follow_calendar.activity_on = follows.followed_on

),

days_unioned as (

    select * from totals_days
    union all
    select * from follow_days

),

final as (

    select
        creator_accounts.creator_id,
        days_unioned.platform,
        days_unioned.activity_on,
        cast(days_unioned.followers as bigint) as followers,
        cast(days_unioned.follower_change as bigint) as follower_change,
        days_unioned.follower_source
    from days_unioned
    inner join creator_accounts
        on
            days_unioned.platform = creator_accounts.platform
            and lower(days_unioned.owner_handle) = lower(creator_accounts.handle)
    where days_unioned.activity_on <= {{ as_of_date() }}

)

select * from final
