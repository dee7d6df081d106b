-- New followers per creator, platform and day as the dated follower lists show them (the
-- registry's `follower_lists`: Instagram followers_1.json, TikTok FansList), with how many
-- of them have a handle shaped like a bulk-created account (flagged in staging, where the
-- handle still exists). TikTok's FansList keeps just the most recent fans (5,000 at most), so
-- older TikTok days are missing or undercounted: `listed_new_followers` says how many were
-- listed, to compare with the day's follower change.

with

followers as (

    select * from {{ ref('int_follower_lists_unioned') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

final as (

    select
        creator_accounts.creator_id,
        followers.platform,
        cast(followers.followed_at as date) as followed_on,
        count(*) as listed_new_followers,
        count(*) filter (where followers.follower_handle_looks_generated)
            as generated_handle_new_followers
    from followers
    inner join creator_accounts
        on
            followers.platform = creator_accounts.platform
            and lower(followers.owner_handle) = lower(creator_accounts.handle)
    where followers.followed_at is not null
    group by creator_accounts.creator_id, followers.platform, cast(followers.followed_at as date)

)

select * from final
