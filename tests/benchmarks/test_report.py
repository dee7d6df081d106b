"""The benchmark's target verdicts and its direct-SQL build order (no benchmark run here)."""

from __future__ import annotations

from benchmarks.direct_sql import build_order
from benchmarks.report import GIB, scale_markdown, targets


def _result(ingestion: float, bare: float, full: float, incremental: float, peak: int) -> dict:
    stage = {"seconds": 0.0, "peak_rss": 0, "rows": 0, "rows_per_second": None}
    stages = {s: dict(stage) for s in ("ingestion", "dbt build", "quality gate", "publishing")}
    stages["ingestion"]["seconds"] = ingestion
    stages["dbt build"]["seconds"] = 30.0
    stages["quality gate"]["seconds"] = 10.0
    return {
        "scale": "large",
        "job_succeeded": True,
        "sample": {"raw_rows": 10, "files": 2, "bytes": GIB, "new_day_files": 1},
        "full": {"seconds": full, "peak_rss": peak, "stages": stages, "other_seconds": 1.0},
        "bounds": {
            "bare_read": {"seconds": bare, "peak_rss": 0, "readers": ["read_json"]},
            "direct_sql": {"seconds": 25.0, "peak_rss": 0, "nodes": 3},
        },
        "incremental": {"seconds": incremental, "peak_rss": peak, "stages": stages},
        "slowest_models": [],
    }


def test_targets_met_and_missed_with_the_factor() -> None:
    verdicts = {t["target"]: t for t in targets(_result(50, 10, 1000, 50, 5 * GIB))}
    assert verdicts["ingestion / bare read (a)"]["met"] is False
    assert verdicts["ingestion / bare read (a)"]["miss_by"] == 2.5
    assert verdicts["dbt build / direct SQL (b)"]["met"] is True  # 30 / 25 = 1.2
    # the gate's 10 s of a 50 s daily run
    assert verdicts["quality gate share of the daily run"]["met"] is False
    assert verdicts["quality gate share of the daily run"]["miss_by"] == 1.33
    assert verdicts["incremental run / full refresh (c)"]["met"] is True  # 5%
    assert verdicts["peak resident memory (GiB)"]["met"] is True
    assert verdicts["whole large run (min)"]["met"] is False  # 16.7 min
    assert verdicts["whole large run (min)"]["miss_by"] == 1.11


def test_markdown_states_each_miss() -> None:
    result = _result(15, 10, 600, 120, 7 * GIB)
    result["targets"] = targets(result)
    markdown = scale_markdown(result)
    assert (
        "| incremental run / full refresh (c) | 20.0% | 10.0% | no (2.0x the limit) |" in markdown
    )
    assert "| peak resident memory (GiB) | 7.00 GiB | 6.00 GiB | no (1.17x the limit) |" in markdown


def test_direct_sql_runs_each_node_after_its_parents() -> None:
    def node(uid: str, kind: str, deps: list[str]) -> dict:
        return {"resource_type": kind, "compiled_code": "select 1", "depends_on": {"nodes": deps}}

    manifest = {
        "nodes": {
            "test.t": node("test.t", "test", ["model.b"]),
            "model.b": node("model.b", "model", ["model.a", "source.s"]),
            "model.a": node("model.a", "model", []),
            "seed.x": node("seed.x", "seed", []),
        }
    }
    order = list(build_order(manifest))
    kinds = [n["resource_type"] for n in order]
    assert kinds == ["model", "model", "test"]
    assert order[0] is manifest["nodes"]["model.a"]


def test_direct_sql_replays_the_bucket_inserts_of_a_bucketed_model() -> None:
    import duckdb

    from benchmarks.direct_sql import run_node

    conn = duckdb.connect()
    conn.execute("create table src as select 'cr_' || range as creator_id from range(100)")
    node = {
        "resource_type": "model",
        "relation_name": "built",
        # as dbt writes it into the manifest
        "config": {"materialized": "table", "post-hook": [{"sql": "insert ..."}]},
        "compiled_code": "select * from src where hash(creator_id) % 8 = 0",
    }
    run_node(conn, node)
    assert conn.execute("select count(*) from built").fetchone()[0] == 100


def test_dbt_costs_split_each_nodes_statements_by_kind(tmp_path) -> None:
    import json

    from benchmarks.dbt_costs import build_costs, statement_kind

    assert statement_kind("/* {...} */ create table x as select 1") == "build"
    assert statement_kind("comment on column x.a is 'A'") == "docs"
    assert statement_kind("COMMIT") == "transaction"
    assert statement_kind("alter table x__dbt_tmp rename to x") == "swap"
    assert statement_kind("select * from information_schema.columns") == "catalog"
    assert statement_kind("select count(*) from (select 1) dbt_internal_test") == "test query"

    def event(name: str, node: str, **data) -> str:
        info = {"name": name, "invocation_id": "inv", "thread": "t1"}
        return json.dumps({"info": info, "data": {"node_info": {"unique_id": node}, **data}})

    lines = [
        event("SQLQuery", "model.p.m", sql="create table m as select 1"),
        event("SQLQueryStatus", "model.p.m", elapsed=2.0),
        event("SQLQuery", "model.p.m", sql="comment on table m is 'M'"),
        event("SQLQueryStatus", "model.p.m", elapsed=0.5),
        event("SQLQuery", "model.p.m", sql="commit"),
        event("SQLQueryStatus", "model.p.m", elapsed=1.0),
        # another invocation's statement does not count
        event("SQLQuery", "model.p.m", sql="create table m as select 2").replace("inv", "old"),
        event("SQLQueryStatus", "model.p.m", elapsed=9.0).replace("inv", "old"),
    ]
    (tmp_path / "dbt.log").write_text("\n".join(lines) + "\n")
    run_results = {
        "metadata": {"invocation_id": "inv"},
        "results": [{"unique_id": "model.p.m", "execution_time": 4.0}],
    }
    costs = build_costs(run_results, tmp_path)
    node = costs["nodes"]["model.p.m"]
    assert (node["build"], node["docs"], node["transaction"]) == (2.0, 0.5, 1.0)
    assert node["outside_sql"] == 0.5
    assert costs["totals"]["model"]["nodes"] == 1


def test_direct_sql_rebuilds_every_schema_the_models_build_into() -> None:
    import duckdb

    from benchmarks.direct_sql import drop_models, model_schemas

    manifest = {
        "nodes": {
            "model.a": {"resource_type": "model", "schema": "marts"},
            "model.b": {"resource_type": "model", "schema": "semantic"},
            "test.t": {"resource_type": "test", "schema": "dbt_test__audit"},
        }
    }
    assert model_schemas(manifest) == ["marts", "semantic"]
    conn = duckdb.connect()
    conn.execute("create schema semantic")
    conn.execute("create table semantic.metricflow_time_spine as select 1 as day")
    drop_models(conn, model_schemas(manifest))
    conn.execute("create table semantic.metricflow_time_spine as select 1 as day")


def test_the_report_says_whether_the_machine_was_idle() -> None:
    from benchmarks.context import load_note

    assert load_note(True, 0.01, 0.74).startswith("the machine was otherwise idle")
    busy = load_note(False, 1.2, 1.9)
    assert "NOT idle" in busy and "1.20 of" in busy and "inflated" in busy
