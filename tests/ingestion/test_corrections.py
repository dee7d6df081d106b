"""Fault isolation and corrections at the loaders: a bad file is quarantined while the others
load, and raw always reflects the files present (removed, replaced, forgotten, rebuilt)."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ingestion.__main__ import main
from ingestion.loaders import load_all, run_loader
from ingestion.loaders.corrections import forget, rebuild
from ingestion.loaders.report import read_report
from ingestion.loaders.state import pending_rebuilds
from tests.ingestion import edits
from tests.ingestion.conftest import FIXTURE_EXPORTS, records

HUBSPOT_DEALS = "crm/hubspot-crm-exports-all-deals-2026-06-15.csv"
CARMEN_POSTS = "instagram/carmen.ruiz/your_instagram_activity/media/posts_1.json"


def content(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple]:
    """A raw table without its lineage: what a load from scratch must give too."""
    return conn.execute(
        f"SELECT * EXCLUDE (_source_file, _file_hash, _loaded_at) FROM raw.{table} ORDER BY ALL"
    ).fetchall()


def scratch(tmp_path: Path, exports: Path, name: str = "scratch") -> duckdb.DuckDBPyConnection:
    path = tmp_path / f"{name}.duckdb"
    load_all(path, exports)
    return duckdb.connect(str(path), read_only=True)


def test_a_bad_file_is_quarantined_and_the_loaders_other_files_load(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    edits.replace_text(exports / HUBSPOT_DEALS, '"$18,750.00"', '"$18,75O.00"')

    result = run_loader(warehouse, "crm", exports)

    (bad,) = result.quarantined
    assert (bad.source_file, bad.position, bad.field) == (HUBSPOT_DEALS, "row 2", "Amount")
    assert "'$18,75O.00'" in bad.problem
    assert result.files_loaded == result.files_seen - 1
    deals = {r["deal_id"] for r in records(warehouse, "SELECT deal_id FROM raw.crm_deals")}
    assert "9001" in deals and "9101" not in deals  # the bad file's deals, none of them
    errors = records(
        warehouse, "SELECT source_file, position, field, problem, message FROM raw._load_errors"
    )
    assert [(e["source_file"], e["position"], e["field"]) for e in errors] == [
        (HUBSPOT_DEALS, "row 2", "Amount")
    ]
    assert errors[0]["message"].startswith(f"{HUBSPOT_DEALS} row 2: ")


def test_fixing_the_file_and_loading_again_recovers(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    edits.replace_text(exports / HUBSPOT_DEALS, '"$18,750.00"', '"$18,75O.00"')
    run_loader(warehouse, "crm", exports)
    edits.replace_text(exports / HUBSPOT_DEALS, '"$18,75O.00"', '"$18,750.00"')

    result = run_loader(warehouse, "crm", exports)

    assert result.quarantined == ()
    (deal,) = records(warehouse, "SELECT amount FROM raw.crm_deals WHERE deal_id = '9101'")
    assert deal["amount"] == "$18,750.00"
    assert records(warehouse, "SELECT * FROM raw._load_errors") == []


def test_strict_keeps_all_or_nothing(warehouse: duckdb.DuckDBPyConnection, exports: Path) -> None:
    from ingestion.errors import ExportFormatError

    edits.replace_text(exports / HUBSPOT_DEALS, '"$18,750.00"', '"$18,75O.00"')
    with pytest.raises(ExportFormatError, match=rf"^{HUBSPOT_DEALS} row 2: "):
        run_loader(warehouse, "crm", exports, strict=True)
    tables = warehouse.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw'"
    ).fetchone()[0]
    assert tables == 0


def test_a_removed_file_retracts_its_rows(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    run_loader(warehouse, "instagram", exports)
    (exports / CARMEN_POSTS).unlink()

    result = run_loader(warehouse, "instagram", exports)

    assert result.retracted == (CARMEN_POSTS,)
    assert (
        records(warehouse, "SELECT * FROM raw.instagram_posts WHERE _source_file = ?", CARMEN_POSTS)
        == []
    )
    with scratch(tmp_path, exports) as fresh:
        for table in ("instagram_posts", "instagram_comments", "instagram_messages"):
            assert content(warehouse, table) == content(fresh, table)
    (event,) = records(
        warehouse,
        "SELECT event, note FROM raw._load_log WHERE source_file = ? AND event = 'retracted'",
        CARMEN_POSTS,
    )
    assert event["note"].startswith("no longer present")
    assert pending_rebuilds(warehouse)  # rows left: the next dbt build is a full refresh


def test_a_replaced_file_retracts_its_earlier_rows(
    tmp_path: Path, warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    run_loader(warehouse, "crm", exports)
    # the corrected export no longer holds deal 9107, and 9101 has a new amount
    deals = exports / HUBSPOT_DEALS
    lines = [line for line in deals.read_text().splitlines() if not line.startswith("9107,")]
    deals.write_text("\n".join(lines).replace('"$18,750.00"', '"$19,000.00"') + "\n")

    result = run_loader(warehouse, "crm", exports)

    assert HUBSPOT_DEALS in result.retracted
    by_id = {
        r["deal_id"]: r["amount"]
        for r in records(warehouse, "SELECT deal_id, amount FROM raw.crm_deals")
    }
    assert "9107" not in by_id and by_id["9101"] == "$19,000.00"
    with scratch(tmp_path, exports) as fresh:
        assert content(warehouse, "crm_deals") == content(fresh, "crm_deals")
        assert content(warehouse, "crm_contacts") == content(fresh, "crm_contacts")


def test_a_copied_export_folder_is_quarantined_and_removing_it_leaves_nothing(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    run_loader(warehouse, "roster", exports)
    run_loader(warehouse, "x_archive", exports)
    before = content(warehouse, "x_tweets")
    shutil.copytree(exports / "x/carmenruiz", exports / "x/alice_old")  # a second handle

    result = run_loader(warehouse, "x_archive", exports)

    refused = {q.source_file: q.problem for q in result.quarantined}
    copied = sorted(p for p in refused if p.startswith("x/alice_old/"))
    assert len(copied) == 4  # every file of the copy the X loader reads
    assert "x/alice_old/" in refused[copied[0]] and "x_handle" in refused[copied[0]]
    assert content(warehouse, "x_tweets") == before
    shutil.rmtree(exports / "x/alice_old")
    run_loader(warehouse, "x_archive", exports)
    owners = {
        r["_export_owner"] for r in records(warehouse, "SELECT _export_owner FROM raw.x_tweets")
    }
    assert "alice_old" not in owners
    assert records(warehouse, "SELECT * FROM raw._load_errors") == []
    assert content(warehouse, "x_tweets") == before


def test_content_already_loaded_under_another_roster_owner_is_quarantined_naming_both(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    run_loader(warehouse, "roster", exports)
    run_loader(warehouse, "tiktok", exports)
    target = exports / "tiktok/brunosa"
    target.mkdir()
    shutil.copy(exports / edits.TIKTOK, target / "user_data_tiktok.json")

    result = run_loader(warehouse, "tiktok", exports)

    (copy,) = result.quarantined
    assert copy.source_file == "tiktok/brunosa/user_data_tiktok.json"
    assert f"same content as {edits.TIKTOK}" in copy.problem
    assert "tiktok/brunosa/" in copy.problem and "tiktok/alicekovac/" in copy.problem
    assert "roster/creators.csv" in copy.problem
    assert (
        records(warehouse, "SELECT * FROM raw.tiktok_videos WHERE _export_owner = 'brunosa'") == []
    )


def test_an_owner_not_on_the_roster_is_quarantined_with_the_line_to_add(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    run_loader(warehouse, "roster", exports)
    shutil.copytree(exports / "linkedin/alice-kovac", exports / "linkedin/dana-whitfield")

    result = run_loader(warehouse, "linkedin", exports)

    refused = [q for q in result.quarantined if q.source_file.startswith("linkedin/dana-")]
    assert refused and all("linkedin_handle" in q.problem for q in refused)
    assert "add dana-whitfield as the linkedin_handle of a creator in roster/creators.csv" in (
        refused[0].problem
    )


def test_forget_retracts_a_file_until_it_changes(tmp_path: Path, exports: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    load_all(warehouse, exports)

    forget(warehouse, exports, [exports / CARMEN_POSTS])

    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert (
            records(conn, "SELECT * FROM raw.instagram_posts WHERE _source_file = ?", CARMEN_POSTS)
            == []
        )
        status = {f.source_file: (f.status, f.reason) for f in read_report(conn).files}
    assert status[CARMEN_POSTS][0] == "not_read"
    assert status[CARMEN_POSTS][1].startswith("forgotten")
    load_all(warehouse, exports)  # still forgotten
    edits.edit_json(exports / CARMEN_POSTS, lambda posts: None)  # new bytes: loads again
    load_all(warehouse, exports)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert records(
            conn, "SELECT * FROM raw.instagram_posts WHERE _source_file = ?", CARMEN_POSTS
        )


def test_rebuild_rederives_raw_from_the_files_present(tmp_path: Path, exports: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    load_all(warehouse, exports)
    shutil.rmtree(exports / "linkedin/bruno-sa")
    (exports / HUBSPOT_DEALS).unlink()

    rebuild(warehouse, exports)

    with (
        duckdb.connect(str(warehouse), read_only=True) as rebuilt,
        scratch(tmp_path, exports) as fresh,
    ):
        for table in ("linkedin_connections", "linkedin_messages", "crm_deals", "x_tweets"):
            assert content(rebuilt, table) == content(fresh, table)
        assert pending_rebuilds(rebuilt)


def test_the_cli_forgets_and_rebuilds(tmp_path: Path, exports: Path, capsys) -> None:
    warehouse = tmp_path / "w.duckdb"
    common = ["--exports", str(exports), "--warehouse", str(warehouse)]
    assert main(["load", *common]) == 0
    assert main(["forget", str(exports / CARMEN_POSTS), *common]) == 0
    assert main(["rebuild", *common]) == 0
    out = capsys.readouterr().out
    assert "instagram: " in out and "load report: " in out
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert (
            records(conn, "SELECT * FROM raw.instagram_posts WHERE _source_file = ?", CARMEN_POSTS)
            == []
        )
    assert main(["forget", str(tmp_path / "elsewhere.json"), *common]) == 1
    assert "is not inside the exports folder" in capsys.readouterr().err


def test_every_fixture_loads_without_a_quarantine(tmp_path: Path) -> None:
    load_all(tmp_path / "w.duckdb", FIXTURE_EXPORTS)
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as conn:
        assert records(conn, "SELECT * FROM raw._load_errors") == []
        assert "quarantined" not in {f.status for f in read_report(conn).files}
