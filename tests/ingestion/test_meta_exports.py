"""Instagram, Facebook and Meta Business Suite: mojibake stays, nested shapes are flattened."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

from tests.ingestion.conftest import mojibake, records


def test_instagram_posts_take_caption_and_time_from_media_or_album(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    posts = {p["media_uri"]: p for p in records(loaded, "SELECT * FROM raw.instagram_posts")}
    single = posts["media/posts/202302/17912345678901234.jpg"]
    assert single["caption"] == mojibake("Morning run with @bob_k 🏃")
    assert single["media_count"] == 1
    assert single["created_at"] == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)
    album = posts["media/posts/202302/17912345678905678.jpg"]
    assert album["caption"] == mojibake("Kovač family recipe, part 2")
    assert album["caption"] == "Kova\u00c4\u008d family recipe, part 2"
    assert album["media_count"] == 2
    assert "media/live/202302/17912345678909999.mp4" in posts
    assert single["_row_key"] == "alice.kovac/media/posts/202302/17912345678901234.jpg"


def test_instagram_comments_come_out_of_string_map_data(loaded: duckdb.DuckDBPyConnection) -> None:
    comments = {c["comment_id"]: c for c in records(loaded, "SELECT * FROM raw.instagram_comments")}
    top = comments["18000000000000001"]
    assert top["media_id"] == "17912345678901234"
    assert top["parent_comment_id"] == ""
    assert top["author"] == "bob_k"
    assert top["comment_text"] == mojibake("Great pace 🔥")
    assert top["created_at"] == datetime(2023, 2, 18, 19, 46, 40, tzinfo=UTC)
    reply = comments["18000000000000002"]
    assert reply["parent_comment_id"] == "18000000000000001"
    assert reply["author"] == "alice.kovac"


def test_instagram_followers_come_out_of_string_list_data(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    followers = records(loaded, "SELECT * FROM raw.instagram_followers ORDER BY followed_at")
    assert [(f["follower_username"], f["profile_href"]) for f in followers] == [
        ("zoe.cooks", "https://www.instagram.com/zoe.cooks"),
        ("bob_k", "https://www.instagram.com/bob_k"),
    ]
    assert followers[1]["followed_at"] == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)


def test_instagram_messages_keep_thread_participants_and_empty_content(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    messages = records(loaded, "SELECT * FROM raw.instagram_messages ORDER BY sent_at")
    assert len(messages) == 3
    assert {m["thread_folder"] for m in messages} == {"bobk_1234567890"}
    assert messages[0]["participant_names"] == ["Bob K", mojibake("Alice Kovač")]
    assert messages[0]["thread_title"] == "Bob K"
    assert messages[0]["sent_at"] == datetime(2023, 2, 18, 19, 45, 15, 123000, tzinfo=UTC)
    assert messages[1]["sender_name"] == "Bob K"
    assert messages[1]["content"] is None  # a shared photo
    assert messages[2]["sender_name"] == mojibake("Alice Kovač")
    assert messages[2]["content"] == mojibake("Deal 🤝 see you Thursday")
    assert len({m["_row_key"] for m in messages}) == 3


def test_meta_business_suite_numbers_stay_text(loaded: duckdb.DuckDBPyConnection) -> None:
    insights = {r["post_id"]: r for r in records(loaded, "SELECT * FROM raw.meta_post_insights")}
    reel = insights["17912345678901234"]
    assert (reel["views"], reel["reach"], reel["saves"]) == ("15,000", "12,100", "1,204")
    assert reel["post_type"] == "IG reel"
    assert reel["account_name"] == "Alice Kovač"
    assert reel["description"] == "Morning run with @bob_k 🏃"
    assert reel["published_at"] == datetime(2023, 2, 18, 19, 45)
    carousel = insights["17912345678905678"]
    assert carousel["description"] == "Kovač family recipe, part 2"
    assert (carousel["shares"], carousel["follows"], carousel["saves"]) == (None, None, None)
    assert insights["17912345678909999"]["post_type"] == "IG live"


def test_facebook_posts_find_text_url_and_live_flag(loaded: duckdb.DuckDBPyConnection) -> None:
    posts = {p["post_id"]: p for p in records(loaded, "SELECT * FROM raw.facebook_posts")}
    status = posts["pfbid0123"]
    assert status["post_text"] == mojibake("New PR today 🏅")
    assert status["title"] == mojibake("Alice Kovač updated her status.")
    assert status["post_url"] == "https://www.facebook.com/alice/posts/pfbid0123"
    assert status["is_live"] is False
    assert status["created_at"] == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)
    live = posts["pfbid0456"]
    assert live["post_text"] == "Going live: Q&A"  # the second `data` entry
    assert live["post_url"] is None
    assert live["is_live"] is True


def test_facebook_comments_unwrap_data_comment(loaded: duckdb.DuckDBPyConnection) -> None:
    comments = {c["comment_id"]: c for c in records(loaded, "SELECT * FROM raw.facebook_comments")}
    assert comments["c_1"]["parent_comment_id"] == ""
    assert comments["c_1"]["author"] == "Bob K"
    assert comments["c_1"]["comment_text"] == mojibake("Congrats! 👏")
    assert comments["c_1"]["post_id"] == "pfbid0123"
    assert comments["c_2"]["parent_comment_id"] == "c_1"
    assert comments["c_2"]["created_at"] == datetime(2023, 2, 18, 19, 51, 40, tzinfo=UTC)


def test_facebook_messages_share_the_instagram_shape(loaded: duckdb.DuckDBPyConnection) -> None:
    messages = records(loaded, "SELECT * FROM raw.facebook_messages ORDER BY sent_at")
    assert [(m["thread_folder"], m["sender_name"]) for m in messages] == [
        ("bobk_987654321", mojibake("Alice Kovač")),
        ("bobk_987654321", "Bob K"),
    ]
    assert messages[1]["content"] == mojibake("Loved the live 🎉")
    assert messages[1]["_export_owner"] == "alice.kovac.fit"
