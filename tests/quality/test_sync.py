"""The committed GX project is exactly what the suite specs and the models' schemas give."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from expectations.context import PROJECT_ROOT
from expectations.suites import ALL_SUITES
from expectations.sync import sync_project
from tests.conftest import PipelineRun


def expectations_in(suite_file: Path) -> list[tuple[str, str]]:
    suite = json.loads(suite_file.read_text())
    return sorted(
        (expectation["type"], json.dumps(expectation["kwargs"], sort_keys=True))
        for expectation in suite["expectations"]
    )


def test_committed_suites_are_in_sync_with_specs_and_schemas(
    pipeline_run: PipelineRun, tmp_path: Path
) -> None:
    with duckdb.connect(str(pipeline_run.warehouse), read_only=True) as conn:
        written = sync_project(conn, root=tmp_path)
    assert written == sorted(spec.name for spec in ALL_SUITES)
    committed_dir = PROJECT_ROOT / "gx" / "expectations"
    assert sorted(p.stem for p in committed_dir.glob("*.json")) == written, (
        "run `python -m expectations sync` and commit expectations/gx"
    )
    stale = [
        name
        for name in written
        if expectations_in(tmp_path / "gx" / "expectations" / f"{name}.json")
        != expectations_in(committed_dir / f"{name}.json")
    ]
    assert stale == [], "run `python -m expectations sync` and commit expectations/gx"
    for kind in ("checkpoints", "validation_definitions"):
        assert sorted(p.stem for p in (PROJECT_ROOT / "gx" / kind).glob("*.json")) == written
