{#-
    Exports write numbers as text. `null_if_placeholder` maps the "nothing here" spellings
    ('', blanks, 'N/A', 'null', '-', case-insensitive) to SQL null and trims the rest.
-#}
{% macro null_if_placeholder(expr) -%}
    case
        when lower(trim({{ expr }})) in ('', 'n/a', 'null', '-') then null
        else trim({{ expr }})
    end
{%- endmacro %}

{#- A count such as "15,000" or "1 234" as bigint; placeholders become null. A value that is
    not a number fails the query rather than being silently dropped. -#}
{% macro parse_count(expr) -%}
    cast(regexp_replace({{ null_if_placeholder(expr) }}, '[,\s]', '', 'g') as bigint)
{%- endmacro %}

{#- A money amount such as "12,500.00" or "$12500" as decimal(18,2); placeholders become null. -#}
{% macro parse_money(expr) -%}
    cast(regexp_replace({{ null_if_placeholder(expr) }}, '[,\s$€£]', '', 'g') as decimal(18, 2))
{%- endmacro %}

{#- A measure with a fractional part (hours, percentages) as double; placeholders become null. -#}
{% macro parse_measure(expr) -%}
    cast(regexp_replace({{ null_if_placeholder(expr) }}, '[,\s%]', '', 'g') as double)
{%- endmacro %}
