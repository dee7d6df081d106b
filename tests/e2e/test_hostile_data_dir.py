"""The whole job on a data folder whose path has quotes, spaces and SQL in it: every path
reaches DuckDB, dbt and the shell as a parameter or quoted, never spliced into SQL.

The session's fixture-exports run (tests/e2e/conftest.py) is that run: `python -m
orchestration run --no-sample` in a data folder named HOSTILE, through the publish step."""

from __future__ import annotations

import json

import duckdb

from orchestration.publishing import read_manifest
from tests.e2e.conftest import HOSTILE, FixtureRun


def test_the_job_runs_in_a_data_folder_with_quotes_in_its_path(fixture_run: FixtureRun) -> None:
    data = fixture_run.data
    assert data.name == HOSTILE and {"'", '"', ";", " "} <= set(data.name)
    assert fixture_run.completed.returncode == 0, fixture_run.output[-4000:]

    assert fixture_run.warehouse.exists()
    assert fixture_run.query("select count(*) from raw._load_errors") == [(0,)]
    assert fixture_run.query("select count(*) from raw.crm_deals")[0][0] > 0
    assert fixture_run.query("select count(*) from marts.deal_attribution")[0][0] > 0
    results = json.loads((data / "dbt" / "target" / "run_results.json").read_text())["results"]
    assert results
    assert not [r["unique_id"] for r in results if r["status"] in ("error", "fail")]
    layout = fixture_run.layout
    manifest = read_manifest(layout)
    assert manifest is not None and manifest["row_counts"]["marts.deal_attribution"] > 0
    with duckdb.connect(str(layout.bi_database), read_only=True) as bi:
        parquet = layout.parquet / "marts.deal_attribution.parquet"
        assert bi.execute("select count(*) from read_parquet(?)", [str(parquet)]).fetchone()[0] > 0
