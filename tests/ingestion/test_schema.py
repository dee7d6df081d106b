"""The raw schema matches the contract table in docs/export_formats.md, and loaders cover it."""

from __future__ import annotations

import re

import duckdb
import pytest

from ingestion.loaders import LOADERS, RAW_TABLES, ensure_raw_schema
from mutuality.settings import REPO_ROOT

CONTRACT = REPO_ROOT / "docs" / "export_formats.md"
LINEAGE = [
    ("_export_owner", "VARCHAR"),
    ("_source_file", "VARCHAR"),
    ("_file_hash", "VARCHAR"),
    ("_row_key", "VARCHAR"),
    ("_loaded_at", "TIMESTAMP WITH TIME ZONE"),
]
SQL_TYPES = {
    "varchar": "VARCHAR",
    "varchar[]": "VARCHAR[]",
    "timestamptz": "TIMESTAMP WITH TIME ZONE",
    "timestamp": "TIMESTAMP",
    "date": "DATE",
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "boolean": "BOOLEAN",
}


def _contract_tables() -> dict[str, list[tuple[str, str]]]:
    """Parse the "Raw tables" markdown table.

    `a, b, c varchar` types a group: the type applies to the untyped names before it. An array
    type types only its own column (`thread_folder, participant_names varchar[]` means
    thread_folder is varchar), as the messages rows of the contract read.
    """
    section = CONTRACT.read_text(encoding="utf-8").split("## Raw tables")[1].split("## Errors")[0]
    tables: dict[str, list[tuple[str, str]]] = {}
    for line in section.splitlines():
        match = re.match(r"\| `(\w+)` \| (.+?) \| .+ \|$", line)
        if not match or match.group(1).startswith("_"):  # the lineage table
            continue
        name, spec = match.groups()
        alias = re.fullmatch(r"as `(\w+)`", spec)
        if alias:
            tables[name] = tables[alias.group(1)]
            continue
        default_type = "varchar" if spec.endswith("(all varchar)") else None
        spec = spec.removesuffix("(all varchar)").strip()
        columns: list[tuple[str, str]] = []
        pending: list[str] = []
        for item in (part.strip() for part in spec.split(",")):
            column, _, sql_type = item.partition(" ")
            if sql_type.endswith("[]"):
                columns += [(c, "VARCHAR") for c in pending]
                pending = []
            pending.append(column)
            if sql_type or default_type:
                columns += [(c, SQL_TYPES[sql_type or default_type]) for c in pending]
                pending = []
        assert not pending, f"untyped columns {pending} in contract row for {name}"
        tables[name] = columns
    return tables


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    return [
        (name, data_type)
        for name, data_type in conn.execute(
            """SELECT column_name, data_type FROM information_schema.columns
               WHERE table_schema = 'raw' AND table_name = ? ORDER BY ordinal_position""",
            [table],
        ).fetchall()
    ]


def test_the_contract_parses_into_every_raw_table() -> None:
    assert set(_contract_tables()) == set(RAW_TABLES)


@pytest.mark.parametrize("table", sorted(_contract_tables()))
def test_raw_table_has_contract_columns_then_lineage(table: str) -> None:
    conn = duckdb.connect()
    ensure_raw_schema(conn)
    assert _columns(conn, table) == [*_contract_tables()[table], *LINEAGE]


def test_ensure_raw_schema_is_idempotent_and_creates_the_load_log() -> None:
    conn = duckdb.connect()
    ensure_raw_schema(conn)
    conn.execute("INSERT INTO raw.introductions_log (intro_id) VALUES ('kept')")
    ensure_raw_schema(conn)
    assert conn.execute("SELECT intro_id FROM raw.introductions_log").fetchall() == [("kept",)]
    assert [name for name, _ in _columns(conn, "_load_log")] == [
        "loader",
        "source_file",
        "file_hash",
        "rows_in_file",
        "rows_inserted",
        "loaded_at",
        "file_set",
        "note",
        "event",
    ]


def test_a_warehouse_from_before_a_new_column_gets_it_and_keeps_its_rows() -> None:
    conn = duckdb.connect()
    conn.execute("CREATE SCHEMA raw")
    conn.execute(
        "CREATE TABLE raw._load_log (loader VARCHAR, source_file VARCHAR, file_hash VARCHAR, "
        "rows_in_file BIGINT, rows_inserted BIGINT, loaded_at TIMESTAMPTZ)"
    )
    conn.execute("INSERT INTO raw._load_log VALUES ('crm', 'crm/deals.csv', 'h', 3, 3, now())")
    ensure_raw_schema(conn)
    assert conn.execute("SELECT source_file, note FROM raw._load_log").fetchall() == [
        ("crm/deals.csv", None)
    ]
    assert [name for name, _ in _columns(conn, "_load_log")][-3:] == ["file_set", "note", "event"]


def test_every_raw_table_is_written_by_exactly_one_loader() -> None:
    written = [table for loader in LOADERS.values() for table in loader.raw_tables]
    assert sorted(written) == sorted(RAW_TABLES)


def test_loader_names_are_the_published_ones() -> None:
    assert list(LOADERS) == [
        "roster",
        "x_archive",
        "instagram",
        "meta_business_suite",
        "facebook",
        "tiktok",
        "tiktok_studio",
        "youtube_studio",
        "youtube_data_api",
        "youtube_takeout",
        "linkedin",
        "crm",
        "introductions_log",
        "spend",
    ]
