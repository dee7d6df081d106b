"""The publish step: marts reach BI only when every quality-gate suite passed."""

from pathlib import Path
from typing import Any

import dagster as dg

from ingestion import paths
from ingestion.loaders.state import load_errors
from orchestration.assets.dbt import mutuality_dbt_assets
from orchestration.checks import gx_check_keys
from orchestration.privacy import configured_salt, default_salt_refusal
from orchestration.publishing import default_layout, publish
from orchestration.resources import WarehouseResource

mart_keys = sorted(
    (key for key in mutuality_dbt_assets.keys if key.path[0] == "marts"),
    key=lambda key: key.to_user_string(),
)
# Publishing also waits on every other gated table (key staging tables): their blocking
# checks then run before it in the same run, and a failure stops it.
gated_keys = sorted(
    {check.asset_key for check in gx_check_keys} - set(mart_keys),
    key=lambda key: key.to_user_string(),
)


def gate_status(instance: dg.DagsterInstance) -> dict[str, dict[str, Any]]:
    """The latest execution of every gate check, and whether it validated the current build
    of its asset (a check that ran before the asset was last rebuilt does not count)."""
    latest = instance.event_log_storage.get_latest_asset_check_execution_by_key(gx_check_keys)
    status: dict[str, dict[str, Any]] = {}
    for key in gx_check_keys:
        name = f"{key.asset_key.to_user_string()}:{key.name}"
        record = latest.get(key)
        if record is None:
            status[name] = {"passed": False, "problem": "never ran"}
            continue
        materialization = instance.get_latest_materialization_event(key.asset_key)
        # the record is created when the check is planned; its evaluation event says when it ran
        evaluated_at = record.event.timestamp if record.event else record.create_timestamp
        stale = materialization is not None and evaluated_at < materialization.timestamp
        passed = record.status.value == "SUCCEEDED" and not stale
        evaluation = record.event.dagster_event.event_specific_data if record.event else None
        metadata = getattr(evaluation, "metadata", {}) or {}
        status[name] = {
            "passed": passed,
            "problem": None if passed else ("stale" if stale else record.status.value.lower()),
            "run_id": record.run_id,
            **{
                field: metadata[field].value
                for field in ("expectations_evaluated", "expectations_failed", "row_count")
                if field in metadata
            },
        }
    return status


@dg.asset(
    key=["published", "bi_marts"],
    deps=[*mart_keys, *gated_keys],
    group_name="published",
    kinds={"duckdb", "parquet"},
    description=(
        "The marts, copied to a read-only BI database and Parquet files once every Great "
        "Expectations suite passed; swapped in atomically, previous version kept."
    ),
    automation_condition=(
        dg.AutomationCondition.eager() & dg.AutomationCondition.all_deps_blocking_checks_passed()
    ),
)
def publish_marts(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    refusal = default_salt_refusal(paths.exports_dir(), configured_salt())
    if refusal is not None:
        raise dg.Failure(description=refusal)
    gate = gate_status(context.instance)
    blocked = {name: check["problem"] for name, check in gate.items() if not check["passed"]}
    if blocked:
        raise dg.Failure(
            description="Not published: the quality gate did not pass.",
            metadata={
                "gate": dg.MetadataValue.md(
                    "\n".join(f"- {name}: {problem}" for name, problem in blocked.items())
                )
            },
        )
    layout = default_layout()
    with warehouse.connect(read_only=True) as conn:
        quarantined = sorted({q.source_file for q in load_errors(conn)})
    if quarantined:
        context.log.warning(
            f"publishing without {len(quarantined)} quarantined export files: {quarantined}"
        )
    manifest = publish(
        warehouse=Path(warehouse.path),
        relations=[".".join(key.path) for key in mart_keys],
        run_id=context.run.run_id,
        validations=gate,
        layout=layout,
        quarantined_files=quarantined,
    )
    context.log.info(f"Published {len(mart_keys)} marts to {layout.bi_database}")
    return dg.MaterializeResult(
        metadata={
            "bi_database": dg.MetadataValue.path(str(layout.bi_database)),
            "parquet": dg.MetadataValue.path(str(layout.parquet)),
            "version": manifest["version"],
            "row_counts": manifest["row_counts"],
            "quarantined_files": len(quarantined),
        }
    )
