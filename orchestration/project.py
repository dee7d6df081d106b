"""The dbt project as Dagster sees it, with every generated file under the data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dagster_dbt import DbtProject

from ingestion import paths


def configure_environment() -> None:
    """Make dbt (a subprocess) agree with Python on where the warehouse is.

    Only fills in what the user has not set, so env vars always win.
    """
    os.environ.setdefault("MUTUALITY_WAREHOUSE_PATH", str(paths.warehouse_path()))
    os.environ.setdefault("DBT_LOG_PATH", str(paths.dbt_log_dir()))
    os.environ.setdefault("MUTUALITY_DUCKDB_TEMP_DIR", str(paths.duckdb_temp_dir()))
    # dagster-dbt looks for `dbt` on PATH (`prepare_if_dev` under `dagster dev` too): make it
    # this environment's, whether or not the virtualenv is activated.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([bin_dir, os.environ.get("PATH", "")])


configure_environment()

mutuality_dbt_project = DbtProject(
    project_dir=paths.DBT_PROJECT_DIR,
    profiles_dir=paths.DBT_PROJECT_DIR,
    target_path=paths.dbt_target_dir(),
)
# Under `dagster dev` this (re)parses the project so edits show up; everywhere else
# (`make run`, tests, CI) the manifest is built explicitly by orchestration.manifest.
mutuality_dbt_project.prepare_if_dev()
if not mutuality_dbt_project.manifest_path.exists():
    from orchestration.manifest import build_manifest

    build_manifest()
