"""JSON exports read with DuckDB's JSON reader (or JSON functions, for X's JavaScript files),
one row per file, then flattened into one row per record."""

from __future__ import annotations

import re

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import SourceFile
from ingestion.loaders.batch import LINEAGE, LINEAGE_FROM_FILES, Batch
from ingestion.loaders.diagnose import first_failing_file, is_valid_json, short_message
from ingestion.loaders.rows import Rows
from ingestion.loaders.sql import Shape, duckdb_type, json_structure, literal

_MIN_JSON_OBJECT_SIZE = 16 * 1024 * 1024
_MAX_JSON_OBJECT_SIZE = 2**32 - 1
_X_PREFIX = re.compile(r"\A\ufeff?\s*window\.YTD\.([A-Za-z_]+)\.part(\d+)\s*=\s*")
# A type's first file is `<name>.js` (part0); X splits big ones into `<name>-part<N>.js`.
_X_PART_FILE = re.compile(r"-part(\d+)\.js\Z")
_X_HEAD_BYTES = 4096


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
            file, file_error = first_failing_file(batch.files, query)
        except LookupError:
            raise error from None
        if is_valid_json(file):
            problem = "unexpected JSON shape"
        else:
            problem = "invalid JSON (truncated or corrupt)"
        raise ExportFormatError.at(
            file.source_file, f"{problem}: {short_message(file_error, file)}"
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
    part_file = _X_PART_FILE.search(file.source_file)
    part = int(part_file.group(1)) if part_file else 0
    match = _X_PREFIX.match(head)
    if match is None or match.group(1) != ytd_type or int(match.group(2)) != part:
        problem = f"not a window.YTD.{ytd_type}.part{part} assignment"
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
                detail = short_message(error, file).split("  Input:")[0]
                if "Malformed JSON" in detail:
                    problem = "invalid JSON (truncated or corrupt)"
                else:
                    problem = "not readable as UTF-8 text"
                return ExportFormatError.at(file.source_file, f"{problem}: {detail}")
    return None


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
