"""LinkedIn, CRM, introductions log and roster CSVs."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb

from tests.ingestion.conftest import records


def test_linkedin_connections_skip_the_notes_preamble(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = records(loaded, "SELECT * FROM raw.linkedin_connections ORDER BY connected_on")
    assert [(r["first_name"], r["last_name"]) for r in rows] == [
        ("Zoë", "Brandt"),
        ("Bob", "Kline"),
        ("Dana", "Whitfield"),
    ]
    zoe, bob, dana = rows
    assert bob["connected_on"] == date(2023, 2, 8)
    assert bob["email_address"] is None
    assert zoe["company"] == "Brandt Kitchen, LLC"
    assert bob["_row_key"] == "alice-kovac/https://www.linkedin.com/in/bob-kline"
    assert dana["profile_url"] is None
    assert dana["_row_key"].startswith("alice-kovac/") and len(dana["_row_key"]) == 12 + 32


def test_linkedin_messages_keep_multiline_content_and_several_recipients(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    first, intro = records(loaded, "SELECT * FROM raw.linkedin_messages ORDER BY sent_at")
    assert first["content"] == "Hi Alice,\nthanks for connecting!\n\nBob"
    assert first["sent_at"] == datetime(2023, 2, 8, 10, 25, tzinfo=UTC)
    assert first["folder"] == "INBOX"
    assert first["conversation_title"] is None
    assert intro["to_names"] == "Bob Kline,Zoë Brandt"
    assert intro["recipient_profile_urls"] == (
        "https://www.linkedin.com/in/bob-kline,https://www.linkedin.com/in/zoe-brandt"
    )
    assert intro["content"] == "Bob, meet Zoë 👋 — you two should talk about the spring campaign."
    assert intro["conversation_title"] == "Intro: Bob <> Zoë"


def test_linkedin_invitations_parse_short_us_times(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = records(loaded, "SELECT * FROM raw.linkedin_invitations ORDER BY sent_at")
    assert [r["sent_at"] for r in rows] == [
        datetime(2023, 2, 8, 10, 21),
        datetime(2023, 12, 31, 23, 59),
    ]
    assert rows[0]["direction"] == "INCOMING"
    assert rows[0]["message"] is None
    assert rows[1]["message"] == "Great meeting you, Dana!"


def test_crm_contacts_parse_dates_and_keep_free_text(loaded: duckdb.DuckDBPyConnection) -> None:
    contacts = {c["contact_id"]: c for c in records(loaded, "SELECT * FROM raw.crm_contacts")}
    bob, zoe, erin = contacts["101"], contacts["102"], contacts["103"]
    assert bob["created_at"] == datetime(2023, 3, 2, 9, 15)
    assert bob["original_source_drill_down_1"] == "utm_source=creator_alice"
    assert bob["how_did_you_hear"] == "Alice's reel, then Dana Whitfield introduced us"
    assert zoe["referral_code"] == "ALICE15"
    assert zoe["latest_source_at"] == datetime(2023, 4, 1, 8, 30)
    assert erin["latest_source_at"] is None
    assert bob["_row_key"].startswith("101/")


def test_crm_deals_keep_open_deals_and_text_amounts(loaded: duckdb.DuckDBPyConnection) -> None:
    deals = {d["deal_id"]: d for d in records(loaded, "SELECT * FROM raw.crm_deals")}
    won, open_deal = deals["9001"], deals["9002"]
    assert won["amount"] == "12500.00"
    assert won["associated_contact_ids"] == "101;102"
    assert won["closed_at"] == datetime(2023, 4, 15, 17, 30)
    assert won["deal_stage"] == "Closed Won"
    assert open_deal["closed_at"] is None
    assert open_deal["amount"] is None
    assert open_deal["associated_company"] == "Brandt Kitchen, LLC"


def test_introductions_log_has_typed_dates(loaded: duckdb.DuckDBPyConnection) -> None:
    intros = records(loaded, "SELECT * FROM raw.introductions_log ORDER BY intro_id")
    assert intros[0]["introduced_on"] == date(2023, 3, 1)
    assert intros[0]["introducer"] == "Alice Kovač"
    assert intros[0]["note"] == "Spring campaign, via LinkedIn"
    assert intros[1]["company"] is None
    assert [i["_row_key"] for i in intros] == ["INT-0001", "INT-0002"]
    assert {i["_export_owner"] for i in intros} == {None}


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
