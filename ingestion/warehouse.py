"""How every process opens the working warehouse: one memory limit, thread count and spill
directory, so large work spills to disk instead of failing or swapping.

dbt reads the same variables in ``dbt_project/profiles.yml``.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from ingestion import paths

DEFAULT_MEMORY_LIMIT = "4GB"
DEFAULT_THREADS = 2


def memory_limit() -> str:
    return os.environ.get("MUTUALITY_DUCKDB_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT)


def threads() -> int:
    return int(os.environ.get("MUTUALITY_DUCKDB_THREADS", DEFAULT_THREADS))


def duckdb_config() -> dict[str, str]:
    """DuckDB settings for a connection that writes (or reads a lot of) warehouse data."""
    spill = paths.duckdb_temp_dir()
    spill.mkdir(parents=True, exist_ok=True)
    return {
        "memory_limit": memory_limit(),
        "threads": str(threads()),
        "temp_directory": str(spill),
        "preserve_insertion_order": "false",
    }


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only, config=duckdb_config())
