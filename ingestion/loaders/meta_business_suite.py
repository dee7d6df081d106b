"""Meta Business Suite post insights: `meta_business_suite/<instagram_handle>/*.csv`.

Counts stay text ("15,000"; empty = not reported), but one that is not a count is refused
(staging casts them); `Publish time` is MM/DD/YYYY HH:MM, null when before Instagram launched
or after the export.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import (
    INSTAGRAM_LAUNCHED,
    plausible_time,
    require_count,
    require_time,
    require_value,
)
from ingestion.loaders.sql import columns, content_key
from ingestion.loaders.timeformats import US_MINUTES

HEADER = (
    "Post ID",
    "Account ID",
    "Account username",
    "Account name",
    "Description",
    "Publish time",
    "Permalink",
    "Post type",
    "Views",
    "Reach",
    "Likes",
    "Shares",
    "Follows",
    "Comments",
    "Saves",
)
COUNTS = ("Views", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves")


def stage_post_insights(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, HEADER, row_numbers=True)
    require_value(batch.conn, rows, "Post ID")
    require_time(batch.conn, rows, "Publish time", US_MINUTES)
    for count in COUNTS:
        require_count(batch.conn, rows, count)
    published_at = plausible_time(
        batch, rows, "Publish time", US_MINUTES, earliest=INSTAGRAM_LAUNCHED, platform="Instagram"
    )
    return {
        "meta_post_insights": f"""
            SELECT "Post ID" AS post_id, "Account ID" AS account_id,
                   "Account username" AS account_username, "Account name" AS account_name,
                   "Description" AS description, "Permalink" AS permalink,
                   "Post type" AS post_type, "Views" AS views, "Reach" AS reach,
                   "Likes" AS likes, "Shares" AS shares, "Follows" AS follows,
                   "Comments" AS comments, "Saves" AS saves,
                   {published_at} AS published_at,
                   {LINEAGE}, {content_key(*columns(HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="meta_business_suite",
    description="Meta Business Suite Instagram post insights (CSV)",
    raw_tables=("meta_post_insights",),
    file_sets=(FileSet("meta_business_suite/*/*.csv", stage_post_insights),),
)
