"""Where a dbt build's seconds go: each node's SQL statements, from dbt's JSON debug log, by
kind (the model's own SQL, persisted docs, transactions, catalog lookups, renames and drops),
and what is left of its execution time outside SQL (dbt's own work per node)."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

KINDS = ("build", "docs", "transaction", "catalog", "swap", "test query", "other")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def statement_kind(sql: str) -> str:
    """One of KINDS for a statement dbt ran."""
    text = " ".join(_COMMENT.sub("", sql).split()).lower()
    if text.startswith(("begin", "commit", "rollback")):
        return "transaction"
    if text.startswith("comment on"):
        return "docs"
    if text.startswith(("alter table", "alter view", "drop table", "drop view")):
        return "swap"
    if "information_schema" in text or "duckdb_" in text or text.startswith("describe"):
        return "catalog"
    if text.startswith(("create", "insert", "delete", "merge", "update")):
        return "build"
    if text.startswith(("select", "with")):
        return "test query" if "dbt_internal_test" in text else "build"
    return "other"


def _events(paths: Iterable[Path], invocation_id: str) -> Iterable[dict[str, Any]]:
    for path in paths:
        with path.open(encoding="utf-8", errors="replace") as lines:
            for line in lines:
                if invocation_id not in line:
                    continue
                try:
                    event = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if event.get("info", {}).get("invocation_id") == invocation_id:
                    yield event


def log_files(target_dir: Path) -> list[Path]:
    """dbt.log and its rotations, oldest first."""
    rotated = sorted(target_dir.glob("dbt.log.*"), key=lambda p: p.stat().st_mtime)
    current = target_dir / "dbt.log"
    return [*rotated, *([current] if current.exists() else [])]


def node_statement_seconds(
    paths: Iterable[Path], invocation_id: str
) -> dict[str, dict[str, float]]:
    """unique_id -> kind -> seconds of SQL, for one dbt invocation."""
    pending: dict[tuple[str, str], str] = {}
    seconds: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(KINDS, 0.0))
    for event in _events(paths, invocation_id):
        name, data = event["info"]["name"], event.get("data", {})
        node = (data.get("node_info") or {}).get("unique_id")
        if node is None:
            continue
        key = (node, event["info"].get("thread", ""))
        if name == "SQLQuery":
            pending[key] = data.get("sql", "")
        elif name == "SQLQueryStatus" and key in pending:
            seconds[node][statement_kind(pending.pop(key))] += float(data.get("elapsed", 0))
    return dict(seconds)


def build_costs(run_results: dict[str, Any], target_dir: Path) -> dict[str, Any]:
    """Per node and in total: execution time, SQL seconds by kind, and the rest (outside
    SQL). Empty when the log holds no statement of this invocation."""
    invocation_id = run_results["metadata"]["invocation_id"]
    statements = node_statement_seconds(log_files(target_dir), invocation_id)
    if not statements:
        return {}
    nodes: dict[str, dict[str, float]] = {}
    for result in run_results["results"]:
        unique_id = result["unique_id"]
        kinds = statements.get(unique_id, dict.fromkeys(KINDS, 0.0))
        sql = sum(kinds.values())
        nodes[unique_id] = {
            "execution": round(result["execution_time"], 3),
            **{kind: round(value, 3) for kind, value in kinds.items()},
            "outside_sql": round(max(result["execution_time"] - sql, 0.0), 3),
        }
    totals: dict[str, dict[str, float]] = {}
    for resource in ("model", "test"):
        chosen = [v for k, v in nodes.items() if k.startswith(f"{resource}.")]
        totals[resource] = {
            "nodes": len(chosen),
            **{
                column: round(sum(v[column] for v in chosen), 1)
                for column in ("execution", *KINDS, "outside_sql")
            },
        }
    return {"totals": totals, "nodes": nodes}
