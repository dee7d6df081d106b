from __future__ import annotations

import dagster as dg

from orchestration.jobs import mutuality_job

daily_schedule = dg.ScheduleDefinition(
    name="mutuality_daily_schedule",
    job=mutuality_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    description="Rebuild the warehouse every morning after the overnight exports arrive.",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)
