"""What the run command prints at the end: where things are and what to open next."""

from __future__ import annotations

import shlex
from pathlib import Path

import dagster as dg
import duckdb

from expectations.settings import gx_workdir
from ingestion.loaders.report import LOAD_REPORT_TABLE, LoadReport, read_report
from ingestion.loaders.sql import literal
from ingestion.locks import LockHolder, lock_hint, lock_holder
from mutuality import settings
from orchestration.commands import Commands
from orchestration.dbt_failures import dbt_errors, offending_source_files
from orchestration.publishing import default_layout, read_manifest

# Files not read that the summary names one by one; the rest are in raw._load_report.
_NOT_READ_SHOWN = 15


def data_docs_index() -> str:
    return str(gx_workdir() / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html")


def _stored_report() -> LoadReport:
    warehouse = settings.warehouse_path()
    if not warehouse.exists():
        return LoadReport(())
    try:
        with duckdb.connect(str(warehouse), read_only=True) as conn:
            return read_report(conn)
    except duckdb.Error:
        return LoadReport(())


def print_load_report(report: LoadReport) -> None:
    """Problems first, then every file not read (the first few), then the counts."""
    if not report.files:
        return
    print(f"\nLoad report ({report.summary().removeprefix('load report: ')}):")
    for problem in report.problems:
        print(f"  ERROR {problem.describe()}")
    for item in report.quarantined:
        print(f"  QUARANTINED {item.describe()}")
    unread = report.lines(("not_read", "pending"))
    for line in unread[:_NOT_READ_SHOWN]:
        print(f"  {line}")
    if len(unread) > _NOT_READ_SHOWN:
        print(
            f"  ... and {len(unread) - _NOT_READ_SHOWN} more not read: "
            f"select * from raw.{LOAD_REPORT_TABLE} where status <> 'loaded'"
        )


def root_cause(error) -> str:
    """The innermost error's message (a loader's `file row N: problem`, not Dagster's
    "Error occurred while executing op"), on one line."""
    while error.cause is not None:
        error = error.cause
    lines = [line.strip() for line in error.message.strip().splitlines() if line.strip()]
    return " ".join(lines[:3]) if lines else error.cls_name or "unknown error"


def error_lock_holder(error) -> LockHolder | None:
    """The process holding the warehouse, when an error in the chain is DuckDB's lock
    conflict (a loader's own, or dbt's as dagster-dbt passes it on)."""
    while error is not None:
        holder = lock_holder(error.message)
        if holder is not None:
            return holder
        error = error.cause
    return None


def print_dbt_errors() -> list[LockHolder]:
    """Each dbt node that errored (not a failed test: those are checks), with its message and,
    for a staging model, the export files it reads; returns the holders of the warehouse's
    lock that the messages name."""
    holders = []
    for node, message, files in dbt_errors():
        print(f"  dbt {node} errored: {message}")
        if files:
            print(f"    it reads: {', '.join(files)}")
        holder = lock_holder(message)
        if holder is not None:
            holders.append(holder)
    return holders


def print_checks(result: dg.ExecuteInProcessResult) -> None:
    """Every failed check with what it found, and every suite that had no data to check."""
    for evaluation in result.get_asset_check_evaluations():
        name = f"{evaluation.asset_key.to_user_string()}:{evaluation.check_name}"
        no_data = evaluation.metadata.get("no_data")
        if evaluation.passed and no_data is not None and no_data.value:
            print(f"  check {name}: no data ({no_data.value})")
        if evaluation.passed:
            continue
        severity = evaluation.severity.value.lower()
        print(f"  check {name} failed ({severity})")
        for field in ("failed_expectations", "problems"):
            found = evaluation.metadata.get(field)
            if found is not None:
                for line in str(found.value).splitlines():
                    print(f"    {line}")
        unique_id = evaluation.metadata.get("unique_id")
        if unique_id is not None and str(unique_id.value).startswith("test."):
            files = offending_source_files(str(unique_id.value))
            if files:
                print(f"    the failing rows come from: {', '.join(files)}")


def _published_in(result: dg.ExecuteInProcessResult) -> bool:
    return any(
        event.asset_key.path[0] == "published"
        for event in result.get_asset_materialization_events()
    )


def print_failure(result: dg.ExecuteInProcessResult) -> None:
    if _published_in(result):
        manifest = read_manifest(default_layout()) or {"version": "?"}
        print(
            "\nThe run failed, but the marts were built from what loaded and published "
            f"(version {manifest['version']}). Fix what is listed below and run again."
        )
    else:
        print("\nThe run failed; nothing new was published.")
    print_load_report(_stored_report())
    print_checks(result)
    holders = {holder.pid: holder for holder in print_dbt_errors()}
    for event in result.all_events:
        if event.is_step_failure:
            failure = event.event_specific_data
            if failure.error.cls_name == "DagsterAssetCheckFailedError":
                continue  # the failed checks are listed above, with what they found
            print(f"  step {event.step_key}: {root_cause(failure.error)}")
            holder = error_lock_holder(failure.error)
            if holder is not None:
                holders.setdefault(holder.pid, holder)
            for entry in (
                failure.user_failure_data.metadata if failure.user_failure_data else {}
            ).values():
                for line in str(entry.value).splitlines():
                    print(f"    {line}")
    for holder in holders.values():
        print(f"  LOCKED: {lock_hint(holder)}")
    manifest = read_manifest(default_layout())
    if manifest and not _published_in(result):
        print(f"The last good version ({manifest['version']}) is still published.")
    print(f"Data Docs: {data_docs_index()}")
    print(f"Run id {result.run_id}; open it in the Dagster UI with `{Commands.detect().ui()}`.")


def print_summary(result: dg.ExecuteInProcessResult) -> None:
    run_id = result.run_id
    warehouse = settings.warehouse_path()
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
    print_load_report(_stored_report())
    print_checks(result)
    print(f"\nPublished for BI (version {manifest['version']}):")
    for relation, rows in sorted(manifest["row_counts"].items()):
        print(f"  {relation:<45} {rows:>8,} rows")
    print(f"  DuckDB file  {layout.bi_database}   (open read-only)")
    print(f"  Parquet      {layout.parquet}/<schema>.<table>.parquet")
    print("\nNext:")
    for line in next_steps(layout.bi_database, layout.parquet, sorted(manifest["row_counts"])):
        print(f"  {line}")


def next_steps(
    bi_database: Path, parquet: Path, relations: list[str], commands: Commands | None = None
) -> list[str]:
    """Commands to paste, only those that exist here (see orchestration.commands): shell
    words quoted for a POSIX shell, Python strings as Python literals, SQL strings as SQL
    literals, whatever the data folder's path holds."""
    commands = commands or Commands.detect()
    python = (
        f"import duckdb; bi = duckdb.connect({str(bi_database)!r}, read_only=True); "
        "bi.sql('from marts.creator_reach_vs_mutuality').show()"
    )
    lines = [f"{commands.ui()}   # the Dagster UI: asset graph, runs, checks"]
    dashboard = commands.dashboard_command()
    if dashboard:
        lines.append(f"{dashboard}   # the dashboard, on the published BI file")
    from_python = f"{commands.python} -c {shlex.quote(python)}"
    if commands.duckdb_cli:
        lines += [
            f"duckdb -readonly {shlex.quote(str(bi_database))}   # DuckDB CLI, or from Python:",
            from_python,
        ]
    else:
        lines.append(f"{from_python}   # the BI database, read-only")
    if relations:
        example = literal(str(parquet / f"{relations[0]}.parquet"))
        lines += [
            "-- or, from any tool that reads Parquet:",
            f"select * from read_parquet({example}) limit 10;",
        ]
    return lines
