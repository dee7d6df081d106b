"""Who holds the working warehouse when DuckDB refuses to open it, and what to do about it.

DuckDB allows one writing process per database file; its error names the holder:
``Conflicting lock is held in /usr/bin/python3 (PID 4242)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from mutuality import settings

_LONGEST = 400
_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


@dataclass(frozen=True)
class LockHolder:
    program: str
    pid: int
    command_line: str | None
    """From /proc/<pid>/cmdline, when the process is still there and readable."""

    def describe(self) -> str:
        what = self.command_line or self.program
        return f"PID {self.pid}: {what}"


def command_line(pid: int) -> str | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    # on one line (a `python -c` script has newlines), and not a whole screen of it
    words = b" ".join(raw.split(b"\0")).decode(errors="replace").split()
    line = " ".join(words)
    return (line if len(line) <= _LONGEST else line[: _LONGEST - 3] + "...") or None


def lock_holder(message: str) -> LockHolder | None:
    found = _HOLDER.search(message)
    if found is None:
        return None
    program, pid = found.group(1), int(found.group(2))
    return LockHolder(program, pid, command_line(pid))


def lock_hint(holder: LockHolder) -> str:
    """What the user reads: who holds the warehouse and what to do."""
    published = settings.data_dir() / "published"
    return (
        f"the working warehouse is locked by another process ({holder.describe()}). "
        "Close it if it is a DuckDB shell, a notebook, a BI tool or the Dagster UI's run "
        "pointed at the working file, or wait for that run to end; then run again. BI tools "
        f"should open the published copy in {published}, not the working warehouse."
    )
