-- New followers per creator, platform and day as the dated follower lists show them
-- (Instagram followers_1.json, TikTok FansList), with how many of them have a handle shaped
-- like a bulk-created account (flagged in staging, where the handle still exists). TikTok's FansList keeps just the most recent fans
-- (5,000 at most), so older TikTok days are missing or undercounted: `listed_new_followers`
-- says how many were listed, to compare with the day's follower change.

with

instagram_followers as (

    select * from {{ ref('stg_instagram__followers') }}

),

tiktok_followers as (

    select * from {{ ref('stg_tiktok__followers') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

followers_unioned as (

    select
        'instagram' as platform,
        owner_handle,
        cast(followed_at as date) as followed_on,
        follower_handle_looks_generated as handle_looks_generated
    from instagram_followers

    union all

    select
        'tiktok' as platform,
        owner_handle,
        cast(followed_at as date) as followed_on,
        follower_handle_looks_generated as handle_looks_generated
    from tiktok_followers

),

final as (

    select
        creator_accounts.creator_id,
        followers_unioned.platform,
        followers_unioned.followed_on,
        count(*) as listed_new_followers,
        count(*) filter (where followers_unioned.handle_looks_generated)
            as generated_handle_new_followers
    from followers_unioned
    inner join creator_accounts
        on
            followers_unioned.platform = creator_accounts.platform
            and lower(followers_unioned.owner_handle) = lower(creator_accounts.handle)
    where followers_unioned.followed_on is not null
    group by creator_accounts.creator_id, followers_unioned.platform, followers_unioned.followed_on

)

select * from final
