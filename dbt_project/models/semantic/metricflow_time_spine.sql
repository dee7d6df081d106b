-- One row per day, the calendar MetricFlow joins metric_time to. Fixed bounds rather than the
-- data's own dates: it must reach back to the oldest export anyone loads (X archives start in
-- 2006) and forward past any as-of day, and 2000-01-01 to 2049-12-31 (18,263 rows) costs nothing.
with days as (

    select unnest(
        generate_series(date '2000-01-01', date '2049-12-31', interval 1 day)
    ) as day_at

)

select cast(day_at as date) as date_day
from days
