"""What a benchmark report says about its run: when, at which commit, and whether the machine
was otherwise idle (the CPU the other processes used while it ran)."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, datetime
from typing import Any

import psutil

from mutuality import settings


def _commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=settings.REPO_ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    commit = git("rev-parse", "--short=12", "HEAD") or "unknown"
    return f"{commit} (with uncommitted changes)" if git("status", "--porcelain") else commit


def _own_tree() -> set[int]:
    me = psutil.Process()
    return {me.pid, *(child.pid for child in me.children(recursive=True))}


def _others_cpu_seconds() -> float:
    """CPU seconds used so far by every process outside this benchmark's own tree."""
    own = _own_tree()
    total = 0.0
    for process in psutil.process_iter(["pid", "ppid"]):
        if process.info["pid"] in own or process.info["ppid"] in own:
            continue
        try:
            times = process.cpu_times()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += times.user + times.system
    return total


class RunContext:
    """Start it before the benchmark and `finish()` after."""

    def __init__(self) -> None:
        self.started = datetime.now(UTC)
        self.load_before = os.getloadavg()[0]
        self.others_before = _others_cpu_seconds()

    def finish(self) -> dict[str, Any]:
        wall = (datetime.now(UTC) - self.started).total_seconds()
        other_cores = max(_others_cpu_seconds() - self.others_before, 0.0) / max(wall, 1.0)
        # the load average before the start still carries whatever ran just before (a previous
        # benchmark): the CPU other processes used during the run is what tells
        idle = other_cores < 0.1
        return {
            "date": self.started.date().isoformat(),
            "started_at": self.started.isoformat(timespec="seconds"),
            "commit": _commit(),
            "load_average_before": round(self.load_before, 2),
            "other_processes_cores": round(other_cores, 3),
            "idle": idle,
            "load_note": load_note(idle, other_cores, self.load_before),
        }


def load_note(idle: bool, other_cores: float, load_before: float) -> str:
    cores = os.cpu_count()
    if idle:
        return (
            f"the machine was otherwise idle (other processes used {other_cores:.2f} of "
            f"{cores} cores on average; 1-minute load {load_before:.2f} before the start)"
        )
    return (
        f"the machine was NOT idle: other processes used {other_cores:.2f} of {cores} cores "
        f"on average (1-minute load {load_before:.2f} before the start), so the figures are "
        "inflated"
    )
