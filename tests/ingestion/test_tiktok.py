"""TikTok data download (the Studio CSVs: test_tiktok_studio.py)."""

from __future__ import annotations

from datetime import datetime

import duckdb

from tests.ingestion.conftest import records

VIDEO_1 = "https://www.tiktokv.com/share/video/7201234567890123456/"
VIDEO_2 = "https://www.tiktokv.com/share/video/7202000000000000001/"


def test_profile_counts_and_placeholders_stay_as_exported(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    (profile,) = records(
        loaded,
        "SELECT user_name, follower_count, likes_received FROM raw.tiktok_profiles "
        "WHERE _export_owner = 'alicekovac'",
    )
    assert profile == {"user_name": "alicekovac", "follower_count": "1234", "likes_received": "N/A"}


def test_videos_keep_live_flag_and_na_likes(loaded: duckdb.DuckDBPyConnection) -> None:
    videos = {v["video_link"]: v for v in records(loaded, "SELECT * FROM raw.tiktok_videos")}
    assert videos[VIDEO_1]["likes"] == "120"
    assert videos[VIDEO_1]["is_live"] == "No"
    assert videos[VIDEO_1]["posted_at"] == datetime(2023, 2, 18, 19, 45, 15)
    assert videos[VIDEO_2]["likes"] == "N/A"
    assert videos[VIDEO_2]["is_live"] == "Yes"
    assert videos[VIDEO_2]["sound"] == ""
    assert videos[VIDEO_1]["_row_key"] == f"alicekovac/{VIDEO_1}"


def test_comments_keep_every_kind_of_missing_parent(loaded: duckdb.DuckDBPyConnection) -> None:
    comments = {c["comment_id"]: c for c in records(loaded, "SELECT * FROM raw.tiktok_comments")}
    top, reply, other = (comments[f"720123456789020000{i}"] for i in (1, 2, 3))
    assert (top["parent_comment_id"], top["photo"]) == ("N/A", "N/A")
    assert top["comment_text"] == "so good 😍"
    assert top["video_link"] == VIDEO_1
    assert top["commented_at"] == datetime(2023, 2, 18, 20, 1)
    assert (reply["parent_comment_id"], reply["photo"]) == ("7201234567890200001", "")
    assert (other["parent_comment_id"], other["photo"]) == (None, None)


def test_chat_history_keys_become_chat_with(loaded: duckdb.DuckDBPyConnection) -> None:
    messages = records(
        loaded,
        "SELECT chat_with, sender, content, sent_at FROM raw.tiktok_messages "
        "WHERE _export_owner = 'alicekovac' ORDER BY 4",
    )
    assert messages == [
        {"chat_with": "bob", "sender": "bob", "content": "hi",
         "sent_at": datetime(2023, 2, 18, 21, 0)},
        {"chat_with": "bob", "sender": "alicekovac", "content": "hey Bob 👋",
         "sent_at": datetime(2023, 2, 18, 21, 2, 10)},
        {"chat_with": "zoe.cooks", "sender": "zoe.cooks", "content": "collab? 🍝",
         "sent_at": datetime(2023, 2, 22, 9, 30)},
    ]  # fmt: skip


def test_followers_have_follow_dates(loaded: duckdb.DuckDBPyConnection) -> None:
    followers = records(
        loaded,
        "SELECT username, followed_at FROM raw.tiktok_followers "
        "WHERE _export_owner = 'alicekovac' ORDER BY 1",
    )
    assert followers == [
        {"username": "bob", "followed_at": datetime(2023, 2, 18, 19, 45, 15)},
        {"username": "zoe.cooks", "followed_at": datetime(2023, 2, 20, 8, 0)},
    ]


def test_a_second_creators_download_lands_under_its_own_owner(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    """Carmen's 2026 download: string counts ("48210", "1.2M") stay as exported, times are
    UTC wall clock, a comment with a null parent is top-level, her own reply and message keep
    her handle (staging tells them from the audience's)."""
    (profile,) = records(
        loaded,
        "SELECT user_name, follower_count, likes_received FROM raw.tiktok_profiles "
        "WHERE _export_owner = 'carmenruiz'",
    )
    assert profile == {
        "user_name": "carmenruiz",
        "follower_count": "48210",
        "likes_received": "1.2M",
    }
    counts = {
        table: records(
            loaded, f"SELECT count(*) AS n FROM raw.{table} WHERE _export_owner = 'carmenruiz'"
        )[0]["n"]
        for table in ("tiktok_videos", "tiktok_comments", "tiktok_messages", "tiktok_followers")
    }
    assert counts == {
        "tiktok_videos": 2,
        "tiktok_comments": 4,
        "tiktok_messages": 2,
        "tiktok_followers": 3,
    }
    (reply,) = records(
        loaded, "SELECT * FROM raw.tiktok_comments WHERE comment_id = '7380012345678950002'"
    )
    assert reply["username"] == "carmenruiz"
    assert reply["parent_comment_id"] == "7380012345678950001"
    assert reply["commented_at"] == datetime(2026, 6, 12, 19, 42, 30)
    assert reply["comment_text"] == "Praia da Adraga, Sintra 🌊"
    assert reply["_row_key"] == "carmenruiz/7380012345678950002"
