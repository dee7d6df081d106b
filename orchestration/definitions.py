"""The one Dagster entry point: `dagster dev -m orchestration.definitions`."""

from __future__ import annotations

import dagster as dg

from orchestration.assets.dbt import mutuality_dbt_assets
from orchestration.assets.exports import export_specs
from orchestration.assets.publish import publish_marts
from orchestration.assets.raw import load_report, loader_assets
from orchestration.checks import gx_checks
from orchestration.jobs import mutuality_job
from orchestration.resources import build_resources
from orchestration.schedules import daily_schedule
from orchestration.sensors import new_exports_sensor


def build_definitions() -> dg.Definitions:
    """Everything, with resources configured from the environment as it is now."""
    return dg.Definitions(
        assets=[*export_specs, *loader_assets, load_report, mutuality_dbt_assets, publish_marts],
        asset_checks=gx_checks,
        jobs=[mutuality_job],
        schedules=[daily_schedule],
        sensors=[new_exports_sensor],
        resources=build_resources(),
        executor=dg.in_process_executor,
    )


defs = build_definitions()
