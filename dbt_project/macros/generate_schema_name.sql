{#- Schemas are named after the layer (staging, intermediate, marts), not prefixed with the
    target schema, so that Dagster asset keys mirror them: ["staging", "stg_x__tweets"]. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
