-- Every creator-audience interaction placed in its conversation. A conversation is a comment
-- tree (by its top-level comment), a DM thread, or an X reply/mention thread. Within it, the
-- exchange between the creator and one audience member is the member's own interactions plus
-- the creator's interactions addressed to them; the turn passes whenever that exchange
-- switches side. Timestamps are UTC (staging converts every export's time zone), so durations
-- across midnight or zones are plain differences.
--
-- All of history, whatever the as-of day: int_conversation_turns_bounded cuts it at the end
-- of the as-of day (a turn's place looks back only; its answer, which looks forward, is
-- hidden there when it came later).
--
-- Incremental: a run places again every conversation that gained or rebuilt an interaction
-- since the last build (all its interactions) and replaces them by interaction id, so an
-- interaction that moved to another conversation leaves its old one. Raw corrections make
-- the job's build a full refresh.
--
-- A full build goes in creator buckets (macros/connectedness/conversation_turns_sql.sql):
-- DuckDB's window operator does not spill, and 13M interactions at once exceed the memory
-- limit. The bucket post-hooks only run on a full build.

{%- set buckets = var('conversation_turns_buckets') -%}
{%- set inserts = [] -%}
{%- for bucket in range(1, buckets) -%}
    {%- do inserts.append(
        "{% if not is_incremental() %}insert into {{ this }} {{ conversation_turns_sql("
        ~ bucket ~ ", " ~ buckets ~ ") }}{% else %}select 'no bucket on an incremental run'{% endif %}"
    ) -%}
{%- endfor %}

{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='interaction_id',
        on_schema_change='fail',
        post_hook=inserts,
    )
}}

{% if is_incremental() %}
    {{ conversation_turns_sql(0, 1, touched_threads_only=true) }}
{% else %}
    {{ conversation_turns_sql(0, buckets) }}
{% endif %}
