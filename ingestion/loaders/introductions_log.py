"""The introductions log kept by the team: `introductions/introductions_log.csv`.

A `Date` before 1990 or after the export lands as null (plausible_time).
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import CRM_EARLIEST, plausible_time, require_time, require_value
from ingestion.loaders.timeformats import ISO_DATE

HEADER = (
    "Intro ID",
    "Date",
    "Introducer",
    "Introducer Email",
    "Introduced Person",
    "Introduced Person Email",
    "Introduced To",
    "Introduced To Email",
    "Company",
    "Note",
)


def stage_introductions(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, HEADER, row_numbers=True)
    require_value(batch.conn, rows, "Intro ID")
    require_time(batch.conn, rows, "Date", ISO_DATE)
    introduced_on = plausible_time(batch, rows, "Date", ISO_DATE, earliest=CRM_EARLIEST)
    return {
        "introductions_log": f"""
            SELECT "Intro ID" AS intro_id, "Introducer" AS introducer,
                   "Introducer Email" AS introducer_email,
                   "Introduced Person" AS introduced_person,
                   "Introduced Person Email" AS introduced_person_email,
                   "Introduced To" AS introduced_to, "Introduced To Email" AS introduced_to_email,
                   "Company" AS company, "Note" AS note,
                   {introduced_on} AS introduced_on,
                   {LINEAGE}, "Intro ID" AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="introductions_log",
    description="Introductions log (who introduced whom, when)",
    raw_tables=("introductions_log",),
    # `introductions_log_<YYYY-MM-DD>.csv`: later entries saved next to the log.
    file_sets=(FileSet("introductions/introductions_log*.csv", stage_introductions),),
    owner_scoped=False,
)
