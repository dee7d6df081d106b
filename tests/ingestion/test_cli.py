"""`python -m ingestion load`: one line per loader, --only, and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ingestion.__main__ import main
from ingestion.paths import REPO_ROOT
from tests.ingestion.conftest import FIXTURE_EXPORTS


def test_load_prints_one_line_per_selected_loader(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["load", "--exports", str(FIXTURE_EXPORTS), "--warehouse", str(tmp_path / "w.duckdb")]
    assert main([*argv, "--only", "crm", "introductions_log"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "crm: 2 files seen, 2 loaded; crm_contacts +3, crm_deals +3",
        "introductions_log: 1 files seen, 1 loaded; introductions_log +2",
    ]
    assert main([*argv, "--only", "crm"]) == 0
    assert capsys.readouterr().out == "crm: 2 files seen, 0 loaded; crm_contacts +0, crm_deals +0\n"


def test_module_entry_point_loads_every_format(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "ingestion", "load", "--exports", str(FIXTURE_EXPORTS),
         "--warehouse", str(tmp_path / "w.duckdb")],
        cwd=REPO_ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert len(lines) == 12
    assert lines[1] == (
        "x_archive: 4 files seen, 4 loaded; "
        "x_accounts +1, x_tweets +3, x_direct_messages +3, x_followers +2"
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
