"""CSV exports read with DuckDB's CSV reader, many files per statement, all values as text."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import SourceFile
from ingestion.loaders.batch import LINEAGE_FROM_FILES, Batch
from ingestion.loaders.diagnose import first_failing_file, short_message
from ingestion.loaders.rows import Rows
from ingestion.loaders.sql import ident, literal


def _read_csv_sql(paths_sql: str, header: Sequence[str], skip: int) -> str:
    column_types = ", ".join(f"{literal(name)}: 'VARCHAR'" for name in header)
    return f"""read_csv({paths_sql}, columns = {{{column_types}}}, header = true, skip = {skip},
        delim = ',', quote = '"', escape = '"', auto_detect = false, filename = true)"""


def _header_of(file: SourceFile) -> tuple[int, tuple[str, ...]]:
    """(lines before the header, header fields). LinkedIn puts a `Notes:` preamble first."""
    try:
        with file.path.open(encoding="utf-8-sig", newline="") as handle:
            skipped = 0
            first = handle.readline()
            if first.startswith("Notes:"):
                skipped, line = 1, handle.readline()
                while line and line.strip():
                    skipped, line = skipped + 1, handle.readline()
                skipped += 1  # the blank line that ends the preamble
                header = next(csv.reader(handle), None)
            else:
                header = next(csv.reader([first]), None) if first.strip() else None
    except UnicodeDecodeError as error:
        raise ExportFormatError.at(file.source_file, f"not UTF-8 text: {error}") from error
    if not header:
        raise ExportFormatError.at(file.source_file, "empty file (expected a header row)")
    return skipped, tuple(header)


def _require_columns(file: SourceFile, header: tuple[str, ...], required: Sequence[str]) -> None:
    missing = [name for name in required if name not in header]
    if missing:
        listed = ", ".join(f"'{name}'" for name in missing)
        noun = "column" if len(missing) == 1 else "columns"
        raise ExportFormatError.at(file.source_file, f"missing required {noun} {listed}")


def read_csv_rows(batch: Batch, required: Sequence[str], *, row_numbers: bool = False) -> Rows:
    """Every file's rows as text, one column per required header name, plus lineage.

    Files are grouped by their exact header (and preamble length) so each group is one
    read_csv over many files with no sniffing. `row_numbers` adds `_row`, the 1-based data-row
    number within the file.
    """
    groups: dict[tuple[int, tuple[str, ...]], list[SourceFile]] = defaultdict(list)
    for file in batch.files:
        skip, header = _header_of(file)
        _require_columns(file, header, required)
        groups[(skip, header)].append(file)

    table = batch.temp("csv")
    column_defs = ", ".join(f"{ident(name)} VARCHAR" for name in required)
    row_def = "_row INTEGER, " if row_numbers else ""
    batch.conn.execute(
        f"""CREATE TEMP TABLE {table} ({column_defs}, {row_def}
            _export_owner VARCHAR, _source_file VARCHAR, _file_hash VARCHAR)"""
    )
    selected = ", ".join(f"r.{ident(name)}" for name in required)
    single_file_sql: dict[str, str] = {}
    for (skip, header), files in groups.items():
        for file in files:
            single_file_sql[file.source_file] = _read_csv_sql(literal(str(file.path)), header, skip)
        source = _read_csv_sql("$paths", header, skip)
        if row_numbers:
            source += " WITH ORDINALITY"
            row_sql = "row_number() OVER (PARTITION BY r.filename ORDER BY r.ordinality) AS _row, "
        else:
            row_sql = ""
        try:
            batch.conn.execute(
                f"""
                INSERT INTO {table} BY NAME
                SELECT {selected}, {row_sql}{LINEAGE_FROM_FILES}
                FROM {source} r JOIN {batch.files_table} f ON r.filename = f.path
                """,
                {"paths": [str(f.path) for f in files]},
            )
        except duckdb.Error as error:
            query = f"SELECT min(COLUMNS(*)) FROM {_read_csv_sql('$path', header, skip)}"
            try:
                file, file_error = first_failing_file(files, query)
            except LookupError:
                raise error from None
            raise ExportFormatError.at(
                file.source_file, f"malformed CSV: {short_message(file_error, file)}"
            ) from error
    if row_numbers:
        return Rows(table, "row", position_column="_row")
    return Rows(table, "row", position_column=None, single_file_sql=single_file_sql)
