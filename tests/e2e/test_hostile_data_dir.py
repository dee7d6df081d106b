"""The whole job on a data folder whose path has quotes, spaces and SQL in it: every path
reaches DuckDB, dbt and the shell as a parameter or quoted, never spliced into SQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb

from ingestion.paths import REPO_ROOT
from orchestration.publishing import PublishLayout, read_manifest
from tests.e2e.conftest import AS_OF, copy_fixture_exports, job_env

HOSTILE = 'o\'brien "data" dir; drop'


def test_the_job_runs_in_a_data_folder_with_quotes_in_its_path(tmp_path: Path) -> None:
    data = tmp_path / HOSTILE
    copy_fixture_exports(data / "exports")
    completed = subprocess.run(
        [sys.executable, "-m", "orchestration", "run", "--no-sample", "--as-of", AS_OF],
        cwd=REPO_ROOT,
        env=job_env(data),
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-4000:]

    warehouse = data / "warehouse" / "mutuality.duckdb"
    assert warehouse.exists()
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        assert conn.execute("select count(*) from raw._load_errors").fetchone() == (0,)
        assert conn.execute("select count(*) from raw.crm_deals").fetchone()[0] > 0
        assert conn.execute("select count(*) from marts.deal_attribution").fetchone()[0] > 0
    results = json.loads((data / "dbt" / "target" / "run_results.json").read_text())["results"]
    assert results
    assert not [r["unique_id"] for r in results if r["status"] in ("error", "fail")]
    layout = PublishLayout(data / "published")
    manifest = read_manifest(layout)
    assert manifest is not None and manifest["row_counts"]["marts.deal_attribution"] > 0
    with duckdb.connect(str(layout.bi_database), read_only=True) as bi:
        parquet = layout.parquet / "marts.deal_attribution.parquet"
        assert bi.execute("select count(*) from read_parquet(?)", [str(parquet)]).fetchone()[0] > 0
