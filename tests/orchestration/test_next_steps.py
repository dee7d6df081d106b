"""The commands the run summary prints to paste work from a data folder with any name, and
name only commands that exist where it runs: `make` from a checkout, `mutuality` when it is
on PATH, the DuckDB CLI only when it is installed."""

from __future__ import annotations

import shlex
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from mutuality import settings
from mutuality.settings import REPO_ROOT
from orchestration.commands import Commands
from orchestration.summary import next_steps

HOSTILE = 'o\'brien "data" dir; $(touch pwned) `x` \\ drop'
RELATION = "marts.creator_reach_vs_mutuality"


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / HOSTILE
    (folder / "parquet").mkdir(parents=True)
    bi_database = folder / "mutuality_bi.duckdb"
    with duckdb.connect(str(bi_database)) as conn:
        conn.execute("create schema marts")
        conn.execute(f"create table {RELATION} as select 42 as answer")
        conn.execute(
            f"copy {RELATION} to ? (format parquet)",
            [str(folder / "parquet" / f"{RELATION}.parquet")],
        )
    return bi_database, folder / "parquet"


def shell_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith(("--", "select "))]


def runs(line: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", "-c", line], cwd=cwd, capture_output=True, text=True, check=False)


def test_from_a_checkout_the_commands_are_make_and_the_duckdb_cli(published) -> None:
    bi_database, parquet = published
    commands = Commands(
        cwd=REPO_ROOT,
        python=".venv/bin/python",
        checkout=REPO_ROOT,
        make_targets=frozenset({"run", "ui", "test"}),
        duckdb_cli=True,
    )
    lines = next_steps(bi_database, parquet, [RELATION], commands)
    ui, cli, python, _, sql = lines

    assert ui.startswith("make ui ")
    assert shlex.split(cli.split("#")[0]) == ["duckdb", "-readonly", str(bi_database)]
    shown = runs(python, REPO_ROOT)
    assert shown.returncode == 0, shown.stderr
    assert "42" in shown.stdout
    assert not (REPO_ROOT / "pwned").exists()
    with duckdb.connect() as conn:
        assert conn.execute(sql).fetchall() == [(42,)]
    assert not any("mutuality " in line or "dashboard" in line for line in lines)


def test_installed_the_commands_are_mutuality_and_python(published, tmp_path: Path) -> None:
    """No checkout, `mutuality` on PATH, no DuckDB CLI, the dashboard installed."""
    bi_database, parquet = published
    commands = Commands(
        cwd=tmp_path,
        python=shlex.quote(sys.executable),
        mutuality=True,
        dashboard=True,
    )
    lines = next_steps(bi_database, parquet, [RELATION], commands)

    words = [shlex.split(line)[0] for line in shell_lines(lines)]
    assert words == ["mutuality", "mutuality", sys.executable]
    assert lines[0].startswith("mutuality ui ") and lines[1].startswith("mutuality dashboard ")
    assert not any(line.startswith(("make", "duckdb")) for line in lines)
    shown = runs(lines[2], tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "42" in shown.stdout


def test_without_make_or_mutuality_the_modules_of_this_python(published, tmp_path: Path) -> None:
    bi_database, parquet = published
    commands = Commands(cwd=tmp_path, python=shlex.quote(sys.executable))
    lines = next_steps(bi_database, parquet, [RELATION], commands)
    assert lines[0].startswith(f"{shlex.quote(sys.executable)} -m orchestration ui ")
    assert {shlex.split(line)[0] for line in shell_lines(lines)} == {sys.executable}


def _executable(folder: Path, name: str) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.mark.parametrize("installed", [True, False])
def test_what_is_installed_is_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed: bool
) -> None:
    """`mutuality` and `duckdb` are named exactly when they are on PATH; `make` only from a
    checkout with a Makefile (and `make` on PATH)."""
    bin_dir = tmp_path / "bin"
    _executable(bin_dir, "true")  # PATH is never empty
    if installed:
        for name in ("mutuality", "duckdb", "make"):
            _executable(bin_dir, name)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.chdir(tmp_path)
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    (checkout / "Makefile").write_text("run:\n\techo run\nui: run\n\techo ui\n")
    monkeypatch.setattr(settings, "checkout", lambda: checkout if installed else None)

    commands = Commands.detect()
    assert commands.mutuality is installed and commands.duckdb_cli is installed
    assert commands.make_targets == (frozenset({"run", "ui"}) if installed else frozenset())
    assert commands.ui() == (
        f"make -C {checkout} ui" if installed else f"{commands.python} -m orchestration ui"
    )
    lines = next_steps(tmp_path / "bi.duckdb", tmp_path / "parquet", [], commands)
    for word in {shlex.split(line)[0] for line in shell_lines(lines)}:
        assert word == sys.executable or (bin_dir / word).exists(), word
    assert any(line.startswith("duckdb ") for line in lines) is installed
