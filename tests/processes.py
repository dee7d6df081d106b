"""Process trees read from /proc (Linux), for tests that kill a process and check what is left."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

PROC = Path("/proc")
T = TypeVar("T")


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, session..."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def cmdline(pid: int) -> str:
    try:
        raw = (PROC / str(pid) / "cmdline").read_bytes()
    except OSError:
        return ""
    return " ".join(part.decode(errors="replace") for part in raw.split(b"\0") if part)


def session_members(session: int) -> dict[int, str]:
    """Live (not zombie) processes of a session, with their command lines. A process started
    with `start_new_session=True` leads a session its descendants stay in, orphaned or not."""
    members = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        if fields is not None and fields[0] != "Z" and int(fields[3]) == session:
            members[int(entry.name)] = cmdline(int(entry.name))
    return members


def has_open(pid: int, path: Path) -> bool:
    """Whether the process has `path` open (a DuckDB process holding the warehouse)."""
    try:
        fds = list((PROC / str(pid) / "fd").iterdir())
    except OSError:
        return False
    for fd in fds:
        try:
            if Path(fd.readlink()) == path:
                return True
        except OSError:
            continue
    return False


def wait_for(probe: Callable[[], T], timeout: float, interval: float = 0.2) -> T | None:
    """The first truthy result of `probe` within `timeout` seconds, else its last result."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(interval)


HOLDER_MARK = "mutuality-test-lock-holder"
_HOLD = (
    "import sys, time, duckdb\n"
    "conn = duckdb.connect(sys.argv[1])\n"
    "print('locked', flush=True)\n"
    "time.sleep(900)\n"
)


@contextmanager
def lock_held(database: Path) -> Iterator[subprocess.Popen]:
    """Another process holding `database` open for writing (as a DuckDB shell or a BI tool
    pointed at the working warehouse would); its command line carries HOLDER_MARK."""
    database.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(database), HOLDER_MARK],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        yield holder
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
