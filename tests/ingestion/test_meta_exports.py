"""Instagram, Facebook and Meta Business Suite: mojibake stays, nested shapes are flattened.

Fixtures by era: `instagram/alice.kovac` and `facebook/alice.kovac.fit` (the contract's
layout), `instagram/carmen.ruiz` (a 2026 download: everything under `your_instagram_activity/`,
posts in `media/posts_1.json`), `instagram/bruno.sa` and `facebook/bruno.sa.bakes` (2021
downloads with top-level folders, and a 2026 download saved next to them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import run_loader
from tests.ingestion import edits
from tests.ingestion.conftest import mojibake, records

CARMEN_IG = "instagram/carmen.ruiz/your_instagram_activity"
CARMEN_FOLLOWERS = "instagram/carmen.ruiz/connections/followers_and_following/followers_1.json"
BRUNO_IG = "instagram/bruno.sa"
BRUNO_FB = "facebook/bruno.sa.bakes"


def _by(rows: list[dict[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    return {row[key]: row for row in rows}


def _owned(conn: duckdb.DuckDBPyConnection, table: str, owner: str, order: str = "1") -> list:
    return records(
        conn, f"SELECT * FROM raw.{table} WHERE _export_owner = ? ORDER BY {order}", owner
    )


def _report(conn: duckdb.DuckDBPyConnection, prefix: str) -> dict[str, dict[str, Any]]:
    rows = records(conn, "SELECT * FROM raw._load_report WHERE starts_with(source_file, ?)", prefix)
    return _by(rows, "source_file")


# --- instagram/alice.kovac -------------------------------------------------------------------


def test_instagram_posts_take_caption_and_time_from_media_or_album(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    posts = _by(_owned(loaded, "instagram_posts", "alice.kovac"), "media_uri")
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
    comments = _by(_owned(loaded, "instagram_comments", "alice.kovac"), "comment_id")
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
    followers = _owned(loaded, "instagram_followers", "alice.kovac", "followed_at")
    assert [(f["follower_username"], f["profile_href"]) for f in followers] == [
        ("zoe.cooks", "https://www.instagram.com/zoe.cooks"),
        ("bob_k", "https://www.instagram.com/bob_k"),
    ]
    assert followers[1]["followed_at"] == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)
    assert [f["followed_at_problem"] for f in followers] == [None, None]


def test_instagram_messages_keep_thread_participants_and_empty_content(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    messages = _owned(loaded, "instagram_messages", "alice.kovac", "sent_at")
    assert len(messages) == 3
    assert {m["thread_folder"] for m in messages} == {"bobk_1234567890"}
    assert messages[0]["participant_names"] == ["Bob K", mojibake("Alice Kovač")]
    assert messages[0]["thread_title"] == "Bob K"
    assert messages[0]["sent_at"] == datetime(2023, 2, 18, 19, 45, 15, 123000, tzinfo=UTC)
    assert messages[1]["sender_name"] == "Bob K"
    assert messages[1]["content"] is None  # a shared photo
    assert messages[1]["photo_count"] == 1
    assert messages[2]["sender_name"] == mojibake("Alice Kovač")
    assert messages[2]["content"] == mojibake("Deal 🤝 see you Thursday")
    assert len({m["_row_key"] for m in messages}) == 3


# --- instagram/carmen.ruiz: 2024+ layout, 2025 `media/posts_1.json` ---------------------------


def test_instagram_2025_layout_posts_carousel_single_and_reel(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    posts = _by(_owned(loaded, "instagram_posts", "carmen.ruiz"), "media_uri")
    assert len(posts) == 3
    carousel = posts["media/posts/202606/18034567890123456.jpg"]
    assert carousel["caption"] == mojibake("Lisboa → Porto em 3 dias 🚆 #viagem")  # on top
    assert carousel["media_count"] == 3
    assert carousel["created_at"] == datetime(2026, 6, 12, 18, 30, tzinfo=UTC)
    assert carousel["_source_file"] == f"{CARMEN_IG}/media/posts_1.json"
    single = posts["media/posts/202606/18034567890120001.jpg"]
    assert single["caption"] == mojibake("Café da manhã em Sevilla ☕")  # on media[0] only
    assert single["media_count"] == 1
    assert single["created_at"] == datetime(2026, 6, 3, 7, 15, tzinfo=UTC)
    assert single["_row_key"] == "carmen.ruiz/media/posts/202606/18034567890120001.jpg"
    reel = posts["media/reels/202606/18045678901230001.mp4"]
    assert reel["caption"] == mojibake("Pôr do sol em Cádiz 🌅")
    assert reel["created_at"] == datetime(2026, 6, 20, 20, 5, tzinfo=UTC)
    assert reel["_source_file"] == f"{CARMEN_IG}/media/reels.json"


def test_instagram_2024_layout_comments_and_threads_load(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    comments = _by(_owned(loaded, "instagram_comments", "carmen.ruiz"), "comment_id")
    assert set(comments) == {"18100000000000001", "18100000000000002", "18100000000000003"}
    reply = comments["18100000000000002"]
    assert reply["parent_comment_id"] == "18100000000000001"
    assert reply["comment_text"] == mojibake("Obrigada Marta! 💛")
    assert reply["created_at"] == datetime(2026, 6, 12, 19, 10, tzinfo=UTC)
    threads = loaded.execute(
        """SELECT thread_folder, count(*) FROM raw.instagram_messages
           WHERE _export_owner = 'carmen.ruiz' GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    assert threads == [("martagomez_1122334455", 11), ("viajeros2026_9988776655", 5)]


def test_instagram_messages_land_what_tells_non_messages_apart(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    rows = records(
        loaded,
        """SELECT * FROM raw.instagram_messages
           WHERE thread_folder = 'martagomez_1122334455' ORDER BY sent_at""",
    )
    by_time = {m["sent_at"]: m for m in rows}
    first = rows[0]
    assert first["sent_at"] == datetime(2026, 6, 14, 9, 0, 0, 250000, tzinfo=UTC)
    assert first["content"] == mojibake("Hola Carmen! ¿Colaboramos en julio? 🙌")
    assert first["participant_names"] == [mojibake("Marta Gómez"), "Carmen Ruiz"]
    reacted = by_time[datetime(2026, 6, 14, 9, 5, tzinfo=UTC)]
    assert reacted["content"] == mojibake("Reacted ❤️ to your message")
    answer = by_time[datetime(2026, 6, 14, 9, 6, 30, tzinfo=UTC)]
    assert (answer["reaction_count"], answer["is_unsent"]) == (1, None)
    photo = by_time[datetime(2026, 6, 14, 9, 12, tzinfo=UTC)]
    assert (photo["content"], photo["photo_count"], photo["video_count"]) == (None, 1, 0)
    unsent = by_time[datetime(2026, 6, 14, 9, 20, tzinfo=UTC)]
    assert (unsent["content"], unsent["is_unsent"]) == (None, True)
    bare_share = by_time[datetime(2026, 6, 14, 22, 5, tzinfo=UTC)]
    assert bare_share["share_link"] == "https://www.instagram.com/p/C8xyzUVW456/"
    assert bare_share["share_text"] is None
    share = by_time[datetime(2026, 6, 14, 22, 10, tzinfo=UTC)]
    assert share["share_text"] == mojibake("Top 10 praias escondidas 🏖")
    assert share["content"] == mojibake("Marta Gómez sent an attachment.")
    voice = by_time[datetime(2026, 6, 15, 10, 0, tzinfo=UTC)]
    assert (voice["audio_count"], voice["other_media_count"]) == (1, 0)
    call = by_time[datetime(2026, 6, 15, 18, 32, 10, tzinfo=UTC)]
    assert (call["content"], call["call_duration"]) == ("Audio call ended", 754)
    missed = by_time[datetime(2026, 6, 16, 21, 40, tzinfo=UTC)]
    assert missed["call_duration"] == 0
    assert {m["message_type"] for m in rows} == {None}  # Instagram writes no `type`
    assert len({m["_row_key"] for m in rows}) == 11


def test_instagram_placeholder_follow_times_are_null_with_a_reason(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    followers = _by(_owned(loaded, "instagram_followers", "carmen.ruiz"), "follower_username")
    assert followers["marta.viaja"]["followed_at"] == datetime(2026, 6, 10, 12, tzinfo=UTC)
    assert followers["marta.viaja"]["followed_at_problem"] is None
    before_launch = " (before Instagram launched on 2010-10-06)"
    for handle, stamp in (("ghost.traveler", 0), ("old.account.1", 1), ("early.bird", 10**9)):
        assert followers[handle]["followed_at"] is None
        assert followers[handle]["followed_at_problem"] == (
            f"placeholder timestamp {stamp}{before_launch}"
        )
    # 2024+ entries: the handle in `title`, the link through /_u/
    luis = followers["luis.pereira"]
    assert luis["profile_href"] == "https://www.instagram.com/_u/luis.pereira"
    assert luis["followed_at"] == datetime(2026, 6, 15, 7, 45, tzinfo=UTC)
    assert luis["_row_key"] == "carmen.ruiz/luis.pereira"
    (note,) = loaded.execute(
        "SELECT note FROM raw._load_log WHERE source_file = ?", [CARMEN_FOLLOWERS]
    ).fetchone()
    assert note == (
        "3 timestamp values before Instagram launched on 2010-10-06: set to null (raw._load_notes)"
    )
    notes = loaded.execute(
        "SELECT position, field, value, note FROM raw._load_notes WHERE source_file = ? "
        "ORDER BY position",
        [CARMEN_FOLLOWERS],
    ).fetchall()
    assert notes == [
        (f"follower {n}", "timestamp", value, before_launch.strip(" ()"))
        for n, value in ((2, "0"), (3, "1"), (4, "1000000000"))
    ]


# --- instagram/bruno.sa: 2021 top-level folders, and a 2026 download beside them -------------


def test_instagram_top_level_layout_of_older_downloads_loads(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    posts = _by(_owned(loaded, "instagram_posts", "bruno.sa"), "media_uri")
    old = posts["media/posts/202109/17890012345678901.jpg"]
    assert old["_source_file"] == f"{BRUNO_IG}/content/posts_1.json"
    assert old["caption"] == mojibake("Pão de queijo saindo do forno 🧀")
    assert old["created_at"] == datetime(2021, 9, 4, 16, 20, tzinfo=UTC)
    album = posts["media/posts/202108/17890012345670001.jpg"]
    assert (album["caption"], album["media_count"]) == ("Broa de milho, passo a passo", 2)
    recent = posts["media/posts/202606/18023456789012345.jpg"]
    assert recent["_source_file"] == f"{BRUNO_IG}/your_instagram_activity/content/posts_1.json"
    comments = _by(_owned(loaded, "instagram_comments", "bruno.sa"), "comment_id")
    assert comments["17900000000000001"]["_source_file"] == (
        f"{BRUNO_IG}/comments/comments_on_your_posts_1.json"
    )
    assert comments["17900000000000002"]["comment_text"] == mojibake("Obrigado, Ana! 😊")
    assert comments["18200000000000001"]["created_at"] == datetime(2026, 6, 19, 16, 10, tzinfo=UTC)
    messages = _owned(loaded, "instagram_messages", "bruno.sa", "sent_at")
    assert [(m["thread_folder"], m["sent_at"].year) for m in messages] == [
        ("anapaulareis_2233445566", 2021),
    ] * 4 + [("luisadoces_3344556677", 2026)] * 3
    assert messages[0]["_source_file"] == (
        f"{BRUNO_IG}/messages/inbox/anapaulareis_2233445566/message_1.json"
    )
    assert messages[1]["video_count"] == 1
    assert messages[3]["content"] == "Liked a message"
    assert messages[4]["sender_name"] == mojibake("Luísa Doces")


def test_instagram_relationships_followers_file_of_older_downloads(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    followers = _by(_owned(loaded, "instagram_followers", "bruno.sa"), "follower_username")
    assert set(followers) == {"ana.paula.reis", "padaria.fan", "luisa.doces"}
    ana = followers["ana.paula.reis"]
    assert ana["_source_file"] == f"{BRUNO_IG}/followers_and_following/followers.json"
    assert ana["followed_at"] == datetime(2021, 8, 20, 14, tzinfo=UTC)
    assert followers["padaria.fan"]["followed_at"] is None
    assert followers["padaria.fan"]["followed_at_problem"].startswith("placeholder timestamp 0 ")
    assert followers["luisa.doces"]["_source_file"] == (
        f"{BRUNO_IG}/connections/followers_and_following/followers_1.json"
    )
    kinds = _report(loaded, f"{BRUNO_IG}/")
    assert kinds[f"{BRUNO_IG}/followers_and_following/followers.json"]["file_set"] == (
        "Instagram followers (relationships_followers)"
    )
    assert kinds[f"{BRUNO_IG}/connections/followers_and_following/followers_1.json"][
        "file_set"
    ] == ("Instagram followers")


def test_instagram_files_not_read_have_their_reason(loaded: duckdb.DuckDBPyConnection) -> None:
    report = _report(loaded, "instagram/")
    reasons = {
        f"{BRUNO_IG}/your_topics/your_topics.html": "HTML download: request the JSON format",
        f"{BRUNO_IG}/personal_information/personal_information.json": "account, ads, activity",
        f"{BRUNO_IG}/media/posts/202109/17890012345678901.jpg": "media file (photo, video)",
        f"{BRUNO_IG}/followers_and_following/following.json": "other connections list",
        f"{CARMEN_IG}/messages/message_requests/cheapfollowers_5566778899/message_1.json": (
            "message request: a conversation the creator never accepted"
        ),
        f"{CARMEN_IG}/messages/inbox/martagomez_1122334455/photos/1.jpg": "message attachment",
        f"{CARMEN_IG}/comments/post_comments_1.json": "comments the creator wrote",
        f"{CARMEN_IG}/media/stories.json": "other content (stories",
        "instagram/carmen.ruiz/ads_information/instagram_ads_and_businesses/"
        "advertisers_using_your_activity_or_information.json": "account, ads, activity",
    }
    for source_file, reason in reasons.items():
        row = report[source_file]
        assert row["status"] == "not_read", source_file
        assert reason in row["reason"], (source_file, row["reason"])
    unexplained = [f for f, row in report.items() if row["reason"] == "no loader for this file"]
    assert unexplained == []
    loaded_files = {f for f, row in report.items() if row["status"] == "loaded"}
    assert len(loaded_files) == 18


# --- facebook/alice.kovac.fit ----------------------------------------------------------------


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
    posts = _by(_owned(loaded, "facebook_posts", "alice.kovac.fit"), "post_id")
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
    comments = _by(_owned(loaded, "facebook_comments", "alice.kovac.fit"), "comment_id")
    assert comments["c_1"]["parent_comment_id"] == ""
    assert comments["c_1"]["author"] == "Bob K"
    assert comments["c_1"]["comment_text"] == mojibake("Congrats! 👏")
    assert comments["c_1"]["post_id"] == "pfbid0123"
    assert comments["c_2"]["parent_comment_id"] == "c_1"
    assert comments["c_2"]["created_at"] == datetime(2023, 2, 18, 19, 51, 40, tzinfo=UTC)


def test_facebook_messages_share_the_instagram_shape(loaded: duckdb.DuckDBPyConnection) -> None:
    messages = _owned(loaded, "facebook_messages", "alice.kovac.fit", "sent_at")
    assert [(m["thread_folder"], m["sender_name"]) for m in messages] == [
        ("bobk_987654321", mojibake("Alice Kovač")),
        ("bobk_987654321", "Bob K"),
    ]
    assert messages[1]["content"] == mojibake("Loved the live 🎉")
    assert messages[1]["_export_owner"] == "alice.kovac.fit"


# --- facebook/bruno.sa.bakes: 2021 top-level folders, and a 2026 download beside them --------


def _derived_post_id(conn: duckdb.DuckDBPyConnection, values: list[str | None]) -> str:
    (key,) = conn.execute("SELECT md5(CAST(to_json($v) AS VARCHAR))", {"v": values}).fetchone()
    return f"derived:{key}"


def test_facebook_posts_of_real_downloads_get_a_derived_id(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    posts = _by(_owned(loaded, "facebook_posts", "bruno.sa.bakes"), "created_at")
    assert len(posts) == 4
    status = posts[datetime(2021, 1, 1, 12, tzinfo=UTC)]
    title = mojibake("Bruno Sá updated his status.")
    assert status["title"] == title
    assert status["post_id"] == _derived_post_id(
        loaded, ["bruno.sa.bakes", "1609502400", title, None]
    )
    assert status["_row_key"] == f"bruno.sa.bakes/{status['post_id']}"
    assert status["post_text"] == mojibake("Feliz Ano Novo! 🎆 Bolo-rei saindo do forno")
    assert status["_source_file"] == f"{BRUNO_FB}/posts/your_posts_1.json"
    assert (status["is_live"], status["post_url"]) == (None, None)
    photo = posts[datetime(2021, 1, 10, 9, 30, tzinfo=UTC)]
    photo_uri = "photos_and_videos/TimelinePhotos_1122334455/138123456789_n.jpg"
    assert photo["post_id"] == _derived_post_id(
        loaded, ["bruno.sa.bakes", "1610271000", mojibake("Bruno Sá added a new photo."), photo_uri]
    )
    link = posts[datetime(2021, 1, 20, 19, tzinfo=UTC)]
    assert link["post_url"] == "https://www.example.com/receitas/pastel-de-nata"
    recent = posts[datetime(2026, 6, 21, 9, tzinfo=UTC)]
    assert recent["_source_file"] == (
        f"{BRUNO_FB}/your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json"
    )
    assert recent["post_text"] == mojibake("Pastéis de nata, fornada de sábado 🥧")
    assert len({p["post_id"] for p in posts.values()}) == 4
    comments = _by(_owned(loaded, "facebook_comments", "bruno.sa.bakes"), "comment_id")
    assert {c["post_id"] for c in comments.values()} == {status["post_id"]}
    assert comments["10158000000000001"]["_source_file"] == (
        f"{BRUNO_FB}/comments/comments_on_your_posts_1.json"
    )
    assert comments["10158000000000002"]["comment_text"] == mojibake("Obrigado tia! 😘")
    (note,) = loaded.execute(
        "SELECT note FROM raw._load_log WHERE source_file = ?",
        [f"{BRUNO_FB}/posts/your_posts_1.json"],
    ).fetchone()
    assert note.startswith("no post_id on 3 post(s)")


def test_facebook_older_threads_keep_type_share_call_and_sticker(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    messages = _owned(loaded, "facebook_messages", "bruno.sa.bakes", "sent_at")
    assert len(messages) == 16
    folders = {m["thread_folder"]: m["_source_file"] for m in messages}
    assert folders == {
        "joanasa_4455667788": f"{BRUNO_FB}/messages/inbox/joanasa_4455667788/message_1.json",
        "familiasa_5566778899": (
            f"{BRUNO_FB}/messages/archived_threads/familiasa_5566778899/message_1.json"
        ),
        "clientejoao_6677889900": (
            f"{BRUNO_FB}/your_facebook_activity/messages/inbox/clientejoao_6677889900/"
            "message_1.json"
        ),
    }
    by_time = {m["sent_at"]: m for m in messages}
    share = by_time[datetime(2021, 1, 2, 21, tzinfo=UTC)]
    assert (share["message_type"], share["share_link"]) == (
        "Share",
        "https://www.example.com/bolo-de-laranja",
    )
    call = by_time[datetime(2021, 1, 3, 17, 30, tzinfo=UTC)]
    assert (call["message_type"], call["call_duration"]) == ("Call", 312)
    sticker = by_time[datetime(2021, 1, 3, 18, tzinfo=UTC)]
    assert (sticker["content"], sticker["other_media_count"]) == (None, 1)
    left = by_time[datetime(2021, 1, 4, 10, tzinfo=UTC)]
    assert (left["message_type"], left["content"]) == (
        "Unsubscribe",
        mojibake("Rui Sá left the group."),
    )
    reacted_on = by_time[datetime(2021, 1, 2, 20, 40, tzinfo=UTC)]
    assert reacted_on["reaction_count"] == 1
    assert reacted_on["content"] == mojibake("Faço sim! Para quando? 🎂")


def test_facebook_files_not_read_have_their_reason(loaded: duckdb.DuckDBPyConnection) -> None:
    report = _report(loaded, f"{BRUNO_FB}/")
    reasons = {
        f"{BRUNO_FB}/index.html": "HTML download: request the JSON format",
        f"{BRUNO_FB}/comments/comments.json": "comments the creator made",
        f"{BRUNO_FB}/friends/friends.json": "friends and followers lists",
        f"{BRUNO_FB}/messages/inbox/joanasa_4455667788/photos/1.jpg": "message attachment",
        f"{BRUNO_FB}/messages/message_requests/lojadebolos_6677001122/message_1.json": (
            "message request"
        ),
        f"{BRUNO_FB}/messages/stickers_used/369239263222822.png": "other Messenger file",
        f"{BRUNO_FB}/profile_information/profile_information.json": "account, ads, activity",
    }
    assert {f for f, row in report.items() if row["status"] == "not_read"} == set(reasons)
    for source_file, reason in reasons.items():
        assert reason in report[source_file]["reason"], (source_file, report[source_file])
    assert {row["file_set"] for row in report.values() if row["status"] == "loaded"} == {
        "Facebook posts",
        "Facebook comments received",
        "Facebook message threads",
    }


# --- malformed records name the file and the record ------------------------------------------


def test_a_call_duration_that_is_not_seconds_is_named(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    thread = f"{CARMEN_IG}/messages/inbox/martagomez_1122334455/message_1.json"
    edits.replace_text(exports / thread, '"call_duration": 754', '"call_duration": "12 min"')
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "instagram", exports, strict=True)
    assert str(raised.value) == (
        f"{thread} message 2: unparseable call_duration '12 min' (expected seconds)"
    )


def test_a_facebook_post_without_id_or_time_is_named(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    posts = f"{BRUNO_FB}/posts/your_posts_1.json"
    edits.edit_json(exports / posts, lambda items: items[1].pop("timestamp"))
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "facebook", exports, strict=True)
    assert str(raised.value) == f"{posts} post 2: empty timestamp"
