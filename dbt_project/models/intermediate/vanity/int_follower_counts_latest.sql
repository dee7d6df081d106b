-- Each creator's follower count on each platform as of the as-of day, from the best source
-- the exports offer: the last day of a dated series (TikTok Studio, YouTube Studio, the
-- Instagram followers list); otherwise the size of the X follower list (no dates: the count
-- at export time), of an Instagram followers list whose follow times are all unknown
-- (placeholders: no dated series) or the TikTok profile's follower count. Facebook exports
-- carry no count.

with

follower_days as (

    select * from {{ ref('int_follower_days_unioned') }}

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

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

series_latest as (

    select
        creator_id,
        platform,
        arg_max(followers, activity_on) as followers,
        max(activity_on) as counted_on,
        arg_max(follower_source, activity_on) as follower_source,
        1 as source_priority
    from follower_days
    -- a series of daily changes only (YouTube Studio charts of subscribers gained / lost,
    -- no total) has no count
    where followers is not null
    group by creator_id, platform

),

x_counts as (

    select
        creator_accounts.creator_id,
        'x' as platform,
        count(*) as followers,
        cast(null as date) as counted_on,
        'x_follower_list' as follower_source,
        2 as source_priority
    from x_followers
    inner join creator_accounts
        on
            creator_accounts.platform = 'x'
            and lower(x_followers.owner_handle) = lower(creator_accounts.handle)
    group by creator_accounts.creator_id

),

instagram_list_counts as (

    select
        creator_accounts.creator_id,
        'instagram' as platform,
        count(*) as followers,
        cast(null as date) as counted_on,
        'instagram_followers_list' as follower_source,
        2 as source_priority
    from instagram_followers
    inner join creator_accounts
        on
            creator_accounts.platform = 'instagram'
            and lower(instagram_followers.owner_handle) = lower(creator_accounts.handle)
    group by creator_accounts.creator_id

),

tiktok_profile_counts as (

    select
        creator_accounts.creator_id,
        'tiktok' as platform,
        tiktok_profiles.follower_count as followers,
        cast(null as date) as counted_on,
        'tiktok_profile' as follower_source,
        3 as source_priority
    from tiktok_profiles
    inner join creator_accounts
        on
            creator_accounts.platform = 'tiktok'
            and lower(tiktok_profiles.owner_handle) = lower(creator_accounts.handle)
    where tiktok_profiles.follower_count is not null

),

counts_unioned as (

    select * from series_latest
    union all
    select * from x_counts
    union all
    select * from instagram_list_counts
    union all
    select * from tiktok_profile_counts

),

final as (

    select
        creator_id,
        platform,
        cast(followers as bigint) as followers,
        counted_on,
        follower_source
    from counts_unioned
    qualify row_number() over (partition by creator_id, platform order by source_priority) = 1

)

select * from final
