"""Meta Business Suite post insights: `meta_business_suite/<instagram_handle>/*.csv`.

Counts stay text ("15,000"; empty = not reported); `Publish time` is MM/DD/YYYY HH:MM.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import require_time, require_value
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


def stage_post_insights(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, HEADER)
    require_value(batch.conn, rows, "Post ID")
    require_time(batch.conn, rows, "Publish time", US_MINUTES)
    return {
        "meta_post_insights": f"""
            SELECT "Post ID" AS post_id, "Account ID" AS account_id,
                   "Account username" AS account_username, "Account name" AS account_name,
                   "Description" AS description, "Permalink" AS permalink,
                   "Post type" AS post_type, "Views" AS views, "Reach" AS reach,
                   "Likes" AS likes, "Shares" AS shares, "Follows" AS follows,
                   "Comments" AS comments, "Saves" AS saves,
                   {US_MINUTES.parse('"Publish time"')} AS published_at,
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
