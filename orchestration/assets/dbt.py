"""The dbt project as assets. Asset keys mirror dbt schemas (["staging", "stg_x__tweets"]),
sources map onto the raw assets (["raw", "x_tweets"]), dbt tests become asset checks."""

import json
from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from ingestion import paths
from orchestration.project import mutuality_dbt_project
from orchestration.resources import RunSettingsResource


class MutualityDbtTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["schema"]


dbt_translator = MutualityDbtTranslator(
    settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)
)


class DbtBuildConfig(dg.Config):
    full_refresh: bool = False
    """Rebuild the incremental models from scratch (`dbt build --full-refresh`)."""


@dbt_assets(
    manifest=mutuality_dbt_project.manifest_path,
    project=mutuality_dbt_project,
    dagster_dbt_translator=dbt_translator,
)
def mutuality_dbt_assets(
    context: dg.AssetExecutionContext,
    dbt: DbtCliResource,
    run_settings: RunSettingsResource,
    config: DbtBuildConfig,
):
    # Unit tests check SQL logic on fixed inputs, so CI runs them (tests/dbt), not the daily
    # job (dbt Labs' advice). One fixed target folder keeps dbt's partial parse between runs.
    args = ["build", "--exclude-resource-type", "unit_test"]
    if config.full_refresh:
        args.append("--full-refresh")
    dbt_vars = run_settings.dbt_vars()
    if dbt_vars:
        args += ["--vars", json.dumps(dbt_vars)]
        context.log.info(f"dbt vars for this run: {dbt_vars}")
    yield from dbt.cli(
        args,
        context=context,
        target_path=paths.dbt_target_dir(),
    ).stream()
