{#-
    Fails on every row whose column lies outside [min_value, max_value] (inclusive). Nulls
    pass: pair with not_null where a value is required. Either bound may be omitted.
-#}
{% test between(model, column_name, min_value=none, max_value=none) %}

select {{ column_name }}
from {{ model }}
where
    {{ column_name }} is not null
    and (
        false
        {%- if min_value is not none %} or {{ column_name }} < {{ min_value }}{% endif %}
        {%- if max_value is not none %} or {{ column_name }} > {{ max_value }}{% endif %}
    )

{% endtest %}
