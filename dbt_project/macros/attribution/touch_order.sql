{#- The stable order of a journey's touches: by time, then by the journey's own sequence,
    read from `touch_id` as text with its trailing number compared as a number (so t2 comes
    before t10; `introduction:...` still comes before `source:...`), then the id itself. -#}
{% macro touch_order(touched_at='touched_at', touch_id='touch_id') -%}
    {{ touched_at }},
    regexp_replace({{ touch_id }}, '[0-9]+$', ''),
    try_cast(regexp_extract({{ touch_id }}, '([0-9]+)$', 1) as hugeint) nulls first,
    {{ touch_id }}
{%- endmacro %}
