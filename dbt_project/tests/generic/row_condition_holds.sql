{#- Fails on every row for which the SQL boolean `condition` is not true. -#}
{% test row_condition_holds(model, condition) %}

select *
from {{ model }}
where not coalesce(({{ condition }}), false)

{% endtest %}
