"""Incremental models: build the base exports, let held-out days arrive, build incrementally,
and get exactly what a full refresh over all the exports gives, with far less rebuilt.

The held-out days bring late replies to older comments, later messages in older
conversations and re-exported rows, so the keys the models rebuild by are exercised.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from expectations.suites import ALL_SUITES
from ingestion.loaders import load_all
from ingestion.loaders.sql import ident, literal
from ingestion.loaders.state import pending_rebuilds
from mutuality import settings
from orchestration.assets.dbt import dbt_build_args
from orchestration.manifest import dbt_command
from orchestration.publishing import PublishLayout, build_version
from sample_exports import arrive, generate

HOLD_OUT_DAYS = 4
INCREMENTAL_MODELS = (
    "int_comments_threaded",
    "int_direct_messages_sequenced",
    "int_interactions_unioned",
    "int_conversation_turns_sequenced",
    "int_conversation_threads_aggregated",
)


@dataclass(frozen=True)
class Builds:
    incremental: Path  # base built, then the new days built incrementally
    full_refresh: Path  # the same raw data, every model rebuilt from scratch
    manifest: dict
    corrected: Path  # then a delta file removed again, built as the job builds it
    from_scratch: Path  # the files left after the removal, loaded and built from scratch
    rebuilds: list[str]  # what the removal asked of the next build


def _dbt(warehouse: Path, target: Path, command: str, *args: str) -> None:
    completed = subprocess.run(
        dbt_command(command, *args, target=target),
        env={
            **os.environ,
            **settings.dbt_environment(),
            "MUTUALITY_WAREHOUSE_PATH": str(warehouse),
            "MUTUALITY_DUCKDB_TEMP_DIR": str(warehouse.parent / "spill"),
        },
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stdout[-4000:]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    root = tmp_path_factory.mktemp("incremental")
    exports, delta = root / "exports", root / "delta"
    generate(
        exports,
        root / "ground_truth.json",
        seed=7,
        scale="small",
        hold_out_days=HOLD_OUT_DAYS,
        delta_dir=delta,
    )
    warehouse = root / "warehouse" / "mutuality.duckdb"
    target = root / "target"
    load_all(warehouse, exports)
    _dbt(warehouse, target, "run")
    arrive(delta, exports)
    load_all(warehouse, exports)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        # new files only: nothing left raw, so the daily build may stay incremental
        assert pending_rebuilds(conn) == []
    _dbt(warehouse, target, "run")
    incremental = root / "incremental" / "mutuality.duckdb"
    incremental.parent.mkdir()
    shutil.copyfile(warehouse, incremental)
    corrected = root / "corrected" / "mutuality.duckdb"
    corrected.parent.mkdir()
    shutil.copyfile(warehouse, corrected)
    _dbt(warehouse, target, "run", "--full-refresh")
    manifest = json.loads((target / "manifest.json").read_text())

    # a correction: one arrived file turns out wrong and is removed; the job's build follows
    removed = sorted(delta.rglob("comments_on_your_posts_2.json"))[0]
    (exports / removed.relative_to(delta)).unlink()
    load_all(corrected, exports)
    with duckdb.connect(str(corrected), read_only=True) as conn:
        rebuilds = pending_rebuilds(conn)
    _dbt(corrected, root / "corrected_target", *dbt_build_args(False, rebuilds, {}))
    from_scratch = root / "scratch" / "mutuality.duckdb"
    load_all(from_scratch, exports)
    _dbt(from_scratch, root / "scratch_target", "run")
    return Builds(
        incremental=incremental,
        full_refresh=warehouse,
        manifest=manifest,
        corrected=corrected,
        from_scratch=from_scratch,
        rebuilds=rebuilds,
    )


def _tables(builds: Builds) -> list[tuple[str, str]]:
    return sorted(
        (node["schema"], node["alias"])
        for node in builds.manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["config"]["materialized"] in ("table", "incremental")
        and node["schema"] in ("staging", "intermediate", "marts")
    )


def _differences(
    conn: duckdb.DuckDBPyConnection, schema: str, table: str, ignored: frozenset[str]
) -> int:
    columns = conn.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = 'mutuality' and table_schema = ? and table_name = ?",
        [schema, table],
    ).fetchall()
    # built_at says when a row was built, the one thing allowed to differ; floating-point
    # sums may differ in their last bits with the order rows are added in
    selected = ", ".join(
        f"round({ident(name)}, 9)" if data_type in ("DOUBLE", "FLOAT") else ident(name)
        for name, data_type in columns
        if name not in ignored
    )
    relation = f"{ident(schema)}.{ident(table)}"
    one = f"select {selected} from mutuality.{relation}"
    other = f"select {selected} from incremental.{relation}"
    return conn.execute(
        f"select (select count(*) from ({one} except all {other})) "
        f"+ (select count(*) from ({other} except all {one}))"
    ).fetchone()[0]


def _differing(
    builds: Builds, reference: Path, other: Path, ignored: frozenset[str] = frozenset({"built_at"})
) -> dict[str, int]:
    with duckdb.connect(str(reference), read_only=True) as conn:
        conn.execute(f"attach {literal(str(other))} as incremental (read_only)")
        tables = _tables(builds)
        assert {table for _, table in tables} >= set(INCREMENTAL_MODELS)
        return {
            f"{schema}.{table}": count
            for schema, table in tables
            if (count := _differences(conn, schema, table, ignored))
        }


def test_incremental_build_equals_full_refresh(builds: Builds) -> None:
    assert _differing(builds, builds.full_refresh, builds.incremental) == {}


def test_after_a_retraction_the_jobs_build_equals_a_build_from_scratch(builds: Builds) -> None:
    """Removing a file retracts its rows; the job then rebuilds in full (incremental models
    cannot see a deletion), and the result is what the remaining files give from scratch."""
    assert builds.rebuilds, "the removal asks the next build for a full refresh"
    assert "--full-refresh" in dbt_build_args(False, builds.rebuilds, {})
    # loaded at another time, the rest the same
    ignored = frozenset({"built_at", "loaded_at"})
    assert _differing(builds, builds.from_scratch, builds.corrected, ignored) == {}


def test_incremental_build_rebuilt_only_what_the_new_days_touched(builds: Builds) -> None:
    with duckdb.connect(str(builds.incremental), read_only=True) as conn:
        for model in INCREMENTAL_MODELS:
            rebuilt, total = conn.execute(
                f"select count(*) filter (where built_at = (select max(built_at) "
                f"from intermediate.{model})), count(*) from intermediate.{model}"
            ).fetchone()
            assert 0 < rebuilt < total / 2, (model, rebuilt, total)


def test_moving_the_as_of_day_back_equals_a_full_refresh_as_of_that_day(
    builds: Builds, tmp_path: Path
) -> None:
    """The threads build incrementally when the as-of day moves back too: the conversations
    opened after the new day leave, those with turns after it are aggregated again."""
    copies = {}
    for name, source in (("incremental", builds.incremental), ("full", builds.full_refresh)):
        copies[name] = tmp_path / name / "mutuality.duckdb"
        copies[name].parent.mkdir()
        shutil.copyfile(source, copies[name])
    with duckdb.connect(str(copies["incremental"]), read_only=True) as conn:
        as_of, threads_before = conn.execute(
            "select max(as_of_on) - 3, count(*) "
            "from intermediate.int_conversation_threads_aggregated"
        ).fetchone()
    models = ("--select", "int_conversation_turns_bounded", "int_conversation_threads_aggregated")
    as_of_var = ("--vars", json.dumps({"as_of_date": as_of.isoformat()}))
    _dbt(copies["incremental"], tmp_path / "incremental_target", "run", *models, *as_of_var)
    _dbt(copies["full"], tmp_path / "full_target", "run", *models, *as_of_var, "--full-refresh")
    with duckdb.connect(str(copies["full"]), read_only=True) as conn:
        conn.execute(f"attach {literal(str(copies['incremental']))} as incremental (read_only)")
        threads_after = conn.execute(
            "select count(*) from intermediate.int_conversation_threads_aggregated"
        ).fetchone()[0]
        assert threads_after < threads_before, "three days back, fewer conversations are open"
        differing = _differences(
            conn, "intermediate", "int_conversation_threads_aggregated", frozenset({"built_at"})
        )
    assert differing == 0


def test_two_builds_of_the_same_data_publish_the_same_bytes(builds: Builds, tmp_path) -> None:
    """The incremental and the full-refresh build hold the same marts, their floats summed in
    another order: the versions built from them have byte-identical Parquet files."""
    keys = {spec.relation: spec.key for spec in ALL_SUITES if spec.published}
    one = build_version(builds.incremental, keys, "incremental", PublishLayout(tmp_path / "a"))
    other = build_version(builds.full_refresh, keys, "full", PublishLayout(tmp_path / "b"))
    assert one.fingerprints == other.fingerprints
    for relation in keys:
        name = f"parquet/{relation}.parquet"
        assert (one.folder / name).read_bytes() == (other.folder / name).read_bytes(), relation
