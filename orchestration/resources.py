"""Resources, configured by environment variables (see README: Configuration)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from ingestion import paths, warehouse
from orchestration.manifest import dbt_executable
from orchestration.project import mutuality_dbt_project


class WarehouseResource(dg.ConfigurableResource):
    """The working DuckDB warehouse. Connections are short-lived: DuckDB allows one writing
    process at a time, and dbt opens the same file right after ingestion."""

    path: str

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        conn = warehouse.connect(self.path, read_only=read_only)
        try:
            yield conn
        finally:
            conn.close()


class ExportsResource(dg.ConfigurableResource):
    """Where platform exports are dropped, one folder per platform and creator handle."""

    path: str

    @property
    def directory(self) -> Path:
        return Path(self.path)


def build_resources() -> dict[str, object]:
    return {
        "warehouse": WarehouseResource(path=str(paths.warehouse_path())),
        "exports": ExportsResource(path=str(paths.exports_dir())),
        "dbt": DbtCliResource(
            project_dir=mutuality_dbt_project,
            profiles_dir=str(paths.DBT_PROJECT_DIR),
            dbt_executable=dbt_executable(),
        ),
    }
