"""Every test session gets its own data folder, so tests never touch ./data.

`pipeline_run` runs the real pipeline once per session on the small generated sample; any
test that needs the built warehouse asks for it."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import pytest


def pytest_configure(config) -> None:
    if "MUTUALITY_DATA_DIR" not in os.environ:
        os.environ["MUTUALITY_DATA_DIR"] = tempfile.mkdtemp(prefix="mutuality-test-")
    for name in ("MUTUALITY_EXPORTS_DIR", "MUTUALITY_WAREHOUSE_PATH", "DAGSTER_HOME"):
        os.environ.pop(name, None)


@dataclass(frozen=True)
class PipelineRun:
    result: dg.ExecuteInProcessResult
    ground_truth: dict[str, Any]
    warehouse: Path

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as conn:
            return conn.execute(sql).fetchall()


def execute_job() -> dg.ExecuteInProcessResult:
    from orchestration.definitions import build_definitions

    # built now: resources take the environment (data folder, warehouse) as it is now
    with dg.DagsterInstance.ephemeral() as instance:
        return (
            build_definitions()
            .resolve_job_def("mutuality_daily")
            .execute_in_process(instance=instance, raise_on_error=False)
        )


@pytest.fixture(scope="session")
def pipeline_run() -> PipelineRun:
    """The real pipeline (Dagster job: loaders + dbt build) on the small generated sample."""
    from mutuality import settings
    from orchestration.manifest import build_manifest
    from sample_exports import generate

    truth = generate(settings.exports_dir(), settings.ground_truth_path(), seed=7, scale="small")
    # The sample ends on a fixed day: run as of the day after, as `make run` does.
    os.environ["MUTUALITY_RUN_DATE"] = (
        date.fromisoformat(truth["end_date"]) + timedelta(days=1)
    ).isoformat()
    build_manifest()
    result = execute_job()
    failures = [
        (event.step_key, event.event_specific_data.error.message)
        for event in result.all_events
        if event.is_step_failure
    ]
    assert result.success, f"pipeline failed: {failures}"
    return PipelineRun(
        result=result,
        ground_truth=json.loads(settings.ground_truth_path().read_text()),
        warehouse=settings.warehouse_path(),
    )


@pytest.fixture(scope="session")
def dbt_assets() -> dg.AssetsDefinition:
    """The dbt project as Dagster assets, on a manifest brought up to date first."""
    from orchestration.assets.dbt import build_dbt_assets
    from orchestration.manifest import build_manifest

    build_manifest()
    return build_dbt_assets()


@pytest.fixture(scope="session")
def dbt_manifest(dbt_assets) -> dict[str, Any]:
    from orchestration.project import dbt_project

    return json.loads(dbt_project().manifest_path.read_text())


@pytest.fixture(scope="session")
def publish_marts(dbt_assets) -> dg.AssetsDefinition:
    from orchestration.assets.publish import build_publish_asset, mart_keys_of

    return build_publish_asset(mart_keys_of(dbt_assets))
