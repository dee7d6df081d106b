"""Introductions log and roster CSVs (LinkedIn: test_linkedin.py, CRM: test_crm.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from ingestion.loaders import run_loader
from tests.ingestion.conftest import records


def test_introductions_log_has_typed_dates(loaded: duckdb.DuckDBPyConnection) -> None:
    intros = records(loaded, "SELECT * FROM raw.introductions_log ORDER BY intro_id")
    assert intros[0]["introduced_on"] == date(2023, 3, 1)
    assert intros[0]["introducer"] == "Alice Kovač"
    assert intros[0]["note"] == "Spring campaign, via LinkedIn"
    assert intros[1]["company"] is None
    assert [i["_row_key"] for i in intros] == [
        "INT-0001",
        "INT-0002",
        "INT-0101",
        "INT-0102",
        "INT-0103",
    ]
    assert {i["_export_owner"] for i in intros} == {None}


def test_later_log_entries_saved_next_to_the_log_are_read_too(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    (later,) = records(loaded, "SELECT * FROM raw.introductions_log WHERE intro_id = 'INT-0102'")
    assert later["_source_file"] == "introductions/introductions_log_2026-06-30.csv"
    assert later["introducer"] == "Bruno Sá"
    assert later["introduced_on"] == date(2026, 6, 8)
    assert later["note"] == "Workshop partner"


def test_roster_lands_every_column_and_empty_handles_as_null(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    creators = {c["creator_id"]: c for c in records(loaded, "SELECT * FROM raw.roster_creators")}
    alice, zoe = creators["cr_0001"], creators["cr_0002"]
    assert alice["display_name"] == "Alice Kovač"
    assert alice["youtube_channel_id"] == "UCalice0000000000000001"
    assert (alice["referral_code"], alice["utm_source"]) == ("ALICE15", "creator_alice")
    assert zoe["display_name"] == "Zoë Brandt"
    assert (zoe["x_handle"], zoe["facebook_handle"]) == (None, None)
    assert alice["_source_file"] == "roster/creators.csv"


def test_partners_land_as_written_next_to_the_creators(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    partners = {
        p["name"]: p for p in records(loaded, "SELECT * FROM raw.roster_partners ORDER BY name")
    }
    assert set(partners) == {"Dana Whitfield", "Marta Lindqvist", "Tomás Ferreira"}
    dana, marta, tomas = (
        partners["Dana Whitfield"],
        partners["Marta Lindqvist"],
        partners["Tomás Ferreira"],
    )
    assert (dana["email"], dana["consent_to_be_named"]) == ("dana@whitfield.example", "no")
    assert (marta["profile_url"], marta["consent_to_be_named"]) == (None, "yes")
    assert (tomas["email"], tomas["consent_to_be_named"]) == (None, "Yes")
    assert {p["_source_file"] for p in partners.values()} == {"roster/partners.csv"}
    assert len({p["_row_key"] for p in partners.values()}) == 3


def test_no_partners_file_is_no_partners(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    (exports / "roster" / "partners.csv").unlink()
    run_loader(warehouse, "roster", exports, strict=True)
    assert records(warehouse, "SELECT count(*) AS n FROM raw.roster_partners") == [{"n": 0}]
    assert records(warehouse, "SELECT count(*) AS n FROM raw.roster_creators") == [{"n": 4}]
