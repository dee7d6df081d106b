"""Killing `python -m orchestration run` during `dbt build` leaves no process behind: dbt
dies with it and the warehouse can be written at once (no dbt holding the lock).

The runs get to `dbt build` fast: their data folder holds a few exports (the roster and the
CRM files) and the dbt manifest an earlier run there parsed, so `dbt build` parses partially
(no `--as-of`: dbt vars on the command line would make it parse again in full)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from mutuality.settings import REPO_ROOT
from tests.e2e.conftest import copy_fixture_exports, job_env
from tests.processes import has_open, session_members, wait_for

SMALL_EXPORTS = ("roster", "crm")
# What a run writes besides the manifest: removed before each run, so each starts from an
# empty warehouse
RUN_OUTPUTS = ("warehouse", "published", "dagster_home", "quality")
_PARSE = "from orchestration.manifest import build_manifest; build_manifest()"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a few exports and a current dbt manifest (the run skips `dbt parse`
    and its `dbt build` parses partially)."""
    data = tmp_path_factory.mktemp("killed") / "data"
    copy_fixture_exports(data / "exports", only=SMALL_EXPORTS)
    subprocess.run(
        [sys.executable, "-c", _PARSE],
        cwd=REPO_ROOT,
        env=job_env(data),
        capture_output=True,
        check=True,
        timeout=600,
    )
    return data


def _dbt_build_holding(session: int, warehouse: Path) -> int | None:
    for pid, command in session_members(session).items():
        if " build " in command and "/dbt" in command and has_open(pid, warehouse):
            return pid
    return None


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_no_process_outlives_the_orchestrator(
    prepared: Path, tmp_path: Path, sig: signal.Signals
) -> None:
    data = prepared
    for name in RUN_OUTPUTS:
        shutil.rmtree(data / name, ignore_errors=True)
    warehouse = data / "warehouse" / "mutuality.duckdb"
    log = (tmp_path / "run.log").open("w")
    run = subprocess.Popen(
        [sys.executable, "-m", "orchestration", "run", "--no-sample"],
        cwd=REPO_ROOT,
        env=job_env(data),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its descendants stay in its session, orphaned or not
    )
    try:
        dbt = wait_for(lambda: _dbt_build_holding(run.pid, warehouse), 300, interval=0.5)
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
