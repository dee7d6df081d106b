"""Settings live in mutuality/settings.py: importing the product changes no environment and
parses nothing, dbt gets the same DuckDB limits as the loaders, and a run's days are run
config."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mutuality import settings
from orchestration.children import child_env

_IMPORT_EVERYTHING = """
import json, os, sys
before = dict(os.environ)
import mutuality.settings, mutuality.platforms, ingestion.loaders, ingestion.warehouse
import expectations.suites, expectations.runner, expectations.context
import orchestration.project, orchestration.resources, orchestration.checks
import orchestration.assets.publish, orchestration.assets.raw, orchestration.definitions
changed = sorted(k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k))
print(json.dumps(changed))
"""


def test_importing_the_product_changes_no_environment_and_parses_nothing(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MUTUALITY_", "DBT_"))}
    env["MUTUALITY_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_EVERYTHING],
        cwd=settings.REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
    assert not (tmp_path / "data" / "dbt").exists(), "an import ran dbt"


def _profile_fallbacks() -> dict[str, str]:
    text = (settings.dbt_project_dir() / "profiles.yml").read_text()
    found = re.findall(r"env_var\('(MUTUALITY_DUCKDB_[A-Z_]+)', '([^']*)'\)", text)
    assert found, "profiles.yml reads the DuckDB settings from the environment"
    fallbacks: dict[str, str] = {}
    for name, value in found:
        assert fallbacks.setdefault(name, value) == value, f"two fallbacks for {name}"
    return fallbacks


def test_the_dbt_profile_falls_back_to_the_settings_defaults() -> None:
    fallbacks = _profile_fallbacks()
    assert fallbacks["MUTUALITY_DUCKDB_MEMORY_LIMIT"] == settings.DEFAULT_DUCKDB_MEMORY_LIMIT
    assert fallbacks["MUTUALITY_DUCKDB_THREADS"] == str(settings.DEFAULT_DUCKDB_THREADS)
    # the spill folder: the checkout's data folder, seen from the dbt project
    spill = (settings.REPO_ROOT / "dbt_project" / fallbacks["MUTUALITY_DUCKDB_TEMP_DIR"]).resolve()
    assert spill == settings.REPO_ROOT / "data" / "warehouse" / "spill"


def test_dbt_gets_the_limits_the_loaders_use(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("MUTUALITY_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MUTUALITY_DUCKDB_MEMORY_LIMIT", "3GB")
    monkeypatch.delenv("MUTUALITY_DUCKDB_THREADS", raising=False)
    monkeypatch.delenv("MUTUALITY_DUCKDB_TEMP_DIR", raising=False)
    monkeypatch.delenv("MUTUALITY_WAREHOUSE_PATH", raising=False)
    loaders = settings.duckdb_config()
    dbt = child_env()
    assert dbt["MUTUALITY_DUCKDB_MEMORY_LIMIT"] == loaders["memory_limit"] == "3GB"
    assert dbt["MUTUALITY_DUCKDB_THREADS"] == loaders["threads"] == "2"
    assert dbt["MUTUALITY_DUCKDB_TEMP_DIR"] == loaders["temp_directory"]
    assert Path(dbt["MUTUALITY_WAREHOUSE_PATH"]) == tmp_path / "warehouse" / "mutuality.duckdb"
    assert "MUTUALITY_DUCKDB_MEMORY_LIMIT" in os.environ and "MUTUALITY_WAREHOUSE_PATH" not in (
        os.environ
    ), "child_env() leaves this process's environment alone"


def test_a_bad_day_names_the_setting() -> None:
    assert settings.parse_day("as_of_date", " 2026-06-30 ").isoformat() == "2026-06-30"
    assert settings.parse_day("as_of_date", "") is None
    with pytest.raises(ValueError, match="MUTUALITY_RUN_DATE '30/06/2026' is not a YYYY-MM-DD"):
        settings.parse_day("MUTUALITY_RUN_DATE", "30/06/2026")
