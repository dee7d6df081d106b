"""The raw-table contract (ingestion/loaders/raw_tables.yml) and what is generated from it:
the tables the loaders create, the dbt sources and the "Raw tables" section of
docs/export_formats.md.

`python -m ingestion contract --write` rewrites the generated files; without `--write` it
(and tests/ingestion/test_contract.py) fails when they differ from what the contract says.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from mutuality import platforms, settings

CONTRACT_PATH = Path(__file__).with_name("raw_tables.yml")
DOCS_PATH = settings.REPO_ROOT / "docs" / "export_formats.md"
DOCS_START = "<!-- raw-tables: generated from ingestion/loaders/raw_tables.yml -->"
DOCS_END = "<!-- raw-tables: end -->"
GENERATED_HEADER = (
    "# Generated from ingestion/loaders/raw_tables.yml by `python -m ingestion contract --write`:\n"
    "# edit the contract, not this file.\n"
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str | None = None


@dataclass(frozen=True)
class RawTable:
    name: str
    description: str
    row_key: str
    per_creator_folder: bool
    columns: tuple[Column, ...]
    same_as: str | None = None


@dataclass(frozen=True)
class Contract:
    source_description: str
    lineage: tuple[Mapping[str, str], ...]
    load_log: Mapping[str, Any]
    tables: tuple[RawTable, ...]

    def table(self, name: str) -> RawTable:
        return next(table for table in self.tables if table.name == name)


def _columns(path: Path, table: str, entries: Sequence[Mapping[str, Any]]) -> tuple[Column, ...]:
    """The table's columns, a per-platform one once per registry platform (`{platform}` in its
    name and description replaced)."""
    columns: list[Column] = []
    for entry in entries:
        unknown = set(entry) - {"name", "type", "description", "per_platform"}
        if unknown or not entry.get("name") or not entry.get("type"):
            raise ValueError(
                f"{path.name}: table {table}: column {entry!r} needs a name and a type "
                f"(and nothing but a description and per_platform besides)"
            )
        description = entry.get("description")
        for platform in platforms.names() if entry.get("per_platform") else ("",):
            columns.append(
                Column(
                    _for_platform(entry["name"], platform),
                    str(entry["type"]).lower(),
                    _for_platform(description, platform) if description else None,
                )
            )
    return tuple(columns)


def _for_platform(text: str, platform: str) -> str:
    return text.replace("{platform}", platform) if platform else text


def load_contract(path: Path = CONTRACT_PATH) -> Contract:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    entries: Mapping[str, Mapping[str, Any]] = document["tables"]
    tables: list[RawTable] = []
    for name, entry in entries.items():
        same_as = entry.get("same_as")
        if same_as is not None and same_as not in entries:
            raise ValueError(f"{path.name}: table {name} is same_as unknown table {same_as}")
        source = entries[same_as] if same_as else entry
        tables.append(
            RawTable(
                name=name,
                description=entry["description"],
                row_key=entry.get("row_key") or source["row_key"],
                per_creator_folder=bool(entry.get("per_creator_folder", True)),
                columns=_columns(path, name, source.get("columns") or ()),
                same_as=same_as,
            )
        )
    return Contract(
        source_description=document["source_description"],
        lineage=tuple(document["lineage"]),
        load_log=document["load_log"],
        tables=tuple(tables),
    )


@cache
def contract() -> Contract:
    return load_contract()


def lineage_columns(of: Contract | None = None) -> tuple[tuple[str, str], ...]:
    """The lineage columns every raw table ends with, as (name, DuckDB type) pairs."""
    return tuple((c["name"], c["type"].upper()) for c in (of or contract()).lineage)


def raw_tables(of: Contract | None = None) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each raw table's own columns as (name, DuckDB type) pairs, lineage excluded."""
    return {
        table.name: tuple((column.name, column.type.upper()) for column in table.columns)
        for table in (of or contract()).tables
    }


def _described(name: str, description: str | None, data_type: str | None = None) -> dict:
    column: dict[str, Any] = {"name": name}
    if data_type:
        column["data_type"] = data_type
    if description:
        column["description"] = description
    return column


def sources_yaml(of: Contract | None = None) -> str:
    """dbt_project/models/staging/_raw__sources.yml."""
    of = of or contract()
    tables: list[dict[str, Any]] = []
    for table in of.tables:
        per_table = {
            "_export_owner": "The creator's handle folder the file came from."
            if table.per_creator_folder
            else "Always null for this table (no per-creator folder).",
            "_row_key": f"Natural key, unique within the table: {table.row_key}.",
        }
        columns = [_described(c.name, c.description, c.type) for c in table.columns]
        for lineage in of.lineage:
            name, meaning = lineage["name"], lineage["meaning"]
            described = _described(name, per_table.get(name, f"{meaning}."), lineage["type"])
            if name == "_row_key":
                described["data_tests"] = ["unique", "not_null"]
            columns.append(described)
        tables.append({"name": table.name, "description": table.description, "columns": columns})
    tables.append(
        {
            "name": "_load_log",
            "description": of.load_log["description"],
            "config": {"loaded_at_field": "loaded_at"},
            "columns": [_described(c["name"], c["description"]) for c in of.load_log["columns"]],
        }
    )
    document = {
        "version": 2,
        "sources": [
            {
                "name": "raw",
                "description": of.source_description,
                "schema": "raw",
                "config": {"loaded_at_field": "_loaded_at"},
                "tables": tables,
            }
        ],
    }
    body = yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    return GENERATED_HEADER + body


def _column_spec(columns: Sequence[Column]) -> str:
    """`a, b varchar, c timestamptz`: a type after the run of columns it types; an array type
    types only its own column; `(all varchar)` when every column is varchar."""
    if all(column.type == "varchar" for column in columns):
        return ", ".join(column.name for column in columns) + " (all varchar)"
    parts: list[str] = []
    for index, column in enumerate(columns):
        following = columns[index + 1] if index + 1 < len(columns) else None
        last_of_run = (
            following is None
            or following.type != column.type
            or column.type.endswith("[]")
            or following.type.endswith("[]")
        )
        parts.append(f"{column.name} {column.type}" if last_of_run else column.name)
    return ", ".join(parts)


def docs_section(of: Contract | None = None) -> str:
    """The markdown between the markers in docs/export_formats.md."""
    of = of or contract()
    lines = [
        "Every raw table carries these lineage columns after its own columns:",
        "",
        "| column | type | meaning |",
        "| --- | --- | --- |",
        *(f"| `{c['name']}` | {c['type']} | {c['meaning']} |" for c in of.lineage),
        "",
        "| table | columns (name type) | `_row_key` |",
        "| --- | --- | --- |",
    ]
    for table in of.tables:
        if table.same_as:
            lines.append(f"| `{table.name}` | as `{table.same_as}` | as `{table.same_as}` |")
        else:
            lines.append(f"| `{table.name}` | {_column_spec(table.columns)} | {table.row_key} |")
    return "\n".join(lines)


def docs_with_section(text: str, section: str) -> str:
    before, start, rest = text.partition(DOCS_START)
    _, end, after = rest.partition(DOCS_END)
    if not start or not end:
        raise ValueError(f"{DOCS_PATH} lacks the markers {DOCS_START!r} ... {DOCS_END!r}")
    return f"{before}{DOCS_START}\n{section}\n{DOCS_END}{after}"


def generated_files() -> dict[Path, str]:
    """Each generated file and the content the contract gives it."""
    sources = settings.REPO_ROOT / "dbt_project" / "models" / "staging" / "_raw__sources.yml"
    docs = docs_with_section(DOCS_PATH.read_text(encoding="utf-8"), docs_section())
    return {sources: sources_yaml(), DOCS_PATH: docs}


def stale_files() -> list[Path]:
    return [
        path
        for path, content in generated_files().items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]


def check_or_write(write: bool) -> int:
    """`python -m ingestion contract [--write]`: list the stale generated files (exit 1), or
    rewrite them."""
    if write:
        for path, content in generated_files().items():
            path.write_text(content, encoding="utf-8")
            print(f"wrote {path.relative_to(settings.REPO_ROOT)}")
        return 0
    stale = stale_files()
    for path in stale:
        print(f"stale: {path.relative_to(settings.REPO_ROOT)}", file=sys.stderr)
    if stale:
        print("run `python -m ingestion contract --write`", file=sys.stderr)
    return 1 if stale else 0
