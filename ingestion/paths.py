"""Where Mutuality keeps generated data. Everything lives under one git-ignored folder.

``MUTUALITY_DATA_DIR`` moves the whole folder; the finer variables move one part of it.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
# Written into the exports folder by the sample generator: these exports are the made-up sample.
SAMPLE_MARKER = ".mutuality-sample.json"


def data_dir() -> Path:
    return Path(os.environ.get("MUTUALITY_DATA_DIR", REPO_ROOT / "data")).resolve()


def exports_dir() -> Path:
    return Path(os.environ.get("MUTUALITY_EXPORTS_DIR", data_dir() / "exports")).resolve()


def ground_truth_path() -> Path:
    """The generator's sidecar of planted truth. The pipeline never reads it; tests do."""
    return Path(
        os.environ.get("MUTUALITY_GROUND_TRUTH_PATH", data_dir() / "ground_truth.json")
    ).resolve()


def warehouse_path() -> Path:
    return Path(
        os.environ.get("MUTUALITY_WAREHOUSE_PATH", data_dir() / "warehouse" / "mutuality.duckdb")
    ).resolve()


def duckdb_temp_dir() -> Path:
    """Where DuckDB spills when a query needs more than its memory limit."""
    return Path(
        os.environ.get("MUTUALITY_DUCKDB_TEMP_DIR", data_dir() / "warehouse" / "spill")
    ).resolve()


def dbt_target_dir() -> Path:
    return data_dir() / "dbt" / "target"


def dbt_log_dir() -> Path:
    return data_dir() / "dbt" / "logs"


def dagster_home() -> Path:
    return Path(os.environ.get("DAGSTER_HOME", data_dir() / "dagster_home")).resolve()
