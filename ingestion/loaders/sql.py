"""SQL fragments shared by the format modules: identifiers, literals and row keys."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

# A JSON shape as nested Python values: dict = object, one-element list = array of that shape,
# str = a DuckDB type for a leaf (VARCHAR keeps numbers-as-strings and "N/A" exactly as exported).
Shape = Mapping[str, "Shape"] | Sequence["Shape"] | str


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def duckdb_type(shape: Shape) -> str:
    """The DuckDB type of a JSON shape, for read_json(columns=...)."""
    if isinstance(shape, str):
        return shape
    if isinstance(shape, Mapping):
        fields = ", ".join(f"{ident(key)} {duckdb_type(value)}" for key, value in shape.items())
        return f"STRUCT({fields})"
    (element,) = shape
    return f"{duckdb_type(element)}[]"


def json_structure(shape: Shape) -> str:
    """The same shape as a json_transform() structure literal."""
    return literal(json.dumps(shape))


def owner_key(id_sql: str) -> str:
    """`owner + id` row key."""
    return f"(_export_owner || '/' || {id_sql})"


def content_key(*value_sqls: str) -> str:
    """md5 over the owner and the given values as exported (text), unambiguous about NULLs."""
    values = ", ".join(["_export_owner", *(f"CAST({v} AS VARCHAR)" for v in value_sqls)])
    return f"md5(CAST(to_json([{values}]) AS VARCHAR))"


def id_content_key(id_sql: str, *value_sqls: str) -> str:
    """`id + md5 of content` row key: a changed record is a new row."""
    return f"({id_sql} || '/' || {content_key(*value_sqls)})"


def columns(header: Sequence[str]) -> list[str]:
    return [ident(name) for name in header]
