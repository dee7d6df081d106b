"""CRM exports, on hand-written fixtures under `crm/`.

- `contacts.csv`, `deals.csv`: the contract's HubSpot-style layout (2023).
- `hubspot-crm-exports-all-{contacts,deals}-2026-06-15.csv`: HubSpot UI exports (the view's
  columns in its order, extra ones, stage labels and internal values, amounts with currency
  symbols, thousands separators, a decimal comma and blanks, date-only dates).
- `salesforce/report1781516400000.csv`: an Opportunities with Contact Roles report, UTF-8,
  with its footer; `salesforce/report1782121200000.xls`: the same report a week later in
  Salesforce's "Excel" format (UTF-16 with a BOM, tab-separated, CRLF); one opportunity
  changed stage, one is new. `salesforce/report1781516460000.csv`: a Contacts report.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import load_all, run_loader
from tests.ingestion import edits
from tests.ingestion.conftest import raw_snapshot, records

HUBSPOT_CONTACTS = "crm/hubspot-crm-exports-all-contacts-2026-06-15.csv"
HUBSPOT_DEALS = "crm/hubspot-crm-exports-all-deals-2026-06-15.csv"
SF_OPPORTUNITIES = "crm/salesforce/report1781516400000.csv"
SF_OPPORTUNITIES_EXCEL = "crm/salesforce/report1782121200000.xls"
SF_CONTACTS = "crm/salesforce/report1781516460000.csv"


def _by_id(conn: duckdb.DuckDBPyConnection, table: str, source_file: str) -> dict[str, dict]:
    key = "deal_id" if table == "crm_deals" else "contact_id"
    rows = records(conn, f"SELECT * FROM raw.{table} WHERE _source_file = ?", source_file)
    return {r[key]: r for r in rows}


def _logged(conn: duckdb.DuckDBPyConnection, source_file: str) -> tuple[str, int, int]:
    return conn.execute(
        "SELECT file_set, rows_in_file, rows_inserted FROM raw._load_log WHERE source_file = ?",
        [source_file],
    ).fetchone()


# --- the contract's layout ---------------------------------------------------------------------


def test_contacts_parse_dates_and_keep_free_text(loaded: duckdb.DuckDBPyConnection) -> None:
    contacts = _by_id(loaded, "crm_contacts", "crm/contacts.csv")
    bob, zoe, erin = contacts["101"], contacts["102"], contacts["103"]
    assert bob["created_at"] == datetime(2023, 3, 2, 9, 15)
    assert bob["original_source_drill_down_1"] == "utm_source=creator_alice"
    assert bob["how_did_you_hear"] == "Alice's reel, then Dana Whitfield introduced us"
    assert zoe["referral_code"] == "ALICE15"
    assert zoe["latest_source_at"] == datetime(2023, 4, 1, 8, 30)
    assert erin["latest_source_at"] is None
    assert bob["_row_key"].startswith("101/")
    assert {c["crm_system"] for c in contacts.values()} == {"hubspot"}


def test_deals_keep_open_deals_and_text_amounts(loaded: duckdb.DuckDBPyConnection) -> None:
    deals = _by_id(loaded, "crm_deals", "crm/deals.csv")
    won, open_deal = deals["9001"], deals["9002"]
    assert won["amount"] == "12500.00"
    assert won["associated_contact_ids"] == "101;102"
    assert won["closed_at"] == datetime(2023, 4, 15, 17, 30)
    assert won["deal_stage"] == "Closed Won"
    assert open_deal["closed_at"] is None
    assert open_deal["amount"] is None
    assert open_deal["associated_company"] == "Brandt Kitchen, LLC"
    assert (won["crm_system"], won["amount_currency"]) == ("hubspot", None)


# --- HubSpot UI exports ------------------------------------------------------------------------


def test_hubspot_ui_contacts_export(loaded: duckdb.DuckDBPyConnection) -> None:
    assert _logged(loaded, HUBSPOT_CONTACTS) == ("HubSpot contacts", 6, 6)
    contacts = _by_id(loaded, "crm_contacts", HUBSPOT_CONTACTS)
    assert set(contacts) == {"101", "201", "202", "203", "204", "205"}
    nadia, omar, kenji = contacts["201"], contacts["202"], contacts["205"]
    assert nadia["original_source_drill_down_1"] == "utm_source=creator_carmen"
    assert nadia["company_name"] == "Haddad Travel"  # the view's last column
    assert nadia["created_at"] == datetime(2026, 6, 2, 10, 5)
    assert (omar["original_source"], omar["referral_code"]) == ("PAID_SOCIAL", "CARMEN20")
    assert kenji["created_at"] == datetime(2026, 6, 10)  # a date without a time
    assert kenji["original_source"] == "AI Referrals"
    assert (kenji["latest_source_at"], kenji["how_did_you_hear"]) == (None, None)
    # Bob's contact, re-exported with a label instead of the internal value: a new version
    assert contacts["101"]["lifecycle_stage"] == "Opportunity"


def test_hubspot_ui_deals_export(loaded: duckdb.DuckDBPyConnection) -> None:
    assert _logged(loaded, HUBSPOT_DEALS) == ("HubSpot deals", 8, 8)
    deals = _by_id(loaded, "crm_deals", HUBSPOT_DEALS)
    assert {d: deals[d]["deal_stage"] for d in ("9001", "9101", "9105")} == {
        "9001": "Closed Won",
        "9101": "closedwon",
        "9105": "qualifiedtobuy",
    }
    amounts = {deal_id: deal["amount"] for deal_id, deal in deals.items()}
    assert amounts == {
        "9001": "$12,500.00",
        "9101": "$18,750.00",
        "9102": "4.250,00 €",
        "9103": "7,000",
        "9104": "1,200",
        "9105": None,
        "9106": "$2,300",
        "9107": "£950.00",
    }
    haddad = deals["9101"]
    assert haddad["closed_at"] == datetime(2026, 6, 12)  # Close Date without a time
    assert haddad["created_at"] == datetime(2026, 6, 2, 11, 0)
    assert haddad["associated_contact_ids"] == "201"
    assert haddad["original_source_drill_down_1"] == "utm_source=creator_carmen"
    assert deals["9102"]["closed_at"] == datetime(2026, 6, 14, 16, 0)
    assert deals["9105"]["closed_at"] is None


# --- Salesforce reports ------------------------------------------------------------------------


def test_salesforce_opportunities_fold_contact_roles_and_drop_the_footer(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    assert _logged(loaded, SF_OPPORTUNITIES) == ("Salesforce opportunities report", 3, 3)
    (note,) = loaded.execute(
        "SELECT note FROM raw._load_log WHERE source_file = ?", [SF_OPPORTUNITIES]
    ).fetchone()
    assert note == "4 report rows (one per contact role) folded into 3 opportunities"
    deals = _by_id(loaded, "crm_deals", SF_OPPORTUNITIES)
    assert set(deals) == {"0065g00000VdLh01", "0065g00000CsAz02", "0065g00000SrOt03"}
    vidal = deals["0065g00000VdLh01"]
    assert vidal["associated_contact_ids"] == "0035g00000JpCt02;0035g00000MvCt01"
    assert (vidal["deal_name"], vidal["deal_stage"]) == (
        "Vidal Hoteles summer campaign",
        "Closed Won",
    )
    assert (vidal["amount"], vidal["amount_currency"]) == ("9,800.00", "EUR")
    assert vidal["closed_at"] == datetime(2026, 6, 12)
    assert vidal["created_at"] == datetime(2026, 5, 20)
    assert (vidal["associated_company"], vidal["original_source"]) == (
        "Vidal Hoteles",
        "Partner Referral",
    )
    assert (vidal["pipeline"], vidal["crm_system"]) == (None, "salesforce")
    assert vidal["_row_key"].startswith("0065g00000VdLh01/")
    assert deals["0065g00000CsAz02"]["deal_stage"] == "Negotiation/Review"


def test_salesforce_excel_export_is_utf16_tab_separated(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    """A week later: Vidal and Sierra unchanged (already loaded), Costa Azul won, Nómada new."""
    assert _logged(loaded, SF_OPPORTUNITIES_EXCEL) == ("Salesforce opportunities report", 4, 2)
    deals = _by_id(loaded, "crm_deals", SF_OPPORTUNITIES_EXCEL)
    assert set(deals) == {"0065g00000CsAz02", "0065g00000NmBk04"}
    costa, nomada = deals["0065g00000CsAz02"], deals["0065g00000NmBk04"]
    assert (costa["deal_stage"], costa["closed_at"]) == ("Closed Won", datetime(2026, 6, 19))
    assert costa["amount"] == "15,000.00"
    assert nomada["deal_name"] == "Nómada creator series"
    assert (nomada["amount"], nomada["amount_currency"]) == (None, "EUR")
    assert nomada["associated_contact_ids"] == "0035g00000LnCt03"


def test_salesforce_contacts_report(loaded: duckdb.DuckDBPyConnection) -> None:
    assert _logged(loaded, SF_CONTACTS) == ("Salesforce contacts report", 4, 4)
    contacts = _by_id(loaded, "crm_contacts", SF_CONTACTS)
    lucia = contacts["0035g00000LnCt03"]
    assert (lucia["first_name"], lucia["last_name"]) == ("Lucía", "Navarro")
    assert lucia["company_name"] == "Costa Azul Cruises"
    assert (lucia["original_source"], lucia["referral_code"]) == ("Social Media", "CARMEN20")
    assert lucia["created_at"] == datetime(2026, 6, 2)
    assert contacts["0035g00000DhCt04"]["created_at"] == datetime(2025, 1, 28)
    assert {c["crm_system"] for c in contacts.values()} == {"salesforce"}
    assert {c["lifecycle_stage"] for c in contacts.values()} == {None}


def test_a_report_is_recognised_by_its_header_under_any_name(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    (exports / SF_CONTACTS).rename(exports / "crm/Q2 export (Lucía).csv")
    (exports / "crm/hubspot").mkdir()
    (exports / HUBSPOT_DEALS).rename(exports / "crm/hubspot/pipeline view.csv")
    run_loader(warehouse, "crm", exports)
    kinds = dict(warehouse.execute("SELECT source_file, file_set FROM raw._load_log").fetchall())
    assert kinds["crm/Q2 export (Lucía).csv"] == "Salesforce contacts report"
    assert kinds["crm/hubspot/pipeline view.csv"] == "HubSpot deals"


def test_files_under_crm_that_are_no_export_are_listed_with_a_reason(
    tmp_path: Path, exports: Path
) -> None:
    (exports / "crm/notes.csv").write_text("Topic,Owner\nQ3 plan,Dana\n")
    (exports / "crm/pipeline.xlsx").write_bytes(b"PK\x03\x04 workbook")
    warehouse = tmp_path / "report.duckdb"
    load_all(warehouse, exports, ["crm"])
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        report = {
            source_file: (status, reason)
            for source_file, status, reason in conn.execute(
                "SELECT source_file, status, reason FROM raw._load_report "
                "WHERE source_file LIKE 'crm/%'"
            ).fetchall()
        }
    notes_status, notes_reason = report.pop("crm/notes.csv")
    assert notes_status == "not_read"
    assert "not a Salesforce opportunities report (no 'Opportunity ID' column)" in notes_reason
    assert "not a HubSpot deals export" in notes_reason
    assert report.pop("crm/pipeline.xlsx") == (
        "not_read",
        "no loader for this file: an Excel workbook: export the HubSpot view or Salesforce "
        "report as CSV",
    )
    assert {status for status, _ in report.values()} == {"loaded"}
    assert len(report) == 7


# --- amounts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "old", "new", "message"),
    [
        (
            HUBSPOT_DEALS,
            '"$18,750.00"',
            '"12,5O0.00"',
            f"{HUBSPOT_DEALS} row 2: Amount '12,5O0.00' is not a number "
            "(expected like 12500.00, $12,500.00 or 12.500,00 €)",
        ),
        (
            HUBSPOT_DEALS,
            '"7,000"',
            "12.500",
            f"{HUBSPOT_DEALS} row 4: Amount '12.500' is ambiguous (12.5 or 12500?): "
            "write 12500, 12,500 or 12.50",
        ),
        (
            "crm/deals.csv",
            "800.00",
            "800 dollars",
            "crm/deals.csv row 3: Amount '800 dollars' is not a number "
            "(expected like 12500.00, $12,500.00 or 12.500,00 €)",
        ),
    ],
    ids=["letter O", "ambiguous", "words"],
)
def test_an_amount_that_is_not_a_number_fails_the_load(
    warehouse: duckdb.DuckDBPyConnection, exports: Path, path: str, old: str, new: str, message: str
) -> None:
    edits.replace_text(exports / path, old, new)
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "crm", exports, strict=True)
    assert str(raised.value) == message
    assert raw_snapshot(warehouse) == {}  # nothing of the failed load is written


def test_a_bad_amount_in_the_utf16_report_names_its_row(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    path = exports / SF_OPPORTUNITIES_EXCEL
    text = path.read_text(encoding="utf-16")
    assert "\t15,000.00\t6/19/2026" in text
    path.write_text(
        text.replace("\t15,000.00\t6/19/2026", "\t15.000\t6/19/2026"), encoding="utf-16"
    )
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "crm", exports, strict=True)
    assert str(raised.value).startswith(
        f"{SF_OPPORTUNITIES_EXCEL} row 3: Amount '15.000' is ambiguous"
    )


@pytest.mark.parametrize(
    "amount",
    ["12500", "12500.5", "$12,500.00", "USD 12,500", "12.500,00 €", "12\u00a0500,00 €", "N/A", ""],
)
def test_amounts_in_every_accepted_spelling_load(
    warehouse: duckdb.DuckDBPyConnection, exports: Path, amount: str
) -> None:
    edits.replace_text(exports / "crm/deals.csv", "800.00", f'"{amount}"')
    run_loader(warehouse, "crm", exports)
    stored = warehouse.execute(
        "SELECT amount FROM raw.crm_deals WHERE deal_id = '9003' AND _source_file = 'crm/deals.csv'"
    ).fetchone()
    assert stored == ((amount or None),)


def test_a_salesforce_date_in_another_order_fails_the_load(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    edits.replace_text(exports / SF_CONTACTS, '"1/28/2025"', '"28/01/2025"')
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "crm", exports, strict=True)
    assert str(raised.value) == (
        f"{SF_CONTACTS} row 4: unparseable Created Date '28/01/2025' "
        "(expected like '3/15/2025' or '3/15/2025, 2:05 PM')"
    )
