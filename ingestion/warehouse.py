"""How every process opens the working warehouse: with the DuckDB settings of
mutuality.settings (one memory limit, thread count and spill directory, which dbt's profile
reads too), so large work spills to disk instead of failing or swapping."""

from __future__ import annotations

from pathlib import Path

import duckdb

from mutuality import settings


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only, config=settings.duckdb_config())
