"""Write the committed GX project from the suite specs."""

from __future__ import annotations

from pathlib import Path

import duckdb

from expectations.build import register
from expectations.context import PROJECT_ROOT, project_context
from expectations.suites import ALL_SUITES


def relation_columns(conn: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    return {name: kind for name, kind, *_ in conn.execute(f"describe {relation}").fetchall()}


def sync_project(conn: duckdb.DuckDBPyConnection, root: Path = PROJECT_ROOT) -> list[str]:
    context = project_context(root)
    wanted = {spec.name for spec in ALL_SUITES}
    for checkpoint in list(context.checkpoints.all()):
        if checkpoint.name not in wanted:
            context.checkpoints.delete(checkpoint.name)
    for definition in list(context.validation_definitions.all()):
        if definition.name not in wanted:
            context.validation_definitions.delete(definition.name)
    for suite in list(context.suites.all()):
        if suite.name not in wanted:
            context.suites.delete(suite.name)
    for spec in ALL_SUITES:
        register(context, spec, relation_columns(conn, spec.relation))
    return sorted(wanted)
