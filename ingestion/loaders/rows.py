"""Records read from a batch, and checks that name the file and row of the first bad value."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import PurePosixPath
from typing import Any

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders.batch import Batch
from ingestion.loaders.sql import ident, literal
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
        field = field_name or column
        raise ExportFormatError.at(source_file, f"empty {field}", position, field)


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
        field = field_name or column
        raise ExportFormatError.at(
            source_file,
            f"unparseable {field} '{value}' (expected {time_format.expected})",
            position,
            field,
        )


# --- values staging casts -------------------------------------------------------------------

# The spellings of "nothing here" that staging's null_if_placeholder maps to null.
PLACEHOLDER_SQL = "lower(trim(coalesce({value}, ''))) IN ('', 'n/a', 'null', '-')"
# A count as parse_count casts it (bigint once `,` and blanks are gone), written the way
# exports write counts: digits, or thousands groups of `,` or spaces, with an optional sign.
# Stricter than the cast on purpose: DuckDB would also cast `1.5` (to 2), `1e3` or `0x10`.
COUNT_PATTERN = r"[+-]?(\d+|\d{1,3}(,\d{3})+|\d{1,3}( \d{3})+)"
COUNT_EXPECTED = "expected a whole number like 1234 or 1,234"
# TikTok's data download abbreviates big counts ("1.2M", "12K"): parse_abbreviated_count.
ABBREVIATED_COUNT_PATTERN = r"\d+(\.\d+)?\s?[KkMmBb]"
ABBREVIATED_COUNT_EXPECTED = "expected a whole number like 1234 or 1,234, or like 12K or 1.2M"
# A measure as parse_measure casts it (double once `,`, blanks and `%` are gone): `.`
# decimals, optional `,` thousands groups, an optional `%`. A decimal comma (`1,5`) is
# refused: the cast would read it as 15.
NUMBER_PATTERN = r"[+-]?((\d+|\d{1,3}(,\d{3})+)(\.\d+)?|\.\d+)\s?%?"
NUMBER_EXPECTED = "expected a number like 12.5, 1,234.5 or 4.2%"
# A duration as stg_youtube_studio__videos reads it: seconds, M:SS or H:MM:SS.
DURATION_PATTERN = r"\d+(:\d{1,2}){0,2}"
DURATION_EXPECTED = "expected seconds like 754, or M:SS or H:MM:SS"
# What parse_count and parse_measure take out before they cast.
_COUNT_STRIPPED = r"[,\s]"
_NUMBER_STRIPPED = r"[,\s%]"


def _require_match(
    conn: duckdb.DuckDBPyConnection,
    rows: Rows,
    column: str,
    valid_sql: str,
    what: str,
    expected: str,
    field_name: str | None,
) -> None:
    """Fail on the first record whose `column` is neither a placeholder nor `valid_sql`
    (SQL over `{value}`, the trimmed text)."""
    col = ident(column)
    placeholder = PLACEHOLDER_SQL.replace("{value}", col)
    valid = valid_sql.replace("{value}", f"trim({col})")
    bad = rows.first_bad(conn, f"NOT ({placeholder}) AND NOT coalesce({valid}, false)", col)
    if bad is not None:
        source_file, position, value = bad
        field = field_name or column
        raise ExportFormatError.at(
            source_file, f"{field} '{value}' is not {what} ({expected})", position, field
        )


def _matches(pattern: str) -> str:
    return f"regexp_full_match({{value}}, {literal(pattern)})"


def _castable(type_sql: str, strip: str) -> str:
    """Whether the value casts once the characters of regex class `strip` are gone."""
    stripped = f"regexp_replace({{value}}, {literal(strip)}, '', 'g')"
    return f"try_cast({stripped} AS {type_sql}) IS NOT NULL"


def require_count(
    conn: duckdb.DuckDBPyConnection,
    rows: Rows,
    column: str,
    field_name: str | None = None,
    *,
    abbreviated: bool = False,
) -> None:
    """Fail on the first record whose `column` is not a count staging can cast
    (parse_count; with `abbreviated`, parse_abbreviated_count) or a placeholder."""
    valid = f"({_matches(COUNT_PATTERN)} AND {_castable('BIGINT', _COUNT_STRIPPED)})"
    expected = COUNT_EXPECTED
    if abbreviated:
        valid = f"({valid} OR {_matches(ABBREVIATED_COUNT_PATTERN)})"
        expected = ABBREVIATED_COUNT_EXPECTED
    _require_match(conn, rows, column, valid, "a count", expected, field_name)


def count_sql(column: str) -> str:
    """SQL of a checked count column (require_count) as BIGINT, as parse_count casts it."""
    col = ident(column)
    stripped = f"regexp_replace(trim({col}), {literal(_COUNT_STRIPPED)}, '', 'g')"
    placeholder = PLACEHOLDER_SQL.replace("{value}", col)
    return f"(CASE WHEN {placeholder} THEN NULL ELSE CAST({stripped} AS BIGINT) END)"


def require_number(
    conn: duckdb.DuckDBPyConnection, rows: Rows, column: str, field_name: str | None = None
) -> None:
    """Fail on the first record whose `column` is not a measure parse_measure can cast."""
    valid = f"({_matches(NUMBER_PATTERN)} AND {_castable('DOUBLE', _NUMBER_STRIPPED)})"
    _require_match(conn, rows, column, valid, "a number", NUMBER_EXPECTED, field_name)


def require_duration(
    conn: duckdb.DuckDBPyConnection, rows: Rows, column: str, field_name: str | None = None
) -> None:
    """Fail on the first record whose `column` is not a duration staging can read."""
    valid = _matches(DURATION_PATTERN).replace("{value}", "regexp_replace({value}, ',', '', 'g')")
    _require_match(conn, rows, column, valid, "a duration", DURATION_EXPECTED, field_name)


# --- plausible times ----------------------------------------------------------------------------

# When each platform (or kind of record) began: an event time before it is a placeholder or a
# mistake, never a real event.
X_LAUNCHED = date(2006, 3, 21)
FACEBOOK_LAUNCHED = date(2004, 2, 4)
YOUTUBE_LAUNCHED = date(2005, 2, 14)
LINKEDIN_LAUNCHED = date(2003, 5, 5)
INSTAGRAM_LAUNCHED = date(2010, 10, 6)
TIKTOK_LAUNCHED = date(2016, 9, 1)  # Douyin; TikTok merged musical.ly in 2018
CRM_EARLIEST = date(1990, 1, 1)  # CRM records and introductions logs

_DAY_SECONDS = 86400
# The export day has ended everywhere 14 hours after it ended in UTC (UTC+14).
_EXPORT_DAY_ENDED = _DAY_SECONDS + 14 * 3600
_EXPORT_DATE_IN_NAME = re.compile(r".*(\d{4}-\d{2}-\d{2})")
_SALESFORCE_REPORT_NAME = re.compile(r"^report(\d{13})\.")


@dataclass(frozen=True)
class Latest:
    """The latest plausible time of a row: `bound_sql` an exclusive bound in epoch seconds
    (SQL over the row; NULL: no bound), `reason_sql` the text saying why a later time is not
    plausible."""

    bound_sql: str
    reason_sql: str


LOAD_TIME_LATEST = Latest(
    f"(epoch(now()) + {_DAY_SECONDS})",
    "'after the load (more than a day after it: no export date known)'",
)


def _epoch(day: date) -> int:
    return (day - date(1970, 1, 1)).days * _DAY_SECONDS


def export_date_in_name(source_file: str) -> date | None:
    """The export date a file's name carries (the rule of staging's export_file_date macro):
    the last `YYYY-MM-DD` in the name (`Connections_2026-06-28.csv`,
    `hubspot-crm-exports-all-deals-2026-06-15.csv`), or the day of a Salesforce
    `report<epoch ms>.csv`; None when there is none (or it is no real day)."""
    name = PurePosixPath(source_file).name
    named = _EXPORT_DATE_IN_NAME.match(name)
    if named:
        try:
            return date.fromisoformat(named.group(1))
        except ValueError:
            return None
    report = _SALESFORCE_REPORT_NAME.match(name)
    if report:
        return datetime.fromtimestamp(int(report.group(1)) / 1000, UTC).date()
    return None


def export_date_latest(export_date_sql: str) -> Latest:
    """A bound from a known export date (SQL DATE over the row): the end of that day in every
    time zone."""
    return Latest(
        f"(epoch({export_date_sql}) + {_EXPORT_DAY_ENDED})",
        f"'after the export date ' || strftime({export_date_sql}, '%Y-%m-%d')",
    )


def latest_for_files(batch: Batch) -> Latest:
    """The export date in each file's name bounds its times; a file without one is bounded by
    the load time plus one day (a file's modification time is no export date: git and copies
    do not keep it)."""
    named = {f.source_file: export_date_in_name(f.source_file) for f in batch.files}
    dated = {source_file: day for source_file, day in named.items() if day is not None}
    if not dated:
        return LOAD_TIME_LATEST
    bounds = " ".join(
        f"WHEN {literal(source_file)} THEN {_epoch(day) + _EXPORT_DAY_ENDED}"
        for source_file, day in dated.items()
    )
    days = " ".join(
        f"WHEN {literal(source_file)} THEN {literal(day.isoformat())}"
        for source_file, day in dated.items()
    )
    return Latest(
        f"coalesce(CASE _source_file {bounds} END, {LOAD_TIME_LATEST.bound_sql})",
        f"coalesce('after the export date ' || (CASE _source_file {days} END) "
        f"|| ' (in the file name)', {LOAD_TIME_LATEST.reason_sql})",
    )


def implausible_time_reason(
    value_sql: str,
    time_format: TimeFormat,
    earliest: date,
    latest: Latest,
    platform: str | None = None,
) -> str:
    """SQL: why the parsed value is no plausible event time (before `earliest`, when
    `platform` launched, or after `latest`); NULL when it is plausible or does not parse."""
    parsed = time_format.parse(value_sql)
    if platform is None:
        too_early = f"before {earliest.isoformat()} (earlier than any such record)"
    else:
        too_early = f"before {platform} launched on {earliest.isoformat()}"
    return f"""(CASE
        WHEN epoch({parsed}) < {_epoch(earliest)} THEN {literal(too_early)}
        WHEN epoch({parsed}) >= {latest.bound_sql} THEN {latest.reason_sql}
    END)"""


def plausible_time(
    batch: Batch,
    rows: Rows,
    column: str,
    time_format: TimeFormat,
    *,
    earliest: date,
    platform: str | None = None,
    field_name: str | None = None,
    latest: Latest | None = None,
) -> str:
    """SQL (over `rows.table`) of `column` parsed with `time_format`, NULL when the time is
    implausible: before `earliest` (when `platform` launched) or after `latest` (default: the
    export date in the file's name, else the load time plus one day).

    Each value set to null is noted in raw._load_notes (file, record, field, value, why), and
    the load log says how many a file has. The row itself still lands."""
    col = ident(column)
    field = field_name or column
    reason = implausible_time_reason(
        col, time_format, earliest, latest or latest_for_files(batch), platform
    )
    _note_implausible(batch, rows, col, reason, field)
    return f"(CASE WHEN {reason} IS NULL THEN {time_format.parse(col)} END)"


def _note_implausible(batch: Batch, rows: Rows, value_sql: str, reason: str, field: str) -> None:
    if rows.position_column is None:
        raise TypeError(f"{rows.table}: plausible_time needs numbered rows (row_numbers=True)")
    position = f"{literal(rows.unit + ' ')} || {ident(rows.position_column)}"
    batch.note_rows(
        f"""SELECT _source_file, {position} AS position, {literal(field)} AS field,
                   CAST({value_sql} AS VARCHAR) AS value, _implausible AS note
            FROM (SELECT *, {reason} AS _implausible FROM {rows.table})
            WHERE _implausible IS NOT NULL"""
    )
    counts = batch.conn.execute(
        f"""SELECT _source_file, _implausible, count(*)
            FROM (SELECT _source_file, {reason} AS _implausible FROM {rows.table})
            WHERE _implausible IS NOT NULL GROUP BY ALL ORDER BY 1, 2"""
    ).fetchall()
    for source_file, note, count in counts:
        values = "value" if count == 1 else "values"
        batch.note(source_file, f"{count} {field} {values} {note}: set to null (raw._load_notes)")


def refuse_first(
    conn: duckdb.DuckDBPyConnection, rows: Rows, predicate: str, column: str, problem: str
) -> None:
    """Fail on the first row matching `predicate`, naming the file, row, field and value."""
    bad = rows.first_bad(conn, predicate, ident(column))
    if bad is not None:
        source_file, position, value = bad
        shown = "" if value is None else f" '{value}'"
        raise ExportFormatError.at(source_file, problem.format(value=shown), position, column)
