-- One row per creator, platform and day with the reach numbers each platform reports, placed
-- on the day they belong to. Per-post lifetime metrics (Meta Business Suite insights, YouTube
-- Studio video impressions, likes and shares, X likes and retweets at export time) sit on the
-- post's publish day; daily dashboards (TikTok Studio overview, YouTube Studio channel views)
-- on their day.
-- A metric a platform does not report stays null.

with

instagram_posts as (

    select * from {{ ref('stg_instagram__posts') }}

),

post_insights as (

    select * from {{ ref('stg_meta_business_suite__post_insights') }}

),

facebook_posts as (

    select * from {{ ref('stg_facebook__posts') }}

),

tiktok_videos as (

    select * from {{ ref('stg_tiktok__videos') }}

),

tiktok_overview_days as (

    select * from {{ ref('stg_tiktok_studio__overview_days') }}

),

youtube_videos as (

    select * from {{ ref('stg_youtube_studio__videos') }}

),

youtube_channel_days as (

    select * from {{ ref('stg_youtube_studio__channel_days') }}

),

tweets as (

    select * from {{ ref('stg_x__tweets') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

metrics_unioned as (

    select
        'instagram' as platform,
        owner_handle,
        cast(posted_at as date) as activity_on,
        1 as post_count,
        cast(null as bigint) as view_count,
        cast(null as bigint) as reach,
        cast(null as bigint) as impression_count,
        cast(null as bigint) as like_count,
        cast(null as bigint) as share_count,
        cast(null as bigint) as save_count
    from instagram_posts

    union all

    select
        'instagram' as platform,
        owner_handle,
        cast(published_at as date) as activity_on,
        0 as post_count,
        view_count,
        reach,
        cast(null as bigint) as impression_count,
        like_count,
        share_count,
        save_count
    from post_insights

    union all

    select
        'facebook' as platform,
        owner_handle,
        cast(posted_at as date) as activity_on,
        1 as post_count,
        cast(null as bigint) as view_count,
        cast(null as bigint) as reach,
        cast(null as bigint) as impression_count,
        cast(null as bigint) as like_count,
        cast(null as bigint) as share_count,
        cast(null as bigint) as save_count
    from facebook_posts

    union all

    select
        'tiktok' as platform,
        owner_handle,
        cast(posted_at as date) as activity_on,
        1 as post_count,
        cast(null as bigint) as view_count,
        cast(null as bigint) as reach,
        cast(null as bigint) as impression_count,
        cast(null as bigint) as like_count,
        cast(null as bigint) as share_count,
        cast(null as bigint) as save_count
    from tiktok_videos

    union all

    select
        'tiktok' as platform,
        owner_handle,
        activity_on,
        0 as post_count,
        video_view_count as view_count,
        cast(null as bigint) as reach,
        cast(null as bigint) as impression_count,
        like_count,
        share_count,
        cast(null as bigint) as save_count
    from tiktok_overview_days

    union all

    select
        'youtube' as platform,
        owner_handle,
        posted_on as activity_on,
        1 as post_count,
        cast(null as bigint) as view_count,
        cast(null as bigint) as reach,
        impressions as impression_count,
        like_count,
        share_count,
        cast(null as bigint) as save_count
    from youtube_videos

    union all

    select
        'youtube' as platform,
        owner_handle,
        activity_on,
        0 as post_count,
        view_count,
        cast(null as bigint) as reach,
        cast(null as bigint) as impression_count,
        cast(null as bigint) as like_count,
        cast(null as bigint) as share_count,
        cast(null as bigint) as save_count
    from youtube_channel_days

    union all

    select
        'x' as platform,
        owner_handle,
        cast(tweeted_at as date) as activity_on,
        case when is_reply then 0 else 1 end as post_count,
        cast(null as bigint) as view_count,
        cast(null as bigint) as reach,
        cast(null as bigint) as impression_count,
        favorite_count as like_count,
        retweet_count as share_count,
        cast(null as bigint) as save_count
    from tweets

),

final as (

    select
        creator_accounts.creator_id,
        metrics_unioned.platform,
        metrics_unioned.activity_on,
        sum(metrics_unioned.post_count) as post_count,
        sum(metrics_unioned.view_count) as view_count,
        sum(metrics_unioned.reach) as reach,
        sum(metrics_unioned.impression_count) as impression_count,
        sum(metrics_unioned.like_count) as like_count,
        sum(metrics_unioned.share_count) as share_count,
        sum(metrics_unioned.save_count) as save_count
    from metrics_unioned
    inner join creator_accounts
        on
            metrics_unioned.platform = creator_accounts.platform
            and lower(metrics_unioned.owner_handle) = lower(creator_accounts.handle)
    where metrics_unioned.activity_on <= {{ as_of_date() }}
    group by creator_accounts.creator_id, metrics_unioned.platform, metrics_unioned.activity_on

)

select * from final
