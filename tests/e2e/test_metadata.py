"""What BI tools read besides the rows: the published BI file of the sample run documents
every mart and column as the dbt YAML does and keeps the contracts' NOT NULLs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import yaml

from ingestion import paths
from orchestration.publishing import default_layout
from tests.conftest import PipelineRun

MART_YAML = sorted((paths.DBT_PROJECT_DIR / "models" / "marts").glob("*/_*__models.yml"))


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
