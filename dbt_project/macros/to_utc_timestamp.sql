{#- A timestamptz as a naive timestamp in UTC (independent of the session time zone). -#}
{% macro to_utc_timestamp(expr) -%}
    ({{ expr }} at time zone 'UTC')
{%- endmacro %}
