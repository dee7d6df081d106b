-- The periods connectedness is measured over: the trailing window that ends on the as-of day
-- (var `connectedness_window_days` days, as-of day included) and every calendar month (UTC)
-- from the first month with an interaction to the as-of month, the last month cut at the
-- as-of day. Bounds are whole UTC days: a period covers [period_start, period_end + 1 day).

with

interactions as (

    select * from {{ ref('int_interactions_unioned') }}

),

bounds as (

    select
        {{ as_of_date() }} as as_of_date,
        cast(min(occurred_at) as date) as first_activity_date
    from interactions

),

trailing_window as (

    select
        'window' as period_kind,
        cast(
            as_of_date - to_days({{ var('connectedness_window_days') }} - 1) as date
        ) as period_start,
        as_of_date as period_end,
        as_of_date
    from bounds
    where as_of_date is not null

),

month_starts as (

    select
        as_of_date,
        cast(unnest(generate_series(
            cast(date_trunc('month', first_activity_date) as timestamp),
            cast(date_trunc('month', as_of_date) as timestamp),
            interval 1 month
        )) as date) as month_start
    from bounds
    where as_of_date is not null

),

months as (

    select
        'month' as period_kind,
        month_start as period_start,
        least(cast(month_start + interval 1 month - interval 1 day as date), as_of_date)
            as period_end,
        as_of_date
    from month_starts

),

final as (

    select * from trailing_window
    union all
    select * from months

)

select * from final
