"""HubSpot-style CRM export: `crm/{contacts,deals}.csv`. A changed record is a new row."""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import require_time, require_value
from ingestion.loaders.sql import columns, id_content_key
from ingestion.loaders.timeformats import MINUTES_NO_ZONE

CONTACTS_HEADER = (
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Company Name",
    "Create Date",
    "Lifecycle Stage",
    "Original Source",
    "Original Source Drill-Down 1",
    "Original Source Drill-Down 2",
    "Latest Source",
    "Latest Source Date",
    "Referral Code",
    "How did you hear about us?",
)
DEALS_HEADER = (
    "Record ID",
    "Deal Name",
    "Deal Stage",
    "Pipeline",
    "Amount",
    "Create Date",
    "Close Date",
    "Associated Contact IDs",
    "Associated Company",
    "Original Source",
    "Original Source Drill-Down 1",
)


def stage_contacts(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, CONTACTS_HEADER)
    require_value(batch.conn, rows, "Record ID")
    require_time(batch.conn, rows, "Create Date", MINUTES_NO_ZONE)
    require_time(batch.conn, rows, "Latest Source Date", MINUTES_NO_ZONE)
    return {
        "crm_contacts": f"""
            SELECT "Record ID" AS contact_id, "First Name" AS first_name,
                   "Last Name" AS last_name, "Email" AS email, "Company Name" AS company_name,
                   "Lifecycle Stage" AS lifecycle_stage, "Original Source" AS original_source,
                   "Original Source Drill-Down 1" AS original_source_drill_down_1,
                   "Original Source Drill-Down 2" AS original_source_drill_down_2,
                   "Latest Source" AS latest_source, "Referral Code" AS referral_code,
                   "How did you hear about us?" AS how_did_you_hear,
                   {MINUTES_NO_ZONE.parse('"Create Date"')} AS created_at,
                   {MINUTES_NO_ZONE.parse('"Latest Source Date"')} AS latest_source_at,
                   {LINEAGE},
                   {id_content_key('"Record ID"', *columns(CONTACTS_HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


def stage_deals(batch: Batch) -> Mapping[str, str]:
    """`Close Date` is empty for open deals; `Associated Contact IDs` is `;`-separated."""
    rows = read_csv_rows(batch, DEALS_HEADER)
    require_value(batch.conn, rows, "Record ID")
    require_time(batch.conn, rows, "Create Date", MINUTES_NO_ZONE)
    require_time(batch.conn, rows, "Close Date", MINUTES_NO_ZONE)
    return {
        "crm_deals": f"""
            SELECT "Record ID" AS deal_id, "Deal Name" AS deal_name, "Deal Stage" AS deal_stage,
                   "Pipeline" AS pipeline, "Amount" AS amount,
                   "Associated Contact IDs" AS associated_contact_ids,
                   "Associated Company" AS associated_company,
                   "Original Source" AS original_source,
                   "Original Source Drill-Down 1" AS original_source_drill_down_1,
                   {MINUTES_NO_ZONE.parse('"Create Date"')} AS created_at,
                   {MINUTES_NO_ZONE.parse('"Close Date"')} AS closed_at,
                   {LINEAGE},
                   {id_content_key('"Record ID"', *columns(DEALS_HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="crm",
    description="HubSpot-style CRM export (contacts, deals)",
    raw_tables=("crm_contacts", "crm_deals"),
    file_sets=(
        # `contacts_<YYYY-MM-DD>.csv` ...: a later export saved next to the first one.
        FileSet("crm/contacts*.csv", stage_contacts),
        FileSet("crm/deals*.csv", stage_deals),
    ),
    owner_scoped=False,
)
