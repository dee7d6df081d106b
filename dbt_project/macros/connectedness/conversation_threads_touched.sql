{#-
    On an incremental run of int_conversation_threads_aggregated, the conversations to
    aggregate again: those whose turns int_conversation_turns_sequenced placed again since
    this model's last build, and those with a turn between the previous as-of day and this
    one, either way (the as-of day may move back). A creator's answer is a turn of the same
    conversation, so an answer coming into view is one of these.
-#}
{% macro conversation_threads_touched() %}
    with

    sequenced_turns as (

        select * from {{ ref('int_conversation_turns_sequenced') }}

    ),

    previous_build as (

        select
            coalesce({{ incremental_watermark('built_at') }}, timestamp '-infinity') as built_at,
            coalesce((select max(as_of_on) from {{ this }}), {{ as_of_date() }}) as as_of_on

    ),

    changed_window as (

        -- the days between the previous as-of day and this one
        select
            least(previous_build.as_of_on, {{ as_of_date() }}) + interval 1 day as starts_at,
            greatest(previous_build.as_of_on, {{ as_of_date() }}) + interval 1 day as ends_before
        from previous_build

    )

    select distinct
        sequenced_turns.creator_id,
        sequenced_turns.thread_id
    from sequenced_turns
    cross join previous_build
    cross join changed_window
    where
        sequenced_turns.built_at > previous_build.built_at
        or (
            sequenced_turns.occurred_at >= changed_window.starts_at
            and sequenced_turns.occurred_at < changed_window.ends_before
        )
{% endmacro %}
