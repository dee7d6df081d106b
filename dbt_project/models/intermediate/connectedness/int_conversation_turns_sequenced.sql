-- Every creator-audience interaction up to the end of the as-of day, placed in its
-- conversation. A conversation is a comment tree (by its top-level comment), a DM thread, or
-- an X reply/mention thread. Within it, the exchange between the creator and one audience
-- member is the member's own interactions plus the creator's interactions addressed to them;
-- the turn passes whenever that exchange switches side. Timestamps are UTC (staging converts
-- every export's time zone), so durations across midnight or zones are plain differences.

-- Built in creator buckets (macros/connectedness/conversation_turns_sql.sql): DuckDB's window
-- operator does not spill, and 13M interactions at once exceed the memory limit.

{%- set buckets = var('conversation_turns_buckets') -%}
{%- set inserts = [] -%}
{%- for bucket in range(1, buckets) -%}
    {%- do inserts.append(
        "insert into {{ this }} {{ conversation_turns_sql(" ~ bucket ~ ", " ~ buckets ~ ") }}"
    ) -%}
{%- endfor %}

{{ config(post_hook=inserts) }}

{{ conversation_turns_sql(0, buckets) }}
