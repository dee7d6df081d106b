"""Where Mutuality keeps generated data. Everything lives under one git-ignored folder.

``MUTUALITY_DATA_DIR`` moves the whole folder; the finer variables move one part of it.
Its default is ``data/`` in a checkout and the user's data folder
(``$XDG_DATA_HOME/mutuality``, by default ``~/.local/share/mutuality``) in an installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

# The folder holding the packages and the dbt project: the checkout, or site-packages when
# Mutuality is installed (the wheel ships dbt_project/ beside ingestion/, orchestration/ and
# expectations/, so the project is found the same way in both).
REPO_ROOT = Path(__file__).resolve().parent.parent
# MUTUALITY_DBT_PROJECT_DIR runs the product on another copy of the dbt project (a fork with
# a platform of its own, or the architecture test's toy platform); read once, at start.
DBT_PROJECT_DIR = Path(
    os.environ.get("MUTUALITY_DBT_PROJECT_DIR") or REPO_ROOT / "dbt_project"
).resolve()
# Written into the exports folder by the sample generator: these exports are the made-up sample.
SAMPLE_MARKER = ".mutuality-sample.json"


def checkout() -> Path | None:
    """The git checkout the code runs from (it holds pyproject.toml), or None when installed."""
    return REPO_ROOT if (REPO_ROOT / "pyproject.toml").is_file() else None


def default_data_dir() -> Path:
    if checkout() is not None:
        return REPO_ROOT / "data"
    user_data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(user_data) / "mutuality"


def data_dir() -> Path:
    return Path(os.environ.get("MUTUALITY_DATA_DIR") or default_data_dir()).resolve()


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
