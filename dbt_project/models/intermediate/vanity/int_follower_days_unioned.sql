-- One row per creator, platform and day with a dated follower series: followers at the end
-- of the day and the change that day. Each platform's series comes from a different export:
-- TikTok Studio FollowerHistory, YouTube Studio Chart data (total subscribers), and the
-- Instagram followers list, whose follow timestamps give daily follows of today's followers
-- (unfollows are invisible there). X follower.js has no dates and Facebook exports no
-- follower history, so neither has a daily series.

with

tiktok_follower_days as (

    select * from {{ ref('stg_tiktok_studio__follower_days') }}

),

youtube_channel_days as (

    select * from {{ ref('stg_youtube_studio__channel_days') }}

),

instagram_followers as (

    select * from {{ ref('stg_instagram__followers') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

tiktok_days as (

    select
        'tiktok' as platform,
        owner_handle,
        activity_on,
        followers,
        coalesce(
            follower_change,
            followers - lag(followers) over (partition by owner_handle order by activity_on)
        ) as follower_change,
        'tiktok_studio_follower_history' as follower_source
    from tiktok_follower_days

),

youtube_days as (

    select
        'youtube' as platform,
        owner_handle,
        activity_on,
        total_subscribers as followers,
        coalesce(
            subscribers_net_change,
            total_subscribers
            - lag(total_subscribers) over (partition by owner_handle order by activity_on)
        ) as follower_change,
        'youtube_studio_total_subscribers' as follower_source
    from youtube_channel_days
    -- days charted only for other metrics (views, likes) are no part of the follower series
    where total_subscribers is not null or subscribers_net_change is not null

),

instagram_follows as (

    select
        owner_handle,
        cast(followed_at as date) as followed_on,
        count(*) as follows
    from instagram_followers
    group by owner_handle, cast(followed_at as date)

),

instagram_spans as (

    select
        owner_handle,
        min(followed_on) as first_day,
        -- followers listed without a follow time count from the first day on
        sum(follows) filter (where followed_on is null) as undated_followers
    from instagram_follows
    group by owner_handle

),

instagram_calendar as (

    select
        owner_handle,
        coalesce(undated_followers, 0) as undated_followers,
        cast(
            unnest(generate_series(first_day, {{ as_of_date() }}, interval 1 day)) as date
        ) as activity_on
    from instagram_spans
    where first_day is not null

),

instagram_days as (

    select
        'instagram' as platform,
        instagram_calendar.owner_handle,
        instagram_calendar.activity_on,
        instagram_calendar.undated_followers
        + sum(coalesce(instagram_follows.follows, 0)) over (
            partition by instagram_calendar.owner_handle
            order by instagram_calendar.activity_on
        ) as followers,
        coalesce(instagram_follows.follows, 0) as follower_change,
        'instagram_followers_list' as follower_source
    from instagram_calendar
    left join instagram_follows
        on
            instagram_calendar.owner_handle = instagram_follows.owner_handle
            and instagram_calendar.activity_on = instagram_follows.followed_on

),

days_unioned as (

    select * from tiktok_days
    union all
    select * from youtube_days
    union all
    select * from instagram_days

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
