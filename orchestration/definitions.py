"""The one Dagster entry point: `dagster dev -m orchestration.definitions`.

Importing it builds nothing: Dagster calls `defs` when it loads the code location, which
(re)builds the dbt manifest when the project changed and then every definition.
"""

from __future__ import annotations

import dagster as dg


def build_definitions() -> dg.Definitions:
    """Everything, with resources configured from the environment as it is now, on a dbt
    manifest brought up to date first."""
    from orchestration.assets.dbt import build_dbt_assets
    from orchestration.assets.exports import export_specs
    from orchestration.assets.publish import build_publish_asset, mart_keys_of
    from orchestration.assets.raw import load_report, loader_assets
    from orchestration.checks import gx_checks
    from orchestration.jobs import mutuality_job
    from orchestration.manifest import build_manifest
    from orchestration.resources import build_resources
    from orchestration.schedules import daily_schedule
    from orchestration.sensors import new_exports_sensor

    build_manifest()
    dbt_assets = build_dbt_assets()
    publish_marts = build_publish_asset(mart_keys_of(dbt_assets))
    return dg.Definitions(
        assets=[*export_specs, *loader_assets, load_report, dbt_assets, publish_marts],
        asset_checks=gx_checks,
        jobs=[mutuality_job],
        schedules=[daily_schedule],
        sensors=[new_exports_sensor],
        resources=build_resources(),
        executor=dg.in_process_executor,
    )


@dg.definitions
def defs() -> dg.Definitions:
    return build_definitions()
