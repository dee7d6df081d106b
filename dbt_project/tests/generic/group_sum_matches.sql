{#-
    Fails on every group (rows sharing the `group_by` columns) whose sum of the column
    differs from `expected` by more than `tolerance`. `expected` is a SQL expression, a
    constant (`1`) or a column constant within each group (`deal_amount`). With the default
    tolerance 0 the sum must be exact: use it on decimals (money to the cent).
-#}
{% test group_sum_matches(model, column_name, group_by, expected, tolerance=0) %}

select
    {{ group_by | join(', ') }},
    sum({{ column_name }}) as actual_sum,
    min({{ expected }}) as expected_sum,
    max({{ expected }}) as expected_sum_max
from {{ model }}
group by {{ group_by | join(', ') }}
having
    min({{ expected }}) <> max({{ expected }})
    or abs(coalesce(sum({{ column_name }}), 0) - min({{ expected }})) > {{ tolerance }}

{% endtest %}
