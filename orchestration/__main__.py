"""`python -m orchestration run`: the whole pipeline on the bundled sample, end to end."""

from __future__ import annotations

import argparse
import os
import sys

from ingestion import paths


def _prepare_sample(regenerate: bool, scale: str, seed: int) -> None:
    roster = paths.exports_dir() / "roster" / "creators.csv"
    if roster.exists() and not regenerate:
        print(f"Using the exports in {paths.exports_dir()}")
        return
    from ingestion.sample_exports import generate

    print(f"Generating the {scale} sample exports (seed {seed}) into {paths.exports_dir()} ...")
    generate(paths.exports_dir(), paths.ground_truth_path(), seed=seed, scale=scale)


def run(args: argparse.Namespace) -> int:
    if not args.no_sample:
        _prepare_sample(args.regenerate, args.scale, args.seed)
    home = paths.dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    os.environ["DAGSTER_HOME"] = str(home)

    from orchestration.manifest import build_manifest

    build_manifest()

    import dagster as dg

    from orchestration.definitions import defs

    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def("mutuality_daily").execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
        )
    if not result.success:
        failed = [event.step_key for event in result.all_events if event.is_step_failure]
        print(f"\nThe run failed (steps: {', '.join(failed) or 'see the log above'}).")
        print(f"Open the run in the Dagster UI (`make ui`), run id {result.run_id}.")
        return 1
    from orchestration.summary import print_summary

    print_summary(result.run_id)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m orchestration")
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser("run", help="ingest the exports, build and test the warehouse")
    run_parser.add_argument("--scale", default="small", help="sample size when generating")
    run_parser.add_argument("--seed", type=int, default=7)
    run_parser.add_argument(
        "--regenerate", action="store_true", help="rewrite the sample exports first"
    )
    run_parser.add_argument(
        "--no-sample", action="store_true", help="use only the exports already in place"
    )
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
