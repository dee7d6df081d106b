"""The benchmark's JSON and Markdown: stages, lower bounds, targets, and how cost grows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.job import STAGES

GIB = 1024**3
MEMORY_TARGET = 6 * GIB
WHOLE_RUN_TARGET_SECONDS = 15 * 60


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target (README: Performance) with the measured value, the limit, and whether it
    is met."""
    full, bounds, incremental = result["full"], result["bounds"], result["incremental"]
    stages = full["stages"]
    peak = max(full["peak_rss"], incremental.get("peak_rss", 0))
    rows = [
        ("ingestion / bare read (a)", stages["ingestion"]["seconds"]
         / bounds["bare_read"]["seconds"], 2.0, "x"),
        ("dbt build / direct SQL (b)", stages["dbt build"]["seconds"]
         / bounds["direct_sql"]["seconds"], 1.5, "x"),
        ("quality gate share of the daily run", incremental["stages"]["quality gate"]["seconds"]
         / incremental["seconds"] if "stages" in incremental else float("inf"), 0.15, "%"),
        ("incremental run / full refresh (c)", incremental["seconds"] / full["seconds"]
         if "seconds" in incremental else float("inf"), 0.10, "%"),
        ("peak resident memory (GiB)", peak / GIB, MEMORY_TARGET / GIB, "GiB"),
    ]  # fmt: skip
    if result["scale"] == "large":
        rows.append(("whole large run (min)", full["seconds"] / 60, WHOLE_RUN_TARGET_SECONDS / 60,
                     "min"))  # fmt: skip
    return [
        {
            "target": name,
            "measured": round(value, 3),
            "limit": limit,
            "unit": unit,
            "met": value <= limit,
            "miss_by": None if value <= limit else round(value / limit, 2),
        }
        for name, value, limit, unit in rows
    ]


def _fmt(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:.1%}"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:.2f} {unit}"


def _gib(value: int) -> str:
    return f"{value / GIB:.2f}"


def _rate(value: int | None) -> str:
    return f"{value:,}" if value else "-"


def scale_markdown(result: dict[str, Any]) -> str:
    if not result.get("job_succeeded"):
        return f"## {result['scale']}\n\nThe job failed; see {result.get('log')}.\n"
    sample, full, bounds, inc = (
        result["sample"], result["full"], result["bounds"], result["incremental"]
    )  # fmt: skip
    lines = [
        f"## {result['scale']}: {sample['raw_rows']:,} raw rows from {sample['files']:,} files "
        f"({sample['bytes'] / GIB:.1f} GiB of exports)",
        "",
        "| Stage | Full run (s) | Peak RSS (GiB) | Rows/s | Incremental run (s) | "
        "Lower bound (s) | Full / bound |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    bound_of = {
        "ingestion": bounds["bare_read"]["seconds"],
        "dbt build": bounds["direct_sql"]["seconds"],
    }
    for stage in STAGES:
        s = full["stages"][stage]
        inc_s = inc.get("stages", {}).get(stage, {}).get("seconds", "-")
        bound = bound_of.get(stage)
        ratio = f"{s['seconds'] / bound:.2f}x" if bound else ""
        lines.append(
            f"| {stage} | {s['seconds']:.1f} | {_gib(s['peak_rss'])} | "
            f"{_rate(s['rows_per_second'])} | {inc_s} | {bound if bound else ''} | {ratio} |"
        )
    lines.append(
        f"| Dagster and process overhead | {full['other_seconds']:.1f} | | | "
        f"{inc.get('other_seconds', '-')} | | |"
    )
    lines.append(
        f"| **end to end** | **{full['seconds']:.1f}** | {_gib(full['peak_rss'])} | | "
        f"**{inc.get('seconds', '-')}** | | |"
    )
    lines += [
        "",
        f"Incremental run: one new day ({sample['new_day_files']:,} new files, "
        f"{inc.get('rows', {}).get('raw_inserted', 0):,} new raw rows).",
        f"Lower bounds: (a) bare read {bounds['bare_read']['seconds']} s, "
        f"peak {_gib(bounds['bare_read']['peak_rss'])} GiB, readers "
        f"{', '.join(bounds['bare_read']['readers'])}; (b) direct SQL of "
        f"{bounds['direct_sql']['nodes']} models and tests {bounds['direct_sql']['seconds']} s, "
        f"peak {_gib(bounds['direct_sql']['peak_rss'])} GiB.",
        "",
        "| Target | Measured | Limit | Met |",
        "|---|---:|---:|---|",
    ]
    for t in result["targets"]:
        verdict = "yes" if t["met"] else f"no ({t['miss_by']}x the limit)"
        lines.append(
            f"| {t['target']} | {_fmt(t['measured'], t['unit'])} | "
            f"{_fmt(t['limit'], t['unit'])} | {verdict} |"
        )
    lines += [
        "",
        "Ten slowest dbt models (full run):",
        "",
        "| Model | dbt (s) | Direct SQL (s) |",
        "|---|---:|---:|",
    ]
    for model in result["slowest_models"]:
        direct = model["direct_seconds"]
        lines.append(
            f"| {model['model']} | {model['dbt_seconds']:.2f} | "
            f"{'' if direct is None else f'{direct:.2f}'} |"
        )
    return "\n".join(lines) + "\n" + costs_markdown(result)


def costs_markdown(result: dict[str, Any]) -> str:
    """Where the full build's dbt seconds go, from dbt's own log (benchmarks/dbt_costs.py)."""
    costs = result.get("dbt_costs") or {}
    if not costs:
        return ""
    from benchmarks.dbt_costs import KINDS

    kinds = [kind for kind in KINDS if kind != "other"]
    header = " | ".join(["Nodes", "Execution (s)", *(f"{k} (s)" for k in kinds), "outside SQL (s)"])
    lines = [
        "",
        "Where the dbt build's seconds go (each statement dbt ran, from its debug log; "
        "`outside SQL` is dbt's own work per node):",
        "",
        f"| | {header} |",
        "|---|" + "---:|" * (len(kinds) + 3),
    ]
    for resource, total in costs["totals"].items():
        cells = [total["nodes"], total["execution"], *(total[k] for k in kinds)]
        lines.append(
            f"| {resource}s | " + " | ".join(str(c) for c in cells) + f" | {total['outside_sql']} |"
        )
    lines += ["", f"| Slowest nodes | {header.removeprefix('Nodes | ')} |"]
    lines.append("|---|" + "---:|" * (len(kinds) + 2))
    for unique_id, cost in costs["slowest_nodes"].items():
        cells = [cost["execution"], *(cost[k] for k in kinds), cost["outside_sql"]]
        lines.append(
            f"| {unique_id.split('.')[-1]} | " + " | ".join(f"{c:.2f}" for c in cells) + " |"
        )
    return "\n".join(lines) + "\n"


def growth_markdown(results: list[dict[str, Any]]) -> str:
    ok = [r for r in results if r.get("job_succeeded")]
    if len(ok) < 2:
        return ""
    lines = [
        "## How cost grows",
        "",
        "| Size | Raw rows | End to end (s) | Ingestion (s) | dbt build (s) | Gate (s) | "
        "Publishing (s) | Incremental (s) | Peak RSS (GiB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in ok:
        st = r["full"]["stages"]
        lines.append(
            f"| {r['scale']} | {r['sample']['raw_rows']:,} | {r['full']['seconds']:.1f} | "
            f"{st['ingestion']['seconds']:.1f} | {st['dbt build']['seconds']:.1f} | "
            f"{st['quality gate']['seconds']:.1f} | {st['publishing']['seconds']:.1f} | "
            f"{r['incremental'].get('seconds', '-')} | {_gib(r['full']['peak_rss'])} |"
        )
    return "\n".join(lines) + "\n"


def write_report(
    results: list[dict[str, Any]], out: Path, context: dict[str, Any] | None = None
) -> str:
    """benchmark.json and benchmark.md in `out`; `context` (date, commit, whether the machine
    was otherwise idle) heads both."""
    context = context or {}
    for result in results:
        if result.get("job_succeeded"):
            result["targets"] = targets(result)
    machine = next((r["machine"] for r in results if "machine" in r), {})
    header = [
        "# Mutuality benchmark",
        "",
        *(
            [
                f"Run {context['date']} at commit {context['commit']}; {context['load_note']}",
                "",
            ]
            if context
            else []
        ),
        f"Machine: {machine.get('cpus')} cores, "
        f"{machine.get('memory_bytes', 0) / GIB:.0f} GiB, {machine.get('platform')}; "
        f"DuckDB {machine.get('duckdb')} (memory_limit {machine.get('duckdb_memory_limit')}, "
        f"threads {machine.get('duckdb_threads')}). Command: `make benchmark`.",
        "",
    ]
    markdown = "\n".join(header) + "\n".join(scale_markdown(r) for r in results)
    markdown += "\n" + growth_markdown(results)
    out.mkdir(parents=True, exist_ok=True)
    document = {**context, "results": results} if context else results
    (out / "benchmark.json").write_text(json.dumps(document, indent=1) + "\n")
    (out / "benchmark.md").write_text(markdown)
    return markdown
