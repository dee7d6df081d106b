"""The creator roster: `roster/creators.csv`."""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import require_value
from ingestion.loaders.sql import columns, content_key

HEADER = (
    "creator_id",
    "display_name",
    "niche",
    "x_handle",
    "instagram_handle",
    "facebook_handle",
    "tiktok_handle",
    "youtube_handle",
    "youtube_channel_id",
    "linkedin_handle",
    "linkedin_profile_url",
    "referral_code",
    "utm_source",
)


def stage_creators(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, HEADER)
    require_value(batch.conn, rows, "creator_id")
    return {
        "roster_creators": f"""
            SELECT {", ".join(columns(HEADER))}, {LINEAGE},
                   {content_key(*columns(HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="roster",
    description="Creator roster (handles per platform, referral codes, UTM sources)",
    raw_tables=("roster_creators",),
    file_sets=(FileSet("roster/creators.csv", stage_creators),),
    owner_scoped=False,
)
