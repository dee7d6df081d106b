"""What BI tools read besides the rows: the published BI file of the sample run documents
every mart and column as the dbt YAML does and keeps the contracts' NOT NULLs; dbt source
tests are asset checks of the raw assets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import yaml

from mutuality import settings
from orchestration.publishing import default_layout
from tests.conftest import PipelineRun

MART_YAML = sorted((settings.dbt_project_dir() / "models" / "marts").glob("*/_*__models.yml"))


def documented_marts() -> dict[str, dict[str, Any]]:
    """Each mart of the dbt YAML: its description, its columns' descriptions and the columns
    its contract declares not null."""
    marts = {}
    for path in MART_YAML:
        for model in yaml.safe_load(path.read_text())["models"]:
            columns = {c["name"]: (c.get("description") or "").strip() for c in model["columns"]}
            not_null = {
                column["name"]
                for column in model["columns"]
                for constraint in column.get("constraints") or []
                if constraint["type"] == "not_null"
            } | {
                name
                for constraint in model.get("constraints") or []
                if constraint["type"] == "not_null"
                for name in constraint["columns"]
            }
            marts[model["name"]] = {
                "description": model["description"].strip(),
                "columns": columns,
                "not_null": not_null,
            }
    return marts


def published_marts(bi_database: Path) -> dict[str, dict[str, Any]]:
    with duckdb.connect(str(bi_database), read_only=True) as bi:
        tables = bi.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'marts'"
        ).fetchall()
        columns = bi.execute(
            "select table_name, column_name, comment, is_nullable from duckdb_columns() "
            "where schema_name = 'marts' order by table_name, column_index"
        ).fetchall()
    return {
        table: {
            "description": (comment or "").strip(),
            "columns": {c: (text or "").strip() for t, c, text, _ in columns if t == table},
            "not_null": {c for t, c, _, nullable in columns if t == table and not nullable},
        }
        for table, comment in tables
    }


def test_the_bi_file_documents_every_mart_and_column_as_the_dbt_yaml(
    pipeline_run: PipelineRun,
) -> None:
    expected = documented_marts()
    published = published_marts(default_layout().bi_database)
    assert set(published) == set(expected) and len(expected) >= 11
    for mart, documented in expected.items():
        assert published[mart]["description"] == documented["description"], mart
        assert published[mart]["columns"] == documented["columns"], mart
        assert all(published[mart]["columns"].values()), f"{mart}: a column without comment"


def test_the_bi_file_keeps_the_contracts_not_nulls(pipeline_run: PipelineRun) -> None:
    expected = documented_marts()
    published = published_marts(default_layout().bi_database)
    assert sum(len(mart["not_null"]) for mart in expected.values()) >= 40
    assert {m: published[m]["not_null"] for m in expected} == {
        m: documented["not_null"] for m, documented in expected.items()
    }


def source_test_checks() -> set[dg.AssetCheckKey]:
    """The check every dbt test of a source should be: on the source table's raw asset."""
    manifest = json.loads((settings.dbt_target_dir() / "manifest.json").read_text())
    checks = set()
    for node in manifest["nodes"].values():
        parents = node["depends_on"]["nodes"] if node["resource_type"] == "test" else []
        if len(parents) == 1 and parents[0].startswith("source."):
            source = manifest["sources"][parents[0]]
            key = dg.AssetKey([source["source_name"], source["name"]])
            checks.add(dg.AssetCheckKey(key, node["name"]))
    return checks


def test_source_tests_are_asset_checks_of_the_raw_assets(pipeline_run: PipelineRun) -> None:
    """Each source test's result is an asset check of its raw asset."""
    expected = source_test_checks()
    assert len(expected) >= 50 and {key.asset_key.path[0] for key in expected} == {"raw"}
    evaluated = {
        dg.AssetCheckKey(evaluation.asset_key, evaluation.check_name): evaluation
        for evaluation in pipeline_run.result.get_asset_check_evaluations()
    }
    assert expected - set(evaluated) == set()
    assert all(evaluated[key].passed for key in expected)


def test_no_test_result_is_logged_instead_of_a_check(pipeline_run: PipelineRun) -> None:
    """dagster-dbt logs an observation "instead of an AssetCheckResult" (and a warning) for a
    dbt test without an asset check: there is none."""
    instead = [
        event.asset_key.to_user_string()
        for event in pipeline_run.result.get_asset_observation_events()
        if "instead of an `AssetCheckResult`"
        in (event.event_specific_data.asset_observation.description or "")
    ]
    assert instead == []
