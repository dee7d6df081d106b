"""A failed dbt test on a staging model names the export files its failing rows came from."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from orchestration.dbt_failures import offending_source_files

MODEL = "model.mutuality.stg_linkedin__messages"
ROWS = [
    ("m1", "linkedin/a/messages.csv", "k1"),
    ("m1", "linkedin/b/messages.csv", "k2"),
    ("m2", "linkedin/b/messages.csv", None),
    ("m3", "linkedin/c/messages.csv", "k3"),
]


def _project(tmp_path: Path, test: dict, compiled: str, with_source_file: bool = True) -> Path:
    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("create schema staging")
        columns = "message_id varchar, source_file varchar, sender_key varchar"
        if not with_source_file:
            columns = "message_id varchar, sender_key varchar"
        conn.execute(f"create table staging.stg_linkedin__messages ({columns})")
        for row in ROWS:
            values = row if with_source_file else (row[0], row[2])
            marks = ", ".join("?" * len(values))
            conn.execute(f"insert into staging.stg_linkedin__messages values ({marks})", values)
    target = tmp_path / "target"
    target.mkdir()
    model = {"schema": "staging", "alias": "stg_linkedin__messages", "name": "x"}
    nodes = {MODEL: model, "test.mutuality.t": {"attached_node": MODEL, **test}}
    (target / "manifest.json").write_text(json.dumps({"nodes": nodes}))
    results = [{"unique_id": "test.mutuality.t", "compiled_code": compiled}]
    (target / "run_results.json").write_text(json.dumps({"results": results}))
    return warehouse


def _files(tmp_path: Path, warehouse: Path) -> list[str]:
    return offending_source_files("test.mutuality.t", warehouse, tmp_path / "target")


def test_a_generic_test_keeping_the_model_columns_names_the_files(tmp_path: Path) -> None:
    test = {"test_metadata": {"name": "not_null_columns"}}
    compiled = "select * from staging.stg_linkedin__messages where sender_key is null"
    assert _files(tmp_path, _project(tmp_path, test, compiled)) == ["linkedin/b/messages.csv"]


def test_a_unique_test_names_every_file_holding_a_duplicated_value(tmp_path: Path) -> None:
    test = {"test_metadata": {"name": "unique"}, "column_name": "message_id"}
    compiled = (
        "select message_id as unique_field, count(*) as n_records "
        "from staging.stg_linkedin__messages group by 1 having count(*) > 1"
    )
    assert _files(tmp_path, _project(tmp_path, test, compiled)) == [
        "linkedin/a/messages.csv",
        "linkedin/b/messages.csv",
    ]


def test_a_not_null_test_names_the_files_of_the_null_rows(tmp_path: Path) -> None:
    test = {"test_metadata": {"name": "not_null"}, "column_name": "sender_key"}
    compiled = "select sender_key from staging.stg_linkedin__messages where sender_key is null"
    assert _files(tmp_path, _project(tmp_path, test, compiled)) == ["linkedin/b/messages.csv"]


def test_a_model_without_source_files_names_none(tmp_path: Path) -> None:
    test = {"test_metadata": {"name": "not_null"}, "column_name": "sender_key"}
    compiled = "select sender_key from staging.stg_linkedin__messages where sender_key is null"
    warehouse = _project(tmp_path, test, compiled, with_source_file=False)
    assert _files(tmp_path, warehouse) == []
