"""Google Takeout "YouTube and YouTube Music" comments: the creator's own comments everywhere.

`youtube/<handle>/Takeout/YouTube and YouTube Music/comments/comments.csv` (or a `comments/`
folder at any depth under `youtube/<handle>/`, as when the Takeout folder was renamed or the
file saved on its own; big histories are split into `comments(1).csv`, ...). Every era's header
is read by name, so column order and capitalisation do not matter:

- newest: `Comment ID,Channel ID,Comment create timestamp,Price,Post ID,Video ID,Comment text`
  (no parent column: a reply's id is `<parent id>.<reply id>`; community-post comments have a
  `Post ID` and no `Video ID`);
- `Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Post ID,Video ID,
  Comment Text` (8 columns) and the pre-June-2024 7-column header with `Parent Comment ID`
  and no `Post ID`; mid-2024 exports put `Channel ID` first.

`Comment text` is a comma-joined run of JSON fragments (`{"text":"Loved the "},{"text":
"@ana","mention":{...}},{"text":" bit!"}`; a line break is a raw newline inside a string),
before June 2024 one object `{"takeoutSegments":[{"text":"..."}]}`, in the oldest CSVs plain
text. The text lands with the fragments' `text` parts joined (`text_format` says which form it
was). Timestamps are ISO 8601 with an offset (`2025-11-02T14:03:12.123456+00:00`) or `Z`.
Older Takeouts wrote `my-comments/my-comments.html` instead: listed in the load report. A
time before YouTube launched, or after the export, lands as null (plausible_time).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.discovery import read_head
from ingestion.loaders.rows import (
    YOUTUBE_LAUNCHED,
    Rows,
    plausible_time,
    require_time,
    require_value,
)
from ingestion.loaders.sql import ident, owner_key
from ingestion.loaders.timeformats import TimeFormat

REQUIRED = ("Comment ID", "Channel ID", "Comment Create Timestamp", "Comment Text")
OPTIONAL = ("Price", "Parent Comment ID", "Post ID", "Video ID")

TAKEOUT_TIME = TimeFormat(
    "ISO 8601 with an offset or Z, like '2025-11-02T14:03:12.123456+00:00'",
    "coalesce(try_strptime(trim({value}), ['%Y-%m-%dT%H:%M:%S.%f%z', '%Y-%m-%dT%H:%M:%S%z']), "
    "timezone('UTC', try_strptime(trim({value}), "
    "['%Y-%m-%dT%H:%M:%S.%fZ', '%Y-%m-%dT%H:%M:%SZ'])))",
)

_HTML_REASON = (
    "an older Takeout's comments page (HTML), not read: a newer Takeout of YouTube and "
    "YouTube Music writes comments/comments.csv, which is"
)


def recognize_takeout_comments(path: Path) -> str | None:
    """None for a comments CSV (by its header), else why this file in a comments folder is not."""
    if path.suffix.lower() in (".html", ".htm"):
        return _HTML_REASON
    if path.suffix.lower() != ".csv":
        return "not a CSV (a Takeout's comments are read from comments/*.csv)"
    header = next((line for line in read_head(path).splitlines() if line.strip()), "").lower()
    if "comment id" in header and "comment text" in header:
        return None
    return "a CSV without the Takeout comments header (Comment ID, ..., Comment Text)"


def _escaped_controls(value_sql: str) -> str:
    """Raw line breaks and tabs inside the fragments' strings, as JSON escapes."""
    return f"replace(replace(replace({value_sql}, chr(13), '\\r'), chr(10), '\\n'), chr(9), '\\t')"


_TEXT = ident("Comment Text")
_FRAGMENTS = f"('[' || {_escaped_controls(_TEXT)} || ']')"
_SEGMENTS = _escaped_controls(_TEXT)
_IS_SEGMENTS = f"(starts_with({_TEXT}, '{{\"takeoutSegments\"') AND json_valid({_SEGMENTS}))"
_IS_FRAGMENTS = f"(starts_with({_TEXT}, '{{\"') AND json_valid({_FRAGMENTS}))"
TEXT_FORMAT_SQL = f"""CASE
    WHEN {_TEXT} IS NULL THEN NULL
    WHEN {_IS_SEGMENTS} THEN 'takeout_segments'
    WHEN {_IS_FRAGMENTS} THEN 'fragments'
    WHEN NOT starts_with({_TEXT}, '{{\"') THEN 'plain'
END"""
COMMENT_TEXT_SQL = f"""CASE text_format
    WHEN 'takeout_segments'
        THEN array_to_string(json_extract_string({_SEGMENTS}, '$.takeoutSegments[*].text'), '')
    WHEN 'fragments' THEN array_to_string(json_extract_string({_FRAGMENTS}, '$[*].text'), '')
    WHEN 'plain' THEN {_TEXT}
END"""


def _typed_text(batch: Batch, rows: Rows) -> Rows:
    """The rows with `text_format` and the joined `comment_text`; a text that starts like
    JSON fragments but does not parse is an error naming the row."""
    table = batch.temp("takeout_text")
    batch.conn.execute(
        f"""CREATE TEMP TABLE {table} AS
            SELECT *, {COMMENT_TEXT_SQL} AS comment_text
            FROM (SELECT *, {TEXT_FORMAT_SQL} AS text_format FROM {rows.table})"""
    )
    typed = Rows(table, rows.unit, position_column="_row")
    bad = typed.first_bad(batch.conn, f"{_TEXT} IS NOT NULL AND text_format IS NULL", _TEXT)
    if bad is not None:
        source_file, position, value = bad
        raise ExportFormatError.at(
            source_file,
            f'Comment Text is not JSON text fragments (like {{"text":"..."}}): {value[:60]!r}',
            position,
            "Comment Text",
        )
    return typed


def stage_takeout_comments(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, REQUIRED, OPTIONAL, row_numbers=True)
    require_value(batch.conn, rows, "Comment ID")
    require_value(batch.conn, rows, "Comment Create Timestamp")
    require_time(batch.conn, rows, "Comment Create Timestamp", TAKEOUT_TIME)
    typed = _typed_text(batch, rows)
    commented_at = plausible_time(
        batch,
        typed,
        "Comment Create Timestamp",
        TAKEOUT_TIME,
        earliest=YOUTUBE_LAUNCHED,
        platform="YouTube",
    )
    return {
        "youtube_takeout_comments": f"""
            SELECT trim("Comment ID") AS comment_id, "Channel ID" AS channel_id,
                   "Parent Comment ID" AS parent_comment_id, "Post ID" AS post_id,
                   "Video ID" AS video_id, "Price" AS price, comment_text, text_format,
                   {commented_at} AS commented_at,
                   {LINEAGE}, {owner_key('trim("Comment ID")')} AS _row_key
            FROM {typed.table}
        """
    }


LOADER = Loader(
    name="youtube_takeout",
    description="Google Takeout YouTube comments (the creator's own comments across YouTube)",
    raw_tables=("youtube_takeout_comments",),
    file_sets=(
        FileSet(
            ("youtube/*/**/comments/*", "youtube/*/**/my-comments/*"),
            stage_takeout_comments,
            kind="Takeout YouTube comments",
            recognize=recognize_takeout_comments,
        ),
    ),
    known_unread=(
        (
            "youtube/*Takeout/*",
            "a Google Takeout file other than the YouTube comments (only "
            "YouTube and YouTube Music/comments/*.csv is read from a Takeout)",
        ),
    ),
)
