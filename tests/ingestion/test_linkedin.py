"""LinkedIn personal exports of every era, on hand-written fixtures.

- `linkedin/alice-kovac`: the contract's layout (2023: URL column, 10 message columns with
  `RECIPIENT PROFILE URLS`), and a 2026 messages export saved next to it
  (`messages_2026-06-28.csv`: 12 quoted columns, the 2023 messages again with CRLF content).
- `linkedin/bruno-sa`: a 2022 export (no `URL` column, `Notes:` preamble, hidden profiles,
  10 message columns with `ATTACHMENTS` and no `RECIPIENT PROFILE URLS`, Invitations without
  URL columns) and a 2023 export saved next to it (`*_2023-05-02.csv`: a changed position,
  11 message columns).
- `linkedin/carmen-ruiz`: a 2026 export (percent-encoded slugs, `""` quoting, no trailing
  newline, 12 fully quoted message columns with CRLF inside content, every folder, a
  sponsored InMail, a draft, "LinkedIn Member" senders, an introduction; `Sent At` with a
  narrow no-break space).
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import load_all, run_loader
from tests.ingestion import edits
from tests.ingestion.conftest import records

BRUNO = "linkedin/bruno-sa"
CARMEN = "linkedin/carmen-ruiz"


def _rows(conn: duckdb.DuckDBPyConnection, table: str, source_file: str) -> list[dict]:
    return records(
        conn,
        f"SELECT * FROM raw.{table} WHERE _source_file = ? ORDER BY _row_key",
        source_file,
    )


def _logged(conn: duckdb.DuckDBPyConnection, source_file: str) -> tuple[int, int]:
    row = conn.execute(
        "SELECT rows_in_file, rows_inserted FROM raw._load_log WHERE source_file = ?",
        [source_file],
    ).fetchone()
    return row


# --- Connections -------------------------------------------------------------------------------


def test_alice_connections_skip_the_notes_preamble(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = records(
        loaded,
        "SELECT * FROM raw.linkedin_connections WHERE _export_owner = 'alice-kovac' "
        "ORDER BY connected_on",
    )
    assert [(r["first_name"], r["last_name"]) for r in rows] == [
        ("Zoë", "Brandt"),
        ("Bob", "Kline"),
        ("Dana", "Whitfield"),
    ]
    zoe, bob, dana = rows
    assert bob["connected_on"] == date(2023, 2, 8)
    assert bob["email_address"] is None
    assert bob["profile_url"] == "https://www.linkedin.com/in/bob-kline"
    assert zoe["company"] == "Brandt Kitchen, LLC"
    assert dana["profile_url"] is None
    # owner + md5 of the content and the occurrence among identical rows
    assert all(r["_row_key"].startswith("alice-kovac/") for r in rows)
    assert {len(r["_row_key"]) for r in rows} == {len("alice-kovac/") + 32}


def test_bruno_2022_connections_without_url_column(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = records(
        loaded,
        "SELECT * FROM raw.linkedin_connections WHERE _source_file = ? ORDER BY connected_on",
        f"{BRUNO}/Connections.csv",
    )
    assert len(rows) == 6
    assert {r["profile_url"] for r in rows} == {None}
    ines, lucas, hidden_1, hidden_2, hidden_3, marta = rows
    assert (ines["first_name"], ines["last_name"]) == ("Inês", "Moreira")
    assert ines["email_address"] == "ines.moreira@padaria.example"
    assert (lucas["company"], lucas["position"]) == ("Farinha & Co", "Sales Manager")
    assert marta["connected_on"] == date(2022, 11, 5)
    # hidden profiles: only Connected On, two of them on the same day, none colliding
    for hidden in (hidden_1, hidden_2, hidden_3):
        assert (hidden["first_name"], hidden["last_name"], hidden["company"]) == (None,) * 3
    assert (hidden_1["connected_on"], hidden_2["connected_on"]) == (date(2021, 9, 9),) * 2
    assert hidden_3["connected_on"] == date(2022, 10, 17)
    assert len({r["_row_key"] for r in rows}) == 6


def test_a_later_export_lands_only_changed_and_new_connections(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    assert _logged(loaded, f"{BRUNO}/Connections_2023-05-02.csv") == (7, 2)
    new = _rows(loaded, "linkedin_connections", f"{BRUNO}/Connections_2023-05-02.csv")
    by_name = {(r["first_name"], r["last_name"]): r for r in new}
    assert set(by_name) == {("Lucas", "Pereira"), ("Rui", "Almeida")}
    lucas = by_name[("Lucas", "Pereira")]
    assert (lucas["company"], lucas["position"]) == ("Farinha & Co, Lda.", "Head of Sales")
    assert lucas["connected_on"] == date(2021, 6, 2)


def test_re_exported_hidden_profiles_keep_their_keys(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """The same file saved again under a later name (hidden rows included) adds nothing."""
    run_loader(warehouse, "linkedin", exports)
    shutil.copy(exports / BRUNO / "Connections.csv", exports / BRUNO / "Connections_2022-12-01.csv")
    result = run_loader(warehouse, "linkedin", exports)
    assert result.files_loaded == 1
    assert result.rows_inserted["linkedin_connections"] == 0


def test_carmen_connections_keep_encoded_urls_and_quotes(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    rows = records(
        loaded,
        "SELECT * FROM raw.linkedin_connections WHERE _source_file = ? ORDER BY connected_on",
        f"{CARMEN}/Connections.csv",
    )
    assert len(rows) == 5  # the last row has no newline after it
    soren, tomas, iris, hidden, pablo = rows
    assert soren["profile_url"] == "https://www.linkedin.com/in/s%C3%B8ren-%C3%B8degaard"
    assert soren["position"] == "Partnerships, Nordics"
    assert soren["connected_on"] == date(2025, 8, 1)
    assert tomas["profile_url"] == "https://www.linkedin.com/in/tom%C3%A1s-ferreira"
    assert tomas["company"] == 'Ferreira "Rutas" Travel'
    assert iris["email_address"] == "iris@novakdesign.example"
    assert hidden["profile_url"] is None and hidden["connected_on"] == date(2026, 2, 18)
    assert pablo["connected_on"] == date(2026, 6, 6)


# --- messages ----------------------------------------------------------------------------------


def test_alice_messages_keep_multiline_content_and_several_recipients(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    first, intro = records(
        loaded,
        "SELECT * FROM raw.linkedin_messages WHERE _source_file = ? ORDER BY sent_at",
        "linkedin/alice-kovac/messages.csv",
    )
    assert first["content"] == "Hi Alice,\nthanks for connecting!\n\nBob"
    assert first["sent_at"] == datetime(2023, 2, 8, 10, 25, tzinfo=UTC)
    assert first["folder"] == "INBOX"
    assert first["conversation_title"] is None
    assert (first["attachments"], first["is_message_draft"]) == (None, None)
    assert intro["to_names"] == "Bob Kline,Zoë Brandt"
    assert intro["recipient_profile_urls"] == (
        "https://www.linkedin.com/in/bob-kline,https://www.linkedin.com/in/zoe-brandt"
    )
    assert intro["content"] == "Bob, meet Zoë 👋 — you two should talk about the spring campaign."
    assert intro["conversation_title"] == "Intro: Bob <> Zoë"


def test_a_newer_export_with_crlf_content_repeats_old_messages_once(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    """Alice's 2026 export (12 quoted columns) holds her 2023 messages again, their content
    with CRLF instead of LF: they keep their keys; only the three 2026 messages are new."""
    source_file = "linkedin/alice-kovac/messages_2026-06-28.csv"
    assert _logged(loaded, source_file) == (5, 3)
    new = records(
        loaded,
        "SELECT * FROM raw.linkedin_messages WHERE _source_file = ? ORDER BY sent_at",
        source_file,
    )
    assert [r["sent_at"] for r in new] == [
        datetime(2026, 6, 12, 8, 10, tzinfo=UTC),
        datetime(2026, 6, 12, 18, 30, tzinfo=UTC),
        datetime(2026, 6, 20, 7, 45, tzinfo=UTC),
    ]
    assert (new[2]["from_name"], new[2]["sender_profile_url"]) == ("LinkedIn Member", None)


def test_bruno_2022_messages_have_ten_columns_without_recipient_urls(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    rows = records(
        loaded,
        "SELECT * FROM raw.linkedin_messages WHERE _source_file = ? ORDER BY sent_at",
        f"{BRUNO}/messages.csv",
    )
    assert len(rows) == 5
    assert {r["recipient_profile_urls"] for r in rows} == {None}
    assert {r["is_message_draft"] for r in rows} == {None}
    first, reply, unnamed_url, attachment, spam = rows
    assert first["sent_at"] == datetime(2021, 3, 15, 9, 2, 11, tzinfo=UTC)
    assert reply["sender_profile_url"] == "https://www.linkedin.com/in/bruno-s%C3%A1"
    assert reply["content"] == "Obrigado, Inês! O segredo é a paciência:\n48 horas de fermentação."
    assert (unnamed_url["from_name"], unnamed_url["sender_profile_url"]) == ("Inês Moreira", None)
    assert attachment["content"] is None and attachment["subject"] == "Tabela de preços"
    assert attachment["attachments"].endswith("D4E10AQ_farinha_precos_2022.pdf")
    assert spam["folder"] == "SPAM"


def test_bruno_2023_messages_repeat_the_old_ones_once(loaded: duckdb.DuckDBPyConnection) -> None:
    """11 columns; the messages already loaded from the 2022 file keep their keys."""
    assert _logged(loaded, f"{BRUNO}/messages_2023-05-02.csv") == (7, 2)
    new = _rows(loaded, "linkedin_messages", f"{BRUNO}/messages_2023-05-02.csv")
    assert {r["conversation_id"] for r in new} == {"2-bGV2YWluMjM="}
    assert {r["recipient_profile_urls"] for r in new} == {
        "https://www.linkedin.com/in/rui-almeida-levain",
        "https://www.linkedin.com/in/bruno-s%C3%A1",
    }


def test_carmen_messages_twelve_quoted_columns_with_crlf_content(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    rows = records(
        loaded,
        "SELECT * FROM raw.linkedin_messages WHERE _source_file = ? ORDER BY sent_at, _row_key",
        f"{CARMEN}/messages.csv",
    )
    assert len(rows) == 11
    assert {r["folder"] for r in rows} == {"INBOX", "SENT", "ARCHIVE", "SPAM"}
    assert sorted(r["is_message_draft"] for r in rows) == ["No"] * 10 + ["Yes"]
    by_time = {r["sent_at"]: r for r in rows}
    hola = by_time[datetime(2026, 6, 8, 10, 12, 30, tzinfo=UTC)]
    assert hola["content"] == (
        "Hola Pablo,\r\n\r\nthanks for connecting! Are you still running the Picos de Europa trips?"
    )
    member = by_time[datetime(2026, 6, 8, 15, 40, 2, tzinfo=UTC)]
    assert (member["from_name"], member["sender_profile_url"]) == ("LinkedIn Member", None)
    intro = by_time[datetime(2026, 6, 3, 14, 0, tzinfo=UTC)]
    assert intro["to_names"] == "Iris Novak,Tomás Ferreira"
    assert intro["recipient_profile_urls"] == (
        "https://www.linkedin.com/in/iris-novak-4b2a1,"
        "https://www.linkedin.com/in/tom%C3%A1s-ferreira"
    )
    assert intro["content"] == (
        'Iris, meet Tomás: he runs "Rutas" travel and needs a designer.\r\n'
        "Tomás, Iris did my new brand. 🙌"
    )
    sponsored = by_time[datetime(2026, 6, 11, 7, 30, tzinfo=UTC)]
    assert sponsored["conversation_title"] == "Sponsored Conversation"
    assert sponsored["content"].startswith("<p>Hi Carmen,</p>")
    assert 'href="https://wanderly.example/offer?utm_campaign=inmail"' in sponsored["content"]
    archived = by_time[datetime(2025, 8, 5, 12, 0, tzinfo=UTC)]
    assert archived["attachments"].endswith("C4E06AQ_carmen_media_kit_2025.pdf")
    assert archived["folder"] == "ARCHIVE"
    assert len({r["_row_key"] for r in rows}) == 11


# --- Invitations -------------------------------------------------------------------------------


def test_alice_invitations_parse_short_us_times(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = records(
        loaded,
        "SELECT * FROM raw.linkedin_invitations WHERE _export_owner = 'alice-kovac' "
        "ORDER BY sent_at",
    )
    assert [r["sent_at"] for r in rows] == [
        datetime(2023, 2, 8, 10, 21),
        datetime(2023, 12, 31, 23, 59),
    ]
    assert rows[0]["direction"] == "INCOMING"
    assert rows[0]["message"] is None
    assert rows[1]["message"] == "Great meeting you, Dana!"


def test_older_invitations_have_no_url_columns(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = records(
        loaded,
        "SELECT * FROM raw.linkedin_invitations WHERE _export_owner = 'bruno-sa' ORDER BY sent_at",
    )
    assert [(r["sent_at"], r["direction"]) for r in rows] == [
        (datetime(2022, 11, 5, 9, 14), "INCOMING"),
        (datetime(2022, 11, 18, 19, 2), "OUTGOING"),
    ]
    assert {(r["inviter_profile_url"], r["invitee_profile_url"]) for r in rows} == {(None, None)}
    assert rows[1]["message"] == "Olá Pedro, vi o teu workshop de levain!"


def test_newer_invitations_accept_a_narrow_no_break_space(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    rows = records(
        loaded,
        "SELECT * FROM raw.linkedin_invitations WHERE _export_owner = 'carmen-ruiz' "
        "ORDER BY sent_at",
    )
    soren, pablo = rows
    assert soren["sent_at"] == datetime(2025, 7, 29, 18, 15)  # "7/29/25, 6:15 PM"
    assert pablo["sent_at"] == datetime(2026, 6, 5, 9, 3)  # "6/5/26, 9:03\u202fAM"
    assert pablo["message"] == 'Hola Carmen, I guide "Picos" treks'
    assert soren["invitee_profile_url"] == "https://www.linkedin.com/in/s%C3%B8ren-%C3%B8degaard"


def test_an_invitation_of_an_older_and_a_newer_export_lands_once(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """Keyed without the URL columns and by the parsed time: the same invitation re-exported
    with URLs and a narrow no-break space is not a second invitation."""
    run_loader(warehouse, "linkedin", exports)
    (exports / BRUNO / "Invitations_2023-05-02.csv").write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Marta Sousa,Bruno Sá,"11/5/22, 9:14\u202fAM",,INCOMING,'
        "https://www.linkedin.com/in/marta-sousa,https://www.linkedin.com/in/bruno-s%C3%A1\n",
        encoding="utf-8",
    )
    assert run_loader(warehouse, "linkedin", exports).rows_inserted["linkedin_invitations"] == 0


def test_an_unparseable_invitation_time_names_file_and_row(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    edits.replace_text(exports / CARMEN / "Invitations.csv", "7/29/25, 6:15 PM", "29/7/25, 18:15")
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "linkedin", exports, strict=True)
    assert str(raised.value) == (
        f"{CARMEN}/Invitations.csv row 2: unparseable Sent At '29/7/25, 18:15' "
        "(expected like '2/8/23, 10:21 AM')"
    )


# --- the load report ---------------------------------------------------------------------------


def test_every_linkedin_fixture_is_loaded_and_other_export_files_are_listed(
    tmp_path: Path, exports: Path
) -> None:
    (exports / CARMEN / "Profile.csv").write_text("First Name,Last Name\nCarmen,Ruiz\n")
    warehouse = tmp_path / "report.duckdb"
    load_all(warehouse, exports, ["linkedin"])
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        report = records(
            conn,
            "SELECT source_file, status, reason FROM raw._load_report "
            "WHERE source_file LIKE 'linkedin/%' ORDER BY source_file",
        )
    statuses = {r["source_file"]: (r["status"], r["reason"]) for r in report}
    profile = statuses.pop(f"{CARMEN}/Profile.csv")
    assert profile[0] == "not_read"
    assert profile[1].startswith("no loader for this file: a LinkedIn export file Mutuality")
    assert len(statuses) == 12
    assert {status for status, _ in statuses.values()} == {"loaded"}


def test_the_load_log_names_the_older_eras(loaded: duckdb.DuckDBPyConnection) -> None:
    notes = dict(
        loaded.execute(
            "SELECT source_file, note FROM raw._load_log WHERE loader = 'linkedin'"
        ).fetchall()
    )
    assert notes[f"{BRUNO}/Connections.csv"] == (
        "no URL column (a 2021-2023 export): connections are told apart by name"
    )
    assert notes[f"{BRUNO}/messages.csv"].startswith("no RECIPIENT PROFILE URLS column")
    assert notes[f"{BRUNO}/messages_2023-05-02.csv"] is None
    assert notes[f"{BRUNO}/Invitations.csv"] == "no profile URL columns (a 2022 or older export)"
    assert notes[f"{CARMEN}/Connections.csv"] is None
