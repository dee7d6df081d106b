"""What the team paid: `spend/spend.csv` (and dated files saved beside it, `spend_<date>.csv`).

One row per payment: `date`, and either a `channel` (a marketing channel as the CRM names it,
e.g. Paid Social) or a `person` (a roster `creator_id` for a creator fee, or the e-mail of a
partner or introducer for a connector retainer), and the `amount` paid; `kind` (creator_fee,
connector_retainer, media, ...) and `note` are optional. Amounts are in the CRM's currency:
nothing is converted. The same row twice (in one file or in two dated files) is one payment:
two equal payments on one day differ by their note. Without a spend file the report's spend,
ROAS and cost columns are null.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import CRM_EARLIEST, plausible_time, refuse_first, require_time
from ingestion.loaders.sql import columns, content_key, literal
from ingestion.loaders.timeformats import ISO_DATE

REQUIRED = ("date", "amount")
OPTIONAL = ("channel", "person", "kind", "note")
HEADER = (*REQUIRED, *OPTIONAL)
# an amount as people type one: digits, optional thousands commas, optional cents
AMOUNT_PATTERN = r"(\d+|\d{1,3}(,\d{3})+)(\.\d{1,2})?"


def stage_spend(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, REQUIRED, OPTIONAL, row_numbers=True)
    require_time(batch.conn, rows, "date", ISO_DATE)
    refuse_first(
        batch.conn,
        rows,
        "nullif(trim(date), '') IS NULL",
        "date",
        "empty date (the day of the payment, like 2026-03-01)",
    )
    refuse_first(
        batch.conn,
        rows,
        f"NOT regexp_full_match(coalesce(trim(amount), ''), {literal(AMOUNT_PATTERN)})",
        "amount",
        "amount{value} is not an amount (expected like 1200 or 1,200.50, no currency sign)",
    )
    refuse_first(
        batch.conn,
        rows,
        "(nullif(trim(channel), '') IS NULL) = (nullif(trim(person), '') IS NULL)",
        "channel",
        "needs exactly one of channel and person (a channel like Paid Social, or a creator_id "
        "or an e-mail for a person)",
    )
    spent_on = plausible_time(batch, rows, "date", ISO_DATE, earliest=CRM_EARLIEST)
    return {
        "spend": f"""
            SELECT {spent_on} AS spent_on,
                   nullif(trim(channel), '') AS channel,
                   nullif(trim(person), '') AS person,
                   trim(amount) AS amount,
                   nullif(lower(trim(kind)), '') AS kind,
                   note,
                   {LINEAGE},
                   {content_key(*columns(HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="spend",
    description="What the team paid creators, connectors and channels (spend.csv)",
    raw_tables=("spend",),
    file_sets=(FileSet("spend/spend*.csv", stage_spend),),
    owner_scoped=False,
)
