"""The commands the run summary prints to paste work from a data folder with any name."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import duckdb

from ingestion.paths import REPO_ROOT
from orchestration.summary import next_steps

HOSTILE = 'o\'brien "data" dir; $(touch pwned) `x` \\ drop'


def test_the_pasted_commands_open_the_published_files(tmp_path: Path) -> None:
    folder = tmp_path / HOSTILE
    (folder / "parquet").mkdir(parents=True)
    bi_database = folder / "mutuality_bi.duckdb"
    with duckdb.connect(str(bi_database)) as conn:
        conn.execute("create schema marts")
        conn.execute("create table marts.creator_reach_vs_mutuality as select 42 as answer")
        conn.execute(
            "copy marts.creator_reach_vs_mutuality to ? (format parquet)",
            [str(folder / "parquet" / "marts.creator_reach_vs_mutuality.parquet")],
        )
    lines = next_steps(bi_database, folder / "parquet", ["marts.creator_reach_vs_mutuality"])
    cli, python, sql = lines[1], lines[2], lines[4]

    assert shlex.split(cli.split("#")[0]) == ["duckdb", "-readonly", str(bi_database)]
    shown = subprocess.run(
        ["sh", "-c", python], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert shown.returncode == 0, shown.stderr
    assert "42" in shown.stdout
    assert not (REPO_ROOT / "pwned").exists()
    with duckdb.connect() as conn:
        assert conn.execute(sql).fetchall() == [(42,)]
