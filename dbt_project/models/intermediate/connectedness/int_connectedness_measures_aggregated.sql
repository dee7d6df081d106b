-- Every connectedness measure per period (the trailing window and each month), creator and
-- platform, plus platform 'all' pooling every platform of the creator. Conversations count in
-- the period they were opened in (answers may come later, up to the as-of day); turns and
-- relationships count in the period they happened in. Rates are null without a denominator.

{%- set dunbar_number = var('connectedness_dunbar_number') %}
{%- set core_min_exchanges = var('connectedness_core_min_exchanges') %}

with

accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

periods as (

    select * from {{ ref('int_connectedness_periods_generated') }}

),

threads as (

    select * from {{ ref('int_conversation_threads_aggregated') }}

),

turns as (

    select * from {{ ref('int_conversation_turns_bounded') }}

),

relationships as (

    select * from {{ ref('int_creator_audience_relationships_aggregated') }}

),

creator_platforms as (

    select
        creator_id,
        creator_name,
        platform
    from accounts

    union all

    select distinct
        creator_id,
        creator_name,
        'all' as platform
    from accounts

),

spine as (

    select
        periods.period_kind,
        periods.period_start,
        periods.period_end,
        creator_platforms.creator_id,
        creator_platforms.creator_name,
        creator_platforms.platform
    from periods
    cross join creator_platforms

),

threads_in_periods as (

    select
        periods.period_kind,
        periods.period_start,
        threads.*
    from threads
    inner join periods
        on
            threads.opened_at >= periods.period_start
            and threads.opened_at < periods.period_end + interval 1 day

),

threads_scoped as (

    -- each conversation counts for its own platform and for 'all'
    select
        *,
        platform as platform_scope
    from threads_in_periods
    union all
    select
        *,
        'all' as platform_scope
    from threads_in_periods

),

turns_in_periods as (

    select
        periods.period_kind,
        periods.period_start,
        turns.*
    from turns
    inner join periods
        on
            turns.occurred_at >= periods.period_start
            and turns.occurred_at < periods.period_end + interval 1 day

),

turns_scoped as (

    select
        *,
        platform as platform_scope
    from turns_in_periods
    union all
    select
        *,
        'all' as platform_scope
    from turns_in_periods

),

relationships_scoped as (

    select
        *,
        platform as platform_scope
    from relationships
    union all
    select
        *,
        'all' as platform_scope
    from relationships

),

thread_measures as (

    select
        period_kind,
        period_start,
        creator_id,
        platform_scope as platform,
        count(*) filter (where opens_with_audience_comment) as audience_comments,
        count(*) filter (
            where opens_with_audience_comment and creator_answered_opener_at is not null
        ) as audience_comments_replied,
        quantile_cont(hours_to_creator_answer, 0.5) filter (where opens_with_audience_comment)
            as median_reply_hours,
        quantile_cont(hours_to_creator_answer, 0.9) filter (where opens_with_audience_comment)
            as p90_reply_hours,
        count(*) filter (where channel = 'dm' and opened_by = 'audience')
            as inbound_dm_conversations,
        count(*) filter (
            where channel = 'dm' and opened_by = 'audience'
            and creator_answered_opener_at is not null
        ) as inbound_dm_conversations_answered,
        quantile_cont(hours_to_creator_answer, 0.5) filter (
            where channel = 'dm' and opened_by = 'audience'
        ) as median_dm_response_hours,
        count(*) filter (where has_audience_turn) as conversation_threads,
        count(*) filter (where has_audience_turn and is_two_way) as two_way_threads,
        avg(conversation_depth) filter (where has_audience_turn) as mean_conversation_depth,
        count(*) filter (where is_creator_initiated) as creator_initiated_conversations,
        count(*) filter (
            where opens_with_audience_comment and is_on_live_post and opens_with_question
        ) as live_questions,
        count(*) filter (
            where opens_with_audience_comment and is_on_live_post and opens_with_question
            and creator_answered_opener_at is not null
        ) as live_questions_answered
    from threads_scoped
    group by period_kind, period_start, creator_id, platform_scope

),

turn_measures as (

    select
        period_kind,
        period_start,
        creator_id,
        platform_scope as platform,
        count(*) filter (where not is_by_creator) as audience_interactions,
        count(*) filter (where is_by_creator) as creator_interactions,
        count(*) filter (where is_by_creator and kind = 'reply') as creator_replies
    from turns_scoped
    group by period_kind, period_start, creator_id, platform_scope

),

relationship_measures as (

    select
        period_kind,
        period_start,
        creator_id,
        platform_scope as platform,
        count(*) filter (where is_engaging) as engaging_members,
        count(*) filter (where is_engaging and is_reciprocated) as reciprocated_members,
        count(*) filter (where is_engaging and active_weeks >= 2) as repeat_engagers,
        count(*) filter (where reciprocated_exchanges >= {{ core_min_exchanges }})
            as core_community_members
    from relationships_scoped
    group by period_kind, period_start, creator_id, platform_scope

),

joined as (

    select
        spine.*,
        coalesce(turn_measures.audience_interactions, 0) as audience_interactions,
        coalesce(turn_measures.creator_interactions, 0) as creator_interactions,
        coalesce(turn_measures.creator_replies, 0) as creator_replies,
        coalesce(thread_measures.audience_comments, 0) as audience_comments,
        coalesce(thread_measures.audience_comments_replied, 0) as audience_comments_replied,
        thread_measures.median_reply_hours,
        thread_measures.p90_reply_hours,
        coalesce(thread_measures.inbound_dm_conversations, 0) as inbound_dm_conversations,
        coalesce(thread_measures.inbound_dm_conversations_answered, 0)
            as inbound_dm_conversations_answered,
        thread_measures.median_dm_response_hours,
        coalesce(thread_measures.conversation_threads, 0) as conversation_threads,
        coalesce(thread_measures.two_way_threads, 0) as two_way_threads,
        thread_measures.mean_conversation_depth,
        coalesce(relationship_measures.engaging_members, 0) as engaging_members,
        coalesce(relationship_measures.reciprocated_members, 0) as reciprocated_members,
        coalesce(relationship_measures.repeat_engagers, 0) as repeat_engagers,
        coalesce(relationship_measures.core_community_members, 0) as core_community_members,
        coalesce(thread_measures.creator_initiated_conversations, 0)
            as creator_initiated_conversations,
        coalesce(thread_measures.live_questions, 0) as live_questions,
        coalesce(thread_measures.live_questions_answered, 0) as live_questions_answered
    from spine
    left join thread_measures
        on
            spine.period_kind = thread_measures.period_kind
            and spine.period_start = thread_measures.period_start
            and spine.creator_id = thread_measures.creator_id
            and spine.platform = thread_measures.platform
    left join turn_measures
        on
            spine.period_kind = turn_measures.period_kind
            and spine.period_start = turn_measures.period_start
            and spine.creator_id = turn_measures.creator_id
            and spine.platform = turn_measures.platform
    left join relationship_measures
        on
            spine.period_kind = relationship_measures.period_kind
            and spine.period_start = relationship_measures.period_start
            and spine.creator_id = relationship_measures.creator_id
            and spine.platform = relationship_measures.platform

),

final as (

    select
        period_kind,
        period_start,
        period_end,
        creator_id,
        creator_name,
        platform,
        audience_interactions,
        creator_interactions,
        creator_replies,
        audience_comments,
        audience_comments_replied,
        audience_comments_replied / nullif(audience_comments, 0) as comment_reply_rate,
        median_reply_hours,
        p90_reply_hours,
        inbound_dm_conversations,
        inbound_dm_conversations_answered,
        inbound_dm_conversations_answered / nullif(inbound_dm_conversations, 0)
            as dm_response_rate,
        median_dm_response_hours,
        conversation_threads,
        two_way_threads,
        two_way_threads / nullif(conversation_threads, 0) as two_way_conversation_share,
        mean_conversation_depth,
        engaging_members,
        reciprocated_members,
        reciprocated_members / nullif(engaging_members, 0) as reciprocity_rate,
        repeat_engagers,
        repeat_engagers / nullif(engaging_members, 0) as repeat_engager_share,
        core_community_members,
        core_community_members / {{ dunbar_number }} as core_community_dunbar_ratio,
        creator_initiated_conversations,
        creator_initiated_conversations
        / nullif(creator_initiated_conversations + inbound_dm_conversations, 0)
            as creator_initiated_share,
        live_questions,
        live_questions_answered,
        live_questions_answered / nullif(live_questions, 0) as live_question_answer_rate
    from joined

)

select * from final
