"""TikTok Studio analytics CSVs: `tiktok_studio/<handle>/<YYYY-MM-DD export date>/*.csv`.

Dates have no year ("April 12"), so they stay text; the loader adds the export date (from the
folder) and each row's position in its file, which staging needs to work out the years.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import require_time, require_value
from ingestion.loaders.sql import columns, content_key
from ingestion.loaders.timeformats import MONTH_DAY_NO_YEAR

OVERVIEW_HEADER = ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares")
FOLLOWER_HISTORY_HEADER = ("Date", "Followers", "Difference in followers from previous day")

_EXPORT_DATE = "CAST(split_part(_source_file, '/', 3) AS DATE)"


def _require_export_date_folders(batch: Batch) -> None:
    for file in batch.files:
        folder = file.source_file.split("/")[2]
        try:
            datetime.strptime(folder, "%Y-%m-%d")
        except ValueError:
            raise ExportFormatError.at(
                file.source_file, f"export folder '{folder}' is not a YYYY-MM-DD date"
            ) from None


def _stage(batch: Batch, table: str, header: tuple[str, ...], named: str) -> Mapping[str, str]:
    _require_export_date_folders(batch)
    rows = read_csv_rows(batch, header, row_numbers=True)
    require_value(batch.conn, rows, "Date")
    require_time(batch.conn, rows, "Date", MONTH_DAY_NO_YEAR)
    return {
        table: f"""
            SELECT {_EXPORT_DATE} AS export_date, _row AS row_number, "Date" AS date_text,
                   {named},
                   {LINEAGE},
                   {content_key(_EXPORT_DATE, *columns(header))} AS _row_key
            FROM {rows.table}
        """
    }


def stage_overview(batch: Batch) -> Mapping[str, str]:
    return _stage(
        batch,
        "tiktok_studio_overview",
        OVERVIEW_HEADER,
        """"Video Views" AS video_views, "Profile Views" AS profile_views, "Likes" AS likes,
           "Comments" AS comments, "Shares" AS shares""",
    )


def stage_follower_history(batch: Batch) -> Mapping[str, str]:
    return _stage(
        batch,
        "tiktok_studio_follower_history",
        FOLLOWER_HISTORY_HEADER,
        """"Followers" AS followers,
           "Difference in followers from previous day" AS follower_difference""",
    )


LOADER = Loader(
    name="tiktok_studio",
    description="TikTok Studio analytics CSVs (daily overview and follower history)",
    raw_tables=("tiktok_studio_overview", "tiktok_studio_follower_history"),
    file_sets=(
        # `Overview_<YYYY-MM-DD>.csv`: a re-export saved next to the first one.
        FileSet("tiktok_studio/*/*/Overview*.csv", stage_overview),
        FileSet("tiktok_studio/*/*/FollowerHistory*.csv", stage_follower_history),
    ),
)
