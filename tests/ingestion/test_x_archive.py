"""X archive: the window.YTD prefix is stripped, strings stay strings, times are typed.

Three archives of three eras (docs/export_formats.md, "X account archive"):

- `x/alice/data/`: a 2023 archive (plural names under `data/`);
- `x/brunosa/`: a 2019 archive at the folder root (singular names, bare tweets, Jackson-style
  `[ {` pretty printing, follow lists with `accountId` only) with a 2026 download unzipped
  over it (`data/`, plural names), which repeats some of the 2019 records;
- `x/carmenruiz/data/`: a 2026 archive without `account.js` (the owner's account id is
  inferred from the conversation ids), with edited, reacted-to, linked and media messages, a
  following list and files that are not read.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import LOADERS, run_loader
from ingestion.loaders.report import FileStatus, build_report
from tests.ingestion import edits
from tests.ingestion.conftest import records

BRUNO = "x/brunosa"
CARMEN = "x/carmenruiz/data"
CARMEN_ID = "1289501122360246273"


def _note(conn: duckdb.DuckDBPyConnection, source_file: str) -> str | None:
    (row,) = records(
        conn,
        """SELECT note FROM raw._load_log WHERE source_file = ?
           QUALIFY row_number() OVER (ORDER BY loaded_at DESC) = 1""",
        source_file,
    )
    return row["note"]


def _report(conn: duckdb.DuckDBPyConnection, exports: Path) -> dict[str, FileStatus]:
    report = build_report(conn, exports, list(LOADERS.values()), ran=["x_archive"], since=None)
    return {f.source_file: f for f in report.files if f.source_file.startswith("x/")}


# --- 2023: x/alice/data/ -------------------------------------------------------------------


def test_account_is_landed_with_its_creation_time(loaded: duckdb.DuckDBPyConnection) -> None:
    (account,) = records(loaded, "SELECT * FROM raw.x_accounts WHERE _export_owner = 'alice'")
    assert account["account_id"] == "1001"
    assert account["username"] == "alice"
    assert account["account_display_name"] == "Alice Kovač"
    assert account["account_created_at"] == datetime(2019, 4, 1, 10, 0, tzinfo=UTC)
    assert account["is_inferred"] is False
    assert account["_row_key"] == "alice/1001"  # keys never span two owners


def test_an_original_tweet_has_no_reply_fields_and_keeps_its_emoji(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    (tweet,) = records(loaded, "SELECT * FROM raw.x_tweets WHERE tweet_id = '1626999000000000001'")
    assert tweet["full_text"] == "New video is up 🎬 thanks everyone!"
    assert (tweet["favorite_count"], tweet["retweet_count"]) == ("12", "3")
    assert tweet["in_reply_to_status_id"] is None
    assert tweet["in_reply_to_user_id"] is None
    assert tweet["in_reply_to_screen_name"] is None
    assert tweet["mentioned_screen_names"] == []
    assert tweet["created_at"] == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)
    assert tweet["_row_key"] == "alice/1626999000000000001"


def test_a_reply_keeps_the_replied_to_ids_and_mentions(loaded: duckdb.DuckDBPyConnection) -> None:
    (reply,) = records(loaded, "SELECT * FROM raw.x_tweets WHERE tweet_id = '1627000000000000002'")
    assert reply["in_reply_to_status_id"] == "1626990000000000009"
    assert reply["in_reply_to_user_id"] == "2002"
    assert reply["in_reply_to_screen_name"] == "bob"
    assert reply["mentioned_screen_names"] == ["bob"]
    assert reply["mentioned_user_ids"] == ["2002"]


def test_tweet_time_offsets_are_converted_to_instants(loaded: duckdb.DuckDBPyConnection) -> None:
    (tweet,) = records(loaded, "SELECT * FROM raw.x_tweets WHERE tweet_id = '1627100000000000003'")
    # "Sun Feb 19 16:30:00 -0500 2023"
    assert tweet["created_at"] == datetime(2023, 2, 19, 21, 30, tzinfo=UTC)
    assert tweet["mentioned_screen_names"] == ["carol_d", "dan"]
    assert tweet["mentioned_user_ids"] == ["3003", "4004"]
    assert tweet["favorite_count"] == "15000"


def test_direct_messages_are_flattened_from_conversations(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    messages = records(
        loaded,
        """SELECT conversation_id, message_id, sender_id, recipient_id, message_text, created_at
           FROM raw.x_direct_messages WHERE _export_owner = 'alice' ORDER BY created_at""",
    )
    assert [(m["conversation_id"], m["message_id"]) for m in messages] == [
        ("1001-2002", "1627200000000000011"),
        ("1001-2002", "1627200000000000012"),
        ("1001-3003", "1627300000000000021"),
    ]
    first = messages[0]
    assert (first["sender_id"], first["recipient_id"]) == ("2002", "1001")
    assert first["created_at"] == datetime(2023, 2, 18, 19, 45, 15, 123000, tzinfo=UTC)
    assert messages[1]["message_text"] == "Sure — Thursday works 👍"


def test_followers_have_ids_and_links(loaded: duckdb.DuckDBPyConnection) -> None:
    followers = records(
        loaded,
        """SELECT follower_account_id, user_link, _row_key FROM raw.x_followers
           WHERE _export_owner = 'alice' ORDER BY 1""",
    )
    assert followers == [
        {
            "follower_account_id": "2002",
            "user_link": "https://twitter.com/intent/user?user_id=2002",
            "_row_key": "alice/2002",
        },
        {
            "follower_account_id": "3003",
            "user_link": "https://twitter.com/intent/user?user_id=3003",
            "_row_key": "alice/3003",
        },
    ]


def test_a_part_file_continues_its_type(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """X splits large archives: tweets-part1.js holds `window.YTD.tweets.part1 = [...]`."""
    part = exports / edits.X_DATA / "tweets-part1.js"
    tweet = json.dumps([edits.new_tweet("1632000000000000001")])
    part.write_text(f"window.YTD.tweets.part1 = {tweet}", encoding="utf-8")

    run_loader(warehouse, "x_archive", exports)

    (landed,) = records(
        warehouse, "SELECT _source_file FROM raw.x_tweets WHERE tweet_id = '1632000000000000001'"
    )
    assert landed["_source_file"] == f"{edits.X_DATA}/tweets-part1.js"
    assert records(
        warehouse,
        "SELECT count(*) AS n FROM raw.x_tweets WHERE _export_owner = 'alice'",
    ) == [{"n": 4}]


def test_a_part_file_must_name_its_own_part(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    part = exports / edits.X_DATA / "direct-messages-part2.js"
    part.write_text("window.YTD.direct_messages.part0 = []", encoding="utf-8")

    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "x_archive", exports, strict=True)

    expected = f"{edits.X_DATA}/direct-messages-part2.js: not a window.YTD.direct_messages.part2"
    assert str(raised.value).startswith(expected)


def test_a_2020_archive_has_singular_names_under_data(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """Archives from 2020 to 2022 put the files under `data/` but kept the singular names."""
    data = exports / edits.X_DATA
    for plural, singular, ytd in (
        ("tweets.js", "tweet.js", "tweet"),
        ("direct-messages.js", "direct-message.js", "direct_message"),
    ):
        text = (data / plural).read_text(encoding="utf-8")
        old_type = plural.removesuffix(".js").replace("-", "_")
        (data / singular).write_text(
            text.replace(f"window.YTD.{old_type}.", f"window.YTD.{ytd}."), encoding="utf-8"
        )
        (data / plural).unlink()

    result = run_loader(warehouse, "x_archive", exports)

    owners = records(
        warehouse,
        """SELECT (SELECT count(*) FROM raw.x_tweets WHERE _export_owner = 'alice') AS tweets,
                  (SELECT count(*) FROM raw.x_direct_messages WHERE _export_owner = 'alice')
                      AS messages""",
    )
    assert owners == [{"tweets": 3, "messages": 3}]
    kinds = {f.source_file: f.file_set for f in result.files}
    assert kinds[f"{edits.X_DATA}/tweet.js"] == "X tweets (tweet.js, before 2022)"
    assert kinds[f"{edits.X_DATA}/direct-message.js"] == (
        "X direct messages (direct-message.js, before 2022)"
    )


def test_a_singular_file_must_hold_the_singular_type(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    edits.replace_text(exports / BRUNO / "tweet.js", "window.YTD.tweet.", "window.YTD.tweets.")

    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "x_archive", exports, strict=True)

    assert str(raised.value) == f"{BRUNO}/tweet.js: not a window.YTD.tweet.part0 assignment"


# --- 2019 at the root, 2026 under data/: x/brunosa/ -----------------------------------------


def test_the_2019_root_archive_and_the_2026_download_are_both_read(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    logged = records(
        loaded,
        """SELECT source_file, file_set, rows_in_file, rows_inserted, note FROM raw._load_log
           WHERE source_file LIKE 'x/brunosa/%' ORDER BY source_file""",
    )
    assert [(r["source_file"].removeprefix(f"{BRUNO}/"), r["file_set"]) for r in logged] == [
        ("account.js", "X account"),
        ("data/account.js", "X account"),
        ("data/direct-messages.js", "X direct messages (direct-messages.js, 2022+)"),
        ("data/follower.js", "X followers"),
        ("data/following.js", "X following"),
        ("data/tweets.js", "X tweets (tweets.js, 2022+)"),
        ("direct-message.js", "X direct messages (direct-message.js, before 2022)"),
        ("follower.js", "X followers"),
        ("following.js", "X following"),
        ("tweet.js", "X tweets (tweet.js, before 2022)"),
    ]
    counts = {r["source_file"].removeprefix(f"{BRUNO}/"): r["rows_in_file"] for r in logged}
    assert counts == {
        "account.js": 1,
        "data/account.js": 1,
        "data/direct-messages.js": 7,
        "data/follower.js": 4,
        "data/following.js": 3,
        "data/tweets.js": 3,
        "direct-message.js": 4,
        "follower.js": 3,
        "following.js": 2,
        "tweet.js": 3,
    }
    # account.js is there: nothing is inferred, nothing to say
    assert {r["note"] for r in logged} == {None}


def test_records_repeated_by_the_newer_archive_land_once(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    counts = records(
        loaded,
        """SELECT (SELECT count(*) FROM raw.x_accounts WHERE _export_owner = 'brunosa') AS accounts,
                  (SELECT count(*) FROM raw.x_tweets WHERE _export_owner = 'brunosa') AS tweets,
                  (SELECT count(*) FROM raw.x_direct_messages WHERE _export_owner = 'brunosa')
                      AS messages,
                  (SELECT count(*) FROM raw.x_followers WHERE _export_owner = 'brunosa')
                      AS followers,
                  (SELECT count(*) FROM raw.x_following WHERE _export_owner = 'brunosa')
                      AS following""",
    )
    assert counts == [{"accounts": 1, "tweets": 5, "messages": 8, "followers": 4, "following": 3}]
    # The 2022+ file is read first: a tweet in both archives has the newer archive's counts.
    (tweet,) = records(
        loaded,
        "SELECT favorite_count, _source_file FROM raw.x_tweets WHERE tweet_id = ?",
        "1185468793615286273",
    )
    assert tweet == {"favorite_count": "51", "_source_file": f"{BRUNO}/data/tweets.js"}


def test_bare_tweets_of_a_2019_archive(loaded: duckdb.DuckDBPyConnection) -> None:
    tweets = records(
        loaded,
        "SELECT * FROM raw.x_tweets WHERE _source_file = ? ORDER BY created_at",
        f"{BRUNO}/tweet.js",
    )
    reply, mention = tweets
    assert reply["tweet_id"] == "1190686268715958273"
    assert reply["full_text"] == "@ritabakes yes! 180 °C for 35 min, and no peeking 😄"
    assert reply["created_at"] == datetime(2019, 11, 2, 17, 45, 3, tzinfo=UTC)
    assert (reply["in_reply_to_status_id"], reply["in_reply_to_user_id"]) == (
        "1190682531591094273",
        "1034567890123456789",
    )
    assert reply["in_reply_to_screen_name"] == "ritabakes"
    assert (reply["favorite_count"], reply["retweet_count"]) == ("3", "0")
    assert reply["_row_key"] == "brunosa/1190686268715958273"
    # HTML entities stay as X wrote them (tweet texts are not used past staging)
    assert mention["full_text"] == "Baking class this Saturday with @tomas_pt &amp; @padaria_lx 🥖"
    assert mention["mentioned_screen_names"] == ["tomas_pt", "padaria_lx"]
    assert mention["mentioned_user_ids"] == ["93847561", "2290871345"]
    assert mention["in_reply_to_status_id"] is None
    assert mention["favorite_count"] == "1204"


def test_direct_messages_of_a_2019_archive(loaded: duckdb.DuckDBPyConnection) -> None:
    messages = records(
        loaded,
        """SELECT * FROM raw.x_direct_messages WHERE _export_owner = 'brunosa'
           ORDER BY created_at""",
    )
    assert [(m["message_id"], m["_source_file"].removeprefix(f"{BRUNO}/")) for m in messages] == [
        ("1190689537676804097", "data/direct-messages.js"),
        ("1190692736836042753", "data/direct-messages.js"),
        ("1190932172370870273", "data/direct-messages.js"),
        ("1196903472952246273", "direct-message.js"),
        ("2065165714301386753", "data/direct-messages.js"),
        ("2065350893368246273", "data/direct-messages.js"),
        ("2069059077534646273", "data/direct-messages.js"),
        ("2069098214593658881", "data/direct-messages.js"),
    ]
    first, second = messages[0], messages[1]
    assert first["message_text"] == "Olá Bruno! Could you share the Pão de Ló recipe?"
    assert first["created_at"] == datetime(2019, 11, 2, 17, 58, 2, 381000, tzinfo=UTC)
    assert (second["sender_id"], second["recipient_id"]) == ("481516234", "1034567890123456789")
    tomas = messages[3]
    assert tomas["conversation_id"] == "93847561-481516234"
    assert tomas["created_at"] == datetime(2019, 11, 19, 21, 30, tzinfo=UTC)
    assert (tomas["edit_history"], tomas["reaction_keys"]) == (None, [])
    assert tomas["_row_key"] == "brunosa/1196903472952246273"


def test_follow_lists_before_2020_have_account_ids_only(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    followers = records(
        loaded,
        "SELECT follower_account_id, user_link FROM raw.x_followers WHERE _export_owner = ?",
        "brunosa",
    )
    assert sorted(f["follower_account_id"] for f in followers) == [
        "1034567890123456789",
        "1876543210987654321",
        "2290871345",
        "93847561",
    ]
    following = records(
        loaded,
        """SELECT following_account_id, user_link, _row_key FROM raw.x_following
           WHERE _source_file = ? ORDER BY 1""",
        f"{BRUNO}/following.js",
    )
    # both accounts are in the newer list too, which is read first (data/ sorts before f...)
    assert following == []
    both = records(
        loaded,
        """SELECT following_account_id, user_link, _row_key FROM raw.x_following
           WHERE _export_owner = 'brunosa' ORDER BY 1""",
    )
    assert both[0] == {
        "following_account_id": "1034567890123456789",
        "user_link": "https://twitter.com/intent/user?user_id=1034567890123456789",
        "_row_key": "brunosa/1034567890123456789",
    }
    assert [f["following_account_id"] for f in both] == [
        "1034567890123456789",
        "12",
        "1876543210987654321",
    ]


def test_an_old_follow_list_alone_lands_without_links(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    shutil.rmtree(exports / BRUNO / "data")

    run_loader(warehouse, "x_archive", exports)

    following = records(
        warehouse,
        """SELECT following_account_id, user_link, _row_key FROM raw.x_following
           WHERE _export_owner = 'brunosa' ORDER BY 1""",
    )
    assert following == [
        {"following_account_id": "1034567890123456789", "user_link": None,
         "_row_key": "brunosa/1034567890123456789"},
        {"following_account_id": "12", "user_link": None, "_row_key": "brunosa/12"},
    ]  # fmt: skip
    followers = records(
        warehouse, "SELECT user_link FROM raw.x_followers WHERE _export_owner = 'brunosa'"
    )
    assert [f["user_link"] for f in followers] == [None, None, None]


# --- 2026 without account.js: x/carmenruiz/data/ --------------------------------------------


def test_the_owner_account_id_is_inferred_from_the_conversation_ids(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    (account,) = records(
        loaded, "SELECT * EXCLUDE (_loaded_at) FROM raw.x_accounts WHERE _export_owner = ?",
        "carmenruiz",
    )  # fmt: skip
    assert account == {
        "account_id": CARMEN_ID,
        "username": None,
        "account_display_name": None,
        "account_created_at": None,
        "is_inferred": True,
        "_export_owner": "carmenruiz",
        "_source_file": f"{CARMEN}/direct-messages.js",
        "_file_hash": account["_file_hash"],
        "_row_key": f"carmenruiz/inferred/{CARMEN_ID}",
    }
    assert _note(loaded, f"{CARMEN}/direct-messages.js") == (
        f"no account.js in x/carmenruiz: owner account id {CARMEN_ID} inferred from the "
        "conversation ids (the one side common to all 3 one-to-one conversations)"
    )


def test_newest_direct_messages_with_edits_links_reactions_and_media(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    messages = records(
        loaded,
        """SELECT * FROM raw.x_direct_messages WHERE _export_owner = 'carmenruiz'
           ORDER BY created_at""",
    )
    assert len(messages) == 7
    assert sorted({m["conversation_id"] for m in messages}) == [
        f"{CARMEN_ID}-1651234567890123456",
        f"{CARMEN_ID}-1799012345678901234",
        f"28734512-{CARMEN_ID}",
    ]
    opening, tip, thanks = messages[:3]
    assert opening["message_text"] == "Hola Carmen! Loved the Lisbon reel 😍\nany hostel tips?"
    assert opening["created_at"] == datetime(2026, 6, 3, 18, 2, 44, 127000, tzinfo=UTC)
    assert opening["_row_key"] == "carmenruiz/2062233536173178881"
    assert (tip["sender_id"], tip["recipient_id"]) == (CARMEN_ID, "28734512")
    assert tip["expanded_urls"] == ["https://carmenruiz.travel/lisbon-hostels"]
    assert (tip["reaction_sender_ids"], tip["reaction_keys"]) == (["28734512"], ["like"])
    assert thanks["message_text"] == "Gracias!! Booked it 🙌"
    assert json.loads(thanks["edit_history"]) == [
        {"text": "Gracias!! Booked it", "createdAt": "2026-06-04T07:54:40.000Z"}
    ]
    (photo,) = [m for m in messages if m["media_urls"]]
    assert photo["message_text"] == ""
    assert photo["media_urls"] == [
        "https://ton.x.com/i/ton/data/dm/2065001088414646273/2065001085000000000/Qx3bT9aZ.jpg"
    ]
    assert (photo["reaction_sender_ids"], photo["reaction_keys"]) == ([CARMEN_ID], ["excited"])
    assert photo["created_at"] == datetime(2026, 6, 11, 9, 20, tzinfo=UTC)
    # 7 messages and the inferred account
    assert records(
        loaded,
        "SELECT rows_in_file, rows_inserted FROM raw._load_log WHERE source_file = ?",
        f"{CARMEN}/direct-messages.js",
    ) == [{"rows_in_file": 8, "rows_inserted": 8}]


def test_newest_tweets_keep_their_text_and_self_thread(loaded: duckdb.DuckDBPyConnection) -> None:
    tweets = records(
        loaded,
        "SELECT * FROM raw.x_tweets WHERE _export_owner = 'carmenruiz' ORDER BY created_at",
    )
    assert [t["tweet_id"] for t in tweets] == [
        "2059937724625846273",
        "2059938274079670273",
        "2066526137349046273",
        "2070054385873846273",
    ]
    thread, self_reply, reply, recap = tweets
    assert thread["full_text"] == "Lisbon in 48h: trams, pastéis &amp; miradouros 🇵🇹\nthread 👇"
    assert (thread["favorite_count"], thread["retweet_count"]) == ("2301", "412")
    assert thread["created_at"] == datetime(2026, 5, 28, 10, 0, tzinfo=UTC)
    assert self_reply["in_reply_to_user_id"] == CARMEN_ID
    assert self_reply["in_reply_to_status_id"] == thread["tweet_id"]
    assert reply["in_reply_to_user_id"] == "28734512"
    assert recap["mentioned_user_ids"] == ["1651234567890123456", "1799012345678901234"]
    assert recap["_row_key"] == "carmenruiz/2070054385873846273"


def test_following_and_followers_with_links(loaded: duckdb.DuckDBPyConnection) -> None:
    following = records(
        loaded,
        """SELECT following_account_id, user_link, _row_key FROM raw.x_following
           WHERE _export_owner = 'carmenruiz' ORDER BY 1""",
    )
    assert [f["following_account_id"] for f in following] == [
        "1502233445566778899",
        "1651234567890123456",
        "28734512",
        "30254471",
    ]
    assert following[2] == {
        "following_account_id": "28734512",
        "user_link": "https://twitter.com/intent/user?user_id=28734512",
        "_row_key": "carmenruiz/28734512",
    }
    followed_back = records(
        loaded,
        """SELECT follower_account_id FROM raw.x_followers f
           JOIN raw.x_following g ON g._export_owner = f._export_owner
               AND g.following_account_id = f.follower_account_id
           WHERE f._export_owner = 'carmenruiz' ORDER BY 1""",
    )
    assert [f["follower_account_id"] for f in followed_back] == ["1651234567890123456", "28734512"]
    assert records(
        loaded, "SELECT count(*) AS n FROM raw.x_followers WHERE _export_owner = 'carmenruiz'"
    ) == [{"n": 5}]


def test_other_archive_files_are_listed_with_their_reason(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    report = {
        r["source_file"]: (r["status"], r["reason"])
        for r in records(
            loaded,
            "SELECT source_file, status, reason FROM raw._load_report WHERE source_file LIKE 'x/%'",
        )
    }
    unread = {name: reason for name, (status, reason) in report.items() if status == "not_read"}
    prefix = "no loader for this file: "
    assert unread == {
        "x/brunosa/Your archive.html": prefix + "the archive's offline viewer page, not data",
        "x/brunosa/like.js": prefix
        + "tweets the creator liked (no time, no reply): not an exchange",
        "x/brunosa/tweet_media/1185468793615286273-EHRk2pQWsAEbXy1.jpg": prefix
        + "media attached to tweets, messages or the profile: the records are read from the "
        ".js files",
        "x/carmenruiz/Your archive.html": prefix + "the archive's offline viewer page, not data",
        f"{CARMEN}/ageinfo.js": prefix
        + "account settings, history or product data (not tweets, messages, followers, "
        "following or the account): not read",
        f"{CARMEN}/direct-messages-group.js": prefix
        + "group conversations (several participants, no single recipient, ids not "
        "<id>-<id>): the DM measures are of one-to-one conversations, so they are not read",
        f"{CARMEN}/like.js": prefix
        + "tweets the creator liked (no time, no reply): not an exchange",
        f"{CARMEN}/manifest.js": prefix
        + "the archive's table of contents (file list, record counts): no records",
        f"{CARMEN}/tweet-headers.js": prefix
        + "tweet ids and times only: the tweets are read from tweets.js",
    }
    assert {status for name, (status, _) in report.items() if name not in unread} == {"loaded"}


def _keep_conversations(path: Path, *conversation_ids: str) -> None:
    def keep(conversations: list[dict[str, Any]]) -> None:
        conversations[:] = [
            c for c in conversations if c["dmConversation"]["conversationId"] in conversation_ids
        ]

    edits.edit_x(path, keep)


def test_one_conversation_cannot_tell_the_owner(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    dms = exports / CARMEN / "direct-messages.js"
    _keep_conversations(dms, f"28734512-{CARMEN_ID}")

    run_loader(warehouse, "x_archive", exports)

    assert (
        records(warehouse, "SELECT * FROM raw.x_accounts WHERE _export_owner = 'carmenruiz'") == []
    )
    assert _note(warehouse, f"{CARMEN}/direct-messages.js") == (
        f"no account.js in x/carmenruiz and one one-to-one conversation only "
        f"(28734512-{CARMEN_ID}): either side could be the owner; owner account id not "
        "inferred, so the direction of these messages is unknown and they are left out"
    )


def test_conversations_without_a_common_side_cannot_tell_the_owner(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    dms = exports / CARMEN / "direct-messages.js"
    edits.replace_text(
        dms, f'"conversationId" : "28734512-{CARMEN_ID}"', '"conversationId" : "28734512-99"'
    )

    run_loader(warehouse, "x_archive", exports)

    assert (
        records(warehouse, "SELECT * FROM raw.x_accounts WHERE _export_owner = 'carmenruiz'") == []
    )
    assert _note(warehouse, f"{CARMEN}/direct-messages.js") == (
        "no account.js in x/carmenruiz and no side common to all 3 one-to-one conversations: "
        "owner account id not inferred, so the direction of these messages is unknown and "
        "they are left out"
    )


def test_a_later_part_file_resolves_an_ambiguous_owner(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """The inference counts the conversations already landed: a one-conversation archive gets
    its owner once a later part brings a second conversation."""
    dms = exports / CARMEN / "direct-messages.js"
    original = dms.read_text(encoding="utf-8")
    _keep_conversations(dms, f"28734512-{CARMEN_ID}")
    run_loader(warehouse, "x_archive", exports)
    part = exports / CARMEN / "direct-messages-part1.js"
    part.write_text(original.replace(".part0 =", ".part1 ="), encoding="utf-8")
    _keep_conversations(part, f"{CARMEN_ID}-1799012345678901234")

    run_loader(warehouse, "x_archive", exports)

    (account,) = records(
        warehouse,
        "SELECT account_id, is_inferred, _source_file FROM raw.x_accounts WHERE _export_owner = ?",
        "carmenruiz",
    )
    assert account == {
        "account_id": CARMEN_ID,
        "is_inferred": True,
        "_source_file": f"{CARMEN}/direct-messages-part1.js",
    }
    assert "inferred from the conversation ids (the one side common to all 2 one-to-one" in (
        _note(warehouse, f"{CARMEN}/direct-messages-part1.js") or ""
    )


def test_with_account_js_nothing_is_inferred(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    account = [{"account": {"accountId": CARMEN_ID, "username": "carmenruiz",
                            "accountDisplayName": "Carmen Ruiz",
                            "createdAt": "2020-08-01T10:00:00.000Z"}}]  # fmt: skip
    (exports / CARMEN / "account.js").write_text(
        f"window.YTD.account.part0 = {json.dumps(account)}", encoding="utf-8"
    )

    run_loader(warehouse, "x_archive", exports)

    assert records(
        warehouse,
        "SELECT account_id, is_inferred, _row_key FROM raw.x_accounts WHERE _export_owner = ?",
        "carmenruiz",
    ) == [{"account_id": CARMEN_ID, "is_inferred": False, "_row_key": f"carmenruiz/{CARMEN_ID}"}]
    assert _note(warehouse, f"{CARMEN}/direct-messages.js") is None


def test_events_other_than_messages_are_not_messages(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    def add_events(conversations: list[dict[str, Any]]) -> None:
        messages = conversations[0]["dmConversation"]["messages"]
        messages.insert(
            0,
            {"conversationNameUpdate": {"name": "collab", "createdAt": "2026-06-21T09:00:00.000Z"}},
        )
        messages.append(
            {"joinConversation": {"initiatingUserId": "1799012345678901234",
                                  "createdAt": "2026-06-20T16:30:00.000Z"}}
        )  # fmt: skip

    edits.edit_x(exports / CARMEN / "direct-messages.js", add_events)

    run_loader(warehouse, "x_archive", exports)

    assert records(
        warehouse,
        "SELECT count(*) AS n FROM raw.x_direct_messages WHERE _export_owner = 'carmenruiz'",
    ) == [{"n": 7}]


def test_a_message_without_its_time_names_the_file_and_message(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    edits.replace_text(
        exports / CARMEN / "direct-messages.js", "2026-06-10T19:45:10.500Z", "10/06/2026 19:45"
    )

    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "x_archive", exports, strict=True)

    assert str(raised.value) == (
        f"{CARMEN}/direct-messages.js message 3: unparseable createdAt '10/06/2026 19:45' "
        "(expected YYYY-MM-DDTHH:MM:SS[.fff]Z)"
    )


def test_unread_files_of_an_archive_are_reported_before_a_load(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    (exports / CARMEN / "block.js").write_text("window.YTD.block.part0 = [ ]", encoding="utf-8")
    (exports / CARMEN / "tweets_media").mkdir()
    (exports / CARMEN / "tweets_media" / "2059937724625846273-a.jpg").write_bytes(b"\xff\xd8")
    run_loader(warehouse, "x_archive", exports)

    report = _report(warehouse, exports)

    assert report[f"{CARMEN}/block.js"].reason == (
        "no loader for this file: accounts the creator blocked (a moderation list): not read"
    )
    assert report[f"{CARMEN}/tweets_media/2059937724625846273-a.jpg"].reason.startswith(
        "no loader for this file: media attached to tweets"
    )
    assert report[f"{CARMEN}/following.js"].status == "unchanged"
