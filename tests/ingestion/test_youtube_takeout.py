"""Google Takeout YouTube comments (`comments.csv`) of every header era."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import load_all, run_loader
from ingestion.loaders.report import read_report
from tests.ingestion import edits
from tests.ingestion.conftest import records

TAKEOUT = "Takeout/YouTube and YouTube Music"
CARMEN = f"youtube/carmenruiz/{TAKEOUT}/comments/comments.csv"
BRUNO = f"youtube/brunosa/takeout-20240302T101500Z-001/{TAKEOUT}/comments/comments.csv"
ALICE = "youtube/alicekovac/comments/comments.csv"
CARMEN_CHANNEL = "UCcarmenruiz000000000004"


def _comments(conn: duckdb.DuckDBPyConnection, source_file: str) -> dict[str, dict[str, Any]]:
    rows = records(
        conn, "SELECT * FROM raw.youtube_takeout_comments WHERE _source_file = ?", source_file
    )
    return {row["comment_id"]: row for row in rows}


def _report(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str | None]]:
    return {f.source_file: (f.status, f.reason) for f in read_report(conn).files}


def test_newest_header_fragments_are_joined_and_blank_lines_skipped(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    comments = _comments(loaded, CARMEN)
    assert len(comments) == 8
    assert {c["channel_id"] for c in comments.values()} == {CARMEN_CHANNEL}
    assert {c["_export_owner"] for c in comments.values()} == {"carmenruiz"}
    outreach = comments["UgxCarmenNightTrains4AaABAg"]
    assert outreach["comment_text"] == "Loved the @nomadnoor bit about night trains!"
    assert outreach["text_format"] == "fragments"
    assert (outreach["video_id"], outreach["post_id"]) == ("trvNoor0001", None)
    assert outreach["parent_comment_id"] is None  # no such column in this header
    assert outreach["commented_at"] == datetime(2026, 6, 3, 18, 22, 5, 123456, tzinfo=UTC)
    assert outreach["price"] == "0"
    assert outreach["_row_key"] == "carmenruiz/UgxCarmenNightTrains4AaABAg"
    # a raw line break inside a fragment's string
    reply = comments["UgyNoorQuestion000004AaABAg.AC2CarmenPorto0001"]
    assert reply["comment_text"] == "Thanks Noor!\nSee you in Porto"
    assert reply["commented_at"] == datetime(2026, 6, 4, 8, 0, tzinfo=UTC)
    assert comments["UgzCarmenLisbonTram04AaABAg"]["comment_text"] == (
        "Tram 28 at 7am is the only way 🚋"
    )
    assert comments["UgzCarmenLisbonTram04AaABAg"]["commented_at"] == datetime(
        2026, 6, 10, 7, 45, 31, 250000, tzinfo=UTC
    )
    assert comments["UgyCarmenOldOutreach4AaABAg"]["comment_text"] == (
        "Saved for my trip: rail pass guide"
    )


def test_community_post_rows_have_a_post_and_no_video(loaded: duckdb.DuckDBPyConnection) -> None:
    comments = _comments(loaded, CARMEN)
    posts = {cid: c for cid, c in comments.items() if c["post_id"] is not None}
    assert set(posts) == {
        "UgwCarmenAzoresPost4AaABAg",
        "UgxTomasPostAsk00004AaABAg.AC3CarmenPostRe01",
    }
    assert {c["video_id"] for c in posts.values()} == {None}
    asked = posts["UgxTomasPostAsk00004AaABAg.AC3CarmenPostRe01"]
    assert asked["post_id"] == "UgkxTomasPorto000000000000000000002"
    assert asked["comment_text"] == "Count me in, @tomas.trips"
    assert asked["price"] is None
    assert asked["commented_at"] == datetime(2026, 6, 16, 6, 5, 9, 100000, tzinfo=UTC)


def test_pre_2024_takeout_segments_and_parent_column(loaded: duckdb.DuckDBPyConnection) -> None:
    comments = _comments(loaded, BRUNO)
    assert len(comments) == 3
    assert {c["text_format"] for c in comments.values()} == {"takeout_segments"}
    first = comments["UgxBrunoOutreachLevain4AaABAg"]
    assert first["comment_text"] == "Your levain timeline saved my weekend bake 🙌"
    assert first["commented_at"] == datetime(2023, 11, 20, 16, 5, 44, 801024, tzinfo=UTC)
    assert (first["post_id"], first["parent_comment_id"]) == (None, None)
    answer = comments["UgwLenaAsksRye00000004AaABAg.9yBrunoAnswer0000001"]
    assert answer["parent_comment_id"] == "UgwLenaAsksRye00000004AaABAg"
    assert answer["comment_text"] == "Same flour, just 5% rye and a longer bulk"
    own = comments["UgxInesRye2019cccc4AaABAg.8sBrunoRyeSwap02"]
    assert own["comment_text"] == "Yes! Up to 30% rye & add 5g more water\nLet me know how it goes"
    assert own["_row_key"] == "brunosa/UgxInesRye2019cccc4AaABAg.8sBrunoRyeSwap02"


def test_eight_column_header_directly_in_a_comments_folder(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    comments = _comments(loaded, ALICE)
    assert set(comments) == {
        "UgxThread1.AAAA",
        "UgxAlicePacingTips04AaABAg",
        "UgwAliceRunClubPost4AaABAg",
    }
    assert comments["UgxThread1.AAAA"]["parent_comment_id"] == "UgxThread1"
    assert comments["UgxAlicePacingTips04AaABAg"]["comment_text"] == (
        "Great pacing tips, thank you!"
    )
    post = comments["UgwAliceRunClubPost4AaABAg"]
    assert (post["post_id"], post["video_id"]) == ("UgkxRunClubSunday000000000000000003", None)
    assert post["commented_at"] == datetime(2024, 10, 5, 17, 45, 10, 500000, tzinfo=UTC)


def test_other_takeout_files_are_listed_with_the_reason(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    report = _report(loaded)
    assert report[f"youtube/brunosa/{TAKEOUT}/my-comments/my-comments.html"] == (
        "not_read",
        "an older Takeout's comments page (HTML), not read: a newer Takeout of YouTube and "
        "YouTube Music writes comments/comments.csv, which is",
    )
    other = (
        "not_read",
        "no loader for this file: a Google Takeout file other than the YouTube comments "
        "(only YouTube and YouTube Music/comments/*.csv is read from a Takeout)",
    )
    assert report["youtube/carmenruiz/Takeout/archive_browser.html"] == other
    assert report[f"youtube/carmenruiz/{TAKEOUT}/subscriptions/subscriptions.csv"] == other
    assert {report[name][0] for name in (CARMEN, BRUNO, ALICE)} == {"loaded"}


def test_mid_2024_header_order_and_split_files(tmp_path: Path, exports: Path) -> None:
    """Mid-2024 exports put Channel ID first; a long history comes split in several files,
    and a CSV of another kind in the comments folder is listed, not read."""
    folder = exports / "youtube" / "carmenruiz" / TAKEOUT / "comments"
    (folder / "comments(1).csv").write_text(
        "Channel ID,Comment Create Timestamp,Price,Comment ID,Parent Comment ID,Video ID,"
        "Comment Text\n"
        f"{CARMEN_CHANNEL},2024-08-01T10:00:00.5Z,0,UgxMid2024Comment04AaABAg,,trvMid0001,"
        '"{""text"":""Mid-2024 ""},{""text"":""spelling""}"\n'
        f"{CARMEN_CHANNEL},2012-05-01T10:00:00+02:00,0,UgxPlainOld000004AaABAg,,trvOld0002,"
        '"plain text, as the oldest CSVs wrote it"\n',
        encoding="utf-8",
    )
    (folder / "comments-de.csv").write_text("Kommentar-ID,Kanal-ID,Kommentartext\nx,y,z\n")

    load_all(tmp_path / "w.duckdb", exports, ["youtube_takeout"])

    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as conn:
        split = _comments(conn, f"youtube/carmenruiz/{TAKEOUT}/comments/comments(1).csv")
        report = _report(conn)
    middle = split["UgxMid2024Comment04AaABAg"]
    assert (middle["comment_text"], middle["channel_id"]) == ("Mid-2024 spelling", CARMEN_CHANNEL)
    assert middle["commented_at"] == datetime(2024, 8, 1, 10, 0, 0, 500000, tzinfo=UTC)
    plain = split["UgxPlainOld000004AaABAg"]
    assert (plain["text_format"], plain["comment_text"]) == (
        "plain",
        "plain text, as the oldest CSVs wrote it",
    )
    assert plain["commented_at"] == datetime(2012, 5, 1, 8, 0, tzinfo=UTC)
    assert report[f"youtube/carmenruiz/{TAKEOUT}/comments/comments-de.csv"] == (
        "not_read",
        "a CSV without the Takeout comments header (Comment ID, ..., Comment Text)",
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "2026-06-04T08:00:00+00:00",
            "04/06/2026 08:00",
            "row 2: unparseable Comment Create Timestamp '04/06/2026 08:00' (expected ISO 8601",
        ),
        (
            '"{""text"":""Tram 28',
            '"{""text"":""Tram 28""',
            "row 4: Comment Text is not JSON text fragments",
        ),
        ("UgxCarmenPinnedFaq004AaABAg,", ",", "row 7: empty Comment ID"),
    ],
)
def test_a_bad_row_is_named(
    warehouse: duckdb.DuckDBPyConnection, exports: Path, old: str, new: str, message: str
) -> None:
    edits.replace_text(exports / CARMEN, old, new)
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "youtube_takeout", exports, strict=True)
    assert str(raised.value).startswith(f"{CARMEN} {message}")
