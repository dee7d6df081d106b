{#-
    The day trailing windows end on (inclusive), as a SQL date expression.

    With the var `as_of_date` set (e.g. `--vars '{as_of_date: 2026-06-30}'`) it is that day;
    with `as_of_date: null` (the default) it is the latest day with any creator-audience
    interaction in the data (`int_interactions_unioned`, UTC), so a re-run on the same exports
    gives the same marts whatever the calendar says.
-#}
{% macro as_of_date() -%}
    {#- Always a dependency, set or not: the asset graph (parsed without the var) and a run
        with `--vars '{as_of_date: ...}'` must order the models the same way. -#}
    {%- set interactions = ref('int_interactions_unioned') -%}
    {%- set configured = var('as_of_date', none) -%}
    {%- if configured is not none and configured | string | trim != '' -%}
        cast('{{ configured }}' as date)
    {%- else -%}
        (select cast(max(occurred_at) as date) from {{ interactions }})
    {%- endif -%}
{%- endmacro %}
