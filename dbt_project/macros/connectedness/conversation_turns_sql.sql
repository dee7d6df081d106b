{#-
    The body of int_conversation_turns_sequenced for one bucket of creators (`hash(creator_id)
    % buckets = bucket`). Every window of the model partitions by creator, so the buckets are
    independent: the model builds bucket 0 and its post-hooks insert the others, keeping the
    ordering windows (which DuckDB cannot spill) within the memory limit at any scale.
-#}
{% macro conversation_turns_sql(bucket, buckets) %}
with

interactions as (

    select * from {{ ref('int_interactions_unioned') }}
    where hash(creator_id) % {{ buckets }} = {{ bucket }}

),

posts as (

    select * from {{ ref('int_posts_unioned') }}

),

live_posts as (

    select
        platform,
        post_id
    from posts
    group by platform, post_id
    having bool_or(is_live)

),

in_horizon as (

    select *
    from interactions
    where occurred_at < {{ as_of_date() }} + interval 1 day

),

classified as (

    select
        in_horizon.interaction_id,
        in_horizon.platform,
        in_horizon.creator_id,
        in_horizon.kind,
        case
            when in_horizon.kind = 'dm' then 'dm'
            -- where comment measures do not apply (the registry's `comment_measures`: X
            -- replies answer tweets the archive does not hold) a reply or mention is its own
            -- channel, `<platform>_reply` / `<platform>_mention`
            when
                in_horizon.platform not in ({{ platform_list_sql(platforms_where('comment_measures')) }})
                then in_horizon.platform || case when in_horizon.kind = 'mention' then '_mention' else '_reply' end
            when in_horizon.kind = 'outreach_comment' then 'outreach_comment'
            else 'comments'
        end as channel,
        in_horizon.direction = 'creator_to_audience' as is_by_creator,
        in_horizon.audience_member_key,
        in_horizon.in_reply_to_interaction_id,
        in_horizon.thread_id,
        in_horizon.post_id,
        live_posts.post_id is not null as is_on_live_post,
        coalesce(
            in_horizon.direction = 'audience_to_creator'
            and regexp_matches(in_horizon.comment_text, '[?¿？]'),
            false
        ) as is_question,
        in_horizon.occurred_at
    from in_horizon
    left join live_posts
        on
            in_horizon.platform = live_posts.platform
            and in_horizon.post_id = live_posts.post_id

),

sequenced as (

    select
        *,
        row_number() over conversation as position_in_conversation,
        lag(is_by_creator) over exchange as previous_in_exchange_is_by_creator,
        min(case when is_by_creator then occurred_at end) over later_in_exchange
            as next_creator_turn_at
    from classified
    window
        conversation as (
            partition by creator_id, thread_id
            order by occurred_at, interaction_id
        ),
        exchange as (
            partition by creator_id, thread_id, audience_member_key
            order by occurred_at, interaction_id
        ),
        later_in_exchange as (
            partition by creator_id, thread_id, audience_member_key
            order by occurred_at, interaction_id
            rows between 1 following and unbounded following
        )

),

final as (

    select
        interaction_id,
        platform,
        creator_id,
        kind,
        channel,
        is_by_creator,
        audience_member_key,
        in_reply_to_interaction_id,
        thread_id,
        post_id,
        is_on_live_post,
        is_question,
        position_in_conversation,
        position_in_conversation = 1 as opens_conversation,
        coalesce(
            audience_member_key is not null
            and previous_in_exchange_is_by_creator != is_by_creator,
            false
        ) as passes_turn,
        case
            when not is_by_creator and audience_member_key is not null then next_creator_turn_at
        end as creator_answered_at,
        occurred_at,
        cast(date_trunc('week', occurred_at) as date) as week_start,
        cast(date_trunc('month', occurred_at) as date) as month_start
    from sequenced

)

select * from final
{% endmacro %}
