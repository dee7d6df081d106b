"""One size of the benchmark: sample, full run, lower bounds, incremental run."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb

from benchmarks.job import STAGES, JobRun, run_job
from benchmarks.monitor import MemoryMonitor
from ingestion.loaders.sql import ident, literal
from mutuality import settings

HOLD_OUT_DAYS = 1
MODEL_SCHEMAS = ("intermediate", "marts")


def ensure_sample(scale: str, seed: int, source: Path, regenerate: bool) -> dict[str, Any]:
    """Generate (or reuse) exports with the last day held back in `source/delta`."""
    marker = source / "sample.json"
    wanted = {"scale": scale, "seed": seed, "hold_out_days": HOLD_OUT_DAYS}
    if marker.exists() and not regenerate:
        info = json.loads(marker.read_text())
        if {k: info.get(k) for k in wanted} == wanted:
            print(f"[{scale}] reusing the sample in {source}", flush=True)
            return info
    from sample_exports import generate

    print(f"[{scale}] generating the sample into {source} ...", flush=True)
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    started = time.perf_counter()
    truth = generate(
        source / "exports",
        source / "ground_truth.json",
        seed=seed,
        scale=scale,
        hold_out_days=HOLD_OUT_DAYS,
        delta_dir=source / "delta",
    )
    info = {
        **wanted,
        "end_date": truth["end_date"],
        "generation_seconds": round(time.perf_counter() - started, 1),
        "files": truth["files_written"],
        "bytes": truth["bytes_written"],
    }
    marker.write_text(json.dumps(info, indent=1))
    return info


def _fresh_workdir(source: Path, work: Path) -> None:
    """An empty warehouse over a hard-linked copy of the base exports (the job never writes
    exports, and the new day is copied in, never over, so the source stays pristine)."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    subprocess.run(["cp", "-al", str(source / "exports"), str(work / "exports")], check=True)


def _table_rows(conn: duckdb.DuckDBPyConnection, schemas: tuple[str, ...]) -> int:
    tables = conn.execute(
        "select table_schema, table_name from information_schema.tables "
        "where table_type = 'BASE TABLE' and table_schema in "
        f"({', '.join(literal(s) for s in schemas)})"
    ).fetchall()
    return sum(
        conn.execute(f"select count(*) from {ident(schema)}.{ident(name)}").fetchone()[0]
        for schema, name in tables
    )


def _row_counts(work: Path) -> dict[str, int]:
    with duckdb.connect(str(work / "warehouse" / "mutuality.duckdb"), read_only=True) as conn:
        raw = _table_rows(conn, ("raw",))
        built = _table_rows(conn, MODEL_SCHEMAS)
    published = 0
    manifest = work / "published" / "manifest.json"
    if manifest.exists():
        published = sum(json.loads(manifest.read_text()).get("row_counts", {}).values())
    return {"raw": raw, "built": built, "published": published}


def _run_bound(args: list[str], output: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.bounds", *args, "--output", str(output)]
    started = time.perf_counter()
    process = subprocess.Popen(command)
    with MemoryMonitor(process.pid) as memory:
        returncode = process.wait()
    if returncode != 0:
        raise RuntimeError(f"lower bound failed: {' '.join(command)}")
    result = json.loads(output.read_text())
    result["wall_seconds"] = time.perf_counter() - started
    result["peak_rss"] = memory.peak()
    return result


def _stage_table(run: JobRun, rows: dict[str, int]) -> dict[str, dict[str, Any]]:
    throughput_rows = {
        "ingestion": rows["raw_inserted"],
        "dbt build": rows["raw_inserted"],
        "quality gate": rows["validated"],
        "publishing": rows["published"],
    }
    stages = {}
    for stage in STAGES:
        seconds = run.stage_seconds(stage)
        stages[stage] = {
            "seconds": round(seconds, 2),
            "peak_rss": run.stage_peak_rss(stage),
            "rows": throughput_rows[stage],
            "rows_per_second": round(throughput_rows[stage] / seconds) if seconds else None,
        }
    return stages


def _validated_rows(work: Path) -> int:
    from expectations.suites import ALL_SUITES

    with duckdb.connect(str(work / "warehouse" / "mutuality.duckdb"), read_only=True) as conn:
        return sum(
            conn.execute(f"select count(*) from {spec.relation}").fetchone()[0]
            for spec in ALL_SUITES
        )


def _slowest_models(run: JobRun, direct: dict[str, Any] | None, top: int = 10) -> list[dict]:
    if not run.run_results:
        return []
    direct_seconds = {
        node["unique_id"]: node["seconds"] for node in (direct or {}).get("details", [])
    }
    models = [r for r in run.run_results["results"] if r["unique_id"].startswith("model.")]
    models.sort(key=lambda r: r["execution_time"], reverse=True)
    return [
        {
            "model": r["unique_id"].split(".")[-1],
            "dbt_seconds": round(r["execution_time"], 2),
            "direct_seconds": direct_seconds.get(r["unique_id"]),
            "status": r["status"],
        }
        for r in models[:top]
    ]


def _dbt_costs(run: JobRun, work: Path) -> dict[str, Any]:
    """Where the full build's dbt seconds go (benchmarks/dbt_costs.py): totals by statement
    kind, and the breakdown of the slowest models."""
    from benchmarks.dbt_costs import build_costs

    if not run.run_results:
        return {}
    costs = build_costs(run.run_results, work / "dbt" / "target")
    if not costs:
        return {}
    slowest = sorted(costs["nodes"].items(), key=lambda item: -item[1]["execution"])
    return {
        "totals": costs["totals"],
        "slowest_nodes": {uid: cost for uid, cost in slowest[:15]},
    }


def _summarise(run: JobRun, before: dict[str, int], after: dict[str, int], work: Path) -> dict:
    rows = {
        "raw_inserted": after["raw"] - before["raw"],
        "validated": _validated_rows(work),
        "published": after["published"],
    }
    return {
        "run_id": run.run_id,
        "success": run.success,
        "seconds": round(run.seconds, 1),
        "peak_rss": run.memory.peak(),
        "stages": _stage_table(run, rows),
        "other_seconds": round(run.seconds - sum(run.stage_seconds(s) for s in STAGES), 1),
        "rows": {**rows, "built": after["built"], "raw_total": after["raw"]},
        "log": str(run.log_path),
    }


def machine() -> dict[str, Any]:
    import psutil

    return {
        "cpus": os.cpu_count(),
        "memory_bytes": psutil.virtual_memory().total,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "duckdb_memory_limit": settings.duckdb_memory_limit(),
        "duckdb_threads": settings.duckdb_threads(),
    }


def run_scenario(scale: str, seed: int, out: Path, regenerate: bool) -> dict[str, Any]:
    scale_dir = out.resolve() / scale
    source, work, bounds = scale_dir / "source", scale_dir / "work", scale_dir / "bounds"
    sample = ensure_sample(scale, seed, source, regenerate)
    run_date = date.fromisoformat(sample["end_date"]) + timedelta(days=1)
    # dbt's JSON debug log, kept whole (not rotated at 10 MB): benchmarks/dbt_costs.py reads
    # every statement of the build from it
    env = {"MUTUALITY_RUN_DATE": run_date.isoformat(), "DBT_LOG_FILE_MAX_BYTES": str(2**34)}

    _fresh_workdir(source, work)
    shutil.rmtree(bounds, ignore_errors=True)
    bounds.mkdir(parents=True)
    empty = {"raw": 0, "built": 0, "published": 0}

    print(f"[{scale}] full run ...", flush=True)
    full = run_job(work, env, scale_dir / "logs" / "full.log")
    if not full.success:
        return {"scale": scale, "job_succeeded": False, "log": str(full.log_path)}
    after_full = _row_counts(work)
    full_summary = _summarise(full, empty, after_full, work)

    print(f"[{scale}] lower bound (a): bare read of the same exports ...", flush=True)
    bare = _run_bound(
        ["bare", "--exports", str(work / "exports"), "--database", str(bounds / "bare.duckdb")],
        bounds / "bare.json",
    )
    (bounds / "bare.duckdb").unlink(missing_ok=True)

    print(f"[{scale}] lower bound (b): compiled dbt SQL run directly ...", flush=True)
    direct_db = bounds / "direct" / "mutuality.duckdb"  # dbt's views name the catalog
    direct_db.parent.mkdir()
    shutil.copyfile(work / "warehouse" / "mutuality.duckdb", direct_db)
    direct = _run_bound(
        ["direct", "--warehouse", str(direct_db), "--manifest", str(full.manifest_path)],
        bounds / "direct.json",
    )
    shutil.rmtree(direct_db.parent)

    print(f"[{scale}] a new day of exports arrives; incremental run ...", flush=True)
    from sample_exports import arrive

    arrived = arrive(source / "delta", work / "exports")
    incremental = run_job(work, env, scale_dir / "logs" / "incremental.log")
    incremental_summary = (
        _summarise(incremental, after_full, _row_counts(work), work)
        if incremental.success
        else {"success": False, "log": str(incremental.log_path)}
    )

    return {
        "scale": scale,
        "job_succeeded": incremental.success,
        "machine": machine(),
        "sample": {**sample, "raw_rows": after_full["raw"], "new_day_files": len(arrived)},
        "full": full_summary,
        "slowest_models": _slowest_models(full, direct),
        "dbt_costs": _dbt_costs(full, work),
        "bounds": {
            "bare_read": {
                "seconds": round(bare["seconds"], 1),
                "peak_rss": bare["peak_rss"],
                "rows": sum(d["rows"] for d in bare["details"]),
                "readers": sorted({d["reader"] for d in bare["details"]}),
                "details": bare["details"],
            },
            "direct_sql": {
                "seconds": round(direct["seconds"], 1),
                "peak_rss": direct["peak_rss"],
                "nodes": len(direct["details"]),
            },
        },
        "incremental": incremental_summary,
    }
