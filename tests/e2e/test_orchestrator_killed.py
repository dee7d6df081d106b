"""Killing `python -m orchestration run` during `dbt build` leaves no process behind: dbt
dies with it and the warehouse can be written at once (no dbt holding the lock)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ingestion.paths import REPO_ROOT
from tests.e2e.conftest import AS_OF, copy_fixture_exports, job_env
from tests.processes import has_open, session_members, wait_for


def _dbt_build_holding(session: int, warehouse: Path) -> int | None:
    for pid, command in session_members(session).items():
        if " build " in command and "/dbt" in command and has_open(pid, warehouse):
            return pid
    return None


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_no_process_outlives_the_orchestrator(tmp_path: Path, sig: signal.Signals) -> None:
    data = tmp_path / "data"
    copy_fixture_exports(data / "exports")
    warehouse = data / "warehouse" / "mutuality.duckdb"
    log = (tmp_path / "run.log").open("w")
    run = subprocess.Popen(
        [sys.executable, "-m", "orchestration", "run", "--no-sample", "--as-of", AS_OF],
        cwd=REPO_ROOT,
        env=job_env(data),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its descendants stay in its session, orphaned or not
    )
    try:
        dbt = wait_for(lambda: _dbt_build_holding(run.pid, warehouse), 150, interval=0.5)
        assert dbt, f"no dbt build held the warehouse: {session_members(run.pid)}"
        run.send_signal(sig)
        run.wait(timeout=30)
        left = wait_for(lambda: not session_members(run.pid), 10)
        assert left, f"still running 10 s after the orchestrator ended: {session_members(run.pid)}"
        with duckdb.connect(str(warehouse)) as conn:  # read-write: nobody holds the lock
            assert conn.execute("select count(*) from raw._load_log").fetchone()[0] > 0
    finally:
        for pid in session_members(run.pid):
            os.kill(pid, signal.SIGKILL)
        if run.poll() is None:
            run.kill()
            run.wait()
        log.close()
    if sig == signal.SIGTERM:
        output = (tmp_path / "run.log").read_text()
        assert run.returncode != 0
        assert "nothing new was published" in output, output[-3000:]
