"""What the run command prints at the end: where things are and what to open next."""

from __future__ import annotations

import dagster as dg
import duckdb

from expectations.settings import gx_workdir
from ingestion import paths
from orchestration.publishing import default_layout, read_manifest


def data_docs_index() -> str:
    return str(gx_workdir() / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html")


def print_failure(result: dg.ExecuteInProcessResult) -> None:
    print("\nThe run failed; nothing new was published.")
    for evaluation in result.get_asset_check_evaluations():
        if evaluation.passed:
            continue
        print(f"  check {evaluation.asset_key.to_user_string()}:{evaluation.check_name} failed")
        failed = evaluation.metadata.get("failed_expectations")
        if failed is not None:
            for line in str(failed.value).splitlines():
                print(f"    {line}")
    for event in result.all_events:
        if event.is_step_failure:
            failure = event.event_specific_data
            print(f"  step {event.step_key}: {failure.error.message.strip().splitlines()[-1]}")
            for entry in (
                failure.user_failure_data.metadata if failure.user_failure_data else {}
            ).values():
                for line in str(entry.value).splitlines():
                    print(f"    {line}")
    manifest = read_manifest(default_layout())
    if manifest:
        print(f"The last good version ({manifest['version']}) is still published.")
    print(f"Data Docs: {data_docs_index()}")
    print(f"Run id {result.run_id}; open it in the Dagster UI with `make ui`.")


def print_summary(run_id: str) -> None:
    warehouse = paths.warehouse_path()
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        layers = conn.execute(
            """
            select table_schema, count(*) as relations
            from information_schema.tables
            where table_schema in ('raw', 'staging', 'intermediate', 'marts')
            group by table_schema
            order by table_schema
            """
        ).fetchall()
        interactions = conn.execute(
            """
            select platform, count(*) as interactions
            from intermediate.int_interactions_unioned
            group by platform
            order by platform
            """
        ).fetchall()
    layout = default_layout()
    manifest = read_manifest(layout) or {"row_counts": {}, "version": "none"}
    print("\nMutuality run succeeded.")
    print(f"  run id       {run_id}")
    print(f"  warehouse    {warehouse}   (working copy: dbt and the loaders write it)")
    print("  relations    " + ", ".join(f"{schema}: {n}" for schema, n in layers))
    print("  interactions " + ", ".join(f"{p}: {n:,}" for p, n in interactions))
    print(f"  data docs    {data_docs_index()}")
    print(f"\nPublished for BI (version {manifest['version']}):")
    for relation, rows in sorted(manifest["row_counts"].items()):
        print(f"  {relation:<45} {rows:>8,} rows")
    print(f"  DuckDB file  {layout.bi_database}   (open read-only)")
    print(f"  Parquet      {layout.parquet}/<schema>.<table>.parquet")
    print("\nNext:")
    print("  make ui      # the Dagster UI: asset graph, runs, checks")
    print(f"  duckdb -readonly {layout.bi_database}   # DuckDB CLI, or from Python:")
    print(
        f"  .venv/bin/python -c \"import duckdb; bi = duckdb.connect('{layout.bi_database}', "
        "read_only=True); bi.sql('from marts.creator_reach_vs_mutuality').show()\""
    )
    if manifest["row_counts"]:
        example = sorted(manifest["row_counts"])[0]
        print("  -- or, from any tool that reads Parquet:")
        print(f"  select * from read_parquet('{layout.parquet}/{example}.parquet') limit 10;")
