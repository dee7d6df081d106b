"""Lower bound (b): the compiled SQL of the same dbt nodes, run directly in one DuckDB session.

Takes the manifest a `dbt build` wrote (it carries every node's compiled code) and runs, in
dependency order, each model as `create view` / `create table ... as` (incremental models as a
full build) and each data test as `select count(*) from (<test>)`. Python models run their
compiled module the way dbt-duckdb does, minus dbt. No dbt process, no per-node bookkeeping.
"""

from __future__ import annotations

import importlib.util
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import duckdb

# A model built in buckets: its compiled code is bucket 0, its post-hooks insert the others.
_BUCKET = re.compile(r"hash\(creator_id\) % (\d+) = 0")


@dataclass(frozen=True)
class DirectNode:
    unique_id: str
    resource_type: str
    materialized: str
    seconds: float


def build_order(manifest: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Models and data tests of the project, each after everything it depends on."""
    nodes = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] in ("model", "test") and node.get("compiled_code") is not None
    }
    graph = {
        uid: [dep for dep in node["depends_on"]["nodes"] if dep in nodes]
        for uid, node in nodes.items()
    }
    for uid in TopologicalSorter(graph).static_order():
        yield nodes[uid]


def model_schemas(manifest: dict[str, Any]) -> list[str]:
    """Every schema the project's models build into (staging, intermediate, marts, semantic)."""
    return sorted(
        {node["schema"] for node in manifest["nodes"].values() if node["resource_type"] == "model"}
    )


def drop_models(conn: duckdb.DuckDBPyConnection, schemas: list[str]) -> None:
    for schema in schemas:
        conn.execute(f"drop schema if exists {schema} cascade")
        conn.execute(f"create schema {schema}")


def _run_python_model(conn: duckdb.DuckDBPyConnection, node: dict[str, Any]) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(node["compiled_code"].lstrip())
    spec = importlib.util.spec_from_file_location(node["alias"], handle.name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    Path(handle.name).unlink()

    def load(table: str) -> duckdb.DuckDBPyRelation:
        return conn.query(f"select * from {table}")

    frame = module.model(module.dbtObj(load), conn)
    conn.register("__direct_python_model", frame)
    conn.execute(f"create table {node['relation_name']} as select * from __direct_python_model")
    conn.unregister("__direct_python_model")


def run_node(conn: duckdb.DuckDBPyConnection, node: dict[str, Any]) -> None:
    code = node["compiled_code"]
    if node["resource_type"] == "test":
        conn.execute(f"select count(*) from ({code}\n) as dbt_internal_test").fetchall()
        return
    materialized = node["config"]["materialized"]
    if materialized == "ephemeral":
        return
    if node.get("language") == "python":
        _run_python_model(conn, node)
    elif materialized == "view":
        conn.execute(f"create view {node['relation_name']} as {code}")
    else:
        conn.execute(f"create table {node['relation_name']} as {code}")
        # the manifest keeps a model's hooks under "post-hook"
        hooks = node["config"].get("post-hook") or node["config"].get("post_hook")
        bucketed = _BUCKET.search(code) if hooks else None
        for bucket in range(1, int(bucketed.group(1)) if bucketed else 1):
            other = _BUCKET.sub(f"hash(creator_id) % {bucketed.group(1)} = {bucket}", code)
            conn.execute(f"insert into {node['relation_name']} {other}")


def direct_sql(conn: duckdb.DuckDBPyConnection, manifest: dict[str, Any]) -> list[DirectNode]:
    drop_models(conn, model_schemas(manifest))
    timings = []
    for node in build_order(manifest):
        started = time.perf_counter()
        try:
            run_node(conn, node)
        except duckdb.Error as error:
            raise RuntimeError(f"{node['unique_id']}: {error}") from error
        timings.append(
            DirectNode(
                unique_id=node["unique_id"],
                resource_type=node["resource_type"],
                materialized=node["config"].get("materialized", "test"),
                seconds=round(time.perf_counter() - started, 4),
            )
        )
    return timings


def as_dicts(results: list[DirectNode]) -> list[dict[str, object]]:
    return [asdict(r) for r in results]
