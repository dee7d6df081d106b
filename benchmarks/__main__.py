"""`python -m benchmarks`: the whole job at scale, next to its lower bounds (README: Performance).

For each size (default: medium, then large) it generates the sample once (reused after),
holding the last day back as the "new day of exports"; then, from an empty warehouse:

1. the full job (ingestion, dbt build, quality gate, publishing), memory sampled throughout;
2. lower bound (a): DuckDB reading the same export files with no repair;
3. lower bound (b): the build's compiled SQL run directly in one DuckDB session;
4. the new day arrives and the job runs again: the incremental run.

Results go to <out>/benchmark.json and <out>/benchmark.md, headed by the date, the commit and
whether the machine was otherwise idle, and the Markdown is printed; `--results DIR` also
writes them as DIR/<date>-<scales>.{json,md} (the committed ones live in benchmarks/results/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mutuality import settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument(
        "--scales", nargs="+", default=["medium", "large"], help="sample sizes, in order"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--out", type=Path, default=settings.data_dir() / "benchmark", help="samples and results"
    )
    parser.add_argument(
        "--regenerate", action="store_true", help="regenerate samples even if present"
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=None,
        help="also write the report here as <date>-<scales>.{json,md} (benchmarks/results)",
    )
    args = parser.parse_args(argv)

    from benchmarks.context import RunContext
    from benchmarks.report import write_report
    from benchmarks.scenario import run_scenario

    context = RunContext()
    results = [run_scenario(scale, args.seed, args.out, args.regenerate) for scale in args.scales]
    finished = context.finish()
    markdown = write_report(results, args.out, finished)
    if args.results is not None:
        stem = f"{finished['date']}-{'-'.join(args.scales)}"
        args.results.mkdir(parents=True, exist_ok=True)
        for suffix in ("json", "md"):
            target = args.results / f"{stem}.{suffix}"
            target.write_text((args.out / f"benchmark.{suffix}").read_text())
    print(markdown)
    return 0 if all(result["job_succeeded"] for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
