{#-
    One test for every required column of a model: fails on each row where any of `columns`
    is null, showing those columns. (One scan instead of one test per column.)
-#}
{% test not_null_columns(model, columns) %}

select {{ columns | join(', ') }}
from {{ model }}
where
    {%- for column in columns %}
        {{ column }} is null{% if not loop.last %} or{% endif %}
    {%- endfor %}

{% endtest %}
