"""The real job, once per session, on the hand-written fixtures of every real export variant.

Every fixture (several creators, every platform, export layouts from several eras) is copied
into an empty exports folder and the job runs as a user runs it: `python -m orchestration run
--no-sample --as-of 2026-06-30`, in a data folder whose path has quotes, spaces and SQL in it
(HOSTILE). Tests of the loaded, staged and published fixtures read it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from mutuality.settings import REPO_ROOT
from orchestration.publishing import PublishLayout
from tests.ingestion.conftest import FIXTURE_EXPORTS

AS_OF = "2026-06-30"
# The fixtures span export eras, so the newest CRM, log and activity rows are weeks apart:
# a team that exports monthly allows a month (README: gate settings).
MAX_AGE_DAYS = "30"
# Files whose export date is their modification time (no date in their path): git keeps no
# times, so the run gives them the day the creator exported them.
UNDATED_STUDIO = "tiktok_studio/brunosa"
UNDATED_EXPORTED_AT = datetime(2026, 6, 5, 9, 30, tzinfo=UTC).timestamp()
# The fixtures are not the bundled sample: a run publishes them only under a salt of its own
# (orchestration.privacy). This one holds a quote, which the pseudonymize macro must escape.
TEST_SALT = "fixture-salt, the team's own"
# The data folder's name: every path must reach DuckDB, dbt and the shell as a parameter or
# quoted, never spliced into SQL (tests/e2e/test_hostile_data_dir.py).
HOSTILE = 'o\'brien "data" dir; drop'


@dataclass(frozen=True)
class FixtureRun:
    completed: subprocess.CompletedProcess
    data: Path
    exports: Path

    @property
    def warehouse(self) -> Path:
        return self.data / "warehouse" / "mutuality.duckdb"

    @property
    def layout(self) -> PublishLayout:
        return PublishLayout(self.data / "published")

    @property
    def output(self) -> str:
        return self.completed.stdout + self.completed.stderr

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as conn:
            return conn.execute(sql).fetchall()

    def dbt_test_statuses(self, models: tuple[str, ...]) -> dict[str, str]:
        """Status of every dbt data test of the given models in the run's `dbt build`."""
        target = self.data / "dbt" / "target"
        manifest = json.loads((target / "manifest.json").read_text())
        results = json.loads((target / "run_results.json").read_text())["results"]
        wanted = {f"model.mutuality.{model}" for model in models}
        tests = {
            unique_id
            for unique_id, node in manifest["nodes"].items()
            if node["resource_type"] == "test" and node.get("attached_node") in wanted
        }
        return {r["unique_id"]: r["status"] for r in results if r["unique_id"] in tests}


def copy_fixture_exports(exports: Path, only: tuple[str, ...] | None = None) -> None:
    """The hand-written fixtures as a user's exports folder (with their export times); `only`
    the given top-level folders of it (a small exports folder, for runs that must get to a
    later phase fast)."""
    if only is None:
        shutil.copytree(FIXTURE_EXPORTS, exports)
    else:
        for name in only:
            shutil.copytree(FIXTURE_EXPORTS / name, exports / name)
    if (exports / UNDATED_STUDIO).is_dir():
        for path in (exports / UNDATED_STUDIO).iterdir():
            os.utime(path, (UNDATED_EXPORTED_AT, UNDATED_EXPORTED_AT))


def job_env(data: Path) -> dict[str, str]:
    """The environment of a job run as a user starts it, on the data folder `data`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MUTUALITY_", "DAGSTER_"))}
    return env | {
        "MUTUALITY_DATA_DIR": str(data),
        "MUTUALITY_FRESHNESS_MAX_AGE_DAYS": MAX_AGE_DAYS,
        "MUTUALITY_PSEUDONYM_SALT": "test-salt",
    }


@pytest.fixture(scope="session")
def fixture_run(tmp_path_factory: pytest.TempPathFactory) -> FixtureRun:
    data = tmp_path_factory.mktemp("fixture-exports") / HOSTILE
    exports = data / "exports"
    copy_fixture_exports(exports)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MUTUALITY_", "DAGSTER_"))
    }
    env |= {
        "MUTUALITY_DATA_DIR": str(data),
        "MUTUALITY_FRESHNESS_MAX_AGE_DAYS": MAX_AGE_DAYS,
        "MUTUALITY_PSEUDONYM_SALT": TEST_SALT,
    }
    completed = subprocess.run(
        [sys.executable, "-m", "orchestration", "run", "--no-sample", "--as-of", AS_OF],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    return FixtureRun(completed, data, exports)
