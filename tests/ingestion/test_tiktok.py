"""TikTok data download and TikTok Studio CSVs."""

from __future__ import annotations

from datetime import date, datetime

import duckdb

from tests.ingestion.conftest import records

VIDEO_1 = "https://www.tiktokv.com/share/video/7201234567890123456/"
VIDEO_2 = "https://www.tiktokv.com/share/video/7202000000000000001/"


def test_profile_counts_and_placeholders_stay_as_exported(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    (profile,) = records(
        loaded, "SELECT user_name, follower_count, likes_received FROM raw.tiktok_profiles"
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
        loaded, "SELECT chat_with, sender, content, sent_at FROM raw.tiktok_messages ORDER BY 4"
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
    followers = records(loaded, "SELECT username, followed_at FROM raw.tiktok_followers ORDER BY 1")
    assert followers == [
        {"username": "bob", "followed_at": datetime(2023, 2, 18, 19, 45, 15)},
        {"username": "zoe.cooks", "followed_at": datetime(2023, 2, 20, 8, 0)},
    ]


def test_studio_overview_keeps_yearless_days_in_file_order_across_new_year(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    rows = records(
        loaded,
        """SELECT export_date, row_number, date_text, video_views, likes, _export_owner
           FROM raw.tiktok_studio_overview ORDER BY row_number""",
    )
    assert [(r["row_number"], r["date_text"]) for r in rows] == [
        (1, "December 30"),
        (2, "December 31"),
        (3, "January 1"),
        (4, "January 2"),
    ]
    assert {r["export_date"] for r in rows} == {date(2024, 1, 2)}
    assert rows[2]["video_views"] == "2,400"
    assert {r["_export_owner"] for r in rows} == {"alicekovac"}


def test_studio_follower_history_keeps_signed_differences(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    rows = records(
        loaded,
        """SELECT row_number, date_text, followers, follower_difference
           FROM raw.tiktok_studio_follower_history ORDER BY row_number""",
    )
    assert rows[-1] == {
        "row_number": 4,
        "date_text": "January 2",
        "followers": "10238",
        "follower_difference": "-2",
    }
    assert len(rows) == 4
