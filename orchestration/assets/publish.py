"""The publish step: marts reach BI only as a version every quality-gate suite passed on.

The version is built aside; each suite's latest asset check counts only if it passed on
exactly the content about to be published (same fingerprint), otherwise the suite runs again
on the version itself. So no path (the job, a manual materialization, a `dbt build` or any
write to the warehouse outside a run) publishes data that no suite passed."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb

from expectations.runner import ValidationOutcome, validate
from expectations.settings import GateSettings, gate_settings
from expectations.suites import ALL_SUITES, SuiteSpec
from ingestion.loaders.state import load_errors
from mutuality import settings
from orchestration.checks import gx_check_key, gx_check_keys
from orchestration.privacy import configured_salt, default_salt_refusal
from orchestration.publishing import (
    StagedVersion,
    default_layout,
    fingerprint,
    last_published_row_counts,
    publish,
)
from orchestration.resources import RunSettingsResource, WarehouseResource

PUBLISH_KEY = dg.AssetKey(["published", "bi_marts"])


def mart_keys_of(dbt_assets: dg.AssetsDefinition) -> list[dg.AssetKey]:
    """The marts the dbt project builds: what a BI version holds."""
    return sorted(
        (key for key in dbt_assets.keys if key.path[0] == "marts"),
        key=lambda key: key.to_user_string(),
    )


def latest_check_results(
    instance: dg.DagsterInstance,
) -> dict[dg.AssetCheckKey, dict[str, Any]]:
    """The latest execution of every gate check: passed or not, and the fingerprint of the
    content it validated."""
    latest = instance.event_log_storage.get_latest_asset_check_execution_by_key(gx_check_keys)
    results: dict[dg.AssetCheckKey, dict[str, Any]] = {}
    for key in gx_check_keys:
        record = latest.get(key)
        if record is None:
            continue
        evaluation = record.event.dagster_event.event_specific_data if record.event else None
        metadata = getattr(evaluation, "metadata", {}) or {}
        results[key] = {
            "passed": record.status.value == "SUCCEEDED",
            "status": record.status.value.lower(),
            "run_id": record.run_id,
            "fingerprint": metadata["fingerprint"].value if "fingerprint" in metadata else None,
            **{
                field: metadata[field].value
                for field in ("expectations_evaluated", "expectations_failed", "row_count")
                if field in metadata
            },
        }
    return results


def _spec_of(relation: str) -> SuiteSpec:
    spec = next((spec for spec in ALL_SUITES if spec.relation == relation), None)
    if spec is None or not spec.published:
        raise dg.Failure(
            description=f"Not published: {relation} has no published quality-gate suite "
            "(expectations/suites.py); nothing unvalidated reaches BI."
        )
    return spec


def _judge(
    spec: SuiteSpec,
    content: str,
    checked: dict[str, Any] | None,
    revalidate: Callable[[], ValidationOutcome],
) -> dict[str, Any]:
    """Trust the latest check when it passed on exactly this content; otherwise validate the
    content about to be published now."""
    if checked and checked["passed"] and checked["fingerprint"] == content:
        return {**checked, "validated": "by its asset check"}
    if checked is None:
        why = "its check never ran"
    elif not checked["passed"]:
        why = f"its latest check {checked['status']}"
    else:
        why = "the table changed after its check passed"
    outcome = revalidate()
    return {
        "passed": outcome.success,
        "validated": f"at publish ({why})",
        "fingerprint": content,
        "row_count": outcome.row_count,
        "expectations_evaluated": outcome.expectations_evaluated,
        "expectations_failed": len(outcome.failures),
        "failed_expectations": [failure.describe() for failure in outcome.failures],
    }


def validate_version(
    staged: StagedVersion,
    warehouse: WarehouseResource,
    checked: dict[dg.AssetCheckKey, dict[str, Any]],
    settings: GateSettings,
    last_rows: dict[str, int],
) -> dict[str, dict[str, Any]]:
    """Every suite, on what is published: each mart as it is in the staged version, each
    other gated table as it is in the warehouse now. Raises when any fails."""
    validations: dict[str, dict[str, Any]] = {}
    with (
        duckdb.connect(str(staged.bi_database), read_only=True) as version,
        warehouse.connect(read_only=True) as upstream,
    ):
        for spec in ALL_SUITES:
            conn = version if spec.published else upstream
            content = (
                staged.fingerprints[spec.relation]
                if spec.published
                else fingerprint(upstream, spec.relation, spec.key)
            )
            validations[spec.name] = _judge(
                spec,
                content,
                checked.get(gx_check_key(spec)),
                lambda spec=spec, conn=conn: validate(
                    spec, conn, settings, last_rows.get(spec.relation), upstream=upstream
                ),
            )
    failed = {name: v for name, v in validations.items() if not v["passed"]}
    if failed:
        raise dg.Failure(
            description=f"Not published: {len(failed)} quality-gate suites failed on the "
            "version about to be published; BI keeps the last published version.",
            metadata={
                "gate": dg.MetadataValue.md(
                    "\n".join(
                        f"- {name} ({v['validated']}): "
                        + ("; ".join(v.get("failed_expectations") or []) or v.get("status", ""))
                        for name, v in failed.items()
                    )
                )
            },
        )
    return validations


def build_publish_asset(mart_keys: list[dg.AssetKey]) -> dg.AssetsDefinition:
    """The publish step over these marts (`mart_keys_of` the dbt assets)."""
    # Publishing also waits on every other gated table (key staging tables): their blocking
    # checks then run before it in the same run, and a failure stops it.
    gated_keys = sorted(
        {check.asset_key for check in gx_check_keys} - set(mart_keys),
        key=lambda key: key.to_user_string(),
    )

    @dg.asset(
        key=PUBLISH_KEY,
        deps=[*mart_keys, *gated_keys],
        group_name="published",
        kinds={"duckdb", "parquet"},
        description=(
            "The marts as one BI version (a DuckDB file, Parquet files and a manifest), built "
            "aside, validated there by every Great Expectations suite, then made current by one "
            "atomic pointer swap; the previous version is kept for rollback."
        ),
        automation_condition=(
            dg.AutomationCondition.eager()
            & dg.AutomationCondition.all_deps_blocking_checks_passed()
        ),
    )
    def publish_marts(
        context: dg.AssetExecutionContext,
        warehouse: WarehouseResource,
        run_settings: RunSettingsResource,
    ):
        refusal = default_salt_refusal(settings.exports_dir(), configured_salt())
        if refusal is not None:
            raise dg.Failure(description=refusal)
        layout = default_layout()
        keys = {
            relation: _spec_of(relation).key
            for relation in (".".join(key.path) for key in mart_keys)
        }
        checked = latest_check_results(context.instance)
        gate = gate_settings(run_settings.gate_run_date())
        last_rows = last_published_row_counts(layout)
        with warehouse.connect(read_only=True) as conn:
            quarantined = sorted({q.source_file for q in load_errors(conn)})
        if quarantined:
            context.log.warning(
                f"publishing without {len(quarantined)} quarantined export files: {quarantined}"
            )
        manifest = publish(
            warehouse=Path(warehouse.path),
            keys=keys,
            run_id=context.run.run_id,
            validate=lambda staged: validate_version(staged, warehouse, checked, gate, last_rows),
            layout=layout,
            quarantined_files=quarantined,
        )
        revalidated = sorted(
            name
            for name, v in manifest["validations"].items()
            if v["validated"] != "by its asset check"
        )
        if revalidated:
            context.log.info(f"validated at publish: {revalidated}")
        context.log.info(f"Published {len(keys)} marts to {layout.bi_database}")
        return dg.MaterializeResult(
            metadata={
                "bi_database": dg.MetadataValue.path(str(layout.bi_database)),
                "parquet": dg.MetadataValue.path(str(layout.parquet)),
                "version": manifest["version"],
                "row_counts": manifest["row_counts"],
                "validated_at_publish": len(revalidated),
                "quarantined_files": len(quarantined),
            }
        )

    return publish_marts
