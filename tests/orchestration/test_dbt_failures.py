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


def test_an_errored_model_is_named_with_its_message_and_the_files_it_reads(
    tmp_path: Path,
) -> None:
    from orchestration.dbt_failures import dbt_errors

    warehouse = tmp_path / "w.duckdb"
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("create schema raw")
        conn.execute("create table raw.crm_deals (amount varchar, _source_file varchar)")
        conn.execute("insert into raw.crm_deals values ('12,5O0.00', 'crm/deals.csv')")
    target = tmp_path / "target"
    target.mkdir()
    source = {"schema": "raw", "name": "crm_deals"}
    model = {"name": "stg_crm__deals", "depends_on": {"nodes": ["source.mutuality.raw.crm_deals"]}}
    (target / "manifest.json").write_text(
        json.dumps(
            {
                "nodes": {"model.mutuality.stg_crm__deals": model},
                "sources": {"source.mutuality.raw.crm_deals": source},
            }
        )
    )
    results = [
        {
            "unique_id": "model.mutuality.stg_crm__deals",
            "status": "error",
            "message": "Conversion Error:\n  Could not convert string '12,5O0.00' to DECIMAL",
        },
        {"unique_id": "model.mutuality.other", "status": "success", "message": "OK"},
    ]
    (target / "run_results.json").write_text(json.dumps({"results": results}))

    assert dbt_errors(target, warehouse) == [
        (
            "stg_crm__deals",
            "Conversion Error: Could not convert string '12,5O0.00' to DECIMAL",
            ["crm/deals.csv"],
        )
    ]


def test_a_lock_conflict_names_the_holder_under_dagsters_wrapping() -> None:
    from dagster._utils.error import SerializableErrorInfo

    from orchestration.summary import error_lock_holder, root_cause

    lock = SerializableErrorInfo(
        message='IO Error: Could not set lock on file "/d/w.duckdb": Conflicting lock is held '
        "in /usr/bin/python3.11 (PID 4242). See also https://duckdb.org/docs",
        stack=[],
        cls_name="IOException",
    )
    wrapped = SerializableErrorInfo(
        message='Error occurred while executing op "load_crm":',
        stack=[],
        cls_name="DagsterExecutionStepExecutionError",
        cause=lock,
    )
    assert root_cause(wrapped).startswith("IO Error: Could not set lock")
    holder = error_lock_holder(wrapped)
    assert holder is not None
    assert (holder.program, holder.pid) == ("/usr/bin/python3.11", 4242)
