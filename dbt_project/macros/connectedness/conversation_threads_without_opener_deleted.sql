{#-
    Post-hook of an incremental int_conversation_threads_aggregated: a conversation whose
    opener is no longer a turn by the as-of day (the as-of day moved back, or the opener joined
    another conversation when its parent arrived) is gone from a full build, so it goes here.
-#}
{% macro conversation_threads_without_opener_deleted() %}
    delete from {{ this }} as threads
    where not exists (
        select 1
        from {{ ref('int_conversation_turns_bounded') }} as turns
        where
            turns.opens_conversation
            and turns.creator_id = threads.creator_id
            and turns.thread_id = threads.thread_id
    )
{% endmacro %}
