"""Every attribution model on a second journey table, named by the var from the command line.

A copy of the dbt project gets the journey tables of tests/fixtures/journeys/ as models, and
`dbt build --select <table>+ --vars '{attribution_touchpoints_model: <table>}'` runs on a copy
of the sample warehouse: every model downstream of the journeys is built on the new table
(the unit tests, which read `int_journey_touchpoints_selected`, run unchanged), and its input
checks run on it.

The valid table is the Markov worked example of docs/attribution.md (web-1 A > B converts
40.00, web-2 B converts 10.00, web-3 A is lost) with web-1's A repeated, under the `exposure`
path transform, which collapses the repeat:
- removal effects: P = 2/3; without A 1/3, RE(A) = 1/2; without B 0, RE(B) = 1;
- markov: A 1/3 x 50.00 = 16.67, B 33.33; web-2 can only give B its 10.00, so web-1 gives
  A 16.67 and B 23.33;
- shapley (value split evenly between a journey's distinct channels): web-1 20.00 / 20.00,
  web-2 B 10.00: A 20.00, B 30.00;
- first touch: web-1 to A (w1), web-2 to B; linear on the transformed web-1: 20.00 each (on
  the untransformed one A would get 26.67).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from mutuality import settings
from orchestration.manifest import dbt_executable

FIXTURES = Path(__file__).parents[1] / "fixtures" / "journeys"


def build_on(table: str, pipeline_run, tmp_path: Path, **dbt_vars: str):
    project = tmp_path / "dbt_project"
    shutil.copytree(
        settings.dbt_project_dir(),
        project,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"),
    )
    (project / "models" / "journeys").mkdir()
    shutil.copy(FIXTURES / f"{table}.sql", project / "models" / "journeys" / f"{table}.sql")
    warehouse = tmp_path / "mutuality.duckdb"  # the catalog name the project compiles to
    shutil.copy(pipeline_run.warehouse, warehouse)
    completed = subprocess.run(
        [
            dbt_executable(),
            "build",
            "--select",
            f"{table}+",
            "--vars",
            json.dumps({"attribution_touchpoints_model": table, **dbt_vars}),
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--target-path",
            str(tmp_path / "target"),
        ],
        env={
            **os.environ,
            **settings.dbt_environment(),
            "MUTUALITY_WAREHOUSE_PATH": str(warehouse),
            "DBT_LOG_PATH": str(tmp_path / "logs"),
        },
        capture_output=True,
        text=True,
    )
    results = json.loads((tmp_path / "target" / "run_results.json").read_text())["results"]
    return completed, {r["unique_id"]: r["status"] for r in results}, warehouse


@pytest.fixture(scope="module")
def web_build(pipeline_run, tmp_path_factory):
    return build_on(
        "web_journeys",
        pipeline_run,
        tmp_path_factory.mktemp("web_journeys"),
        attribution_path_transform="exposure",
    )


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(sql).fetchall()


def test_every_attribution_model_builds_on_the_table(web_build) -> None:
    completed, statuses, _ = web_build
    assert completed.returncode == 0, completed.stdout[-4000:]
    built = {uid.split(".")[-1] for uid, status in statuses.items() if status == "success"}
    assert {
        "int_journey_touchpoints_selected",
        "int_journey_touchpoints_prepared",
        "int_attribution_channel_credits_allocated",
        "deal_attribution",
        "person_attributed_value",
        "creator_roles",
        "attribution_path_summary",
    } <= built
    input_checks = [
        uid
        for uid in statuses
        if uid.startswith("test.") and "int_journey_touchpoints_selected" in uid
    ]
    assert len(input_checks) >= 6 and all(statuses[uid] == "pass" for uid in input_checks)


def test_credits_follow_the_reference_definitions(web_build) -> None:
    _, _, warehouse = web_build
    credits = dict(
        ((model, label), amount)
        for model, label, amount in query(
            warehouse,
            "select attribution_model, credited_label, sum(credit_amount) "
            "from marts.deal_attribution group by all",
        )
    )
    assert credits[("markov", "A")] == Decimal("16.67")
    assert credits[("markov", "B")] == Decimal("33.33")
    assert credits[("shapley", "A")] == Decimal("20.00")
    assert credits[("shapley", "B")] == Decimal("30.00")
    assert credits[("first_touch", "A")] == Decimal("40.00")
    assert credits[("first_touch", "B")] == Decimal("10.00")
    assert credits[("linear", "A")] == Decimal("20.00")
    per_deal = query(
        warehouse,
        "select deal_id, attribution_model, credited_label, sum(credit_amount) "
        "from marts.deal_attribution where attribution_model = 'markov' group by all order by all",
    )
    assert per_deal == [
        ("web-1", "markov", "A", Decimal("16.67")),
        ("web-1", "markov", "B", Decimal("23.33")),
        ("web-2", "markov", "B", Decimal("10.00")),
    ]
    # the repeated A was collapsed: web-1 has two touches left under every model
    touches = query(
        warehouse,
        "select count(distinct touch_id) from marts.deal_attribution where deal_id = 'web-1'",
    )
    assert touches == [(2,)]


def test_path_summary_counts_each_path(web_build) -> None:
    _, _, warehouse = web_build
    rows = query(
        warehouse,
        "select journey_path, transformed_path, path_transform, journeys, conversions, "
        "non_conversions, conversion_value from marts.attribution_path_summary "
        "order by journey_path",
    )
    assert rows == [
        ("A", "A", "exposure", 1, 0, 1, Decimal("0.00")),
        ("A > A > B", "A > B", "exposure", 1, 1, 0, Decimal("40.00")),
        ("B", "B", "exposure", 1, 1, 0, Decimal("10.00")),
    ]


def test_input_checks_guard_the_configured_table(pipeline_run, tmp_path) -> None:
    completed, statuses, _ = build_on("web_journeys_invalid", pipeline_run, tmp_path)
    assert completed.returncode != 0
    failed = {uid for uid, status in statuses.items() if status in ("fail", "error")}
    checks = {
        "unique_combination_int_journey_touchpoints_selected_conversion_id__touch_id",
        "row_condition_holds_int_journey_touchpoints_selected_converted_at_is_null_or_touched_at_converted_at",
    }
    failed_names = {uid.split(".")[2] for uid in failed}
    assert checks <= failed_names, sorted(failed_names)
    assert any("is_converted_converted_at" in name for name in failed_names), failed_names
    # nothing downstream of failed input checks is built
    assert statuses.get("model.mutuality.int_journey_touchpoints_prepared") == "skipped"
