"""`python -m ingestion load`: one line per loader, --only, and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingestion.__main__ import main
from ingestion.loaders import LOADERS
from mutuality.settings import REPO_ROOT
from tests.ingestion.conftest import FIXTURE_EXPORTS
from tests.processes import HOLDER_MARK, lock_held


def test_load_prints_one_line_per_selected_loader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Then the load report's counts: the other loaders' files are pending (they did not run)."""
    argv = ["load", "--exports", str(FIXTURE_EXPORTS), "--warehouse", str(tmp_path / "w.duckdb")]
    crm = LOADERS["crm"].discover(FIXTURE_EXPORTS)
    crm_files = sum(len(files) for _, files in crm)
    assert main([*argv, "--only", "crm", "introductions_log"]) == 0
    first = capsys.readouterr().out.splitlines()
    assert first[0].startswith(f"crm: {crm_files} files seen, {crm_files} loaded; crm_contacts +")
    assert first[1] == "introductions_log: 2 files seen, 2 loaded; introductions_log +5"
    assert first[2].startswith(f"load report: {_export_files()} files; {crm_files + 2} loaded, ")
    assert " pending" in first[2]
    assert main([*argv, "--only", "crm"]) == 0
    second = capsys.readouterr().out.splitlines()
    assert second[0] == (f"crm: {crm_files} files seen, 0 loaded; crm_contacts +0, crm_deals +0")
    assert f"; {crm_files + 2} unchanged, " in second[1]


def _export_files() -> int:
    return sum(1 for path in FIXTURE_EXPORTS.rglob("*") if path.is_file())


def test_module_entry_point_loads_every_format(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "ingestion", "load", "--exports", str(FIXTURE_EXPORTS),
         "--warehouse", str(tmp_path / "w.duckdb")],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert len(lines) > len(LOADERS)
    assert [line.split(":")[0] for line in lines[: len(LOADERS)]] == list(LOADERS)
    assert lines[len(LOADERS)].startswith(f"load report: {_export_files()} files; ")
    assert lines[1] == (
        "x_archive: 18 files seen, 18 loaded; x_accounts +3, x_tweets +12, "
        "x_direct_messages +18, x_followers +11, x_following +7"
    )


def test_a_missing_exports_dir_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["load", "--exports", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w")])
    assert code == 1
    assert "does not exist" in capsys.readouterr().err


def test_unknown_loader_names_are_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["load", "--only", "myspace"])
    assert exited.value.code == 2
    assert "invalid choice: 'myspace'" in capsys.readouterr().err


def test_a_locked_warehouse_names_its_holder_and_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    warehouse = tmp_path / "w.duckdb"
    with lock_held(warehouse) as holder:
        code = main(["load", "--exports", str(FIXTURE_EXPORTS), "--warehouse", str(warehouse)])
    assert code == 1
    err = capsys.readouterr().err
    assert "Conflicting lock" in err
    assert f"locked by another process (PID {holder.pid}: " in err
    assert HOLDER_MARK in err  # its command line, not just the interpreter
    assert "or wait for that run to end" in err
    assert "published" in err
