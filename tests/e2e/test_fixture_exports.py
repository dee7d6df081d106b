"""The real job on the hand-written fixtures of real export variants, not the generator.

Every fixture (several creators, every platform, export layouts from several eras) is dropped
into an empty exports folder and the job runs as a user runs it (`python -m orchestration run
--no-sample --as-of ...`): every platform's records reach `int_interactions_unioned` and the
marts, the quality gate publishes them, and the load report lists every file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from ingestion.paths import REPO_ROOT
from orchestration.publishing import PublishLayout, read_manifest
from tests.ingestion.conftest import FIXTURE_EXPORTS

AS_OF = "2026-06-30"
# The fixtures span export eras, so the newest CRM, log and activity rows are weeks apart:
# a team that exports monthly allows a month (README: gate settings).
MAX_AGE_DAYS = "30"
PLATFORMS = ("x", "instagram", "facebook", "tiktok", "youtube", "linkedin")


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

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as conn:
            return conn.execute(sql).fetchall()


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory: pytest.TempPathFactory) -> FixtureRun:
    data = tmp_path_factory.mktemp("fixture-exports")
    exports = data / "exports"
    shutil.copytree(FIXTURE_EXPORTS, exports)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MUTUALITY_", "DAGSTER_"))
    }
    env |= {"MUTUALITY_DATA_DIR": str(data), "MUTUALITY_FRESHNESS_MAX_AGE_DAYS": MAX_AGE_DAYS}
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


def test_the_run_succeeds_and_publishes(fixture_run: FixtureRun) -> None:
    output = fixture_run.completed.stdout + fixture_run.completed.stderr
    assert fixture_run.completed.returncode == 0, output[-6000:]
    assert "Mutuality run succeeded." in fixture_run.completed.stdout
    manifest = read_manifest(fixture_run.layout)
    assert manifest is not None, "nothing was published"
    assert all(check["passed"] for check in manifest["validations"].values())


def test_every_platform_reaches_the_interactions_and_the_marts(fixture_run: FixtureRun) -> None:
    interactions = dict(
        fixture_run.query(
            "select platform, count(*) from intermediate.int_interactions_unioned group by 1"
        )
    )
    assert {p for p in PLATFORMS if interactions.get(p, 0) == 0} == set()
    connectedness = {
        platform
        for (platform,) in fixture_run.query(
            "select distinct platform from marts.creator_connectedness "
            "where audience_interactions + creator_interactions > 0"
        )
    }
    assert set(PLATFORMS) <= connectedness
    with duckdb.connect(str(fixture_run.layout.bi_database), read_only=True) as bi:
        published = {
            platform
            for (platform,) in bi.execute(
                "select distinct platform from marts.creator_connectedness"
            ).fetchall()
        }
    assert set(PLATFORMS) <= published


def test_every_creator_with_exports_reaches_the_marts(fixture_run: FixtureRun) -> None:
    with_exports = {
        creator
        for (creator,) in fixture_run.query(
            """
            select distinct creator_id from intermediate.int_creator_accounts_joined accounts
            where exists (
                select 1 from raw._load_report report
                where report.status = 'loaded'
                    and split_part(report.source_file, '/', 1) = accounts.platform
                    and split_part(report.source_file, '/', 2) = accounts.handle
            )
            """
        )
    }
    assert {"cr_0001", "cr_0003", "cr_0004"} <= with_exports
    in_marts = {c for (c,) in fixture_run.query("select creator_id from marts.creator_roles")}
    scored = {
        c
        for (c,) in fixture_run.query(
            "select distinct creator_id from marts.creator_connectedness "
            "where audience_interactions > 0"
        )
    }
    assert with_exports <= in_marts
    assert with_exports <= scored


def test_the_load_report_lists_every_file(fixture_run: FixtureRun) -> None:
    files = {
        path.relative_to(fixture_run.exports).as_posix()
        for path in fixture_run.exports.rglob("*")
        if path.is_file()
    }
    report = dict(
        fixture_run.query(
            "select source_file, status from raw._load_report where status <> 'error'"
        )
    )
    assert set(report) == files
    assert set(report.values()) <= {"loaded", "not_read"}
    reasons = fixture_run.query(
        "select source_file, reason from raw._load_report where status = 'not_read'"
    )
    assert all(reason for _, reason in reasons)
    assert fixture_run.query("select * from raw._load_report where status = 'error'") == []
    assert "Load report (" in fixture_run.completed.stdout
