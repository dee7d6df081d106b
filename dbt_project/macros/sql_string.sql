{#- A value as a SQL string literal: in single quotes, each single quote inside doubled
    (`it's` becomes 'it''s'), so a var such as the pseudonym salt can hold any character. -#}
{% macro sql_string(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}
