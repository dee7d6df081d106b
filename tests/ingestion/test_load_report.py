"""The load report lists every file under the exports folder: loaded, or why not."""

from __future__ import annotations

from pathlib import Path

import duckdb

from ingestion.loaders import load_all
from ingestion.loaders.report import read_report
from tests.ingestion.conftest import FIXTURE_EXPORTS


def _report(warehouse: Path) -> dict[str, tuple[str, str | None]]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return {f.source_file: (f.status, f.reason) for f in read_report(conn).files}


def _all_files(exports: Path) -> set[str]:
    return {p.relative_to(exports).as_posix() for p in exports.rglob("*") if p.is_file()}


def test_every_fixture_file_is_listed_and_a_second_load_finds_them_unchanged(
    tmp_path: Path,
) -> None:
    warehouse = tmp_path / "w.duckdb"
    load_all(warehouse, FIXTURE_EXPORTS)
    first = _report(warehouse)
    assert set(first) == _all_files(FIXTURE_EXPORTS)
    read = {name for name, (status, _) in first.items() if status == "loaded"}
    assert read, "the fixtures load"
    assert all(reason for status, reason in first.values() if status == "not_read")
    assert "pending" not in {status for status, _ in first.values()}

    load_all(warehouse, FIXTURE_EXPORTS)
    second = _report(warehouse)
    assert {name for name, (status, _) in second.items() if status == "unchanged"} == read
    assert "loaded" not in {status for status, _ in second.values()}


def test_files_no_loader_reads_are_listed_with_the_reason(tmp_path: Path, exports: Path) -> None:
    (exports / "crm" / "empty.csv").write_bytes(b"")
    (exports / "crm" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (exports / "__MACOSX" / "crm").mkdir(parents=True)
    (exports / "__MACOSX" / "crm" / "._deals.csv").write_bytes(b"\0\5\26\7")
    (exports / "threads" / "alice").mkdir(parents=True)
    (exports / "threads" / "alice" / "posts.json").write_text("[]")
    (exports / "x" / "alice" / "notes.txt").write_text("my archive")
    (exports / "README.txt").write_text("exports from the team drive")

    load_all(tmp_path / "w.duckdb", exports)
    report = _report(tmp_path / "w.duckdb")

    assert report["crm/empty.csv"] == ("not_read", "empty file (0 bytes)")
    hidden = ("not_read", "hidden or system file (not an export)")
    assert report["crm/.DS_Store"] == hidden
    assert report["__MACOSX/crm/._deals.csv"] == hidden
    status, reason = report["threads/alice/posts.json"]
    assert status == "not_read"
    assert reason.startswith("no loader for this folder (threads/; export folders: ")
    assert report["README.txt"][1].startswith("not in an export folder (exports go in one of: ")
    assert report["x/alice/notes.txt"][0] == "not_read"
    assert report["x/alice/notes.txt"][1].startswith("no loader for this file")


def test_a_platform_folder_whose_files_no_loader_reads_is_an_error_naming_them(
    tmp_path: Path,
) -> None:
    exports = tmp_path / "exports"
    (exports / "tiktok" / "alicekovac").mkdir(parents=True)
    for name in ("user_data.html", "Profile/Profile Info.txt", "Videos/Videos.txt", "a.txt"):
        (exports / "tiktok" / "alicekovac" / name).parent.mkdir(parents=True, exist_ok=True)
        (exports / "tiktok" / "alicekovac" / name).write_text("TikTok export")

    load_all(tmp_path / "w.duckdb", exports)
    report = _report(tmp_path / "w.duckdb")

    status, reason = report["tiktok/"]
    assert status == "error"
    assert reason.startswith("4 files under tiktok/ and tiktok reads none of them: ")
    assert "'tiktok/alicekovac/Profile/Profile Info.txt'" in reason
    assert reason.endswith("and 1 more; docs/export_formats.md lists the layouts it reads")


def test_files_of_loaders_that_did_not_run_are_pending(tmp_path: Path) -> None:
    load_all(tmp_path / "w.duckdb", FIXTURE_EXPORTS, ["crm"])
    report = _report(tmp_path / "w.duckdb")
    assert report["crm/deals.csv"] == ("loaded", None)
    assert report["roster/creators.csv"] == ("pending", None)
