{#- Money by the largest-remainder method, as a select over `relation`: every row of a
    `partition_by` group has `exact_cents` (a fraction of a whole number of cents); the
    group's total is round(sum(exact_cents)). Each row gets floor(exact_cents) (`floor_cents`),
    and the cents left over go one each to the rows with the largest remainders, ties broken
    by `order_by` (a stable touch order), giving `credit_cents`. A group's `credit_cents` add
    up to its total exactly. -#}
{% macro allocate_cents(relation, exact_cents, partition_by, order_by) -%}
    select
        *,
        floor_cents
        + case when leftover_rank <= leftover_cents then 1 else 0 end as credit_cents
    from (
        select
            *,
            cast(round(sum({{ exact_cents }}) over (partition by {{ partition_by }})) as bigint)
            - sum(floor_cents) over (partition by {{ partition_by }}) as leftover_cents,
            row_number() over (
                partition by {{ partition_by }}
                order by {{ exact_cents }} - floor_cents desc, {{ order_by }}
            ) as leftover_rank
        from (
            select
                *,
                -- rounded to 1e-6 cent first, so 33.9999999 cents from float noise is 34
                cast(floor(round({{ exact_cents }}, 6)) as bigint) as floor_cents
            from {{ relation }}
        )
    )
{%- endmacro %}
