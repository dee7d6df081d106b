-- Every creator-audience interaction up to the as-of day, classified for the vanity audit:
-- which side it came from, whether it is a two-way exchange (it answers the other side: the
-- creator replying to an audience comment or message, or an audience member answering the
-- creator) and whether an audience comment carries an inauthentic-engagement signal.

with

interactions as (

    select * from {{ ref('int_interactions_unioned') }}

),

comments_signalled as (

    select * from {{ ref('int_comments_signalled') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

interactions_in_range as (

    select
        *,
        cast(occurred_at as date) as activity_on
    from interactions
    where cast(occurred_at as date) <= {{ as_of_date() }}

),

answered as (

    -- the interaction each one answers, when that one is in the data
    select
        answer.interaction_id,
        answered.direction as answered_direction
    from interactions_in_range as answer
    inner join interactions_in_range as answered
        on answer.in_reply_to_interaction_id = answered.interaction_id

),

classified as (

    select
        interactions_in_range.interaction_id,
        interactions_in_range.platform,
        interactions_in_range.creator_id,
        interactions_in_range.kind,
        interactions_in_range.direction,
        interactions_in_range.direction = 'audience_to_creator' as is_audience_side,
        interactions_in_range.audience_member_key,
        interactions_in_range.post_id,
        interactions_in_range.occurred_at,
        interactions_in_range.activity_on,
        coalesce(
            answered.answered_direction != interactions_in_range.direction,
            -- X archives hold only the creator's tweets: a reply to someone else's tweet is
            -- the creator answering that person (a reply to their own tweet is a thread)
            interactions_in_range.platform = 'x'
            and interactions_in_range.kind = 'reply'
            and interactions_in_range.audience_member_key is not null
            and not list_contains(
                creator_accounts.creator_keys, interactions_in_range.audience_member_key
            ),
            false
        ) as is_two_way_exchange,
        coalesce(comments_signalled.has_inauthentic_signal, false) as has_inauthentic_signal
    from interactions_in_range
    left join answered
        on interactions_in_range.interaction_id = answered.interaction_id
    left join creator_accounts
        on
            interactions_in_range.creator_id = creator_accounts.creator_id
            and interactions_in_range.platform = creator_accounts.platform
    left join comments_signalled
        on interactions_in_range.interaction_id = comments_signalled.interaction_id

),

final as (

    select * from classified

)

select * from final
