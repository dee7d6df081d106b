"""Run the real job (`python -m orchestration run`) in a child process, sample its memory,
and split its wall time into stages from Dagster's own step events."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.monitor import MemoryMonitor, MemorySamples

STAGES = ("ingestion", "dbt build", "quality gate", "publishing")


def stage_of(step_key: str) -> str:
    if step_key.startswith("load_"):
        return "ingestion"
    if step_key.startswith("mutuality_dbt_assets"):
        return "dbt build"
    if "gx_" in step_key:
        return "quality gate"
    if "publish" in step_key:
        return "publishing"
    return "other"


@dataclass
class StepTiming:
    step_key: str
    stage: str
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass
class JobRun:
    run_id: str
    success: bool
    started: float
    finished: float
    steps: list[StepTiming]
    memory: MemorySamples
    log_path: Path
    run_results: dict[str, Any] | None = None
    manifest_path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        return self.finished - self.started

    def stage_seconds(self, stage: str) -> float:
        return sum(step.seconds for step in self.steps if step.stage == stage)

    def stage_peak_rss(self, stage: str) -> int:
        return max(
            (self.memory.peak(s.start, s.end) for s in self.steps if s.stage == stage), default=0
        )


def run_job(data_dir: Path, env: dict[str, str], log_path: Path) -> JobRun:
    """`python -m orchestration run --no-sample` with MUTUALITY_DATA_DIR=data_dir."""
    child_env = {**os.environ, **env, "MUTUALITY_DATA_DIR": str(data_dir)}
    child_env.pop("DAGSTER_HOME", None)
    command = [sys.executable, "-m", "orchestration", "run", "--no-sample"]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        started = time.time()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=child_env)
        with MemoryMonitor(process.pid) as memory:
            returncode = process.wait()
        finished = time.time()
    run_id, steps = _steps_of_latest_run(data_dir / "dagster_home")
    run = JobRun(
        run_id=run_id,
        success=returncode == 0,
        started=started,
        finished=finished,
        steps=steps,
        memory=memory,
        log_path=log_path,
    )
    run.run_results, run.manifest_path = _latest_dbt_artifacts(data_dir / "dbt" / "target")
    return run


def _steps_of_latest_run(dagster_home: Path) -> tuple[str, list[StepTiming]]:
    import dagster as dg

    os.environ["DAGSTER_HOME"] = str(dagster_home)
    with dg.DagsterInstance.get() as instance:
        records = instance.get_run_records(limit=1)
        if not records:
            raise RuntimeError(f"no Dagster run recorded in {dagster_home}")
        run_id = records[0].dagster_run.run_id
        starts: dict[str, float] = {}
        ends: dict[str, float] = {}
        for entry in instance.all_logs(run_id):
            event = entry.dagster_event
            if event is None or entry.step_key is None:
                continue
            if event.event_type == dg.DagsterEventType.STEP_START:
                starts[entry.step_key] = entry.timestamp
            elif event.event_type in (
                dg.DagsterEventType.STEP_SUCCESS,
                dg.DagsterEventType.STEP_FAILURE,
                dg.DagsterEventType.STEP_SKIPPED,
            ):
                ends[entry.step_key] = entry.timestamp
    steps = [
        StepTiming(key, stage_of(key), starts[key], ends[key]) for key in starts if key in ends
    ]
    return run_id, sorted(steps, key=lambda s: s.start)


def _latest_dbt_artifacts(target_root: Path) -> tuple[dict[str, Any] | None, Path | None]:
    """dagster-dbt gives every invocation its own target folder; take the newest build's."""
    candidates = sorted(target_root.rglob("run_results.json"), key=lambda p: p.stat().st_mtime)
    if not candidates:
        return None, None
    newest = candidates[-1]
    manifest = newest.with_name("manifest.json")
    return json.loads(newest.read_text()), manifest if manifest.exists() else None
