"""The published BI file: where it is, and its marts as DataFrames, read-only.

Every query opens the file read-only and closes it again, so the dashboard never holds a lock
that a publish or another reader waits on. The stable path leads through the `current`
pointer; queries are cached per resolved version file, so a new publish is picked up on the
next page load and a rollback too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import yaml

from mutuality import settings
from orchestration.publishing import PublishLayout

if TYPE_CHECKING:  # pandas loads with the first query, not with the missing-file message
    import pandas as pd

MARTS_MODELS_DIR = settings.dbt_project_dir() / "models" / "marts"
CREATE_COMMAND = "make run"


def bi_database(data_dir: Path | None = None) -> Path:
    """The stable path of the published BI database under the data folder."""
    return PublishLayout((data_dir or settings.data_dir()) / "published").bi_database


@dataclass(frozen=True)
class Version:
    """One published BI file as it is now: the file the stable path resolves to."""

    path: Path
    mtime_ns: int


def current_version(data_dir: Path | None = None) -> Version | None:
    """The published version the stable path leads to, or None when nothing is published."""
    stable = bi_database(data_dir)
    try:
        resolved = stable.resolve(strict=True)
        return Version(resolved, os.stat(resolved).st_mtime_ns)
    except (FileNotFoundError, RuntimeError):
        return None


def missing_message(data_dir: Path | None = None) -> str:
    return (
        f"No published BI file at `{bi_database(data_dir)}`. "
        f"Create it with `{CREATE_COMMAND}` (it runs the job on the bundled sample and publishes "
        "the marts once every quality suite passes), or point the dashboard at another data "
        "folder with `--data-dir` / `MUTUALITY_DATA_DIR`."
    )


def query(version: Version, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run `sql` on the published file, opened read-only for this query only."""
    with duckdb.connect(str(version.path), read_only=True) as conn:
        return conn.execute(sql, params or []).df()


def table(version: Version, name: str, order_by: str | None = None) -> pd.DataFrame:
    """A mart of the `marts` schema, whole."""
    order = f" order by {order_by}" if order_by else ""
    return query(version, f'select * from marts."{name}"{order}')


# -- column descriptions --------------------------------------------------------------------


def published_comments(version: Version) -> dict[tuple[str, str], str]:
    """(table, column) -> the column comment stored in the published file (dbt persist_docs)."""
    frame = query(
        version,
        "select table_name, column_name, comment from duckdb_columns() "
        "where schema_name = 'marts' and comment is not null and comment <> ''",
    )
    return {
        (row.table_name, row.column_name): " ".join(row.comment.split())
        for row in frame.itertuples()
    }


@cache
def _yaml_models() -> dict[str, dict]:
    """The marts' dbt YAML entries by model name (YAML anchors resolved)."""
    return {
        model["name"]: model
        for path in sorted(MARTS_MODELS_DIR.glob("*/_*__models.yml"))
        for model in yaml.safe_load(path.read_text()).get("models", [])
    }


@cache
def yaml_descriptions() -> dict[tuple[str, str], str]:
    """(model, column) -> description, from the marts' dbt YAML."""
    return {
        (name, column["name"]): " ".join(str(column["description"]).split())
        for name, model in _yaml_models().items()
        for column in model.get("columns", [])
        if column.get("description")
    }


def model_description(table_name: str) -> str | None:
    """What a mart is, from its dbt YAML."""
    text = _yaml_models().get(table_name, {}).get("description")
    return " ".join(str(text).split()) if text else None


_comments: dict[Version, dict[tuple[str, str], str]] = {}


def published_comments_cached(version: Version) -> dict[tuple[str, str], str]:
    """`published_comments` of the current version, read once per version."""
    if version not in _comments:
        _comments.clear()
        _comments[version] = published_comments(version)
    return _comments[version]


def column_description(version: Version | None, table_name: str, column: str) -> str | None:
    """The column's description: the published file's comment, else the dbt YAML's."""
    if version is not None:
        comment = published_comments_cached(version).get((table_name, column))
        if comment:
            return comment
    return yaml_descriptions().get((table_name, column))


@cache
def dbt_vars() -> dict:
    """The dbt project's vars, as the marts were built with unless a run overrode them."""
    return yaml.safe_load((settings.dbt_project_dir() / "dbt_project.yml").read_text())["vars"]


def dbt_var(name: str):
    return dbt_vars()[name]
