"""CSV exports read with DuckDB's CSV reader, many files per statement, all values as text.

Real exports of one kind differ from era to era and tool to tool, so the reader looks at each
file's first lines before DuckDB reads it:

- encoding: UTF-8 (with or without a BOM) or UTF-16 (the BOM tells; Salesforce's "for Excel");
- delimiter: `,`, tab or `;`, sniffed from the header line;
- a `Notes:` preamble before the header (LinkedIn), skipped;
- columns: a loader names the columns it requires and those it reads when present; a column
  may go by other names in other eras (`aliases`). Header names are compared without
  surrounding blanks and, failing an exact match, case-insensitively. Absent optional columns
  read as null.

Blank lines (a missing trailing newline, trailing blank lines) are skipped. With `footer`, a
row whose first field matches that regular expression and whose other fields are empty is a
report footer ("Grand Totals (3 records)") and is dropped.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import SourceFile
from ingestion.loaders.batch import LINEAGE_FROM_FILES, Batch
from ingestion.loaders.diagnose import first_failing_file, short_message
from ingestion.loaders.rows import Rows
from ingestion.loaders.sql import ident, literal

_HEAD_BYTES = 64 * 1024
_DELIMITERS = (",", "\t", ";")


@dataclass(frozen=True)
class CsvLayout:
    """How one file is written: what DuckDB must be told to read it without sniffing."""

    skip: int  # lines before the header
    header: tuple[str, ...]  # as written (blanks stripped; duplicates numbered)
    delimiter: str
    encoding: str  # DuckDB's name: utf-8 or utf-16


def _decode_head(file: SourceFile) -> tuple[str, str]:
    """(the file's first bytes as text, DuckDB encoding name)."""
    with file.path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore"), "utf-16"
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not just a character cut at the end of the head
            raise ExportFormatError.at(file.source_file, f"not UTF-8 text: {error}") from error
        text = head[: error.start].decode("utf-8-sig")
    return text, "utf-8"


def _sniff_delimiter(header_line: str) -> str:
    outside_quotes = "".join(part for i, part in enumerate(header_line.split('"')) if i % 2 == 0)
    counts = {d: outside_quotes.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _numbered(header: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    names = []
    for raw in header:
        name = raw.strip() or "column"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return tuple(names)


def csv_layout(file: SourceFile) -> CsvLayout:
    """Encoding, delimiter, preamble and header of one file (only its first bytes are read)."""
    text, encoding = _decode_head(file)
    lines = text.splitlines()
    skipped = 0
    if lines and lines[0].startswith("Notes:"):
        skipped = 1
        while skipped < len(lines) and lines[skipped].strip():
            skipped += 1
        skipped += 1  # the blank line that ends the preamble
    while skipped < len(lines) and not lines[skipped].strip():
        skipped += 1
    if skipped >= len(lines):
        raise ExportFormatError.at(file.source_file, "empty file (expected a header row)")
    delimiter = _sniff_delimiter(lines[skipped])
    header = next(csv.reader([lines[skipped]], delimiter=delimiter), None)
    if not header or not any(name.strip() for name in header):
        raise ExportFormatError.at(file.source_file, "empty file (expected a header row)")
    return CsvLayout(skipped, _numbered(header), delimiter, encoding)


def _resolve_columns(
    file: SourceFile,
    layout: CsvLayout,
    required: Sequence[str],
    optional: Sequence[str],
    aliases: Mapping[str, Sequence[str]],
) -> dict[str, str | None]:
    """Canonical column name -> the file's header name for it (None: an absent optional one)."""
    by_lower: dict[str, str] = {}
    for name in layout.header:
        by_lower.setdefault(name.lower(), name)
    resolved: dict[str, str | None] = {}
    missing = []
    for canonical in (*required, *optional):
        spellings = (canonical, *aliases.get(canonical, ()))
        found = next((s for s in spellings if s in layout.header), None)
        if found is None:
            found = next((by_lower[s.lower()] for s in spellings if s.lower() in by_lower), None)
        if found is None and canonical in required:
            missing.append(canonical)
        resolved[canonical] = found
    if missing:
        listed = ", ".join(f"'{name}'" for name in missing)
        noun = "column" if len(missing) == 1 else "columns"
        raise ExportFormatError.at(file.source_file, f"missing required {noun} {listed}")
    return resolved


def _read_csv_sql(paths_sql: str, layout: CsvLayout, null_padding: bool = False) -> str:
    column_types = ", ".join(f"{literal(name)}: 'VARCHAR'" for name in layout.header)
    return f"""read_csv({paths_sql}, columns = {{{column_types}}}, header = true,
        skip = {layout.skip}, delim = {literal(layout.delimiter)}, quote = '"', escape = '"',
        encoding = {literal(layout.encoding)}, null_padding = {str(null_padding).lower()},
        auto_detect = false, filename = true)"""


def read_csv_rows(
    batch: Batch,
    required: Sequence[str],
    optional: Sequence[str] = (),
    *,
    aliases: Mapping[str, Sequence[str]] | None = None,
    footer: str | None = None,
    row_numbers: bool = False,
) -> Rows:
    """Every file's rows as text, one column per required and optional name, plus lineage.

    Files are grouped by their exact layout so each group is one read_csv over many files
    with no sniffing. `row_numbers` adds `_row`, the 1-based data-row number within the file.
    """
    aliases = aliases or {}
    wanted = (*required, *optional)
    groups: dict[tuple[CsvLayout, tuple[tuple[str, str | None], ...]], list[SourceFile]]
    groups = defaultdict(list)
    for file in batch.files:
        layout = csv_layout(file)
        resolved = _resolve_columns(file, layout, required, optional, aliases)
        groups[(layout, tuple(resolved.items()))].append(file)

    table = batch.temp("csv")
    column_defs = ", ".join(f"{ident(name)} VARCHAR" for name in wanted)
    row_def = "_row INTEGER, " if row_numbers else ""
    batch.conn.execute(
        f"""CREATE TEMP TABLE {table} ({column_defs}, {row_def}
            _export_owner VARCHAR, _source_file VARCHAR, _file_hash VARCHAR)"""
    )
    single_file_sql: dict[str, str] = {}
    for (layout, resolved), files in groups.items():
        selected = ", ".join(
            f"r.{ident(found)} AS {ident(name)}" if found else f"NULL AS {ident(name)}"
            for name, found in resolved
        )
        for file in files:
            single_file_sql[file.source_file] = _read_csv_sql(
                literal(str(file.path)), layout, footer is not None
            )
        source = _read_csv_sql("$paths", layout, footer is not None)
        if row_numbers:
            source += " WITH ORDINALITY"
            row_sql = "row_number() OVER (PARTITION BY r.filename ORDER BY r.ordinality) AS _row, "
        else:
            row_sql = ""
        where = _not_footer(layout, footer) if footer else "true"
        try:
            batch.conn.execute(
                f"""
                INSERT INTO {table} BY NAME
                SELECT {selected}, {row_sql}{LINEAGE_FROM_FILES}
                FROM {source} r JOIN {batch.files_table} f ON r.filename = f.path
                WHERE {where}
                """,
                {"paths": [str(f.path) for f in files]},
            )
        except duckdb.Error as error:
            query = f"SELECT min(COLUMNS(*)) FROM {_read_csv_sql('$path', layout)}"
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


def _not_footer(layout: CsvLayout, footer: str) -> str:
    first, *rest = (f"r.{ident(name)}" for name in layout.header)
    others_empty = " AND ".join(f"nullif(trim({c}), '') IS NULL" for c in rest) or "true"
    return f"NOT (regexp_matches(coalesce({first}, ''), {literal(footer)}) AND {others_empty})"
