"""What the warehouse holds of the export files, and how that changes.

`raw._load_log` is the history: every file read (`event` `loaded`) and every file whose rows
left raw again (`retracted`). A file's *current* entry is its latest event: raw holds the rows
of exactly the files whose latest event is `loaded`.

Rows are retracted by owner group: all raw rows of one loader and one export owner (the
`<platform>/<handle>` folder; the whole loader for roster, CRM and the introductions log).
Row keys never span two owners, and within a group a key present in several files comes from
the first file by path, so re-reading a group's files gives the rows a load from scratch of
those files gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import duckdb

from ingestion.loaders.schema import (
    FORGOTTEN_TABLE,
    LOAD_ERRORS_TABLE,
    LOAD_LOG_TABLE,
    LOAD_NOTES_TABLE,
    PENDING_REBUILDS_TABLE,
    RAW_SCHEMA,
)


@dataclass(frozen=True)
class Quarantined:
    """A file a load refused: none of its rows are in raw."""

    loader: str
    source_file: str
    file_hash: str | None
    problem: str
    position: str | None = None
    field: str | None = None

    @property
    def message(self) -> str:
        where = f"{self.source_file} {self.position}" if self.position else self.source_file
        return f"{where}: {self.problem}"


def current_files(conn: duckdb.DuckDBPyConnection, loader: str) -> dict[str, str]:
    """source_file -> file_hash of the loader's files whose rows are in raw now."""
    found = conn.execute(
        f"""
        SELECT source_file, file_hash FROM {RAW_SCHEMA}.{LOAD_LOG_TABLE}
        WHERE loader = $loader
        QUALIFY row_number() OVER (PARTITION BY source_file ORDER BY loaded_at DESC) = 1
            AND coalesce(event, 'loaded') = 'loaded'
        """,
        {"loader": loader},
    ).fetchall()
    return dict(found)


def forgotten_files(conn: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    found = conn.execute(f"SELECT source_file, file_hash FROM {RAW_SCHEMA}.{FORGOTTEN_TABLE}")
    return set(found.fetchall())


def log_retracted(
    conn: duckdb.DuckDBPyConnection, loader: str, files: Sequence[str], reasons: dict[str, str]
) -> None:
    """Log that these files' rows left raw (the history keeps their earlier `loaded`)."""
    if not files:
        return
    current = current_files(conn, loader)
    conn.execute(
        f"""
        INSERT INTO {RAW_SCHEMA}.{LOAD_LOG_TABLE} BY NAME
        SELECT $loader AS loader, unnest($files) AS source_file, unnest($hashes) AS file_hash,
               0 AS rows_in_file, 0 AS rows_inserted, unnest($notes) AS note,
               'retracted' AS event, now() AS loaded_at
        """,
        {
            "loader": loader,
            "files": list(files),
            "hashes": [current.get(f) for f in files],
            "notes": [reasons[f] for f in files],
        },
    )
    conn.execute(
        f"""DELETE FROM {RAW_SCHEMA}.{LOAD_NOTES_TABLE}
            WHERE loader = $loader AND source_file IN (SELECT unnest($files))""",
        {"loader": loader, "files": list(files)},
    )


def request_rebuild(conn: duckdb.DuckDBPyConnection, reason: str) -> None:
    conn.execute(
        f"INSERT INTO {RAW_SCHEMA}.{PENDING_REBUILDS_TABLE} VALUES (now(), $reason)",
        {"reason": reason},
    )


def pending_rebuilds(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Why the next dbt build must be a full refresh (raw rows were retracted); empty if not."""
    exists = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $t",
        {"s": RAW_SCHEMA, "t": PENDING_REBUILDS_TABLE},
    ).fetchone()[0]
    if not exists:
        return []
    found = conn.execute(
        f"SELECT reason FROM {RAW_SCHEMA}.{PENDING_REBUILDS_TABLE} ORDER BY requested_at"
    )
    return [reason for (reason,) in found.fetchall()]


def clear_rebuilds(conn: duckdb.DuckDBPyConnection, requested_before: datetime) -> None:
    """A full build that started at `requested_before` took in every correction before it."""
    conn.execute(
        f"DELETE FROM {RAW_SCHEMA}.{PENDING_REBUILDS_TABLE} WHERE requested_at <= $before",
        {"before": requested_before},
    )


def replace_errors(
    conn: duckdb.DuckDBPyConnection, loader: str, quarantined: Sequence[Quarantined]
) -> None:
    """The loader's quarantined files, as of this load (a fixed or removed file drops out)."""
    conn.execute(
        f"DELETE FROM {RAW_SCHEMA}.{LOAD_ERRORS_TABLE} WHERE loader = $loader", {"loader": loader}
    )
    if not quarantined:
        return
    columns = ("source_file", "file_hash", "position", "field", "problem", "message")
    values = {
        name: [getattr(q, name) if name != "message" else q.message for q in quarantined]
        for name in columns
    }
    selects = ", ".join(f"unnest(${name}) AS {name}" for name in columns)
    conn.execute(
        f"INSERT INTO {RAW_SCHEMA}.{LOAD_ERRORS_TABLE} BY NAME "
        f"SELECT $loader AS loader, {selects}, now() AS quarantined_at",
        {"loader": loader, **values},
    )


def load_errors(conn: duckdb.DuckDBPyConnection) -> list[Quarantined]:
    """Every file (and loader: `source_file` is its folder) the latest loads refused."""
    exists = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $t",
        {"s": RAW_SCHEMA, "t": LOAD_ERRORS_TABLE},
    ).fetchone()[0]
    if not exists:
        return []
    found = conn.execute(
        f"""SELECT loader, source_file, file_hash, problem, position, field
            FROM {RAW_SCHEMA}.{LOAD_ERRORS_TABLE} ORDER BY source_file"""
    ).fetchall()
    return [Quarantined(*row) for row in found]
