"""dbt unit tests (`unit_tests:` in the models' YAML) run here, in CI, not in the daily job."""

from __future__ import annotations

import json
import os
import subprocess

from mutuality import settings
from orchestration.manifest import dbt_command


def test_every_dbt_unit_test_passes(pipeline_run, tmp_path) -> None:
    manifest = json.loads((settings.dbt_target_dir() / "manifest.json").read_text())
    expected = set(manifest["unit_tests"])
    assert expected, "the project has dbt unit tests"
    completed = subprocess.run(
        dbt_command("test", "--select", "test_type:unit", target=tmp_path / "target"),
        env={
            **os.environ,
            **settings.dbt_environment(),
            "MUTUALITY_WAREHOUSE_PATH": str(pipeline_run.warehouse),
        },
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stdout[-4000:]
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    ran = {r["unique_id"] for r in results if r["status"] == "pass"}
    assert ran == expected
