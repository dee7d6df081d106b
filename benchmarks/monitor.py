"""Resident memory of a process and its children, sampled in the background."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import psutil


@dataclass
class MemorySamples:
    """(wall-clock time, resident bytes of the whole process tree) pairs."""

    points: list[tuple[float, int]] = field(default_factory=list)

    def peak(self, start: float | None = None, end: float | None = None) -> int:
        inside = [
            rss
            for at, rss in self.points
            if (start is None or at >= start) and (end is None or at <= end)
        ]
        return max(inside, default=0)


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of a process plus every descendant (dbt runs as a child of Dagster)."""
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


class MemoryMonitor:
    """Samples a process tree every `interval` seconds until stopped."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.process = psutil.Process(pid)
        self.interval = interval
        self.samples = MemorySamples()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.points.append((time.time(), tree_rss(self.process)))
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySamples:
        self._thread.start()
        return self.samples

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
