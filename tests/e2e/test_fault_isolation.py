"""One bad file never stops the warehouse, and fixing the file is all it takes to recover.

The real job (in process, on a copy of the fixtures) with three faults at once: a CRM export
with an amount typed `$18,75O.00`, a truncated Instagram posts file, and a loader that fails
for a reason of its own (simulated). The bad files are quarantined, the loader's failure is
recorded, everything else loads, dbt builds the marts from it and they are published, and the
run ends as a failure naming each problem first. Then the files are fixed (and a file loaded
earlier is corrected) and a plain re-run recovers: no SQL, no deleting the warehouse.
"""

from __future__ import annotations

import io
import shutil
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from ingestion.loaders import runner
from tests.e2e.conftest import AS_OF, MAX_AGE_DAYS, TEST_SALT, copy_fixture_exports
from tests.ingestion.conftest import FIXTURE_EXPORTS

HUBSPOT_DEALS = "crm/hubspot-crm-exports-all-deals-2026-06-15.csv"
CARMEN_POSTS = "instagram/carmen.ruiz/your_instagram_activity/media/posts_1.json"
OLD_DEALS = "crm/deals.csv"
FAILING_LOADER = "tiktok_studio"


@dataclass
class Runs:
    first: dg.ExecuteInProcessResult
    first_summary: str
    first_errors: list[tuple]
    first_deals: dict[str, float]
    first_platforms: set[str]
    second: dg.ExecuteInProcessResult
    second_errors: list[tuple]
    second_deals: dict[str, float]
    second_pending: list[tuple]
    second_raw_deal_9003: list[tuple]


def _run(instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    from orchestration.definitions import build_definitions

    return (
        build_definitions()
        .resolve_job_def("mutuality_daily")
        .execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"resources": {"run_settings": {"config": {"as_of_date": AS_OF}}}},
        )
    )


def _query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def _deal_amounts(warehouse: Path) -> dict[str, float]:
    rows = _query(warehouse, "select distinct deal_id, deal_amount from marts.deal_attribution")
    return {deal: float(amount) for deal, amount in rows}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    data = tmp_path_factory.mktemp("fault-isolation")
    exports = data / "exports"
    copy_fixture_exports(exports)
    warehouse = data / "warehouse" / "mutuality.duckdb"
    deals = exports / HUBSPOT_DEALS
    deals.write_text(deals.read_text().replace('"$18,750.00"', '"$18,75O.00"'))
    posts = exports / CARMEN_POSTS
    posts.write_text(posts.read_text()[:-40])  # cut off mid-record
    original_stage = runner._stage

    def stage_or_fail(conn, loader, *args, **kwargs):
        if loader.name == FAILING_LOADER:
            raise RuntimeError("the disk holding the exports went away")
        return original_stage(conn, loader, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        for name in ("MUTUALITY_EXPORTS_DIR", "DAGSTER_HOME", "MUTUALITY_RUN_DATE"):
            patch.delenv(name, raising=False)
        patch.setenv("MUTUALITY_DATA_DIR", str(data))
        patch.setenv("MUTUALITY_WAREHOUSE_PATH", str(warehouse))
        patch.setenv("MUTUALITY_DUCKDB_TEMP_DIR", str(data / "warehouse" / "spill"))
        patch.setenv("DBT_LOG_PATH", str(data / "dbt" / "logs"))
        patch.setenv("MUTUALITY_FRESHNESS_MAX_AGE_DAYS", MAX_AGE_DAYS)
        patch.setenv("MUTUALITY_PSEUDONYM_SALT", TEST_SALT)
        with dg.DagsterInstance.ephemeral() as instance:
            patch.setattr(runner, "_stage", stage_or_fail)
            first = _run(instance)
            patch.setattr(runner, "_stage", original_stage)
            summary = io.StringIO()
            with redirect_stdout(summary):
                from orchestration.summary import print_failure

                print_failure(first)
            first_errors = _query(
                warehouse, "select source_file, position, field from raw._load_errors order by 1"
            )
            first_deals = _deal_amounts(warehouse)
            first_platforms = {
                platform
                for (platform,) in _query(
                    warehouse, "select distinct platform from intermediate.int_interactions_unioned"
                )
            }
            # the fix: both files as exported, and a correction to a file loaded before
            shutil.copy(FIXTURE_EXPORTS / HUBSPOT_DEALS, deals)
            shutil.copy(FIXTURE_EXPORTS / CARMEN_POSTS, posts)
            old = exports / OLD_DEALS
            old.write_text(
                old.read_text().replace("Closed Lost,default,800.00", "Closed Lost,default,850.00")
            )
            second = _run(instance)
    return Runs(
        first=first,
        first_summary=summary.getvalue(),
        first_errors=first_errors,
        first_deals=first_deals,
        first_platforms=first_platforms,
        second=second,
        second_errors=_query(warehouse, "select * from raw._load_errors"),
        second_deals=_deal_amounts(warehouse),
        second_pending=_query(warehouse, "select * from raw._pending_rebuilds"),
        second_raw_deal_9003=_query(
            warehouse, "select amount from raw.crm_deals where deal_id = '9003'"
        ),
    )


def _failed_steps(result: dg.ExecuteInProcessResult) -> set[str]:
    return {event.step_key for event in result.all_events if event.is_step_failure}


def test_the_run_with_bad_files_fails_but_builds_and_publishes_the_rest(runs: Runs) -> None:
    assert not runs.first.success
    assert _failed_steps(runs.first) == {"raw___load_report"}
    published = [
        e
        for e in runs.first.get_asset_materialization_events()
        if e.asset_key.path[0] == "published"
    ]
    assert published, "the marts built from what loaded are published"
    assert {"x", "instagram", "facebook", "tiktok", "youtube", "linkedin"} <= runs.first_platforms


def test_every_problem_is_listed_with_file_row_and_field(runs: Runs) -> None:
    assert runs.first_errors == [
        (HUBSPOT_DEALS, "row 2", "Amount"),
        (CARMEN_POSTS, None, None),
        (f"{FAILING_LOADER}/", None, None),
    ]


def test_the_summary_names_each_problem_first(runs: Runs) -> None:
    summary = runs.first_summary
    assert "published (version" in summary
    assert f"QUARANTINED {HUBSPOT_DEALS}: quarantined: row 2: Amount '$18,75O.00'" in summary
    assert f"QUARANTINED {CARMEN_POSTS}: quarantined: invalid JSON" in summary
    assert "the disk holding the exports went away" in summary
    # the load report's problems come first, before any check or step
    problems = summary.index("QUARANTINED")
    assert all(
        problems < summary.index(later) for later in ("  step ", "  check ") if later in summary
    )


def test_the_quarantined_files_deals_are_not_in_the_marts(runs: Runs) -> None:
    assert "9101" not in runs.first_deals and "9103" not in runs.first_deals
    assert "9001" in runs.first_deals


def test_fixing_the_files_and_running_again_recovers(runs: Runs) -> None:
    assert runs.second.success, _failed_steps(runs.second)
    assert runs.second_errors == []
    assert runs.second_deals["9101"] == 18750.00
    assert runs.second_raw_deal_9003 == [("850.00",)]  # the corrected file's version only
    assert runs.second_pending == []  # the correction's full refresh ran and was recorded
