"""A warehouse locked by another process: the run's summary, and dbt's error as dagster-dbt
passes it on, name the holder (PID and command line) and say what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from dagster._utils.error import serializable_error_info_from_exc_info
from dagster_dbt import DagsterDbtCliRuntimeError, DbtCliResource

from mutuality import settings
from mutuality.settings import REPO_ROOT
from orchestration.manifest import dbt_executable
from orchestration.summary import error_lock_holder, root_cause
from tests.e2e.conftest import copy_fixture_exports, job_env
from tests.processes import HOLDER_MARK, lock_held


def test_a_locked_warehouse_names_its_holder(tmp_path: Path, monkeypatch) -> None:
    data = tmp_path / "data"
    # a few exports: the loaders meet the lock before they read any
    copy_fixture_exports(data / "exports", only=("roster", "crm"))
    warehouse = data / "warehouse" / "mutuality.duckdb"
    with lock_held(warehouse) as holder:
        completed = subprocess.run(
            [sys.executable, "-m", "orchestration", "run", "--no-sample"],
            cwd=REPO_ROOT,
            env=job_env(data),
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        summary = completed.stdout
        assert completed.returncode == 1, completed.stderr[-3000:]
        locked = [line for line in summary.splitlines() if line.startswith("  LOCKED: ")]
        assert len(locked) == 1, summary  # once, not once per loader
        assert f"locked by another process (PID {holder.pid}: " in locked[0]
        assert HOLDER_MARK in locked[0]
        assert "or wait for that run to end" in locked[0]
        assert f"open the published copy in {data / 'published'}" in locked[0]

        # dbt meeting the lock (the loaders done, a DuckDB shell opened in between)
        for name, value in job_env(data).items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("MUTUALITY_WAREHOUSE_PATH", str(warehouse))
        monkeypatch.setenv("MUTUALITY_DUCKDB_TEMP_DIR", str(data / "warehouse" / "spill"))
        dbt = DbtCliResource(
            project_dir=str(settings.dbt_project_dir()),
            profiles_dir=str(settings.dbt_project_dir()),
            dbt_executable=dbt_executable(),
        )
        # the run's target folder: dbt parses partially what the run parsed
        target = data / "dbt" / "target"
        with pytest.raises(DagsterDbtCliRuntimeError) as raised:
            dbt.cli(
                ["run", "--select", "stg_crm__deals"],
                manifest=target / "manifest.json",
                target_path=target,
            ).wait()
        # read while the holder is there, as the run summary does
        error = serializable_error_info_from_exc_info(
            (raised.type, raised.value, raised.value.__traceback__)
        )
        found = error_lock_holder(error)
        assert found is not None, root_cause(error)
        assert found.pid == holder.pid and HOLDER_MARK in (found.command_line or "")
