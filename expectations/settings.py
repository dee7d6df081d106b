"""Gate settings, from environment variables (see README: Quality gate)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date

from mutuality import settings


@dataclass(frozen=True)
class GateSettings:
    run_date: date
    """The day the run considers today, for freshness."""
    max_age_days: int
    """Freshness: the newest activity must be at most this many days before run_date."""
    max_row_change: float
    """Volume: row count may differ from the last published version by at most this share."""


# How a failed freshness check tells the user what to change.
FRESHNESS_HINT = (
    "if the exports are old on purpose (a replay, a team that exports monthly), set the run "
    "date (`python -m orchestration run --run-date YYYY-MM-DD` or `--as-of YYYY-MM-DD`; "
    "Dagster run config `resources.run_settings.config.run_date`; or MUTUALITY_RUN_DATE) or "
    "allow older data with MUTUALITY_FRESHNESS_MAX_AGE_DAYS"
)


def gate_settings(configured_run_date: date | None = None) -> GateSettings:
    return GateSettings(
        run_date=settings.run_date(configured_run_date),
        max_age_days=int(os.environ.get("MUTUALITY_FRESHNESS_MAX_AGE_DAYS", "7")),
        max_row_change=float(os.environ.get("MUTUALITY_MAX_ROW_CHANGE", "0.5")),
    )


def gx_workdir():
    """Where the run's copy of the GX project lives (results and Data Docs go there)."""
    return settings.data_dir() / "quality"
