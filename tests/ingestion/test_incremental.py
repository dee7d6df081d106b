"""Dedupe: reloading changes nothing; a newer download of the same creator adds only what is new."""

from __future__ import annotations

import hashlib
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from ingestion.loaders import LOADERS, RAW_TABLES, load_all, run_loader, runner
from ingestion.loaders.state import pending_rebuilds
from tests.ingestion import edits
from tests.ingestion.conftest import FIXTURE_EXPORTS, raw_snapshot, records


def _load_everything(conn: duckdb.DuckDBPyConnection, exports: Path) -> dict[str, int]:
    inserted: dict[str, int] = {}
    for name in LOADERS:
        inserted.update(run_loader(conn, name, exports).rows_inserted)
    return inserted


def test_loading_twice_changes_nothing(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.duckdb"
    first = load_all(warehouse, FIXTURE_EXPORTS)
    with duckdb.connect(str(warehouse)) as conn:
        before = raw_snapshot(conn)
    second = load_all(warehouse, FIXTURE_EXPORTS)
    with duckdb.connect(str(warehouse)) as conn:
        after = raw_snapshot(conn)

    assert after == before
    assert all(sum(r.rows_inserted.values()) > 0 for r in first)
    assert [(r.files_seen, r.files_loaded) for r in second] == [(r.files_seen, 0) for r in first]
    assert all(rows == 0 for r in second for rows in r.rows_inserted.values())


def test_a_rewritten_file_with_the_same_records_is_read_but_adds_no_rows(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    run_loader(warehouse, "x_archive", exports)
    before = raw_snapshot(warehouse)["x_tweets"]
    edits.edit_x(exports / edits.X_DATA / "tweets.js", lambda tweets: None)  # new whitespace

    result = run_loader(warehouse, "x_archive", exports)

    # the replaced file's owner group (x/alice: 4 files) is read again; nothing else
    assert (result.files_seen, result.files_loaded) == (18, 4)
    assert result.retracted == (f"{edits.X_DATA}/tweets.js",)
    assert result.rows_inserted == dict.fromkeys(result.rows_inserted, 0)
    after = raw_snapshot(warehouse)["x_tweets"]
    # the same rows, loaded when they were first loaded; only the file hash moved on
    assert [row[:-3] + row[-2:] for row in after] == [row[:-3] + row[-2:] for row in before]
    log = records(
        warehouse,
        """SELECT event, rows_in_file, rows_inserted FROM raw._load_log
           WHERE source_file = ? ORDER BY loaded_at""",
        f"{edits.X_DATA}/tweets.js",
    )
    assert log == [
        {"event": "loaded", "rows_in_file": 3, "rows_inserted": 3},
        {"event": "loaded", "rows_in_file": 3, "rows_inserted": 0},
        {"event": "retracted", "rows_in_file": 0, "rows_inserted": 0},
    ] or log == [
        {"event": "loaded", "rows_in_file": 3, "rows_inserted": 3},
        {"event": "retracted", "rows_in_file": 0, "rows_inserted": 0},
        {"event": "loaded", "rows_in_file": 3, "rows_inserted": 0},
    ]
    assert pending_rebuilds(warehouse) == []  # no row left or changed: incremental dbt is fine


def _make_newer_download(exports: Path) -> None:
    """The same creators download again later: old records plus a few new or changed ones."""
    edits.edit_x(
        exports / edits.X_DATA / "tweets.js",
        lambda tweets: tweets.append(edits.new_tweet("1632000000000000001")),
    )

    def newest_dm_first(conversations: list) -> None:
        message = {
            "messageCreate": {
                "id": "1632000000000000099",
                "senderId": "2002",
                "recipientId": "1001",
                "text": "Any update?",
                "createdAt": "2023-03-06T09:00:00.000Z",
            }
        }
        conversations[0]["dmConversation"]["messages"].insert(0, message)

    edits.edit_x(exports / edits.X_DATA / "direct-messages.js", newest_dm_first)
    edits.edit_json(
        exports / edits.IG_COMMENTS,
        lambda doc: doc["comments_media_comments"].append(
            edits.instagram_comment("18000000000000009", 1678000000)
        ),
    )

    def tiktok_additions(doc: dict) -> None:
        doc["Video"]["Videos"]["VideoList"].append(
            {"Date": "2023-03-01 10:00:00", "Link": "https://www.tiktokv.com/share/video/73/",
             "Likes": "5", "Sound": "", "WhoCanView": "Everyone", "AllowComments": "Yes",
             "IsLive": "No"}
        )  # fmt: skip
        doc["Direct Message"]["Direct Messages"]["ChatHistory"]["Chat History with bob:"].append(
            {"Date": "2023-03-01 11:00:00", "From": "bob", "Content": "hi again"}
        )
        doc["Profile"]["Profile Information"]["ProfileMap"]["followerCount"] = 1300

    edits.edit_json(exports / edits.TIKTOK, tiktok_additions)
    newer_studio = exports / edits.STUDIO / "2024-01-04"
    newer_studio.mkdir()
    (newer_studio / "Overview.csv").write_text(
        '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'
        '"January 3","900","12","80","5","1"\n'
        '"January 4","950","14","85","6","2"\n'
    )
    edits.edit_json(
        exports / edits.YOUTUBE_THREADS,
        lambda doc: doc["items"][1].update(
            replies={"comments": [{"id": "UgxThread2.AAAA", "snippet": {
                "parentId": "UgxThread2", "authorDisplayName": "@alicekovac",
                "authorChannelId": {"value": "UCalice0000000000000001"},
                "textOriginal": "5:10/km", "likeCount": 2,
                "publishedAt": "2023-02-20T08:00:00Z", "updatedAt": "2023-02-20T08:00:00Z"}}]}
        ),
    )  # fmt: skip
    edits.append_text(
        exports / edits.LINKEDIN / "messages.csv",
        "2-abc==,,Alice Kovač,https://www.linkedin.com/in/alice-kovac,Bob Kline,"
        'https://www.linkedin.com/in/bob-kline,2023-02-09 08:00:00 UTC,,"Likewise!",SENT\n',
    )
    # Deal 9002 closes (a changed record is a new row) and deal 9004 is new.
    edits.replace_text(
        exports / "crm/deals.csv",
        "Contract Sent,default,,2023-03-06 11:00,,",
        "Closed Won,default,4000.00,2023-03-06 11:00,2023-06-01 12:00,",
    )
    edits.append_text(
        exports / "crm/deals.csv",
        "9004,Kovač collab,Appointment Scheduled,default,,2023-06-02 09:00,,103,,Referrals,\n",
    )
    edits.replace_text(exports / edits.META_BS, '"15,000","12,100"', '"16,250","12,900"')


def test_a_newer_download_adds_the_new_records_and_drops_the_old_versions(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """Files replaced in place by a newer download: raw holds what the files hold now. New
    records land; a changed snapshot (a deal's stage, the TikTok profile, Business Suite
    metrics) keeps only its new version; every other row stays, loaded when it first was."""
    _load_everything(warehouse, exports)
    before = raw_snapshot(warehouse)
    first_loaded_at = warehouse.execute("SELECT max(loaded_at) FROM raw._load_log").fetchone()[0]

    _make_newer_download(exports)
    inserted = _load_everything(warehouse, exports)

    expected_new = {
        "x_tweets": 1,
        "x_direct_messages": 1,
        "instagram_comments": 1,
        "tiktok_videos": 1,
        "tiktok_messages": 1,
        "tiktok_profiles": 1,
        "tiktok_studio_overview": 2,
        "youtube_comments": 1,
        "linkedin_messages": 1,
        "crm_deals": 2,
        "meta_post_insights": 1,
    }
    assert {table: rows for table, rows in inserted.items() if rows} == expected_new
    replaced_versions = {"crm_deals": 1, "tiktok_profiles": 1, "meta_post_insights": 1}
    after = raw_snapshot(warehouse)
    for table, rows in before.items():
        if table not in RAW_TABLES:
            continue
        # what identifies a row and when it was loaded (the file hash follows the new file)
        kept = {(row[-2], row[-1]) for row in after[table]}
        lost = [row for row in rows if (row[-2], row[-1]) not in kept]
        assert len(lost) == replaced_versions.get(table, 0), f"{table} lost or changed rows"
        assert len(after[table]) == len(rows) + expected_new.get(table, 0) - len(lost)
    assert pending_rebuilds(warehouse)  # rows left raw: the next dbt build is a full refresh
    new_tweet = records(
        warehouse, "SELECT * FROM raw.x_tweets WHERE tweet_id = '1632000000000000001'"
    )[0]
    assert new_tweet["created_at"] == datetime(2023, 3, 6, 12, 0, tzinfo=UTC)
    assert new_tweet["_loaded_at"] > first_loaded_at
    deal_versions = records(
        warehouse,
        "SELECT deal_stage, closed_at FROM raw.crm_deals WHERE deal_id = '9002' ORDER BY 1",
    )
    assert deal_versions == [{"deal_stage": "Closed Won", "closed_at": datetime(2023, 6, 1, 12, 0)}]


def test_load_log_records_each_file_with_hash_and_row_counts(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    result = run_loader(warehouse, "instagram", FIXTURE_EXPORTS)
    log = records(warehouse, "SELECT * FROM raw._load_log ORDER BY source_file")
    # alice.kovac 4, bruno.sa 8 (a 2021 and a 2026 download), carmen.ruiz 6
    assert result.files_seen == result.files_loaded == len(log) == 18
    by_file = {row["source_file"]: row for row in log}
    posts = by_file[edits.IG_POSTS]
    assert (
        posts["file_hash"]
        == hashlib.sha256((FIXTURE_EXPORTS / edits.IG_POSTS).read_bytes()).hexdigest()
    )
    assert (posts["loader"], posts["rows_in_file"], posts["rows_inserted"]) == ("instagram", 3, 3)
    assert posts["event"] == "loaded"
    # a file's rows land in the transaction that logs it
    landed = records(
        warehouse,
        "SELECT DISTINCT _source_file, _loaded_at FROM raw.instagram_posts ORDER BY 1",
    )
    assert landed and all(
        row["_loaded_at"] == by_file[row["_source_file"]]["loaded_at"] for row in landed
    )


def test_lineage_columns_name_the_file_owner_and_hash(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = records(
        loaded,
        "SELECT DISTINCT _export_owner, _source_file, _file_hash FROM raw.instagram_comments "
        "WHERE _export_owner = 'alice.kovac'",
    )
    assert rows == [
        {
            "_export_owner": "alice.kovac",
            "_source_file": edits.IG_COMMENTS,
            "_file_hash": hashlib.sha256(
                (FIXTURE_EXPORTS / edits.IG_COMMENTS).read_bytes()
            ).hexdigest(),
        }
    ]


def test_every_raw_table_gets_rows_from_the_fixtures(loaded: duckdb.DuckDBPyConnection) -> None:
    """The load's bookkeeping of problems (quarantines, forgotten files, pending rebuilds)
    stays empty on the fixtures; every data table, the log and the notes fill."""
    counts = raw_snapshot(loaded)
    expected = {*RAW_TABLES, "_load_log", "_load_notes"}
    assert {table for table, rows in counts.items() if rows} == expected
    assert {"_load_errors", "_forgotten", "_pending_rebuilds"} <= set(counts)


def test_row_keys_and_instants_do_not_depend_on_the_session_time_zone(
    tmp_path: Path, loaded: duckdb.DuckDBPyConnection
) -> None:
    conn = duckdb.connect(str(tmp_path / "elsewhere.duckdb"))
    conn.execute("SET TimeZone = 'Pacific/Auckland'")
    for name in LOADERS:
        run_loader(conn, name, FIXTURE_EXPORTS)
    for table in ("x_tweets", "instagram_messages", "linkedin_messages", "youtube_comments"):
        query = f"SELECT * EXCLUDE (_loaded_at) FROM raw.{table} ORDER BY _row_key"
        assert records(conn, query) == records(loaded, query)


def test_an_exports_dir_without_a_format_still_creates_its_empty_tables(tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    shutil.copytree(FIXTURE_EXPORTS / "crm", exports / "crm")
    warehouse = tmp_path / "warehouse.duckdb"

    results = load_all(warehouse, exports, ["crm", "x_archive"])

    # crm/: contacts.csv, deals.csv, two HubSpot UI exports, three Salesforce reports
    assert [(r.loader, r.files_seen) for r in results] == [("crm", 7), ("x_archive", 0)]
    with duckdb.connect(str(warehouse)) as conn:
        snapshot = raw_snapshot(conn)
    assert snapshot["x_tweets"] == [] and len(snapshot["crm_deals"]) == 3 + 8 + 3 + 2
    assert "youtube_comments" in snapshot


def test_identical_snapshot_rows_of_two_owners_are_both_kept(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """Two creators' files may hold identical rows (a shared collab's chart): keys include
    the owner, so each creator keeps them."""
    chart = (exports / "youtube_studio/alicekovac/Chart data.csv").read_text()
    collab = exports / "youtube_studio/brunosa/Chart data_collab.csv"
    collab.write_text(chart + "2023-02-21,1900,4,10038\n")
    run_loader(warehouse, "youtube_studio", exports)
    content = "activity_date, views, subscribers, total_subscribers"
    alice = records(
        warehouse,
        f"SELECT {content}, _row_key FROM raw.youtube_studio_daily "
        "WHERE _export_owner = 'alicekovac' AND video_id IS NULL ORDER BY 1",
    )
    bruno = records(
        warehouse,
        f"SELECT {content}, _row_key FROM raw.youtube_studio_daily "
        "WHERE _source_file = ? ORDER BY 1",
        "youtube_studio/brunosa/Chart data_collab.csv",
    )
    assert len(alice) == 3 and len(bruno) == 4
    assert [{k: v for k, v in r.items() if k != "_row_key"} for r in alice] == [
        {k: v for k, v in r.items() if k != "_row_key"} for r in bruno[:3]
    ]
    assert not {r["_row_key"] for r in alice} & {r["_row_key"] for r in bruno}


def test_a_record_in_two_files_of_one_load_lands_once(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    threads = exports / edits.YOUTUBE_THREADS
    shutil.copy(threads, threads.with_name("comment_threads_2.json"))  # an overlapping page
    for other in (exports / "youtube").iterdir():  # only this creator's pages
        if other != threads.parent:
            shutil.rmtree(other)
    result = run_loader(warehouse, "youtube_data_api", exports)
    assert (result.files_loaded, result.rows_inserted) == (2, {"youtube_comments": 4})
    log = records(warehouse, "SELECT rows_in_file, rows_inserted FROM raw._load_log ORDER BY 2")
    assert log == [{"rows_in_file": 4, "rows_inserted": 0}, {"rows_in_file": 4, "rows_inserted": 4}]


def test_reading_in_one_file_chunks_lands_the_same_rows(
    monkeypatch: pytest.MonkeyPatch, warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    threads = exports / edits.YOUTUBE_THREADS
    shutil.copy(threads, threads.with_name("comment_threads_2.json"))
    whole = duckdb.connect()
    _load_everything(whole, exports)
    monkeypatch.setattr(runner, "BATCH_BYTES", 1)  # every file is its own chunk

    _load_everything(warehouse, exports)

    query = "SELECT * EXCLUDE (_loaded_at) FROM raw.{} ORDER BY ALL"
    for table in RAW_TABLES:
        assert records(warehouse, query.format(table)) == records(whole, query.format(table))
    log = "SELECT * EXCLUDE (loaded_at) FROM raw._load_log ORDER BY ALL"
    assert records(warehouse, log) == records(whole, log)
    alice = "SELECT * FROM raw.youtube_comments WHERE _export_owner = 'alicekovac'"
    assert len(records(warehouse, alice)) == 4
