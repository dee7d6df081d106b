"""YouTube Data API commentThreads responses of every era, recognised by content."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.loaders import load_all
from ingestion.loaders.report import read_report
from ingestion.loaders.youtube_data_api import html_to_text
from tests.ingestion import edits
from tests.ingestion.conftest import records

BRUNO_2019 = "youtube/brunosa/2019-03"
BRUNO_2026 = "youtube/brunosa/response (3).json"
CARMEN_THREAD = "youtube/carmenruiz/thread_UgwLuciaTrenPorto.json"
BRUNO_CHANNEL = "UCbrunosa00000000000003"


def _comments(conn: duckdb.DuckDBPyConnection, owner: str) -> dict[str, dict[str, Any]]:
    rows = records(conn, "SELECT * FROM raw.youtube_comments WHERE _export_owner = ?", owner)
    return {row["comment_id"]: row for row in rows}


def _report(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    return {f.source_file: (f.status, f.reason) for f in read_report(conn).files}


def test_comment_threads_flatten_into_top_level_comments_and_replies(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    comments = _comments(loaded, "alicekovac")
    assert set(comments) == {"UgxThread1", "UgxThread1.AAAA", "UgxThread1.BBBB", "UgxThread2"}
    top = comments["UgxThread1"]
    assert top["parent_comment_id"] is None
    assert (top["thread_id"], top["video_id"]) == ("UgxThread1", "abc123XYZ00")
    assert top["channel_id"] == "UCalice0000000000000001"
    assert (top["author_display_name"], top["author_channel_id"]) == ("@bob", "UCbob")
    assert (top["text_original"], top["text_source"]) == ("Made this tonight 🍲", "textOriginal")
    assert top["like_count"] == 3
    assert top["published_at"] == datetime(2023, 2, 18, 19, 45, 15, tzinfo=UTC)
    assert top["updated_at"] == datetime(2023, 2, 18, 19, 50, tzinfo=UTC)
    reply = comments["UgxThread1.BBBB"]
    assert reply["parent_comment_id"] == "UgxThread1"
    assert (reply["thread_id"], reply["video_id"]) == ("UgxThread1", "abc123XYZ00")
    assert reply["author_channel_id"] == "UCzoe"
    assert reply["like_count"] == 1
    assert comments["UgxThread2"]["video_id"] == "shrt456QRS1"
    # the thread has no channelId: the top-level comment's snippet gives it
    assert comments["UgxThread2"]["channel_id"] == "UCalice0000000000000001"
    assert reply["_row_key"] == "alicekovac/UgxThread1.BBBB"


def test_2019_pages_in_a_sub_folder_have_no_channel_and_html_text_only(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    comments = _comments(loaded, "brunosa")
    old = {cid: c for cid, c in comments.items() if c["_source_file"].startswith(BRUNO_2019)}
    per_file = {
        name: sum(c["_source_file"] == f"{BRUNO_2019}/{name}" for c in old.values())
        for name in ("page1.json", "page2.json")
    }
    assert per_file == {"page1.json": 3, "page2.json": 2}
    assert {c["channel_id"] for c in old.values()} == {None}
    assert {c["text_source"] for c in old.values()} == {"textDisplay"}
    marta = old["UgzMartaCrust2019aa4AaABAg"]
    assert marta["text_original"] == (
        "Tried it twice & the crust cracked both times\nWhat oven temp do you use?"
    )
    assert marta["author_display_name"] == "Marta Lopes"
    assert marta["published_at"] == datetime(2019, 3, 2, 10, 15, tzinfo=UTC)
    answer = old["UgzMartaCrust2019aa4AaABAg.8sBrunoOvenTemp01"]
    assert answer["text_original"] == (
        "Marta, try 230°C for the first 10 minutes, then 200. It's at 2:05 🙂"
    )
    assert (answer["parent_comment_id"], answer["author_channel_id"]) == (
        "UgzMartaCrust2019aa4AaABAg",
        BRUNO_CHANNEL,
    )
    assert answer["updated_at"] == datetime(2019, 3, 2, 18, 41, 12, tzinfo=UTC)
    assert answer["like_count"] == 2
    assert answer["_row_key"] == "brunosa/UgzMartaCrust2019aa4AaABAg.8sBrunoOvenTemp01"
    legacy = old["UgwPedroQueijo2019b4AaABAg"]  # a Google+ era account: no channel id
    assert legacy["author_channel_id"] is None
    assert legacy["text_original"] == '"Best pão de queijo ever" <3 my kids ate 12'
    ines = old["UgxInesRye2019cccc4AaABAg"]
    assert ines["text_original"] == "Can I swap in rye flour? I'd love a darker loaf 🍞"
    assert old["UgxInesRye2019cccc4AaABAg.8sBrunoRyeSwap02"]["text_original"] == (
        "Yes! Up to 30% rye & add 5g more water\nLet me know how it goes"
    )


def test_a_response_saved_under_any_name_loads(loaded: duckdb.DuckDBPyConnection) -> None:
    recent = {
        cid: c for cid, c in _comments(loaded, "brunosa").items() if c["_source_file"] == BRUNO_2026
    }
    assert set(recent) == {
        "UgyLenaFocaccia26aa4AaABAg",
        "UgyLenaFocaccia26aa4AaABAg.AB3BrunoProof0001",
        "UgxInesAgain2026bb4AaABAg",
    }
    reply = recent["UgyLenaFocaccia26aa4AaABAg.AB3BrunoProof0001"]
    assert (reply["channel_id"], reply["text_source"]) == (BRUNO_CHANNEL, "textOriginal")
    assert reply["text_original"] == (
        "Two hours at 24°C, then overnight in the fridge & dimple it hard!"
    )
    assert reply["published_at"] == datetime(2026, 6, 9, 7, 5, tzinfo=UTC)


def test_a_single_comment_thread_object_is_a_page_of_one(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    comments = _comments(loaded, "carmenruiz")
    assert {c["_source_file"] for c in comments.values()} == {CARMEN_THREAD}
    assert len(comments) == 3
    assert {c["thread_id"] for c in comments.values()} == {"UgwLuciaTrenPorto26a4AaABAg"}
    top = comments["UgwLuciaTrenPorto26a4AaABAg"]
    assert (top["parent_comment_id"], top["video_id"]) == (None, "crmVid0001a")
    assert top["text_original"] == "¿Cuánto costó el tren de Vigo a Porto?"
    answer = comments["UgwLuciaTrenPorto26a4AaABAg.AC1CarmenTren00001"]
    assert answer["author_channel_id"] == answer["channel_id"] == "UCcarmenruiz000000000004"
    assert answer["text_original"] == "14,90 € con la tarjeta joven 🙂"
    assert answer["published_at"] == datetime(2026, 6, 5, 9, 12, 40, tzinfo=UTC)


def test_other_api_responses_are_listed_with_the_reason(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    report = _report(loaded)
    assert report["youtube/brunosa/videos.json"] == (
        "not_read",
        "a youtube#videoListResponse, not comment threads",
    )
    loaded_files = {name for name, (status, _) in report.items() if status == "loaded"}
    assert {
        f"{BRUNO_2019}/page1.json",
        f"{BRUNO_2019}/page2.json",
        BRUNO_2026,
        CARMEN_THREAD,
        edits.YOUTUBE_THREADS,
    } <= loaded_files


def test_responses_are_told_by_content_not_by_name(tmp_path: Path, exports: Path) -> None:
    folder = exports / "youtube" / "alicekovac"
    threads = json.loads((folder / "comment_threads_1.json").read_text(encoding="utf-8"))
    # a tool that writes keys sorted puts "items" (and their kinds) before the page's kind
    (folder / "saved").mkdir()
    (folder / "saved" / "comment_threads_1.json").write_text(
        json.dumps({**threads, "kind": "youtube#commentThreadListResponse"}, sort_keys=True)
    )
    (folder / "items only.json").write_text(json.dumps(threads["items"]))
    (folder / "channel.json").write_text('{"kind": "youtube#channelListResponse", "items": []}')
    (folder / "notes.json").write_text('{"todo": "fetch replies"}')
    takeout = folder / "Takeout" / "YouTube and YouTube Music" / "history"
    takeout.mkdir(parents=True)
    (takeout / "watch-history.json").write_text('[{"header": "YouTube", "title": "Watched"}]')

    load_all(tmp_path / "w.duckdb", exports, ["youtube_data_api"])

    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as conn:
        report = _report(conn)
        sorted_copy = records(
            conn,
            "SELECT rows_in_file, rows_inserted FROM raw._load_log WHERE source_file = ?",
            "youtube/alicekovac/saved/comment_threads_1.json",
        )
    assert report["youtube/alicekovac/saved/comment_threads_1.json"][0] == "loaded"
    # the same four comments as the first page: read, and landed once
    assert sorted_copy == [{"rows_in_file": 4, "rows_inserted": 0}]
    assert report["youtube/alicekovac/items only.json"] == (
        "not_read",
        "a JSON array, not a Data API response (save the whole commentThreads response)",
    )
    assert report["youtube/alicekovac/channel.json"] == (
        "not_read",
        "a youtube#channelListResponse, not comment threads",
    )
    assert report["youtube/alicekovac/notes.json"] == (
        "not_read",
        'not a YouTube Data API response (no "kind" near the top)',
    )
    status, reason = report[
        "youtube/alicekovac/Takeout/YouTube and YouTube Music/history/watch-history.json"
    ]
    assert (status, reason.split(",")[0]) == ("not_read", "a Google Takeout file")


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("a<br>b<BR/>c<br />d", "a\nb\nc\nd"),
        ('see <a href="https://x.test/?a=1&amp;b=2">0:30</a> <b>now</b>', "see 0:30 now"),
        ("Tom &amp; Jerry &lt;3 &quot;hi&quot; &apos;yo&apos;", "Tom & Jerry <3 \"hi\" 'yo'"),
        ("it&#39;s &#x27;x&#x27; &#128578;", "it's 'x' 🙂"),
        ("&amp;#39; stays a reference", "&#39; stays a reference"),
        ("R&D & co &bogus; &#1114112; &", "R&D & co &bogus; &#1114112; &"),
        ("", ""),
    ],
)
def test_html_to_text_removes_tags_and_unescapes_once(html: str, text: str) -> None:
    with duckdb.connect() as conn:
        (result,) = conn.execute(f"SELECT {html_to_text('$html')}", {"html": html}).fetchone()
    assert result == text
