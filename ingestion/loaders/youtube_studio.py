"""YouTube Studio CSV exports, anywhere under `youtube_studio/<handle>/`.

Studio's "Export current view" is a zip per report holding `Table data.csv` (one row per video
and a `Total` row), `Chart data.csv` (one row per day, or per video and day when the chart
splits by content) and `Totals.csv` (one row per day: the chart's total), usually unzipped into
a folder named after the report (`Content 2025-01-01_2025-06-30 Carmen Ruiz/`). The columns are
the metrics the user selected: only the identity columns are required, every metric the raw
tables know is read when present (null when absent) and the load log names the columns that
are not read. Studio writes a space before a video id that begins with `-` (so spreadsheets do
not read it as a formula); ids are landed without it. Metrics stay text, but a value staging
could not cast (a count, a measure, a duration) is refused; a day or publish date before
YouTube launched, or after the export, lands as null (plausible_time).
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import (
    YOUTUBE_LAUNCHED,
    Rows,
    plausible_time,
    require_count,
    require_duration,
    require_number,
    require_time,
    require_value,
)
from ingestion.loaders.schema import RAW_TABLES
from ingestion.loaders.sql import content_key, ident, literal
from ingestion.loaders.studio_columns import has_any, note_unread_columns
from ingestion.loaders.timeformats import ISO_DATE, PUBLISH_DAY, TimeFormat

# Studio's metric name -> raw column: every metric both raw tables know.
METRICS = {
    "Views": "views",
    "Watch time (hours)": "watch_time_hours",
    "Subscribers": "subscribers",
    "Impressions": "impressions",
    "Impressions click-through rate (%)": "impressions_ctr",
    "Likes": "likes",
    "Comments added": "comments_added",
    "Shares": "shares",
    "Subscribers gained": "subscribers_gained",
    "Subscribers lost": "subscribers_lost",
}
# Charted only: the channel's subscriber count at the end of the day.
DAILY_METRICS = {**METRICS, "Total subscribers": "total_subscribers"}
# parse_measure in staging; every other metric is a count (parse_count).
MEASURES = ("Watch time (hours)", "Impressions click-through rate (%)")
VIDEO_IDENTITY = ("Content", "Video title", "Video publish time")
VIDEO_DETAILS = ("Content type", "Duration")
TOTAL = "Total"


def _select(table: str, expressions: Mapping[str, str]) -> str:
    """The raw table's columns in contract order, each from its expression; a metric column
    comes from its Studio header."""
    headers = {column: ident(header) for header, column in DAILY_METRICS.items()}
    return ", ".join(
        f"{expressions.get(name, headers.get(name))} AS {name}" for name, _ in RAW_TABLES[table]
    )


def _require_metrics(batch: Batch, rows: Rows, metrics: Mapping[str, str]) -> None:
    for header in metrics:
        if header in MEASURES:
            require_number(batch.conn, rows, header)
        else:
            require_count(batch.conn, rows, header)


def _day(batch: Batch, rows: Rows, column: str, time_format: TimeFormat) -> str:
    return plausible_time(
        batch, rows, column, time_format, earliest=YOUTUBE_LAUNCHED, platform="YouTube"
    )


def stage_table_data(batch: Batch) -> Mapping[str, str]:
    """One row per video; Studio's `Total` row (first field `Total`) is dropped."""
    read = (*VIDEO_IDENTITY, *VIDEO_DETAILS, *METRICS)
    note_unread_columns(batch, read, {})
    rows = read_csv_rows(batch, VIDEO_IDENTITY, (*VIDEO_DETAILS, *METRICS), row_numbers=True)
    require_value(batch.conn, rows, "Content")
    require_time(batch.conn, rows, "Video publish time", PUBLISH_DAY)
    require_duration(batch.conn, rows, "Duration")
    _require_metrics(batch, rows, METRICS)
    columns = _select(
        "youtube_studio_videos",
        {
            "video_id": 'trim("Content")',
            "video_title": '"Video title"',
            "content_type": '"Content type"',
            "duration": '"Duration"',
            "published_on": _day(batch, rows, "Video publish time", PUBLISH_DAY),
        },
    )
    key = content_key('trim("Content")', *(ident(name) for name in read[1:]))
    return {
        "youtube_studio_videos": f"""
            SELECT {columns}, {LINEAGE}, {key} AS _row_key
            FROM {rows.table}
            WHERE trim("Content") <> '{TOTAL}'
        """
    }


def stage_daily(batch: Batch) -> Mapping[str, str]:
    """`Chart data.csv` and `Totals.csv`: one row per day, or per video and day (a `Content`
    column); a `Total` content line is the channel's day. A file with no metric the raw table
    knows lands no rows (the load log says which columns it has)."""
    video = ("Content", "Video title", "Video publish time", "Duration")
    note_unread_columns(batch, ("Date", *video, *DAILY_METRICS), {})
    without_metrics = [f for f in batch.files if not has_any(f, DAILY_METRICS, {})]
    for file in without_metrics:
        batch.note(file.source_file, "no metric Mutuality reads: no rows loaded")
    skipped = ", ".join(literal(f.source_file) for f in without_metrics)
    where = f"_source_file NOT IN ({skipped})" if skipped else "true"
    rows = read_csv_rows(
        batch, ("Date",), ("Content", "Video title", *DAILY_METRICS), row_numbers=True
    )
    require_value(batch.conn, rows, "Date")
    require_time(batch.conn, rows, "Date", ISO_DATE)
    _require_metrics(batch, rows, DAILY_METRICS)
    columns = _select(
        "youtube_studio_daily",
        {
            "activity_date": _day(batch, rows, "Date", ISO_DATE),
            "video_id": f"nullif(nullif(trim(\"Content\"), ''), '{TOTAL}')",
            "video_title": f'CASE WHEN trim("Content") <> \'{TOTAL}\' THEN "Video title" END',
        },
    )
    key = content_key(*(ident(name) for name in ("Date", "Content", *DAILY_METRICS)))
    return {
        "youtube_studio_daily": f"""
            SELECT {columns}, {LINEAGE}, {key} AS _row_key
            FROM {rows.table}
            WHERE {where}
        """
    }


LOADER = Loader(
    name="youtube_studio",
    description="YouTube Studio exports (per-video table data, daily chart data and totals)",
    raw_tables=("youtube_studio_videos", "youtube_studio_daily"),
    file_sets=(
        # In the creator's folder or in a report folder under it; `Table data_<YYYY-MM-DD>.csv`
        # is a later export saved next to the first one.
        FileSet("youtube_studio/*/**/Table data*.csv", stage_table_data, kind="Studio table data"),
        FileSet("youtube_studio/*/**/Chart data*.csv", stage_daily, kind="Studio chart data"),
        FileSet("youtube_studio/*/**/Totals*.csv", stage_daily, kind="Studio totals"),
    ),
    known_unread=(
        ("youtube_studio/*.zip", "a zip archive: unzip it into the creator's folder to load it"),
    ),
)
