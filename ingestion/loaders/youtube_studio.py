"""YouTube Studio CSV exports: `youtube_studio/<handle>/{Table data.csv,Chart data.csv}`."""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import require_time, require_value
from ingestion.loaders.sql import columns, content_key
from ingestion.loaders.timeformats import ISO_DATE, MONTH_DAY_YEAR

TABLE_DATA_HEADER = (
    "Content",
    "Video title",
    "Video publish time",
    "Content type",
    "Duration",
    "Views",
    "Watch time (hours)",
    "Subscribers",
    "Impressions",
    "Impressions click-through rate (%)",
)
CHART_DATA_HEADER = ("Date", "Views", "Subscribers", "Total subscribers")


def stage_table_data(batch: Batch) -> Mapping[str, str]:
    """One row per video; Studio's `Total` row (first field `Total`) is dropped."""
    rows = read_csv_rows(batch, TABLE_DATA_HEADER)
    require_value(batch.conn, rows, "Content")
    require_time(batch.conn, rows, "Video publish time", MONTH_DAY_YEAR)
    return {
        "youtube_studio_videos": f"""
            SELECT "Content" AS video_id, "Video title" AS video_title,
                   "Content type" AS content_type, "Duration" AS duration, "Views" AS views,
                   "Watch time (hours)" AS watch_time_hours, "Subscribers" AS subscribers,
                   "Impressions" AS impressions,
                   "Impressions click-through rate (%)" AS impressions_ctr,
                   {MONTH_DAY_YEAR.parse('"Video publish time"')} AS published_on,
                   {LINEAGE}, {content_key(*columns(TABLE_DATA_HEADER))} AS _row_key
            FROM {rows.table}
            WHERE "Content" <> 'Total'
        """
    }


def stage_chart_data(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, CHART_DATA_HEADER)
    require_value(batch.conn, rows, "Date")
    require_time(batch.conn, rows, "Date", ISO_DATE)
    return {
        "youtube_studio_daily": f"""
            SELECT "Views" AS views, "Subscribers" AS subscribers,
                   "Total subscribers" AS total_subscribers,
                   {ISO_DATE.parse('"Date"')} AS activity_date,
                   {LINEAGE}, {content_key(*columns(CHART_DATA_HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="youtube_studio",
    description="YouTube Studio exports (per-video table data, daily chart data)",
    raw_tables=("youtube_studio_videos", "youtube_studio_daily"),
    file_sets=(
        # `Table data_<YYYY-MM-DD>.csv`: a later export saved next to the first one.
        FileSet("youtube_studio/*/Table data*.csv", stage_table_data),
        FileSet("youtube_studio/*/Chart data*.csv", stage_chart_data),
    ),
)
