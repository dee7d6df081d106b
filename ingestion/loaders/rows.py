"""Records read from a batch, and checks that name the file and row of the first bad value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders.sql import ident
from ingestion.loaders.timeformats import TimeFormat


@dataclass(frozen=True)
class Rows:
    """A temp table of records with lineage columns, and how to tell a person where one sits.

    JSON readers number records themselves (``position_column``). CSV rows are numbered only
    when a bad one must be reported, by re-reading that one file (``single_file_sql``).
    """

    table: str
    unit: str  # "row", "record", "VideoList item", ...
    position_column: str | None = "_record"
    single_file_sql: Mapping[str, str] = field(default_factory=dict)

    def locate(
        self, conn: duckdb.DuckDBPyConnection, source_file: str, predicate: str, value_sql: str
    ) -> tuple[int, Any]:
        """1-based position and value of the first record of `source_file` matching `predicate`."""
        if self.position_column is not None:
            query = f"""
                SELECT {ident(self.position_column)}, {value_sql} FROM {self.table}
                WHERE _source_file = $file AND ({predicate}) ORDER BY 1 LIMIT 1
            """
            found = conn.execute(query, {"file": source_file}).fetchone()
        else:
            query = f"""
                SELECT ordinality, {value_sql}
                FROM {self.single_file_sql[source_file]} WITH ORDINALITY
                WHERE {predicate} ORDER BY 1 LIMIT 1
            """
            found = conn.execute(query).fetchone()
        if found is None:
            raise RuntimeError(f"{source_file}: no record matches {predicate}")
        return int(found[0]), found[1]

    def first_bad(
        self, conn: duckdb.DuckDBPyConnection, predicate: str, value_sql: str
    ) -> tuple[str, str, Any] | None:
        """(file, "row N", value) of the first record matching `predicate`, files in path order."""
        hit = conn.execute(
            f"SELECT min(_source_file) FROM {self.table} WHERE {predicate}"
        ).fetchone()
        if hit is None or hit[0] is None:
            return None
        position, value = self.locate(conn, hit[0], predicate, value_sql)
        return hit[0], f"{self.unit} {position}", value


def require_value(
    conn: duckdb.DuckDBPyConnection, rows: Rows, column: str, field_name: str | None = None
) -> None:
    """Fail on the first record whose `column` (a required id) is missing or blank."""
    col = ident(column)
    bad = rows.first_bad(conn, f"nullif(trim({col}), '') IS NULL", col)
    if bad is not None:
        source_file, position, _ = bad
        raise ExportFormatError.at(source_file, f"empty {field_name or column}", position)


def require_time(
    conn: duckdb.DuckDBPyConnection,
    rows: Rows,
    column: str,
    time_format: TimeFormat,
    field_name: str | None = None,
) -> None:
    """Fail on the first record whose non-blank `column` does not parse with `time_format`."""
    col = ident(column)
    predicate = f"nullif(trim({col}), '') IS NOT NULL AND {time_format.parse(col)} IS NULL"
    bad = rows.first_bad(conn, predicate, col)
    if bad is not None:
        source_file, position, value = bad
        raise ExportFormatError.at(
            source_file,
            f"unparseable {field_name or column} '{value}' (expected {time_format.expected})",
            position,
        )
