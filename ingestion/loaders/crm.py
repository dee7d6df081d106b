"""CRM exports under `crm/` (any sub-folder): HubSpot contacts and deals, Salesforce reports.

- HubSpot: `contacts*.csv` / `deals*.csv` (the layout docs/export_formats.md describes) and the
  CRM's own UI exports, `hubspot-crm-exports-<view>-<YYYY-MM-DD>.csv`, whose columns are the
  view's (any order, extra ones ignored, some optional). Deal stages come as labels
  (`Closed Won`) or internal values (`closedwon`); staging maps them.
- Salesforce: an Opportunities report (with contact roles: one row per opportunity and
  contact, folded into one deal here) and a Contacts report, as CSV or as Salesforce's
  "Excel" export (UTF-16, tab-separated, whatever its extension). The report footer (blank
  lines, `Grand Totals (N records)`, the confidentiality and copyright lines) is dropped.

Files are told apart by their header, so a report saved under any name is read; a file named
like a HubSpot export is read as one (a missing column is an error, not a silent skip).
Amounts stay text as exported, but a value that is not a number fails the load naming file,
row and value. A date before 1990 or after the export (a closed deal's close date; an open
deal's is its expected close) lands as null (plausible_time). A changed record is a new row
(`id + md5 of content`); staging keeps the latest.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from pathlib import Path

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import FileSet, Loader, Recognizer
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.discovery import read_head
from ingestion.loaders.rows import (
    CRM_EARLIEST,
    Latest,
    Rows,
    latest_for_files,
    plausible_time,
    require_time,
    require_value,
)
from ingestion.loaders.sql import columns, id_content_key, ident, literal
from ingestion.loaders.timeformats import TimeFormat

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
CONTACTS_REQUIRED = ("Record ID", "Create Date")
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
DEALS_REQUIRED = ("Record ID", "Deal Name", "Deal Stage", "Create Date")
OPPORTUNITIES_REQUIRED = ("Opportunity ID", "Opportunity Name", "Stage", "Created Date")
OPPORTUNITIES_OPTIONAL = (
    "Account Name",
    "Amount",
    "Amount Currency",
    "Close Date",
    "Lead Source",
    "Contact ID",
)
SF_CONTACTS_REQUIRED = ("Contact ID", "Created Date")
SF_CONTACTS_OPTIONAL = (
    "First Name",
    "Last Name",
    "Email",
    "Account Name",
    "Lead Source",
    "Referral Code",
    "How did you hear about us?",
)
SF_ALIASES = {"Contact ID": ("Contact: Contact ID",), "Opportunity ID": ("Opportunity: ID",)}
# The last lines of a Salesforce report export, after the data.
SALESFORCE_FOOTER = (
    r"^(Grand Totals \(\d+ records?\)|Confidential Information - Do Not Distribute"
    r"|Copyright \(c\) .*salesforce\.com.*)$"
)

HUBSPOT_TIME = TimeFormat(
    "YYYY-MM-DD HH:MM or YYYY-MM-DD",
    "try_strptime(trim({value}), ['%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d'])",
)
SALESFORCE_TIME = TimeFormat(
    "like '3/15/2025' or '3/15/2025, 2:05 PM'",
    "try_strptime(trim({value}), ['%m/%d/%Y', '%m/%d/%Y, %I:%M %p', '%m/%d/%Y %I:%M %p', "
    "'%m/%d/%Y %H:%M', '%Y-%m-%d'])",
)

# Amounts: an optional currency (ISO code or symbol) before or after the number, then either
# `.` decimals with optional `,` thousands groups (`$12,500.00`, `12500`), or a decimal comma
# with optional `.` or space thousands groups (`12.500,00 €`). `12.500` is refused: it is
# 12.5 in one convention and 12500 in the other. Keep in step with the parse_money macro.
_CURRENCY = r"([A-Z]{3}|[$€£¥₹])"
_AMOUNT_NUMBER = (
    r"[+-]?("
    r"(\d+|\d{1,3}(,\d{3})+)(\.\d+)?"  # 12500, 12500.5, 12,500.00
    r"|(\d+|\d{1,3}([. ]\d{3})+),\d{1,2}"  # 12500,50, 12.500,00, 12 500,00
    r"|\d{1,3}( \d{3})+"  # 12 500
    r"|\d{1,3}(\.\d{3}){2,}"  # 1.250.000
    r")"
)
_AMBIGUOUS_AMOUNT = r"[+-]?\d{1,3}\.\d{3}"
AMOUNT_EXPECTED = "expected like 12500.00, $12,500.00 or 12.500,00 €"


def _bare_amount_sql(value_sql: str) -> str:
    """The amount without its currency and with no-break spaces as plain ones."""
    spaced = f"regexp_replace(trim({value_sql}), '[\u00a0\u202f]', ' ', 'g')"
    return f"trim(regexp_replace({spaced}, '^{_CURRENCY}\\s*|\\s*{_CURRENCY}$', '', 'g'))"


def require_amount(batch: Batch, rows: Rows, column: str) -> None:
    """Fail on the first non-blank `column` value that is not an unambiguous number."""
    col = ident(column)
    bare = _bare_amount_sql(col)
    placeholder = f"lower(trim(coalesce({col}, ''))) IN ('', 'n/a', 'null', '-')"
    valid = (
        f"regexp_full_match({bare}, {literal(_AMOUNT_NUMBER)}) "
        f"AND NOT regexp_full_match({bare}, {literal(_AMBIGUOUS_AMOUNT)})"
    )
    bad = rows.first_bad(batch.conn, f"NOT ({placeholder}) AND NOT ({valid})", col)
    if bad is None:
        return
    source_file, position, value = bad
    if re.fullmatch(_AMBIGUOUS_AMOUNT, _strip_currency(str(value))):
        problem = f"{column} '{value}' is ambiguous (12.5 or 12500?): write 12500, 12,500 or 12.50"
    else:
        problem = f"{column} '{value}' is not a number ({AMOUNT_EXPECTED})"
    raise ExportFormatError.at(source_file, problem, position, column)


def _strip_currency(value: str) -> str:
    spaced = re.sub("[\u00a0\u202f]", " ", value.strip())
    return re.sub(rf"^{_CURRENCY}\s*|\s*{_CURRENCY}$", "", spaced).strip()


def _time(
    batch: Batch, rows: Rows, column: str, time_format: TimeFormat, latest: Latest | None = None
) -> str:
    return plausible_time(batch, rows, column, time_format, earliest=CRM_EARLIEST, latest=latest)


def _close_date(batch: Batch, rows: Rows, column: str, stage: str, time_format: TimeFormat) -> str:
    """A closed deal's close date is bounded by the export; an open deal's is its expected
    close, which may be later (staging drops it)."""
    closed = (
        f"regexp_replace(lower({ident(stage)}), '[^a-z]', '', 'g') IN ('closedwon', 'closedlost')"
    )
    files = latest_for_files(batch)
    latest = Latest(f"(CASE WHEN {closed} THEN {files.bound_sql} END)", files.reason_sql)
    return _time(batch, rows, column, time_format, latest)


def stage_hubspot_contacts(batch: Batch) -> Mapping[str, str]:
    optional = tuple(name for name in CONTACTS_HEADER if name not in CONTACTS_REQUIRED)
    rows = read_csv_rows(batch, CONTACTS_REQUIRED, optional, row_numbers=True)
    require_value(batch.conn, rows, "Record ID")
    require_time(batch.conn, rows, "Create Date", HUBSPOT_TIME)
    require_time(batch.conn, rows, "Latest Source Date", HUBSPOT_TIME)
    created_at = _time(batch, rows, "Create Date", HUBSPOT_TIME)
    latest_source_at = _time(batch, rows, "Latest Source Date", HUBSPOT_TIME)
    return {
        "crm_contacts": f"""
            SELECT "Record ID" AS contact_id, "First Name" AS first_name,
                   "Last Name" AS last_name, "Email" AS email, "Company Name" AS company_name,
                   "Lifecycle Stage" AS lifecycle_stage, "Original Source" AS original_source,
                   "Original Source Drill-Down 1" AS original_source_drill_down_1,
                   "Original Source Drill-Down 2" AS original_source_drill_down_2,
                   "Latest Source" AS latest_source, "Referral Code" AS referral_code,
                   "How did you hear about us?" AS how_did_you_hear,
                   {created_at} AS created_at,
                   {latest_source_at} AS latest_source_at,
                   'hubspot' AS crm_system,
                   {LINEAGE},
                   {id_content_key('"Record ID"', *columns(CONTACTS_HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


def stage_hubspot_deals(batch: Batch) -> Mapping[str, str]:
    """`Close Date` is empty for open deals; `Associated Contact IDs` is `;`-separated."""
    optional = tuple(name for name in DEALS_HEADER if name not in DEALS_REQUIRED)
    rows = read_csv_rows(batch, DEALS_REQUIRED, optional, row_numbers=True)
    require_value(batch.conn, rows, "Record ID")
    require_value(batch.conn, rows, "Deal Stage")
    require_time(batch.conn, rows, "Create Date", HUBSPOT_TIME)
    require_time(batch.conn, rows, "Close Date", HUBSPOT_TIME)
    require_amount(batch, rows, "Amount")
    created_at = _time(batch, rows, "Create Date", HUBSPOT_TIME)
    closed_at = _close_date(batch, rows, "Close Date", "Deal Stage", HUBSPOT_TIME)
    return {
        "crm_deals": f"""
            SELECT "Record ID" AS deal_id, "Deal Name" AS deal_name, "Deal Stage" AS deal_stage,
                   "Pipeline" AS pipeline, "Amount" AS amount,
                   "Associated Contact IDs" AS associated_contact_ids,
                   "Associated Company" AS associated_company,
                   "Original Source" AS original_source,
                   "Original Source Drill-Down 1" AS original_source_drill_down_1,
                   {created_at} AS created_at,
                   {closed_at} AS closed_at,
                   NULL::VARCHAR AS amount_currency, 'hubspot' AS crm_system,
                   {LINEAGE},
                   {id_content_key('"Record ID"', *columns(DEALS_HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


def stage_salesforce_opportunities(batch: Batch) -> Mapping[str, str]:
    """One deal per Opportunity ID and file: the contact roles of its rows become
    `associated_contact_ids` (`;`-separated, sorted)."""
    rows = read_csv_rows(
        batch,
        OPPORTUNITIES_REQUIRED,
        OPPORTUNITIES_OPTIONAL,
        aliases=SF_ALIASES,
        footer=SALESFORCE_FOOTER,
        row_numbers=True,
    )
    require_value(batch.conn, rows, "Opportunity ID")
    require_value(batch.conn, rows, "Stage")
    require_time(batch.conn, rows, "Created Date", SALESFORCE_TIME)
    require_time(batch.conn, rows, "Close Date", SALESFORCE_TIME)
    require_amount(batch, rows, "Amount")
    created_at = _time(batch, rows, "Created Date", SALESFORCE_TIME)
    closed_at = _close_date(batch, rows, "Close Date", "Stage", SALESFORCE_TIME)
    _note_folded_rows(batch, rows)
    content = (
        "deal_name, deal_stage, amount, amount_currency, associated_contact_ids, "
        "associated_company, original_source, close_text, created_text"
    )
    return {
        "crm_deals": f"""
            WITH deals AS (
                SELECT "Opportunity ID" AS deal_id, "Opportunity Name" AS deal_name,
                       "Stage" AS deal_stage, "Amount" AS amount,
                       "Amount Currency" AS amount_currency,
                       string_agg(DISTINCT nullif(trim("Contact ID"), ''), ';'
                                  ORDER BY nullif(trim("Contact ID"), ''))
                           AS associated_contact_ids,
                       "Account Name" AS associated_company, "Lead Source" AS original_source,
                       "Close Date" AS close_text, "Created Date" AS created_text,
                       {created_at} AS created_at, {closed_at} AS closed_at,
                       {LINEAGE}
                FROM {rows.table}
                GROUP BY ALL
            )
            SELECT deal_id, deal_name, deal_stage, NULL::VARCHAR AS pipeline, amount,
                   associated_contact_ids, associated_company, original_source,
                   NULL::VARCHAR AS original_source_drill_down_1, created_at, closed_at,
                   amount_currency, 'salesforce' AS crm_system,
                   {LINEAGE},
                   {id_content_key("deal_id", *content.split(", "))} AS _row_key
            FROM deals
        """
    }


def _note_folded_rows(batch: Batch, rows: Rows) -> None:
    """Say in the load log how many report rows (contact roles) made how many deals."""
    counts = batch.conn.execute(
        f"""SELECT _source_file, count(*), count(DISTINCT "Opportunity ID")
            FROM {rows.table} GROUP BY _source_file"""
    ).fetchall()
    for source_file, report_rows, opportunities in counts:
        if report_rows != opportunities:
            batch.note(
                source_file,
                f"{report_rows} report rows (one per contact role) folded into "
                f"{opportunities} opportunities",
            )


def stage_salesforce_contacts(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(
        batch,
        SF_CONTACTS_REQUIRED,
        SF_CONTACTS_OPTIONAL,
        aliases=SF_ALIASES,
        footer=SALESFORCE_FOOTER,
        row_numbers=True,
    )
    require_value(batch.conn, rows, "Contact ID")
    require_time(batch.conn, rows, "Created Date", SALESFORCE_TIME)
    created_at = _time(batch, rows, "Created Date", SALESFORCE_TIME)
    content = columns((*SF_CONTACTS_REQUIRED, *SF_CONTACTS_OPTIONAL))
    return {
        "crm_contacts": f"""
            SELECT "Contact ID" AS contact_id, "First Name" AS first_name,
                   "Last Name" AS last_name, "Email" AS email, "Account Name" AS company_name,
                   NULL::VARCHAR AS lifecycle_stage, "Lead Source" AS original_source,
                   NULL::VARCHAR AS original_source_drill_down_1,
                   NULL::VARCHAR AS original_source_drill_down_2,
                   NULL::VARCHAR AS latest_source, "Referral Code" AS referral_code,
                   "How did you hear about us?" AS how_did_you_hear,
                   {created_at} AS created_at,
                   NULL::TIMESTAMP AS latest_source_at,
                   'salesforce' AS crm_system,
                   {LINEAGE},
                   {id_content_key('"Contact ID"', *content)} AS _row_key
            FROM {rows.table}
        """
    }


# --- telling the files apart -------------------------------------------------------------------


def header_names(path: Path) -> set[str] | None:
    """The lower-cased column names of a CSV or tab-separated file's first non-blank line;
    None when the file is not text."""
    head = read_head(path)
    if "\x00" in head or "\ufffd" in head:
        return None
    line = next((line for line in head.splitlines() if line.strip()), "")
    delimiter = max(("\t", ",", ";"), key=line.count)
    return {name.strip().lower() for name in next(csv.reader([line], delimiter=delimiter), [])}


def _recognizer(kind: str, accepts: Callable[[set[str], str], bool], missing: str) -> Recognizer:
    def recognize(path: Path) -> str | None:
        names = header_names(path)
        if names is None:
            return "not a text file (an Excel workbook? export the report or view as CSV)"
        if accepts(names, path.name.lower()):
            return None
        return f"not a {kind} ({missing})"

    return recognize


def _is_opportunities(names: set[str], _name: str) -> bool:
    return bool(names & {"opportunity id", "opportunity name", "opportunity: id"})


def _is_salesforce_contacts(names: set[str], name: str) -> bool:
    if _is_opportunities(names, name) or "record id" in names:
        return False
    return bool(names & {"contact id", "contact: contact id", "contact owner"})


def _is_hubspot_deals(names: set[str], name: str) -> bool:
    if _is_opportunities(names, name) or _is_salesforce_contacts(names, name):
        return False
    return "deal stage" in names or "deal" in name


def _is_hubspot_contacts(names: set[str], name: str) -> bool:
    if _is_opportunities(names, name) or _is_salesforce_contacts(names, name):
        return False
    if "deal stage" in names:
        return False
    return "contact" in name or ("record id" in names and "email" in names)


REPORT_PATTERNS = ("crm/**/*.csv", "crm/**/*.tsv", "crm/**/*.txt", "crm/**/*.xls")
CSV_PATTERNS = ("crm/**/*.csv",)

LOADER = Loader(
    name="crm",
    description="CRM exports (HubSpot contacts and deals, Salesforce reports)",
    raw_tables=("crm_contacts", "crm_deals"),
    file_sets=(
        FileSet(
            REPORT_PATTERNS,
            stage_salesforce_opportunities,
            kind="Salesforce opportunities report",
            recognize=_recognizer(
                "Salesforce opportunities report", _is_opportunities, "no 'Opportunity ID' column"
            ),
        ),
        FileSet(
            REPORT_PATTERNS,
            stage_salesforce_contacts,
            kind="Salesforce contacts report",
            recognize=_recognizer(
                "Salesforce contacts report", _is_salesforce_contacts, "no 'Contact ID' column"
            ),
        ),
        # `deals.csv`, `deals_<YYYY-MM-DD>.csv`, `hubspot-crm-exports-all-deals-<date>.csv`, ...
        FileSet(
            CSV_PATTERNS,
            stage_hubspot_deals,
            kind="HubSpot deals",
            recognize=_recognizer(
                "HubSpot deals export",
                _is_hubspot_deals,
                "no 'Deal Stage' column and no 'deal' in its name",
            ),
        ),
        FileSet(
            CSV_PATTERNS,
            stage_hubspot_contacts,
            kind="HubSpot contacts",
            recognize=_recognizer(
                "HubSpot contacts export",
                _is_hubspot_contacts,
                "no 'Record ID' and 'Email' columns and no 'contact' in its name",
            ),
        ),
    ),
    owner_scoped=False,
    known_unread=(
        ("crm/*.xlsx", "an Excel workbook: export the HubSpot view or Salesforce report as CSV"),
    ),
)
