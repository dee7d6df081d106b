{#-
    The body of int_conversation_turns_sequenced for one bucket of creators (`hash(creator_id)
    % buckets = bucket`). Every window of the model partitions by creator, so the buckets are
    independent: a full build builds bucket 0 and its post-hooks insert the others, keeping the
    ordering windows (which DuckDB cannot spill) within the memory limit at any scale.

    With `touched_threads_only`, the body of an incremental run instead: every conversation
    that gained or rebuilt an interaction since the model's last build, whole (all buckets;
    one day's conversations are small), so each of its turns is placed again.
-#}
{% macro conversation_turns_sql(bucket, buckets, touched_threads_only=false) %}
with

unioned as (

    select * from {{ ref('int_interactions_unioned') }}

),

{% if touched_threads_only %}

threads_touched as (

    select distinct
        creator_id,
        thread_id
    from unioned
    where built_at > {{ incremental_watermark('built_at') }}

),

interactions as (

    select unioned.*
    from unioned
    inner join threads_touched
        on
            unioned.creator_id = threads_touched.creator_id
            and unioned.thread_id is not distinct from threads_touched.thread_id

),

{% else %}

interactions as (

    select * from unioned
    where hash(creator_id) % {{ buckets }} = {{ bucket }}

),

{% endif %}

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

classified as (

    select
        interactions.interaction_id,
        interactions.platform,
        interactions.creator_id,
        interactions.kind,
        case
            when interactions.kind = 'dm' then 'dm'
            -- where comment measures do not apply (the registry's `comment_measures`: X
            -- replies answer tweets the archive does not hold) a reply or mention is its own
            -- channel, `<platform>_reply` / `<platform>_mention`
            when
                interactions.platform not in ({{ platform_list_sql(platforms_where('comment_measures')) }})
                then interactions.platform || case when interactions.kind = 'mention' then '_mention' else '_reply' end
            when interactions.kind = 'outreach_comment' then 'outreach_comment'
            else 'comments'
        end as channel,
        interactions.direction = 'creator_to_audience' as is_by_creator,
        interactions.audience_member_key,
        interactions.in_reply_to_interaction_id,
        interactions.thread_id,
        interactions.post_id,
        live_posts.post_id is not null as is_on_live_post,
        coalesce(
            interactions.direction = 'audience_to_creator'
            and regexp_matches(interactions.comment_text, '[?¿？]'),
            false
        ) as is_question,
        interactions.occurred_at
    from interactions
    left join live_posts
        on
            interactions.platform = live_posts.platform
            and interactions.post_id = live_posts.post_id

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
        cast(date_trunc('month', occurred_at) as date) as month_start,
        {{ built_at() }} as built_at
    from sequenced

)

select * from final
{% endmacro %}
