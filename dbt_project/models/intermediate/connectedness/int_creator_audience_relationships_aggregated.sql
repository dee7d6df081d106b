-- One row per period (the trailing window and each month), creator, platform and
-- pseudonymised audience member who interacted with the creator in it, either way: how much
-- each side said, in how many conversations (per week) they answered each other, whether the
-- member's engagement was reciprocated, when they were first and last seen and in how many
-- distinct weeks the member was active. Audience keys are per platform, so one person on two platforms is two
-- relationships.

with

turns as (

    select * from {{ ref('int_conversation_turns_bounded') }}

),

periods as (

    select * from {{ ref('int_connectedness_periods_generated') }}

),

turns_in_periods as (

    select
        periods.period_kind,
        periods.period_start,
        periods.period_end,
        turns.*,
        -- a member's turn is reciprocated when it answered the creator or the creator answered it
        not turns.is_by_creator
        and (turns.passes_turn or turns.creator_answered_at is not null) as is_reciprocated_turn
    from turns
    inner join periods
        on
            turns.occurred_at >= periods.period_start
            and turns.occurred_at < periods.period_end + interval 1 day
    where turns.audience_member_key is not null

),

final as (

    select
        period_kind,
        period_start,
        period_end,
        creator_id,
        platform,
        audience_member_key,
        count(*) filter (where not is_by_creator) as interactions_from_member,
        count(*) filter (where is_by_creator) as interactions_from_creator,
        -- a conversation in which the creator and the member answered each other, counted
        -- once per conversation and ISO week: repeated contact, not a long single thread
        count(distinct thread_id || '|' || week_start) filter (where passes_turn)
            as reciprocated_exchanges,
        count(*) filter (where is_reciprocated_turn) as reciprocated_member_interactions,
        count(*) filter (where not is_by_creator) > 0 as is_engaging,
        count(*) filter (where is_reciprocated_turn) > 0 as is_reciprocated,
        min(occurred_at) as first_seen_at,
        max(occurred_at) as last_seen_at,
        count(distinct week_start) filter (where not is_by_creator) as active_weeks
    from turns_in_periods
    group by period_kind, period_start, period_end, creator_id, platform, audience_member_key

)

select * from final
