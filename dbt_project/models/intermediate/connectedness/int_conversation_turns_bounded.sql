-- The conversation turns as they stood at the end of the as-of day: the turns after it do not
-- exist yet, and an answer the creator gave after it is no answer. A turn's place in its
-- conversation looks back only, so cutting the sequenced turns equals sequencing the cut
-- interactions. What every connectedness measure counts.

{{ config(materialized='view') }}

with

turns as (

    select * from {{ ref('int_conversation_turns_sequenced') }}

),

horizon as (

    select {{ as_of_date() }} + interval 1 day as ends_before

),

final as (

    select
        turns.interaction_id,
        turns.platform,
        turns.creator_id,
        turns.kind,
        turns.channel,
        turns.is_by_creator,
        turns.audience_member_key,
        turns.in_reply_to_interaction_id,
        turns.thread_id,
        turns.post_id,
        turns.is_on_live_post,
        turns.is_question,
        turns.position_in_conversation,
        turns.opens_conversation,
        turns.passes_turn,
        case
            when turns.creator_answered_at < horizon.ends_before then turns.creator_answered_at
        end as creator_answered_at,
        turns.occurred_at,
        turns.week_start,
        turns.month_start
    from turns
    cross join horizon
    where turns.occurred_at < horizon.ends_before

)

select * from final
