{#- Fails on every group (`group_by`: a column list) in which one of `columns` takes more
    than one value (null counts as a value). -#}
{% test constant_within_group(model, group_by, columns) %}

select
    {{ group_by | join(', ') }},
    {%- for column in columns %}
    count(distinct coalesce(cast({{ column }} as varchar), '(null)')) as {{ column }}_values
    {{- "," if not loop.last }}
    {%- endfor %}
from {{ model }}
group by {{ group_by | join(', ') }}
having
    {%- for column in columns %}
    count(distinct coalesce(cast({{ column }} as varchar), '(null)')) > 1
    {{- " or" if not loop.last }}
    {%- endfor %}

{% endtest %}
