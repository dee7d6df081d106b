{#-
    Dates TikTok Studio rows loaded before the loader dated them itself (raw `activity_date`
    null: warehouses loaded by older versions, whose files are not read again). Those rows are
    English "Month day" dates without a year; within one file they are consecutive days in
    chronological order and the last row falls on or before the export date named by the
    folder. These CTEs walk back from the export date: the last row takes the export date's
    year (or the year before when its month-day lies after the export date's), and every
    earlier row loses one year for each New Year wrap (a month-day smaller than the previous
    row's) between it and the end of the file. Rows the loader dated keep its `activity_date`
    (the staging models coalesce the two).

    Emits comma-separated CTEs reading `source_cte` (which must have the raw Studio columns
    `_export_owner`, `_file_hash`, `export_date`, `row_number`, `date_text`); the last one,
    `studio_dated`, adds `activity_on` (null when `date_text` is not an English "Month day").
-#}
{% macro tiktok_studio_dated_ctes(source_cte) -%}
studio_month_days as (
    select
        *,
        coalesce(
            try_strptime(trim(date_text) || ' 2000', '%B %d %Y'),
            try_strptime(trim(date_text) || ' 2000', '%b %d %Y')
        ) as month_day_in_leap_year
    from {{ source_cte }}
),

studio_year_wraps as (
    select
        *,
        coalesce(
            month_day_in_leap_year < lag(month_day_in_leap_year) over studio_file_rows,
            false
        ) as starts_new_year,
        arg_max(month_day_in_leap_year, row_number) over studio_file
            as last_month_day_in_leap_year
    from studio_month_days
    window
        studio_file as (partition by _export_owner, export_date, _file_hash),
        studio_file_rows as (
            partition by _export_owner, export_date, _file_hash order by row_number
        )
),

studio_years as (
    select
        *,
        year(export_date)
        - case
            when
                strftime(last_month_day_in_leap_year, '%m-%d')
                > strftime(export_date, '%m-%d')
                then 1
            else 0
        end
        - coalesce(
            sum(cast(starts_new_year as integer)) over (
                partition by _export_owner, export_date, _file_hash
                order by row_number
                rows between 1 following and unbounded following
            ),
            0
        ) as activity_year
    from studio_year_wraps
),

studio_dated as (
    select
        *,
        try(
            make_date(
                cast(activity_year as bigint),
                month(month_day_in_leap_year),
                day(month_day_in_leap_year)
            )
        ) as activity_on
    from studio_years
)
{%- endmacro %}
