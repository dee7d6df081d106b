"""`python -m orchestration run | publish | rollback | ui` (the `mutuality` command runs these):
the whole pipeline (on the bundled sample unless `--no-sample`), the publish step alone, the
previous published version back, the Dagster UI."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from datetime import date, timedelta
from pathlib import Path

from mutuality import settings
from orchestration.attribution_settings import PATH_TRANSFORMS


def sample_marker() -> Path:
    """Written by the generator next to the sample exports: which day the sample ends on."""
    return settings.exports_dir() / settings.SAMPLE_MARKER


def _prepare_sample(regenerate: bool, scale: str, seed: int) -> None:
    roster = settings.exports_dir() / "roster" / "creators.csv"
    if roster.exists() and not regenerate:
        print(f"Using the exports in {settings.exports_dir()}")
        return
    from sample_exports import generate

    print(f"Generating the {scale} sample exports (seed {seed}) into {settings.exports_dir()} ...")
    generate(settings.exports_dir(), settings.ground_truth_path(), seed=seed, scale=scale)


def replay_run_date(args: argparse.Namespace) -> str | None:
    """The bundled sample ends on a fixed day; a run over it is a replay as of the day after,
    so the freshness check measures the sample, not the calendar. None when the run's days are
    set (options or environment) or the exports are not the sample."""
    if (
        args.as_of is not None
        or args.run_date is not None
        or settings.configured_run_date() is not None
        or settings.configured_as_of_date() is not None
        or not sample_marker().exists()
    ):
        return None
    end = date.fromisoformat(json.loads(sample_marker().read_text())["end_date"])
    print(f"Sample exports end on {end}: the run is a replay as of {end + timedelta(days=1)}.")
    return (end + timedelta(days=1)).isoformat()


def run_settings_config(args: argparse.Namespace) -> dict[str, str | bool | None]:
    """The run's settings (the `run_settings` resource's run config): the options, else
    the environment, else a replay date for the bundled sample."""
    from orchestration.resources import run_settings_from_environment

    configured = run_settings_from_environment()
    options = {
        "as_of_date": args.as_of,
        "run_date": args.run_date,
        "strict": args.strict or None,
        "attribution_touchpoints_model": getattr(args, "touchpoints_model", None),
        "attribution_path_transform": getattr(args, "path_transform", None),
    }
    config = {name: options[name] or value for name, value in configured.items()}
    config["run_date"] = config["run_date"] or replay_run_date(args)
    return config


def _day(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a YYYY-MM-DD date") from None


def _dagster_home() -> Path:
    """The data folder's Dagster home (telemetry off), made DAGSTER_HOME of this process."""
    home = settings.dagster_home()
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    os.environ["DAGSTER_HOME"] = str(home)
    return home


def run(args: argparse.Namespace) -> int:
    if not args.no_sample:
        _prepare_sample(args.regenerate, args.scale, args.seed)
    _dagster_home()

    import dagster as dg

    from orchestration.definitions import build_definitions

    defs = build_definitions()

    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def("mutuality_daily").execute_in_process(
            instance=instance,
            raise_on_error=False,
            run_config={
                "loggers": {"console": {"config": {"log_level": "INFO"}}},
                "ops": {"mutuality_dbt_assets": {"config": {"full_refresh": args.full_refresh}}},
                "resources": {"run_settings": {"config": run_settings_config(args)}},
            },
        )
    from orchestration.summary import print_failure, print_summary

    if not result.success:
        print_failure(result)
        return 1
    print_summary(result)
    return 0


def publish(args: argparse.Namespace) -> int:
    """Materialize `published/bi_marts` alone: each suite's latest check counts only for the
    content it validated, every other suite runs on the version about to be published."""
    _dagster_home()

    import dagster as dg

    from orchestration.assets.publish import PUBLISH_KEY
    from orchestration.definitions import build_definitions
    from orchestration.publishing import default_layout, read_manifest
    from orchestration.summary import next_steps, print_failure

    with dg.DagsterInstance.get() as instance:
        job = build_definitions().resolve_implicit_global_asset_job_def()
        result = job.execute_in_process(
            instance=instance,
            raise_on_error=False,
            asset_selection=[PUBLISH_KEY],
            run_config={
                "loggers": {"console": {"config": {"log_level": "INFO"}}},
                "resources": {"run_settings": {"config": run_settings_config(args)}},
            },
        )
    if not result.success:
        print_failure(result)
        return 1
    layout = default_layout()
    manifest = read_manifest(layout) or {"version": "?", "row_counts": {}}
    print(f"\nPublished version {manifest['version']} to {layout.bi_database}")
    for relation, rows in sorted(manifest["row_counts"].items()):
        print(f"  {relation:<45} {rows:>8,} rows")
    print("\nNext:")
    for line in next_steps(layout.bi_database, layout.parquet, sorted(manifest["row_counts"])):
        print(f"  {line}")
    return 0


def rollback(args: argparse.Namespace) -> int:
    from orchestration import publishing

    layout = publishing.default_layout()
    try:
        manifest = publishing.rollback(layout)
    except FileNotFoundError as error:
        print(f"error: {error}: nothing to roll back to", file=sys.stderr)
        return 1
    print(
        f"BI now reads version {manifest['version']} (published {manifest['published_at']}) "
        f"at {layout.bi_database}; roll back again to go forward."
    )
    return 0


def ui(args: argparse.Namespace) -> int:
    """`dagster dev` on this code location, with the data folder's Dagster home."""
    _dagster_home()
    dagster = str(Path(sys.executable).with_name("dagster"))
    command = [dagster, "dev", "-m", "orchestration.definitions"]
    command += ["--port", str(args.port)] if args.port else []
    command += ["--host", args.host] if args.host else []
    os.execv(dagster, command)
    return 0  # not reached


def _run_settings_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day trailing windows end on (default: the latest activity day in the data)",
    )
    parser.add_argument(
        "--run-date",
        type=_day,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day the quality gate measures freshness from (default: the day after "
        "--as-of when given, otherwise today)",
    )


def parser(prog: str = "python -m orchestration") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog)
    sub = parser.add_subparsers(dest="command", required=True)
    run_parser = sub.add_parser(
        "run",
        help="ingest the exports, build and test the warehouse, gate and publish to BI",
        description="The whole job: ingest the exports (the bundled sample unless "
        "--no-sample), build and test the dbt project, run the quality gate and publish the "
        "marts to the BI file.",
    )
    run_parser.add_argument("--scale", default="small", help="sample size when generating")
    run_parser.add_argument("--seed", type=int, default=7)
    run_parser.add_argument(
        "--regenerate", action="store_true", help="rewrite the sample exports first"
    )
    run_parser.add_argument(
        "--no-sample", action="store_true", help="use only the exports already in place"
    )
    run_parser.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild incremental dbt models from scratch instead of adding the new data",
    )
    _run_settings_arguments(run_parser)
    run_parser.add_argument(
        "--strict",
        action="store_true",
        help="all or nothing: a bad export file fails its loader and nothing downstream is "
        "built (default: the file is quarantined, everything else loads and builds, and the "
        "run ends as a failure)",
    )
    run_parser.add_argument(
        "--touchpoints-model",
        default=None,
        metavar="MODEL",
        help="the dbt model every attribution model reads its journeys from (the var "
        "attribution_touchpoints_model; default int_deal_touchpoints_joined, docs/attribution.md)",
    )
    run_parser.add_argument(
        "--path-transform",
        choices=PATH_TRANSFORMS,
        default=None,
        help="the path transform applied to every journey before every attribution model "
        "(the var attribution_path_transform; default unique)",
    )
    run_parser.set_defaults(handler=run)
    publish_parser = sub.add_parser(
        "publish",
        help="publish the marts as they are in the warehouse now (the publish step alone)",
        description="Build a new BI version from the warehouse as it is and publish it if "
        "every quality-gate suite passes on it: a suite whose latest check passed on the same "
        "content is taken as it is, every other suite runs again first.",
    )
    _run_settings_arguments(publish_parser)
    publish_parser.set_defaults(handler=publish, strict=False)
    rollback_parser = sub.add_parser(
        "rollback",
        help="make the previous published BI version current again (again: go forward)",
        description="Point the BI file, the Parquet folder and the manifest back at the "
        "version published before the current one; run it again to go forward.",
    )
    rollback_parser.set_defaults(handler=rollback)
    ui_parser = sub.add_parser(
        "ui",
        help="the Dagster UI on this code location (dagster dev)",
        description="Start the Dagster UI (dagster dev -m orchestration.definitions) with the "
        "data folder's Dagster home, at http://127.0.0.1:3000 unless told otherwise.",
    )
    ui_parser.add_argument("--port", type=int, default=None, help="default 3000")
    ui_parser.add_argument("--host", default=None, help="default 127.0.0.1")
    ui_parser.set_defaults(handler=ui)
    return parser


def main(argv: list[str] | None = None, prog: str = "python -m orchestration") -> int:
    args = parser(prog).parse_args(argv)
    # SIGTERM as Ctrl-C: Dagster does so while the job runs (dbt gets SIGINT and stops); the
    # same outside it (the manifest's dbt parse ends with us). A SIGKILL leaves nothing either:
    # every child has a death signal (orchestration/children.py).
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("\nInterrupted; nothing new was published.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
