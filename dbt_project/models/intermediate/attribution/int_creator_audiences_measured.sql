-- Each creator's audience (reach) per platform, from the latest figure their exports give:
-- X and Instagram followers (the full follower lists), TikTok followers (the profile's
-- count, else TikTok Studio's latest day, else the follower list), YouTube subscribers
-- (YouTube Studio's latest day) and LinkedIn first-degree connections. Facebook exports
-- carry no follower figure and are left out.

with

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

x_followers as (

    select * from {{ ref('stg_x__followers') }}

),

instagram_followers as (

    select * from {{ ref('stg_instagram__followers') }}

),

tiktok_profiles as (

    select * from {{ ref('stg_tiktok__profiles') }}

),

tiktok_follower_days as (

    select * from {{ ref('stg_tiktok_studio__follower_days') }}

),

tiktok_followers as (

    select * from {{ ref('stg_tiktok__followers') }}

),

youtube_channel_days as (

    select * from {{ ref('stg_youtube_studio__channel_days') }}

),

linkedin_connections as (

    select * from {{ ref('stg_linkedin__connections') }}

),

tiktok_list_counts as (

    select
        owner_handle,
        count(distinct follower_key) as audience_size
    from tiktok_followers
    group by owner_handle

),

tiktok_studio_latest as (

    select
        owner_handle,
        max_by(followers, activity_on) as audience_size
    from tiktok_follower_days
    group by owner_handle

),

tiktok_audiences as (

    select
        coalesce(
            tiktok_profiles.owner_handle,
            tiktok_studio_latest.owner_handle,
            tiktok_list_counts.owner_handle
        ) as owner_handle,
        coalesce(
            tiktok_profiles.follower_count,
            tiktok_studio_latest.audience_size,
            tiktok_list_counts.audience_size
        ) as audience_size,
        case
            when tiktok_profiles.follower_count is not null then 'profile_follower_count'
            when tiktok_studio_latest.audience_size is not null then 'studio_latest_followers'
            else 'follower_list'
        end as measured_from
    from tiktok_profiles
    full outer join tiktok_studio_latest
        on tiktok_profiles.owner_handle = tiktok_studio_latest.owner_handle
    full outer join tiktok_list_counts
        on
            coalesce(tiktok_profiles.owner_handle, tiktok_studio_latest.owner_handle)
            = tiktok_list_counts.owner_handle

),

platform_audiences as (

    select
        'x' as platform,
        owner_handle,
        count(distinct follower_key) as audience_size,
        'follower_list' as measured_from
    from x_followers
    group by owner_handle

    union all

    select
        'instagram' as platform,
        owner_handle,
        count(distinct follower_key) as audience_size,
        'follower_list' as measured_from
    from instagram_followers
    group by owner_handle

    union all

    select
        'tiktok' as platform,
        owner_handle,
        audience_size,
        measured_from
    from tiktok_audiences

    union all

    select
        'youtube' as platform,
        owner_handle,
        max_by(total_subscribers, activity_on) as audience_size,
        'studio_latest_subscribers' as measured_from
    from youtube_channel_days
    group by owner_handle

    union all

    select
        'linkedin' as platform,
        owner_handle,
        count(distinct connection_key) as audience_size,
        'connections' as measured_from
    from linkedin_connections
    group by owner_handle

),

final as (

    select
        creator_accounts.creator_id,
        platform_audiences.platform,
        cast(platform_audiences.audience_size as bigint) as audience_size,
        platform_audiences.measured_from
    from platform_audiences
    inner join creator_accounts
        on
            platform_audiences.platform = creator_accounts.platform
            and lower(platform_audiences.owner_handle) = lower(creator_accounts.handle)
    where platform_audiences.audience_size is not null

)

select * from final
