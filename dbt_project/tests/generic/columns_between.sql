{#-
    Range checks for several columns of a model in one scan: `bounds` maps a column to its
    `min_value` and/or `max_value` (inclusive). Fails on each row with a column out of range;
    nulls pass (pair with not_null_columns where a value is required). The failing rows keep
    every column, so a model's `source_file` names the export file a bad row came from.
-#}
{% test columns_between(model, bounds) %}

select *
from {{ model }}
where
    false
    {%- for column, bound in bounds.items() %}
        {%- if bound.get('min_value') is not none %} or {{ column }} < {{ bound['min_value'] }}{% endif %}
        {%- if bound.get('max_value') is not none %} or {{ column }} > {{ bound['max_value'] }}{% endif %}
    {%- endfor %}

{% endtest %}
