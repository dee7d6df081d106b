"""The dbt project as assets. Asset keys mirror dbt schemas (["staging", "stg_x__tweets"]),
sources map onto the raw assets (["raw", "x_tweets"]), dbt tests become asset checks (source
tests too, on the raw assets), each described (orchestration/dbt_descriptions.py); a model of
a dbt group is owned by `team:<group>` unless its group's owner has an e-mail."""

import json
from collections.abc import Mapping, Sequence
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)

from ingestion.loaders.state import clear_rebuilds, pending_rebuilds
from mutuality import settings
from orchestration.children import as_parent
from orchestration.dbt_descriptions import describe_test
from orchestration.project import dbt_project
from orchestration.resources import RunSettingsResource, WarehouseResource


class MutualityDbtTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            return dg.AssetKey([dbt_resource_props["source_name"], dbt_resource_props["name"]])
        return dg.AssetKey([dbt_resource_props["schema"], dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return dbt_resource_props["schema"]

    def get_owners(self, dbt_resource_props: Mapping[str, Any]) -> Sequence[str] | None:
        owners = super().get_owners(dbt_resource_props)
        group = dbt_resource_props.get("group")
        if owners or not isinstance(group, Mapping) or not group.get("name"):
            return owners
        return [f"team:{group['name']}"]

    def get_asset_check_spec(
        self,
        asset_spec: dg.AssetSpec,
        manifest: Mapping[str, Any],
        unique_id: str,
        project: Any,
    ) -> dg.AssetCheckSpec | None:
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None:
            return None
        return spec._replace(description=describe_test(manifest["nodes"][unique_id]))


dbt_translator = MutualityDbtTranslator(
    settings=DagsterDbtTranslatorSettings(
        enable_asset_checks=True,
        # a source's tests check its raw asset: results, not observations "instead of" them
        enable_source_tests_as_checks=True,
    )
)


class DbtBuildConfig(dg.Config):
    full_refresh: bool = False
    """Rebuild the incremental models from scratch (`dbt build --full-refresh`)."""


def dbt_build_args(full_refresh: bool, rebuilds: list[str], dbt_vars: dict[str, str]) -> list[str]:
    """The job's `dbt build`. Unit tests check SQL logic on fixed inputs, so CI runs them
    (tests/dbt), not the daily job (dbt Labs' advice). A correction of raw since the last
    build (`rebuilds`: rows left or changed) makes it a full refresh: append-only staging and
    incremental models only see rows that arrive."""
    args = ["build", "--exclude-resource-type", "unit_test"]
    if full_refresh or rebuilds:
        args.append("--full-refresh")
    if dbt_vars:
        args += ["--vars", json.dumps(dbt_vars)]
    return args


def build_dbt_assets() -> dg.AssetsDefinition:
    """The dbt project's models, seeds and tests as assets and checks, from its manifest
    (`orchestration.manifest.build_manifest()` writes it; the definitions call it first)."""
    project = dbt_project()
    if not project.manifest_path.exists():
        raise FileNotFoundError(
            f"no dbt manifest at {project.manifest_path}: build it first with "
            "`python -m orchestration.manifest` (orchestration.definitions does so itself)"
        )

    @dbt_assets(
        manifest=project.manifest_path,
        project=project,
        dagster_dbt_translator=dbt_translator,
    )
    def mutuality_dbt_assets(
        context: dg.AssetExecutionContext,
        dbt: DbtCliResource,
        warehouse: WarehouseResource,
        run_settings: RunSettingsResource,
        config: DbtBuildConfig,
    ):
        with warehouse.connect() as conn:
            (started,) = conn.execute("select now()").fetchone()
            rebuilds = pending_rebuilds(conn)
        if rebuilds:
            context.log.info(f"full refresh: raw was corrected since the last build ({rebuilds})")
        dbt_vars = run_settings.dbt_vars()
        if dbt_vars:
            context.log.info(f"dbt vars for this run: {dbt_vars}")
        args = dbt_build_args(config.full_refresh, rebuilds, dbt_vars)
        # One fixed target folder keeps dbt's partial parse between runs.
        with as_parent():  # dagster-dbt starts dbt with os.environ
            invocation = dbt.cli(args, context=context, target_path=settings.dbt_target_dir())
        yield from invocation.stream()
        if rebuilds or config.full_refresh:
            with warehouse.connect() as conn:
                clear_rebuilds(conn, requested_before=started)

    return mutuality_dbt_assets
