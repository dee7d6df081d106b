"""Every setting of a Mutuality run, in one place: where the data lives, how DuckDB opens the
warehouse, and the days a run works with.

Each setting is read from the environment when asked for, never at import, and nothing here
changes the environment: a dbt subprocess gets its settings from `dbt_environment()`.

Data lives under one git-ignored folder. ``MUTUALITY_DATA_DIR`` moves the whole folder; the
finer variables move one part of it. Its default is ``data/`` in a checkout and the user's
data folder (``$XDG_DATA_HOME/mutuality``, by default ``~/.local/share/mutuality``) in an
installed package.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path

# The folder holding the packages and the dbt project: the checkout, or site-packages when
# Mutuality is installed (the wheel ships dbt_project/ beside mutuality/, ingestion/,
# orchestration/ and expectations/, so the project is found the same way in both).
REPO_ROOT = Path(__file__).resolve().parent.parent
# Written into the exports folder by the sample generator: these exports are the made-up sample.
SAMPLE_MARKER = ".mutuality-sample.json"

# DuckDB, for every process that opens the warehouse (the loaders, the gate, dbt through
# dbt_environment()): large work spills to disk instead of failing or swapping.
DEFAULT_DUCKDB_MEMORY_LIMIT = "4GB"
DEFAULT_DUCKDB_THREADS = 2


def _env_path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name) or default).resolve()


def checkout() -> Path | None:
    """The git checkout the code runs from (it holds pyproject.toml), or None when installed."""
    return REPO_ROOT if (REPO_ROOT / "pyproject.toml").is_file() else None


def dbt_project_dir() -> Path:
    """The dbt project; MUTUALITY_DBT_PROJECT_DIR runs the product on another copy of it (a
    fork with a platform of its own, or the architecture test's toy platform)."""
    return _env_path("MUTUALITY_DBT_PROJECT_DIR", REPO_ROOT / "dbt_project")


def default_data_dir() -> Path:
    if checkout() is not None:
        return REPO_ROOT / "data"
    user_data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(user_data) / "mutuality"


def data_dir() -> Path:
    return _env_path("MUTUALITY_DATA_DIR", default_data_dir())


def exports_dir() -> Path:
    return _env_path("MUTUALITY_EXPORTS_DIR", data_dir() / "exports")


def ground_truth_path() -> Path:
    """The generator's sidecar of planted truth. The pipeline never reads it; tests do."""
    return _env_path("MUTUALITY_GROUND_TRUTH_PATH", data_dir() / "ground_truth.json")


def warehouse_path() -> Path:
    return _env_path("MUTUALITY_WAREHOUSE_PATH", data_dir() / "warehouse" / "mutuality.duckdb")


def duckdb_temp_dir() -> Path:
    """Where DuckDB spills when a query needs more than its memory limit."""
    return _env_path("MUTUALITY_DUCKDB_TEMP_DIR", data_dir() / "warehouse" / "spill")


def duckdb_memory_limit() -> str:
    return os.environ.get("MUTUALITY_DUCKDB_MEMORY_LIMIT") or DEFAULT_DUCKDB_MEMORY_LIMIT


def duckdb_threads() -> int:
    return int(os.environ.get("MUTUALITY_DUCKDB_THREADS") or DEFAULT_DUCKDB_THREADS)


def duckdb_config() -> dict[str, str]:
    """DuckDB settings for a connection that writes (or reads a lot of) warehouse data."""
    spill = duckdb_temp_dir()
    spill.mkdir(parents=True, exist_ok=True)
    return {
        "memory_limit": duckdb_memory_limit(),
        "threads": str(duckdb_threads()),
        "temp_directory": str(spill),
        "preserve_insertion_order": "false",
    }


def dbt_target_dir() -> Path:
    return data_dir() / "dbt" / "target"


def dbt_log_dir() -> Path:
    return data_dir() / "dbt" / "logs"


def dagster_home() -> Path:
    return _env_path("DAGSTER_HOME", data_dir() / "dagster_home")


def dbt_environment() -> dict[str, str]:
    """What a dbt subprocess needs on top of this process's environment, so that it agrees
    with Python on the warehouse, the DuckDB limits (dbt_project/profiles.yml reads these
    variables) and its log folder, and finds this environment's `dbt`."""
    bin_dir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    return {
        "MUTUALITY_WAREHOUSE_PATH": str(warehouse_path()),
        "MUTUALITY_DUCKDB_MEMORY_LIMIT": duckdb_memory_limit(),
        "MUTUALITY_DUCKDB_THREADS": str(duckdb_threads()),
        "MUTUALITY_DUCKDB_TEMP_DIR": str(duckdb_temp_dir()),
        "DBT_LOG_PATH": os.environ.get("DBT_LOG_PATH") or str(dbt_log_dir()),
        "PATH": path if bin_dir in path.split(os.pathsep) else os.pathsep.join([bin_dir, path]),
    }


def parse_day(name: str, value: str | None) -> date | None:
    """A YYYY-MM-DD setting; None when unset or blank. ValueError names the setting."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{name} '{value}' is not a YYYY-MM-DD date") from None


def configured_as_of_date() -> str | None:
    """MUTUALITY_AS_OF_DATE: the day trailing windows end on (the dbt var `as_of_date`);
    unset, the latest activity day in the data. A run's config overrides it."""
    return os.environ.get("MUTUALITY_AS_OF_DATE") or None


def configured_run_date() -> str | None:
    """MUTUALITY_RUN_DATE: the day the quality gate measures freshness from. A run's config
    overrides it."""
    return os.environ.get("MUTUALITY_RUN_DATE") or None


def run_date(configured: date | None = None) -> date:
    """The day the run considers today: `configured` (the run's settings), else
    MUTUALITY_RUN_DATE, else today (UTC)."""
    if configured is not None:
        return configured
    from_env = parse_day("MUTUALITY_RUN_DATE", configured_run_date())
    return from_env if from_env is not None else datetime.now(UTC).date()


def strict_load() -> bool:
    """MUTUALITY_STRICT_LOAD: a bad export file fails its loader and nothing downstream builds."""
    return os.environ.get("MUTUALITY_STRICT_LOAD", "").lower() in ("1", "true", "yes")
