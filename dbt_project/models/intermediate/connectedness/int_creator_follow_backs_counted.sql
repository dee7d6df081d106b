-- Follow-backs on X: of the creator's followers, how many the creator follows back. The
-- archive's follower and following lists have no dates, so this is the lists as exported
-- (every account any loaded archive of the creator listed), not a trailing window. Only
-- creators whose archive has a following list get a row: without one, follow-backs are unknown.

with

x_followers as (

    select * from {{ ref('stg_x__followers') }}

),

x_following as (

    select * from {{ ref('stg_x__following') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}
    where platform = 'x'

),

followers_attributed as (

    select distinct
        creator_accounts.creator_id,
        x_followers.follower_key
    from x_followers
    inner join creator_accounts
        on lower(x_followers.owner_handle) = lower(creator_accounts.handle)

),

following_attributed as (

    select distinct
        creator_accounts.creator_id,
        x_following.followed_key
    from x_following
    inner join creator_accounts
        on lower(x_following.owner_handle) = lower(creator_accounts.handle)

),

followers_matched as (

    select
        followers_attributed.creator_id,
        count(*) as followers,
        count(following_attributed.followed_key) as followers_followed_back
    from followers_attributed
    left join following_attributed
        on
            followers_attributed.creator_id = following_attributed.creator_id
            and followers_attributed.follower_key = following_attributed.followed_key
    group by followers_attributed.creator_id

),

final as (

    select
        creator_id,
        'x' as platform,
        followers,
        followers_followed_back,
        followers_followed_back / followers as follow_back_rate
    from followers_matched
    where creator_id in (select following_attributed.creator_id from following_attributed)

)

select * from final
