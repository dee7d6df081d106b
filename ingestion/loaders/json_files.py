"""JSON exports read with DuckDB's JSON reader (or JSON functions, for X's JavaScript files),
one row per file, then flattened into one row per record.

Each file set says what its documents are (`Expected`): a document of another JSON type (an
object where the export has a list, a list where it has an object, a scalar, null), an
object without the list of records it must hold, and records with none of the keys that make
them records are refused, naming what was expected. An empty list is an export with no
records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import SourceFile
from ingestion.loaders.batch import LINEAGE, LINEAGE_FROM_FILES, Batch
from ingestion.loaders.diagnose import first_failing_file, is_valid_json, short_message
from ingestion.loaders.rows import Rows
from ingestion.loaders.sql import Shape, duckdb_type, ident, json_structure, literal

_MIN_JSON_OBJECT_SIZE = 16 * 1024 * 1024
_MAX_JSON_OBJECT_SIZE = 2**32 - 1
_X_PREFIX = re.compile(r"\A\ufeff?\s*window\.YTD\.([A-Za-z_]+)\.part(\d+)\s*=\s*")
# A type's first file is `<name>.js` (part0); X splits big ones into `<name>-part<N>.js`.
_X_PART_FILE = re.compile(r"-part(\d+)\.js\Z")
_X_HEAD_BYTES = 4096


@dataclass(frozen=True)
class Expected:
    """What a file set's JSON documents are, as errors name them.

    `what` is the document (`a JSON array of posts (objects with "media" or
    "creation_timestamp")`); `records` is the key path of the list of records an object
    document must hold (None: the document is the list, or its lists are optional)."""

    what: str
    records: tuple[str, ...] | None = None


def keys_phrase(keys: Sequence[str]) -> str:
    """`"media" or "creation_timestamp"`."""
    return " or ".join(f'"{key}"' for key in keys)


def records_expected(noun: str, keys: Sequence[str], path: Sequence[str] = ()) -> Expected:
    """A document that is a list of `noun` (objects with one of `keys`), or an object holding
    that list under `path`."""
    records = f"{noun} (objects with {keys_phrase(keys)})"
    if not path:
        return Expected(f"a JSON array of {records}")
    where = ".".join(f'"{key}"' for key in path)
    return Expected(f"a JSON object with a {where} list of {records}", tuple(path))


# json_type() names -> how a message says what was found.
_FOUND = {
    "OBJECT": "an object",
    "ARRAY": "an array",
    "VARCHAR": "a string",
    "BIGINT": "a number",
    "UBIGINT": "a number",
    "DOUBLE": "a number",
    "BOOLEAN": "true or false",
    "NULL": "null",
}


def _json_type_of(shape: Shape) -> str:
    return "ARRAY" if isinstance(shape, Sequence) and not isinstance(shape, str) else "OBJECT"


def _json_path(keys: Sequence[str]) -> str:
    return "$" + "".join(f'."{key}"' for key in keys)


def _wrong_shape(file: SourceFile, json_sql: str, shape: Shape, expected: Expected) -> str | None:
    """Why a file's JSON (SQL of the JSON text over `read_text($path)`) is not `expected`;
    None when its top level and records list are right (a nested value is wrong)."""
    path = _json_path(expected.records or ())
    try:
        with duckdb.connect() as scratch:
            found = scratch.execute(
                f"SELECT json_type({json_sql}), json_type({json_sql}, {literal(path)}) "
                "FROM read_text($path)",
                {"path": str(file.path)},
            ).fetchone()
    except duckdb.Error:  # not text DuckDB's JSON functions read: the reader's message stands
        return None
    top, records = found if found else (None, None)
    if top != _json_type_of(shape):
        return f"expected {expected.what}, found {_FOUND.get(str(top), 'nothing')}"
    if expected.records and records is None:
        key = expected.records[-1]
        return f'expected {expected.what}, found an object without "{key}"'
    if expected.records and records not in ("ARRAY", "NULL"):
        key = expected.records[-1]
        return f'expected {expected.what}, found "{key}" as {_FOUND.get(str(records), records)}'
    return None


def _read_json_sql(shape: Shape, paths_sql: str, max_object_size: int) -> str:
    return f"""read_json({paths_sql}, format = 'unstructured', records = false,
        columns = {{'doc': {literal(duckdb_type(shape))}}}, filename = true,
        maximum_object_size = {max_object_size})"""


def read_json_documents(batch: Batch, shape: Shape, expected: Expected) -> str:
    """A temp table with one row per file: lineage columns and `doc`, the file typed by `shape`.

    A file that is not `expected` (see the module docstring) is refused naming what it is."""
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
        if not is_valid_json(file):
            problem = f"invalid JSON (truncated or corrupt): {short_message(file_error, file)}"
        else:
            problem = _wrong_shape(file, "content", shape, expected) or (
                f"unexpected JSON shape (expected {expected.what}): "
                f"{short_message(file_error, file)}"
            )
        raise ExportFormatError.at(file.source_file, problem) from error
    _require_one_document_per_file(batch, table)
    _require_expected(batch, table, "content", shape, expected)
    return table


def _require_expected(
    batch: Batch, docs: str, json_sql: str, shape: Shape, expected: Expected
) -> None:
    """Refuse the first file whose document the typed read left null (JSON null, or for X a
    value of another type) or whose records list is missing."""
    missing = "d.doc IS NULL"
    if expected.records:
        records = "d.doc" + "".join(f".{ident(key)}" for key in expected.records)
        missing += f" OR {records} IS NULL"
    suspects = batch.conn.execute(
        f"SELECT DISTINCT _source_file FROM {docs} d WHERE {missing} ORDER BY 1"
    ).fetchall()
    by_name = {f.source_file: f for f in batch.files}
    for (source_file,) in suspects:
        problem = _wrong_shape(by_name[source_file], json_sql, shape, expected)
        if problem is not None:
            raise ExportFormatError.at(source_file, problem)


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


def read_x_documents(batch: Batch, ytd_type: str, shape: Shape, expected: Expected) -> str:
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
    _require_expected(batch, table, _X_JSON_TEXT, shape, expected)
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


def require_record_keys(
    batch: Batch,
    docs: str,
    list_sql: str,
    keys: Sequence[str],
    unit: str = "record",
) -> None:
    """Refuse the first element of `list_sql` (over the file's `d.doc`) that has none of
    `keys`: a record of another kind (or not an object). Elements are counted from 1 in file
    order."""
    present = " OR ".join(f"e.item.{ident(key)} IS NOT NULL" for key in keys)
    bad = batch.conn.execute(
        f"""SELECT d._source_file, e.i
            FROM {docs} d, unnest({list_sql}) WITH ORDINALITY AS e(item, i)
            WHERE NOT ({present}) ORDER BY 1, 2 LIMIT 1"""
    ).fetchone()
    if bad is not None:
        source_file, position = bad
        raise ExportFormatError.at(source_file, _no_keys_problem(keys), f"{unit} {position}")


def _no_keys_problem(keys: Sequence[str]) -> str:
    listed = ", ".join(f'"{key}"' for key in keys)
    return f"has no {listed} key" if len(keys) == 1 else f"has none of the keys {listed}"


def require_columns_keys(conn: duckdb.DuckDBPyConnection, rows: Rows, keys: Sequence[str]) -> None:
    """Like require_record_keys, for records already flattened into `rows` with one column
    per key: the first record with all of them null has none of the keys."""
    absent = " AND ".join(f"{ident(key)} IS NULL" for key in keys)
    bad = rows.first_bad(conn, absent, "NULL")
    if bad is not None:
        source_file, position, _ = bad
        raise ExportFormatError.at(source_file, _no_keys_problem(keys), position)


def explode(
    batch: Batch,
    docs: str,
    list_sql: str,
    fields: str,
    unit: str = "record",
    keys: Sequence[str] = (),
) -> Rows:
    """One row per element of `list_sql` (an expression over the file's `d.doc`); with `keys`,
    each element must have one of them (require_record_keys).

    In `fields` the element is `e.item`; rows are numbered in file order as `_record`.
    """
    if keys:
        require_record_keys(batch, docs, list_sql, keys, unit)
    table = batch.temp("records")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        SELECT {LINEAGE}, e.i AS _record, {fields}
        FROM {docs} d, unnest({list_sql}) WITH ORDINALITY AS e(item, i)
        """
    )
    return Rows(table, unit)
