"""The raw tables of the contract (ingestion/loaders/raw_tables.yml), created empty so dbt
sources always resolve, and the loaders' bookkeeping tables."""

from __future__ import annotations

import duckdb

from ingestion.loaders import contract
from ingestion.loaders.sql import ident

RAW_SCHEMA = "raw"
LOAD_LOG_TABLE = "_load_log"

Columns = tuple[tuple[str, str], ...]


def _typed(sql_type: str, *names: str) -> Columns:
    return tuple((name, sql_type) for name in names)


def _varchar(*names: str) -> Columns:
    return _typed("VARCHAR", *names)


# The contract (ingestion/loaders/raw_tables.yml): each raw table's own columns.
RAW_TABLES: dict[str, Columns] = contract.raw_tables()

# Lineage columns every raw table carries after its own; a loader's staged rows carry all but
# _loaded_at, which the landing step stamps with the transaction's start time.
LINEAGE: Columns = contract.lineage_columns()
STAGED_LINEAGE: Columns = tuple(column for column in LINEAGE if column[0] != "_loaded_at")

LOAD_LOG: Columns = (
    *_varchar("loader", "source_file", "file_hash"),
    *_typed("BIGINT", "rows_in_file", "rows_inserted"),
    ("loaded_at", "TIMESTAMPTZ"),
    # added later (ensure_raw_schema adds them to older warehouses): the kind of file it was
    # read as, and what the load log should say about how (an inferred value, a date's origin)
    *_varchar("file_set", "note"),
    # `loaded` (null in older rows), or `retracted`: the file's rows left raw (the file was
    # removed, replaced, forgotten, or reloaded with its owner's other files)
    ("event", "VARCHAR"),
)


LOAD_NOTES_TABLE = "_load_notes"
# A value the load left out of a row (set to null) and why, e.g. a follow time of 0.
LOAD_NOTES: Columns = (
    *_varchar("loader", "source_file", "file_hash", "position", "field", "value", "note"),
    ("loaded_at", "TIMESTAMPTZ"),
)


LOAD_ERRORS_TABLE = "_load_errors"
# The files the latest load of each loader quarantined: nothing of theirs is in raw.
LOAD_ERRORS: Columns = (
    *_varchar("loader", "source_file", "file_hash", "position", "field", "problem", "message"),
    ("quarantined_at", "TIMESTAMPTZ"),
)

FORGOTTEN_TABLE = "_forgotten"
# Files `python -m ingestion forget` retracted: not read again while their content is the same.
FORGOTTEN: Columns = (*_varchar("source_file", "file_hash"), ("forgotten_at", "TIMESTAMPTZ"))

PENDING_REBUILDS_TABLE = "_pending_rebuilds"
# Raw rows were retracted: the next dbt build must rebuild the incremental models in full.
PENDING_REBUILDS: Columns = (("requested_at", "TIMESTAMPTZ"), ("reason", "VARCHAR"))

BOOKKEEPING_TABLES: dict[str, Columns] = {
    LOAD_LOG_TABLE: LOAD_LOG,
    LOAD_NOTES_TABLE: LOAD_NOTES,
    LOAD_ERRORS_TABLE: LOAD_ERRORS,
    FORGOTTEN_TABLE: FORGOTTEN,
    PENDING_REBUILDS_TABLE: PENDING_REBUILDS,
}


def table_columns(table: str) -> Columns:
    """Every column of a raw table, lineage included, in table order."""
    return (*RAW_TABLES[table], *LINEAGE)


def _create_table_sql(name: str, columns: Columns) -> str:
    column_list = ", ".join(f"{ident(column)} {sql_type}" for column, sql_type in columns)
    return f"CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.{name} ({column_list})"


def _add_missing_columns_sql(name: str, columns: Columns) -> list[str]:
    return [
        f"ALTER TABLE {RAW_SCHEMA}.{name} ADD COLUMN IF NOT EXISTS {ident(column)} {sql_type}"
        for column, sql_type in columns
    ]


def ensure_raw_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create schema raw, every raw table (empty) and raw._load_log; a no-op when they exist.

    A warehouse made before a column was added to the contract gets the column (null in its
    older rows): loaders insert by name, so column order does not matter.
    """
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}")
    tables = {**{table: table_columns(table) for table in RAW_TABLES}, **BOOKKEEPING_TABLES}
    present = conn.execute(
        "SELECT table_name, list(column_name) FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = $schema "
        "GROUP BY table_name",
        {"schema": RAW_SCHEMA},
    ).fetchall()
    existing = {name: set(columns) for name, columns in present}
    for name, columns in tables.items():
        if name not in existing:
            conn.execute(_create_table_sql(name, columns))
            continue
        missing = [(c, t) for c, t in columns if c not in existing[name]]
        for statement in _add_missing_columns_sql(name, tuple(missing)):
            conn.execute(statement)
