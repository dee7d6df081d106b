-- Connectedness per creator over the trailing window (var `connectedness_window_days`, default
-- 90 days, ending on the as-of day): one row per platform the creator is on plus 'all' for
-- every platform pooled, with the 0-100 score, its rank among the scored creators of the
-- platform, and every measure and normalised component the score is made of.

with

scored as (

    select * from {{ ref('int_connectedness_measures_scored') }}

),

follow_backs as (

    select * from {{ ref('int_creator_follow_backs_counted') }}

),

window_scored as (

    -- X follow lists have no dates: follow-backs are as exported, not windowed, and not part
    -- of the score; null on the other platforms and `all`
    select
        scored.*,
        follow_backs.followers_followed_back,
        follow_backs.follow_back_rate
    from scored
    left join follow_backs
        on
            scored.creator_id = follow_backs.creator_id
            and scored.platform = follow_backs.platform
    where scored.period_kind = 'window'

),

final as (

    select
        creator_id,
        creator_name,
        platform,
        period_start as window_start,
        period_end as window_end,
        connectedness_score,
        connectedness_rank,
        scored_creators,
        unscored_reason,
        measurable_components,
        audience_interactions,
        creator_interactions,
        creator_replies,
        audience_comments,
        audience_comments_replied,
        comment_reply_rate,
        median_reply_hours,
        p90_reply_hours,
        inbound_dm_conversations,
        inbound_dm_conversations_answered,
        dm_response_rate,
        median_dm_response_hours,
        conversation_threads,
        two_way_threads,
        two_way_conversation_share,
        mean_conversation_depth,
        engaging_members,
        reciprocated_members,
        reciprocity_rate,
        repeat_engagers,
        repeat_engager_share,
        core_community_members,
        core_community_dunbar_ratio,
        creator_initiated_conversations,
        creator_initiated_share,
        live_questions,
        live_questions_answered,
        live_question_answer_rate,
        comment_reply_rate_percentile,
        median_reply_hours_percentile,
        dm_response_rate_percentile,
        median_dm_response_hours_percentile,
        two_way_conversation_share_percentile,
        mean_conversation_depth_percentile,
        reciprocity_rate_percentile,
        repeat_engager_share_percentile,
        core_community_dunbar_ratio_percentile,
        creator_initiated_share_percentile,
        live_question_answer_rate_percentile,
        followers_followed_back,
        follow_back_rate
    from window_scored

)

select * from final
