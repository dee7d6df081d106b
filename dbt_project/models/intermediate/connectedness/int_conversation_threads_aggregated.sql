-- One row per conversation (comment tree, DM thread, X reply or mention thread, the creator's
-- comments under one comment on another channel's video) up to the end of the as-of day: who
-- opened it and when, its turns, how often the turn passed between the creator and an
-- audience member, and when the creator first answered the opener.
--
-- Incremental by conversation: a run aggregates again only the conversations whose turns were
-- placed again since the last build (int_conversation_turns_sequenced rebuilds a conversation
-- whole when it gains or rebuilds an interaction) or that have a turn between the previous
-- as-of day and this one (either way: the as-of day may move back; a creator's answer is a
-- turn of the same conversation, so an answer coming into view is one of these). The
-- post-hooks drop the conversations that no longer open by the as-of day (the day moved back,
-- or their opener joined another conversation) and stamp every row with the as-of day.

-- depends_on: {{ ref('int_conversation_turns_sequenced') }}

{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['creator_id', 'thread_id'],
        on_schema_change='fail',
        post_hook=[
            "{% if is_incremental() %}{{ conversation_threads_without_opener_deleted() }}"
            ~ "{% else %}select 'nothing to delete on a full build'{% endif %}",
            "{% if is_incremental() %}update {{ this }} set as_of_on = {{ as_of_date() }}"
            ~ " where as_of_on is distinct from {{ as_of_date() }}"
            ~ "{% else %}select 'stamped on a full build'{% endif %}",
        ],
    )
}}

with

bounded_turns as (

    select * from {{ ref('int_conversation_turns_bounded') }}

),

turns as (

    select bounded_turns.*
    from bounded_turns
    {% if is_incremental() %}
        inner join ({{ conversation_threads_touched() }}) as threads_touched  -- noqa: ST05
            on
                bounded_turns.creator_id = threads_touched.creator_id
                and bounded_turns.thread_id = threads_touched.thread_id
    {% endif %}

),

openers as (

    select * from turns
    where opens_conversation

),

exchanges as (

    -- the back-and-forth between the creator and one audience member inside a conversation
    select
        creator_id,
        thread_id,
        audience_member_key,
        count(*) filter (where passes_turn) as turn_passes
    from turns
    where audience_member_key is not null
    group by creator_id, thread_id, audience_member_key
    having bool_or(not is_by_creator)

),

exchange_totals as (

    select
        creator_id,
        thread_id,
        sum(turn_passes) as turn_passes,
        max(turn_passes) as longest_exchange_turn_passes
    from exchanges
    group by creator_id, thread_id

),

turn_totals as (

    select
        creator_id,
        thread_id,
        count(*) as interactions,
        count(*) filter (where is_by_creator) as creator_interactions,
        count(*) filter (where not is_by_creator) as audience_interactions,
        count(distinct audience_member_key) filter (where not is_by_creator)
            as audience_members,
        max(occurred_at) as last_interaction_at
    from turns
    group by creator_id, thread_id

),

final as (

    select
        openers.platform,
        openers.creator_id,
        openers.thread_id,
        openers.channel,
        openers.post_id,
        openers.is_on_live_post,
        openers.kind as opener_kind,
        case when openers.is_by_creator then 'creator' else 'audience' end as opened_by,
        openers.audience_member_key as opener_member_key,
        openers.occurred_at as opened_at,
        openers.kind = 'comment' and not openers.is_by_creator as opens_with_audience_comment,
        openers.is_question as opens_with_question,
        -- the creator started it without being addressed: a DM thread they wrote first in, an
        -- X tweet naming people, a comment on another channel's video
        openers.is_by_creator
        and openers.channel in ('dm', 'x_mention', 'outreach_comment') as is_creator_initiated,
        openers.creator_answered_at as creator_answered_opener_at,
        date_diff('millisecond', openers.occurred_at, openers.creator_answered_at) / 3600000.0
            as hours_to_creator_answer,
        turn_totals.interactions,
        turn_totals.creator_interactions,
        turn_totals.audience_interactions,
        turn_totals.audience_members,
        turn_totals.audience_interactions > 0 as has_audience_turn,
        coalesce(exchange_totals.turn_passes, 0) as turn_passes,
        coalesce(exchange_totals.longest_exchange_turn_passes, 0)
            as longest_exchange_turn_passes,
        coalesce(exchange_totals.longest_exchange_turn_passes, 0) >= 2 as is_two_way,
        case
            when turn_totals.audience_interactions > 0
                then coalesce(exchange_totals.longest_exchange_turn_passes, 0) + 1
        end as conversation_depth,
        turn_totals.last_interaction_at,
        {{ as_of_date() }} as as_of_on,
        {{ built_at() }} as built_at
    from openers
    inner join turn_totals
        on
            openers.creator_id = turn_totals.creator_id
            and openers.thread_id = turn_totals.thread_id
    left join exchange_totals
        on
            openers.creator_id = exchange_totals.creator_id
            and openers.thread_id = exchange_totals.thread_id

)

select * from final
