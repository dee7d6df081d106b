"""Resources, configured by environment variables (see README: Configuration)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import duckdb
from dagster_dbt import DbtCliResource

from ingestion import warehouse
from mutuality import settings
from orchestration.attribution_settings import checked_model_name, checked_path_transform
from orchestration.manifest import dbt_executable
from orchestration.project import dbt_project


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


class RunSettingsResource(dg.ConfigurableResource):
    """The days a run works with; set them per run in the run config
    (`resources: {run_settings: {config: {as_of_date: "2026-06-30"}}}`) or with
    `python -m orchestration run --as-of ... --run-date ...`.

    Defaults come from MUTUALITY_AS_OF_DATE and MUTUALITY_RUN_DATE.
    """

    as_of_date: str | None = None
    """The day trailing windows end on (the dbt var `as_of_date`, YYYY-MM-DD). Unset: the
    latest activity day in the data."""
    run_date: str | None = None
    """The day the quality gate measures freshness from (YYYY-MM-DD). Unset: the day after
    `as_of_date` when that is set (a replay), otherwise today."""
    strict: bool = False
    """All or nothing: a bad export file fails its loader, and nothing downstream builds.
    Unset: a bad file is quarantined, everything else loads and builds, the run fails."""
    attribution_touchpoints_model: str | None = None
    """The journey table every attribution model reads (the dbt var
    `attribution_touchpoints_model`: a dbt model of the touchpoints shape, docs/attribution.md).
    Unset: the project's value (default `int_deal_touchpoints_joined`)."""
    attribution_path_transform: str | None = None
    """`unique`, `exposure`, `first` or `frequency` (the dbt var `attribution_path_transform`).
    Unset: the project's value (default `unique`)."""

    def as_of(self) -> date | None:
        return _parse_day("as_of_date", self.as_of_date)

    def gate_run_date(self) -> date | None:
        configured = _parse_day("run_date", self.run_date)
        if configured is not None:
            return configured
        as_of = self.as_of()
        return as_of + timedelta(days=1) if as_of is not None else None

    def dbt_vars(self) -> dict[str, str]:
        """The dbt vars the run sets; a setting left unset keeps the project's value."""
        dbt_vars: dict[str, str] = {}
        as_of = self.as_of()
        if as_of is not None:
            dbt_vars["as_of_date"] = as_of.isoformat()
        if self.attribution_touchpoints_model:
            dbt_vars["attribution_touchpoints_model"] = _checked(
                checked_model_name, self.attribution_touchpoints_model
            )
        if self.attribution_path_transform:
            dbt_vars["attribution_path_transform"] = _checked(
                checked_path_transform, self.attribution_path_transform
            )
        return dbt_vars


def _checked(check, value: str) -> str:
    try:
        return check(value)
    except ValueError as error:
        raise dg.Failure(f"run setting {error}") from None


def _parse_day(name: str, value: str | None) -> date | None:
    try:
        return settings.parse_day(name, value)
    except ValueError as error:
        raise dg.Failure(f"run setting {error}") from None


def run_settings_from_environment() -> dict[str, str | bool | None]:
    """The run settings the environment gives (README: Configuration); a run's config or the
    command's options override them."""
    return {
        "as_of_date": settings.configured_as_of_date(),
        "run_date": settings.configured_run_date(),
        "strict": settings.strict_load(),
        "attribution_touchpoints_model": os.environ.get("MUTUALITY_ATTRIBUTION_TOUCHPOINTS_MODEL")
        or None,
        "attribution_path_transform": os.environ.get("MUTUALITY_ATTRIBUTION_PATH_TRANSFORM")
        or None,
    }


def build_resources() -> dict[str, object]:
    return {
        "warehouse": WarehouseResource(path=str(settings.warehouse_path())),
        "run_settings": RunSettingsResource(**run_settings_from_environment()),
        "exports": ExportsResource(path=str(settings.exports_dir())),
        "dbt": DbtCliResource(
            project_dir=dbt_project(),
            profiles_dir=str(settings.dbt_project_dir()),
            dbt_executable=dbt_executable(),
        ),
    }
