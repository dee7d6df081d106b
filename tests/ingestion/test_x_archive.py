"""X archive: the window.YTD prefix is stripped, strings stay strings, times are typed."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import run_loader
from tests.ingestion import edits
from tests.ingestion.conftest import records


def test_account_is_landed_with_its_creation_time(loaded: duckdb.DuckDBPyConnection) -> None:
    (account,) = records(loaded, "SELECT * FROM raw.x_accounts")
    assert account["account_id"] == "1001"
    assert account["username"] == "alice"
    assert account["account_display_name"] == "Alice Kovač"
    assert account["account_created_at"] == datetime(2019, 4, 1, 10, 0, tzinfo=UTC)
    assert account["_row_key"] == "1001"


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
           FROM raw.x_direct_messages ORDER BY created_at""",
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
        loaded, "SELECT follower_account_id, user_link, _row_key FROM raw.x_followers ORDER BY 1"
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

    result = run_loader(warehouse, "x_archive", exports)

    assert result.rows_inserted["x_tweets"] == 4
    (landed,) = records(
        warehouse, "SELECT _source_file FROM raw.x_tweets WHERE tweet_id = '1632000000000000001'"
    )
    assert landed["_source_file"] == f"{edits.X_DATA}/tweets-part1.js"


def test_a_part_file_must_name_its_own_part(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    part = exports / edits.X_DATA / "direct-messages-part2.js"
    part.write_text("window.YTD.direct_messages.part0 = []", encoding="utf-8")

    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "x_archive", exports)

    expected = f"{edits.X_DATA}/direct-messages-part2.js: not a window.YTD.direct_messages.part2"
    assert str(raised.value).startswith(expected)
