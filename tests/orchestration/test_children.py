"""A child started through `guarded()` dies with its parent, even a SIGKILLed one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from mutuality.settings import REPO_ROOT
from orchestration.children import child_env, guarded
from orchestration.deathsig import PARENT_PID_ENV
from tests.processes import session_members, wait_for

# A parent that starts `sleep 60` through the wrapper, prints the child's pid, then waits.
PARENT = textwrap.dedent(
    """
    import subprocess, sys, time
    from orchestration.children import child_env, guarded
    child = subprocess.Popen([guarded("/bin/sleep"), "60"], env=child_env())
    print(child.pid, flush=True)
    time.sleep(60)
    """
)


def test_the_child_dies_when_its_parent_is_killed(tmp_path: Path) -> None:
    env = {**os.environ, "MUTUALITY_DATA_DIR": str(tmp_path)}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        child = int(parent.stdout.readline())
        # past the wrapper: the process is `sleep` itself
        running = wait_for(lambda: session_members(parent.pid).get(child) == "/bin/sleep 60", 10)
        assert running, session_members(parent.pid)
        parent.kill()
        parent.wait()
        left = wait_for(lambda: not session_members(parent.pid), 5)
        assert left, f"still running after the parent was killed: {session_members(parent.pid)}"
    finally:
        for pid in session_members(parent.pid):
            os.kill(pid, signal.SIGKILL)
        parent.stdout.close()


def test_a_child_whose_parent_is_already_gone_does_not_start(tmp_path: Path) -> None:
    env = {**os.environ, "MUTUALITY_DATA_DIR": str(tmp_path)}
    marker = tmp_path / "ran"
    # the wrapper's parent is this test, not the pid it was told to expect
    env[PARENT_PID_ENV] = str(os.getpid() + 1 if os.getpid() > 1 else 2)
    completed = subprocess.run(
        [guarded("/usr/bin/touch"), str(marker)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert "has ended" in completed.stderr
    assert not marker.exists()


def test_the_wrapper_runs_the_program_with_its_arguments(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MUTUALITY_DATA_DIR", str(tmp_path / 'it\'s a "data" dir; rm -rf'))
    completed = subprocess.run(
        [guarded("/bin/echo"), "a b", "$HOME", "'q'"],
        env=child_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout == "a b $HOME 'q'\n"
