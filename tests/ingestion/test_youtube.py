"""YouTube Studio CSVs and Data API comment threads."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb

from tests.ingestion.conftest import records


def test_studio_table_data_drops_the_total_row(loaded: duckdb.DuckDBPyConnection) -> None:
    videos = {v["video_id"]: v for v in records(loaded, "SELECT * FROM raw.youtube_studio_videos")}
    assert set(videos) == {"abc123XYZ00", "shrt456QRS1", "live789LMN2"}
    recipe = videos["abc123XYZ00"]
    assert recipe["video_title"] == "Kovač family recipe, part 2 🍲"
    assert recipe["published_on"] == date(2023, 2, 18)
    assert (recipe["views"], recipe["impressions"]) == ("12,345", "100,000")
    assert recipe["content_type"] == "Videos"
    assert videos["shrt456QRS1"]["content_type"] == "Shorts"
    assert videos["live789LMN2"]["content_type"] == "Live"
    assert videos["live789LMN2"]["impressions_ctr"] == "N/A"
    assert videos["live789LMN2"]["published_on"] == date(2023, 3, 1)


def test_studio_chart_data_has_typed_days(loaded: duckdb.DuckDBPyConnection) -> None:
    days = records(
        loaded,
        """SELECT activity_date, views, subscribers, total_subscribers
           FROM raw.youtube_studio_daily ORDER BY 1""",
    )
    assert days[1] == {
        "activity_date": date(2023, 2, 19),
        "views": "2100",
        "subscribers": "-3",
        "total_subscribers": "10022",
    }
    assert len(days) == 3


def test_comment_threads_flatten_into_top_level_comments_and_replies(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    comments = {c["comment_id"]: c for c in records(loaded, "SELECT * FROM raw.youtube_comments")}
    assert set(comments) == {"UgxThread1", "UgxThread1.AAAA", "UgxThread1.BBBB", "UgxThread2"}
    top = comments["UgxThread1"]
    assert top["parent_comment_id"] is None
    assert (top["thread_id"], top["video_id"]) == ("UgxThread1", "abc123XYZ00")
    assert top["channel_id"] == "UCalice0000000000000001"
    assert (top["author_display_name"], top["author_channel_id"]) == ("@bob", "UCbob")
    assert top["text_original"] == "Made this tonight 🍲"
    assert top["like_count"] == 3
    assert top["published_at"] == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)
    assert top["updated_at"] == datetime(2023, 2, 18, 19, 50, tzinfo=UTC)
    reply = comments["UgxThread1.BBBB"]
    assert reply["parent_comment_id"] == "UgxThread1"
    assert (reply["thread_id"], reply["video_id"]) == ("UgxThread1", "abc123XYZ00")
    assert reply["author_channel_id"] == "UCzoe"
    assert reply["like_count"] == 1
    assert comments["UgxThread2"]["video_id"] == "shrt456QRS1"
    assert reply["_row_key"] == "alicekovac/UgxThread1.BBBB"
