{#-
    One test for every required column of a model: fails on each row where any of `columns`
    is null. (One scan instead of one test per column.) The failing rows keep every column,
    so a model's `source_file` names the export file a bad row came from.
-#}
{% test not_null_columns(model, columns) %}

select *
from {{ model }}
where
    {%- for column in columns %}
        {{ column }} is null{% if not loop.last %} or{% endif %}
    {%- endfor %}

{% endtest %}
