"""Malformed exports raise ExportFormatError naming file and problem, and change nothing.

Each case edits a copy of the fixture exports the way a newer download would (so a good file
of another kind in the same loader run has new rows to land first) and then breaks one file.
The warehouse already holds the pristine fixtures; every raw table, the load log included,
must read the same after the failed load.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from ingestion.__main__ import main
from ingestion.errors import ExportFormatError
from ingestion.loaders import LOADERS, load_all, run_loader
from tests.ingestion import edits
from tests.ingestion.conftest import FIXTURE_EXPORTS, raw_snapshot


@dataclass(frozen=True)
class Broken:
    loader: str
    damage: Callable[[Path], None]
    message: str  # the whole message, or its start when it ends with "..."


def _x_account_added_and_tweets_prefix_wrong(exports: Path) -> None:
    edits.edit_x(
        exports / edits.X_DATA / "account.js",
        lambda accounts: accounts.append(
            {"account": {"accountId": "1002", "username": "alice2", "createdAt": None}}
        ),
    )
    edits.replace_text(
        exports / edits.X_DATA / "tweets.js", "window.YTD.tweets.part0", "window.YTD.tweet.part0"
    )


def _x_tweet_added_and_direct_messages_truncated(exports: Path) -> None:
    edits.edit_x(
        exports / edits.X_DATA / "tweets.js",
        lambda tweets: tweets.append(edits.new_tweet("1632000000000000001")),
    )
    edits.truncate(exports / edits.X_DATA / "direct-messages.js")


def _x_account_time_unparseable(exports: Path) -> None:
    edits.replace_text(
        exports / edits.X_DATA / "account.js", "2019-04-01T10:00:00.000Z", "01/04/2019"
    )


def _instagram_post_added_and_comments_truncated(exports: Path) -> None:
    edits.edit_json(exports / edits.IG_POSTS, lambda posts: posts.append(
        edits.new_instagram_post("17999999999999999")
    ))  # fmt: skip
    edits.truncate(exports / edits.IG_COMMENTS)


def _instagram_post_added_and_comment_time_unparseable(exports: Path) -> None:
    edits.edit_json(exports / edits.IG_POSTS, lambda posts: posts.append(
        edits.new_instagram_post("17999999999999999")
    ))  # fmt: skip
    edits.edit_json(
        exports / edits.IG_COMMENTS,
        lambda doc: doc["comments_media_comments"][1]["string_map_data"]["Time"].update(
            timestamp="yesterday"
        ),
    )


def _instagram_followers_file_blank(exports: Path) -> None:
    """Blanks only (a 0-byte file is not read at all: the load report lists it as empty)."""
    (exports / edits.IG_FOLLOWERS).write_bytes(b"  \n")


def _facebook_comments_wrong_shape(exports: Path) -> None:
    (exports / edits.FB_COMMENTS).write_text(json.dumps({"comments_v2": "none"}))


def _crm_contact_added_and_deals_missing_stage(exports: Path) -> None:
    edits.append_text(
        exports / "crm/contacts.csv",
        "104,Finn,Oak,finn@example.com,,2023-05-01 10:00,lead,Direct Traffic,,,,,,\n",
    )
    deals = exports / "crm/deals.csv"
    lines = deals.read_text().splitlines()
    deals.write_text(
        "\n".join(line.replace(",Closed Won", "").replace(",Contract Sent", "")
                  .replace(",Closed Lost", "").replace(",Deal Stage", "") for line in lines)
        + "\n"
    )  # fmt: skip


def _crm_deal_close_date_impossible(exports: Path) -> None:
    edits.replace_text(exports / "crm/deals.csv", "2023-05-01 09:00", "2024-13-45")


def _linkedin_connection_added_and_message_date_without_zone(exports: Path) -> None:
    edits.append_text(
        exports / edits.LINKEDIN / "Connections.csv",
        "Erin,Moss,https://www.linkedin.com/in/erin-moss,,,,02 Apr 2023\n",
    )
    edits.replace_text(
        exports / edits.LINKEDIN / "messages.csv", "2023-03-01 16:00:00 UTC", "2023-03-01 16:00"
    )


def _tiktok_comment_id_empty(exports: Path) -> None:
    edits.replace_text(exports / edits.TIKTOK, '"7201234567890200002"', '""')


def _tiktok_chat_key_unexpected(exports: Path) -> None:
    edits.replace_text(exports / edits.TIKTOK, '"Chat History with bob:"', '"Chats with bob"')


def _studio_february_30(exports: Path) -> None:
    folder = exports / edits.STUDIO / "2024-03-02"
    folder.mkdir()
    (folder / "Overview.csv").write_text(
        '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
        '"February 28","1","1","1","1","1"\n'
        '"February 29","1","1","1","1","1"\n'
        '"February 30","1","1","1","1","1"\n'
    )


def _studio_folder_not_a_date(exports: Path) -> None:
    (exports / edits.STUDIO / "2024-01-02").rename(exports / edits.STUDIO / "2024-02-30")


def _youtube_studio_publish_time_day_first(exports: Path) -> None:
    edits.replace_text(exports / edits.YT_STUDIO / "Table data.csv", '"Feb 20, 2023"', "20/02/2023")


def _youtube_reply_without_id(exports: Path) -> None:
    edits.replace_text(exports / edits.YOUTUBE_THREADS, '"UgxThread1.AAAA"', '""')


def _youtube_wrong_kind(exports: Path) -> None:
    # a file that starts like comment threads (the items' kinds come first) but whose own kind
    # is another response's (a file whose first kind is another is listed, not read)
    path = exports / edits.YOUTUBE_THREADS
    items = json.loads(path.read_text(encoding="utf-8"))["items"]
    path.write_text(
        json.dumps({"items": items, "kind": "youtube#videoListResponse"}), encoding="utf-8"
    )


def _meta_business_suite_iso_publish_time(exports: Path) -> None:
    edits.replace_text(exports / edits.META_BS, "02/19/2023 20:06", "2023-02-19 20:06")


def _roster_row_with_extra_field(exports: Path) -> None:
    edits.append_text(exports / "roster/creators.csv", "cr_0003,Extra,,,,,,,,,,,,surplus\n")


def _crm_contacts_blank(exports: Path) -> None:
    (exports / "crm/contacts.csv").write_bytes(b"\n\n")


def _introductions_without_id(exports: Path) -> None:
    edits.replace_text(exports / "introductions/introductions_log.csv", "INT-0002,", ",")


CASES = {
    "x wrong prefix": Broken(
        "x_archive",
        _x_account_added_and_tweets_prefix_wrong,
        "x/alice/data/tweets.js: not a window.YTD.tweets.part0 assignment",
    ),
    "x truncated": Broken(
        "x_archive",
        _x_tweet_added_and_direct_messages_truncated,
        "x/alice/data/direct-messages.js: invalid JSON (truncated or corrupt): ...",
    ),
    "x date": Broken(
        "x_archive",
        _x_account_time_unparseable,
        "x/alice/data/account.js record 1: unparseable createdAt '01/04/2019' "
        "(expected YYYY-MM-DDTHH:MM:SS[.fff]Z)",
    ),
    "instagram truncated": Broken(
        "instagram",
        _instagram_post_added_and_comments_truncated,
        f"{edits.IG_COMMENTS}: invalid JSON (truncated or corrupt): ...",
    ),
    "instagram date": Broken(
        "instagram",
        _instagram_post_added_and_comment_time_unparseable,
        f"{edits.IG_COMMENTS} comment 2: unparseable Time 'yesterday' (expected epoch seconds)",
    ),
    "instagram blank file": Broken(
        "instagram",
        _instagram_followers_file_blank,
        f"{edits.IG_FOLLOWERS}: invalid JSON (truncated or corrupt): ...",
    ),
    "facebook shape": Broken(
        "facebook",
        _facebook_comments_wrong_shape,
        f'{edits.FB_COMMENTS}: expected a JSON object with a "comments_v2" list of comments '
        '(objects with "data" or "timestamp"), found "comments_v2" as a string',
    ),
    "crm missing column": Broken(
        "crm",
        _crm_contact_added_and_deals_missing_stage,
        "crm/deals.csv: missing required column 'Deal Stage'",
    ),
    "crm date": Broken(
        "crm",
        _crm_deal_close_date_impossible,
        "crm/deals.csv row 3: unparseable Close Date '2024-13-45' "
        "(expected YYYY-MM-DD HH:MM or YYYY-MM-DD)",
    ),
    "linkedin date after multi-line row": Broken(
        "linkedin",
        _linkedin_connection_added_and_message_date_without_zone,
        "linkedin/alice-kovac/messages.csv row 2: unparseable DATE '2023-03-01 16:00' "
        "(expected YYYY-MM-DD HH:MM:SS UTC)",
    ),
    "tiktok empty id": Broken(
        "tiktok",
        _tiktok_comment_id_empty,
        f"{edits.TIKTOK} CommentsList item 2: empty commentId",
    ),
    "tiktok chat key": Broken(
        "tiktok",
        _tiktok_chat_key_unexpected,
        f"{edits.TIKTOK}: unexpected ChatHistory key 'Chats with bob' "
        "(expected 'Chat History with <user>:')",
    ),
    "studio day": Broken(
        "tiktok_studio",
        _studio_february_30,
        f"{edits.STUDIO}/2024-03-02/Overview.csv row 3: unparseable Date 'February 30' "
        "(expected like 'April 12', '8 de marzo', '8 mars' or '8. März' (a day and month, "
        "no year))",
    ),
    "studio folder": Broken(
        "tiktok_studio",
        _studio_folder_not_a_date,
        f"{edits.STUDIO}/2024-02-30/Overview.csv: export folder '2024-02-30' is not a valid date",
    ),
    "youtube studio date": Broken(
        "youtube_studio",
        _youtube_studio_publish_time_day_first,
        f"{edits.YT_STUDIO}/Table data.csv row 3: unparseable Video publish time '20/02/2023' "
        "(expected like 'Feb 18, 2023', '18 Feb 2023' or '2023-02-18')",
    ),
    "youtube empty id": Broken(
        "youtube_data_api",
        _youtube_reply_without_id,
        f"{edits.YOUTUBE_THREADS} comment 2: empty comment id",
    ),
    "youtube kind": Broken(
        "youtube_data_api",
        _youtube_wrong_kind,
        f"{edits.YOUTUBE_THREADS}: kind is 'youtube#videoListResponse', "
        "expected 'youtube#commentThreadListResponse' or 'youtube#commentThread'",
    ),
    "meta business suite date": Broken(
        "meta_business_suite",
        _meta_business_suite_iso_publish_time,
        f"{edits.META_BS} row 2: unparseable Publish time '2023-02-19 20:06' "
        "(expected MM/DD/YYYY HH:MM)",
    ),
    "roster malformed": Broken(
        "roster", _roster_row_with_extra_field, "roster/creators.csv: malformed CSV: ..."
    ),
    "crm blank file": Broken(
        "crm", _crm_contacts_blank, "crm/contacts.csv: empty file (expected a header row)"
    ),
    "introductions empty id": Broken(
        "introductions_log",
        _introductions_without_id,
        "introductions/introductions_log.csv row 2: empty Intro ID",
    ),
}


def _assert_message(error: ExportFormatError, expected: str) -> None:
    if expected.endswith("..."):
        assert str(error).startswith(expected.removesuffix("..."))
    else:
        assert str(error) == expected


def _preloaded(conn: duckdb.DuckDBPyConnection, exports: Path) -> None:
    for name in LOADERS:
        run_loader(conn, name, exports)


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_a_broken_file_is_named_and_leaves_the_warehouse_unchanged(
    case: Broken, warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    run_loader(warehouse, case.loader, exports)
    before = raw_snapshot(warehouse)
    case.damage(exports)

    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, case.loader, exports, strict=True)

    _assert_message(raised.value, case.message)
    assert raw_snapshot(warehouse) == before
    # The connection is usable afterwards: the transaction was rolled back, not left open.
    assert warehouse.execute("SELECT count(*) FROM raw._load_log").fetchone()[0] > 0


def test_new_rows_of_a_good_file_earlier_in_the_run_are_not_kept(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    run_loader(warehouse, "instagram", exports)
    _instagram_post_added_and_comments_truncated(exports)
    (exports / edits.IG_COMMENTS).write_text((FIXTURE_EXPORTS / edits.IG_COMMENTS).read_text())
    # With the comments file repaired the new post does land, so the failing run really
    # had a new row to write before it reached the broken file.
    assert run_loader(warehouse, "instagram", exports).rows_inserted["instagram_posts"] == 1


def test_a_failed_first_load_leaves_a_fresh_warehouse_without_raw_rows(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    _crm_deal_close_date_impossible(exports)
    with pytest.raises(ExportFormatError, match=r"^crm/deals\.csv row 3: "):
        run_loader(warehouse, "crm", exports, strict=True)
    assert raw_snapshot(warehouse) == {}


def test_load_all_is_one_transaction_across_loaders(tmp_path: Path, exports: Path) -> None:
    warehouse = tmp_path / "all.duckdb"
    _crm_deal_close_date_impossible(exports)  # crm runs after roster, x_archive, ... linkedin
    with pytest.raises(ExportFormatError):
        load_all(warehouse, exports, strict=True)
    with duckdb.connect(str(warehouse)) as conn:
        assert raw_snapshot(conn) == {}


def test_cli_reports_the_error_and_exits_1(
    tmp_path: Path, exports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _crm_deal_close_date_impossible(exports)
    warehouse = tmp_path / "cli.duckdb"
    argv = ["load", "--exports", str(exports), "--warehouse", str(warehouse)]
    message = (
        "error: crm/deals.csv row 3: unparseable Close Date '2024-13-45' "
        "(expected YYYY-MM-DD HH:MM or YYYY-MM-DD)"
    )
    # strict: all or nothing, the load stops at the bad file
    assert main([*argv, "--strict"]) == 1
    assert capsys.readouterr().err == f"{message}\n"
    with duckdb.connect(str(warehouse)) as conn:
        assert raw_snapshot(conn) == {}
    # default: the bad file is quarantined, the rest loads, and the exit code still says so
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err == f"{message} (quarantined: not loaded)\n"
    assert "crm: " in captured.out and "; 1 QUARANTINED" in captured.out
