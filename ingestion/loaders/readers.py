"""DuckDB's native readers over every file of a batch at once, with errors that name the file.

A failed DuckDB statement aborts the load transaction, so when a read fails the culprit is
found by re-reading file by file on a scratch in-memory connection.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Sequence

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import SourceFile
from ingestion.loaders.batch import LINEAGE, LINEAGE_FROM_FILES, Batch
from ingestion.loaders.rows import Rows
from ingestion.loaders.sql import Shape, duckdb_type, ident, json_structure, literal

_MIN_JSON_OBJECT_SIZE = 16 * 1024 * 1024
_MAX_JSON_OBJECT_SIZE = 2**32 - 1
_X_PREFIX = re.compile(r"\A\ufeff?\s*window\.YTD\.([A-Za-z_]+)\.part0\s*=\s*")
_X_HEAD_BYTES = 4096


_DUCKDB_HINTS = ("\n\nLINE ", "\nPossible fixes:", "\nTry setting ")


def _short(error: Exception, file: SourceFile) -> str:
    """DuckDB's message on one line, without its hints, naming the file by its relative path."""
    message = str(error)
    for hint in _DUCKDB_HINTS:
        message = message.split(hint)[0]
    lines = (
        line.strip() for line in message.replace(str(file.path), file.source_file).splitlines()
    )
    return "; ".join(line for line in lines if line)


def _first_failing_file(files: Sequence[SourceFile], query: str) -> tuple[SourceFile, Exception]:
    """Run `query` (with $path, reading every column) for each file alone; the first failure."""
    with duckdb.connect() as scratch:
        for file in sorted(files, key=lambda f: f.source_file):
            try:
                scratch.execute(query, {"path": str(file.path)}).fetchall()
            except duckdb.Error as error:
                return file, error
    raise LookupError("no single file fails")


def _is_valid_json(file: SourceFile) -> bool:
    with duckdb.connect() as scratch:
        found = scratch.execute(
            "SELECT json_valid(content) FROM read_text($path)", {"path": str(file.path)}
        ).fetchone()
    return bool(found and found[0])


# --- JSON ------------------------------------------------------------------------------------


def _read_json_sql(shape: Shape, paths_sql: str, max_object_size: int) -> str:
    return f"""read_json({paths_sql}, format = 'unstructured', records = false,
        columns = {{'doc': {literal(duckdb_type(shape))}}}, filename = true,
        maximum_object_size = {max_object_size})"""


def read_json_documents(batch: Batch, shape: Shape) -> str:
    """A temp table with one row per file: lineage columns and `doc`, the file typed by `shape`."""
    table = batch.temp("json")
    largest = max(f.path.stat().st_size for f in batch.files)
    max_size = min(max(largest + 1, _MIN_JSON_OBJECT_SIZE), _MAX_JSON_OBJECT_SIZE)
    try:
        batch.conn.execute(
            f"""
            CREATE TEMP TABLE {table} AS
            SELECT {LINEAGE_FROM_FILES}, r.doc
            FROM {_read_json_sql(shape, "$paths", max_size)} r
            JOIN {batch.files_table} f ON r.filename = f.path
            """,
            {"paths": batch.paths},
        )
    except duckdb.Error as error:
        query = f"SELECT doc IS NULL FROM {_read_json_sql(shape, '$path', max_size)}"
        try:
            file, file_error = _first_failing_file(batch.files, query)
        except LookupError:
            raise error from None
        if _is_valid_json(file):
            problem = "unexpected JSON shape"
        else:
            problem = "invalid JSON (truncated or corrupt)"
        raise ExportFormatError.at(
            file.source_file, f"{problem}: {_short(file_error, file)}"
        ) from error
    _require_one_document_per_file(batch, table)
    return table


def _require_one_document_per_file(batch: Batch, table: str) -> None:
    found = batch.conn.execute(
        f"""
        SELECT f.source_file, count(d._source_file) AS documents
        FROM {batch.files_table} f LEFT JOIN {table} d ON d._source_file = f.source_file
        GROUP BY ALL HAVING count(d._source_file) <> 1 ORDER BY 1 LIMIT 1
        """
    ).fetchone()
    if found is not None:
        source_file, documents = found
        problem = (
            "invalid JSON (truncated or corrupt): empty file"
            if documents == 0
            else f"expected one JSON value, found {documents}"
        )
        raise ExportFormatError.at(source_file, problem)


# After the assignment's "=" (the first one in the file, as checked on the file's first bytes).
_X_JSON_TEXT = "substr(content, strpos(content, '=') + 1)"


def _require_x_assignment(file: SourceFile, ytd_type: str) -> None:
    with file.path.open("rb") as handle:
        head = handle.read(_X_HEAD_BYTES).decode("utf-8", errors="replace")
    match = _X_PREFIX.match(head)
    if match is None or match.group(1) != ytd_type:
        problem = f"not a window.YTD.{ytd_type}.part0 assignment"
        raise ExportFormatError.at(file.source_file, problem)


def read_x_documents(batch: Batch, ytd_type: str, shape: Shape) -> str:
    """Like read_json_documents, for X archive files: `window.YTD.<ytd_type>.part0 = <JSON>`.

    The assignment is checked on each file's first bytes; DuckDB then parses the JSON after it.
    """
    for file in batch.files:
        _require_x_assignment(file, ytd_type)
    table = batch.temp("x_docs")
    try:
        # Lineage is joined after parsing: joining the raw file text is much slower.
        batch.conn.execute(
            f"""
            CREATE TEMP TABLE {table} AS
            SELECT {LINEAGE_FROM_FILES}, r.doc
            FROM (
                SELECT filename, json_transform({_X_JSON_TEXT}, {json_structure(shape)}) AS doc
                FROM read_text($paths)
            ) r
            JOIN {batch.files_table} f ON r.filename = f.path
            """,
            {"paths": batch.paths},
        )
    except duckdb.Error as error:
        explained = _explain_x_failure(batch)
        if explained is None:
            raise
        raise explained from error
    return table


def _explain_x_failure(batch: Batch) -> ExportFormatError | None:
    with duckdb.connect() as scratch:
        for file in sorted(batch.files, key=lambda f: f.source_file):
            try:
                scratch.execute(
                    f"SELECT json({_X_JSON_TEXT}) FROM read_text($path)", {"path": str(file.path)}
                ).fetchall()
            except duckdb.Error as error:
                detail = _short(error, file).split("  Input:")[0]
                if "Malformed JSON" in detail:
                    problem = "invalid JSON (truncated or corrupt)"
                else:
                    problem = "not readable as UTF-8 text"
                return ExportFormatError.at(file.source_file, f"{problem}: {detail}")
    return None


# --- CSV -------------------------------------------------------------------------------------


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
                file, file_error = _first_failing_file(files, query)
            except LookupError:
                raise error from None
            raise ExportFormatError.at(
                file.source_file, f"malformed CSV: {_short(file_error, file)}"
            ) from error
    if row_numbers:
        return Rows(table, "row", position_column="_row")
    return Rows(table, "row", position_column=None, single_file_sql=single_file_sql)


def explode(batch: Batch, docs: str, list_sql: str, fields: str, unit: str = "record") -> Rows:
    """One row per element of `list_sql` (an expression over the file's `d.doc`).

    In `fields` the element is `e.item`; rows are numbered in file order as `_record`.
    """
    table = batch.temp("records")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        SELECT {LINEAGE}, e.i AS _record, {fields}
        FROM {docs} d, unnest({list_sql}) WITH ORDINALITY AS e(item, i)
        """
    )
    return Rows(table, unit)
