"""Which export files the rows behind a failed dbt test came from.

A dbt test says "Got 3 results"; a user needs to know which file to look at. Every staging
model carries `source_file` (the raw `_source_file`), so the failing rows of a test on one of
them name their files: read from the test's own result when it keeps the model's columns (the
project's generic tests do), or by matching the failing values of dbt's built-in tests
(`unique`, `not_null`, `accepted_values`, `relationships`) back to the model's rows.

Runs only when a test failed, on the compiled SQL dbt wrote to `run_results.json`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from ingestion.loaders.sql import ident
from mutuality import settings

# Built-in tests whose failing rows hold the tested column's offending values first.
_VALUE_TESTS = ("unique", "accepted_values", "relationships")


def _load(target: Path, name: str) -> dict[str, Any]:
    path = target / name
    return json.loads(path.read_text()) if path.exists() else {}


def _columns(conn: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    return [column[0] for column in conn.execute(f"select * from ({sql}) limit 0").description]


def _files_sql(node: dict[str, Any], model: dict[str, Any], compiled: str, columns: list[str]):
    if "source_file" in columns:
        return f"select distinct source_file from ({compiled}) failing"
    relation = f"{ident(model['schema'])}.{ident(model.get('alias') or model['name'])}"
    # column_name is SQL from the project's yml (an expression for some tests), as dbt uses it
    test = (node.get("test_metadata") or {}).get("name")
    column = node.get("column_name") or (node.get("test_metadata") or {}).get("kwargs", {}).get(
        "column_name"
    )
    if not column:
        return None
    if test == "not_null":
        return f"select distinct source_file from {relation} where {column} is null"
    if test in _VALUE_TESTS:
        first = ident(columns[0])
        return (
            f"select distinct source_file from {relation} "
            f"where {column} in (select {first} from ({compiled}) failing)"
        )
    return None


def offending_source_files(
    unique_id: str,
    warehouse: Path | None = None,
    target: Path | None = None,
    limit: int = 5,
) -> list[str]:
    """Up to `limit` source files of the rows that made the test `unique_id` fail; empty when
    the tested model has no `source_file` (marts, most intermediate models) or it cannot tell."""
    target = target or settings.dbt_target_dir()
    warehouse = warehouse or settings.warehouse_path()
    manifest, run_results = _load(target, "manifest.json"), _load(target, "run_results.json")
    node = manifest.get("nodes", {}).get(unique_id)
    result = next(
        (r for r in run_results.get("results", []) if r.get("unique_id") == unique_id), None
    )
    if node is None or result is None or not result.get("compiled_code"):
        return []
    model = manifest["nodes"].get(node.get("attached_node") or "")
    if model is None or not warehouse.exists():
        return []
    try:
        with duckdb.connect(str(warehouse), read_only=True) as conn:
            model_columns = _columns(
                conn, f"select * from {ident(model['schema'])}.{ident(model['alias'])}"
            )
            if "source_file" not in model_columns:
                return []
            compiled = result["compiled_code"]
            sql = _files_sql(node, model, compiled, _columns(conn, compiled))
            if sql is None:
                return []
            found = conn.execute(f"{sql} order by 1 limit {int(limit)}").fetchall()
    except duckdb.Error:
        return []
    return [name for (name,) in found if name]


def dbt_errors(target: Path | None = None, warehouse: Path | None = None) -> list[tuple]:
    """(node name, first line of its error, export files of its sources) for every node of
    the latest dbt invocation that errored."""
    target = target or settings.dbt_target_dir()
    manifest, run_results = _load(target, "manifest.json"), _load(target, "run_results.json")
    found = []
    for result in run_results.get("results", []):
        if result.get("status") != "error":
            continue
        node = manifest.get("nodes", {}).get(result["unique_id"], {})
        message = " ".join((result.get("message") or "").split())[:400]
        sources = [
            manifest.get("sources", {}).get(parent, {})
            for parent in node.get("depends_on", {}).get("nodes", [])
            if parent.startswith("source.")
        ]
        files = _source_files(sources, warehouse or settings.warehouse_path())
        found.append((node.get("name", result["unique_id"]), message, files))
    return found


def _source_files(sources: list[dict[str, Any]], warehouse: Path, limit: int = 5) -> list[str]:
    """The export files behind raw sources: the files a failing staging model reads."""
    if not sources or not warehouse.exists():
        return []
    try:
        with duckdb.connect(str(warehouse), read_only=True) as conn:
            files: list[str] = []
            for source in sources:
                relation = f"{ident(source['schema'])}.{ident(source['name'])}"
                rows = conn.execute(
                    f"select distinct _source_file from {relation} order by 1 limit {int(limit)}"
                ).fetchall()
                files += [name for (name,) in rows if name]
            return files[:limit]
    except duckdb.Error:
        return []
