"""What the run command prints at the end: where things are and what to open next."""

from __future__ import annotations

import duckdb

from ingestion import paths


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
    print("\nMutuality run succeeded.")
    print(f"  run id     {run_id}")
    print(f"  warehouse  {warehouse}")
    print("  relations  " + ", ".join(f"{schema}: {n}" for schema, n in layers))
    print("  interactions by platform  " + ", ".join(f"{p}: {n:,}" for p, n in interactions))
    print("\nNext:")
    print("  make ui        # the Dagster UI on this code location (asset graph, runs, checks)")
    print(f"  duckdb -readonly {warehouse}   # or any DuckDB client, read-only")
    print("  select * from intermediate.int_interactions_unioned limit 10;")
