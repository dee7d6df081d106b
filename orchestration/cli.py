"""The `mutuality` command: one name for the entry points of the packages.

    mutuality run | publish | rollback | ui      python -m orchestration ...
    mutuality load | forget | rebuild            python -m ingestion ...
    mutuality dashboard                          python -m dashboard (the Streamlit app)

Each subcommand is the module's own, with its own `--help`; this only dispatches.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence

PROG = "mutuality"

ORCHESTRATION = {
    "run": "ingest the exports, build and test the warehouse, gate and publish to BI",
    "publish": "publish the marts as they are in the warehouse now (the publish step alone)",
    "rollback": "make the previous published BI version current again (again: go forward)",
    "ui": "the Dagster UI on this code location (dagster dev)",
}
INGESTION = {
    "load": "load the export files present into the warehouse's raw schema (no dbt, no publish)",
    "forget": "retract export files: their rows leave raw until their content changes",
    "rebuild": "re-derive every raw table from the export files present",
}
DASHBOARD = "the dashboard on the published BI file (Streamlit: python -m dashboard)"
DASHBOARD_MISSING = (
    "error: the dashboard is not installed in this environment (no Python package "
    "`dashboard` next to `orchestration`): install a Mutuality release that ships it, or run "
    "it from a checkout that has it (`make dashboard`)."
)


def dashboard_available() -> bool:
    return importlib.util.find_spec("dashboard") is not None


def _dashboard(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} dashboard",
        description=f"Start {DASHBOARD}; it reads the published BI version (open read-only), "
        "never the working warehouse. Other arguments are passed on to `python -m dashboard`.",
    )
    _, passed = parser.parse_known_args(argv)
    if not dashboard_available():
        print(DASHBOARD_MISSING, file=sys.stderr)
        return 2
    return subprocess.call([sys.executable, "-m", "dashboard", *passed], env=os.environ)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Mutuality: creator connectedness, the vanity-metric audit and indirect "
        "attribution from platform exports, in DuckDB. `mutuality COMMAND --help` for a "
        "command's options.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in {**ORCHESTRATION, **INGESTION, "dashboard": DASHBOARD}.items():
        # each command parses its own arguments (and --help)
        commands.add_parser(name, help=summary, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args, rest = _parser().parse_known_args(argv)
    if args.command in ORCHESTRATION:
        from orchestration.__main__ import main as orchestration_main

        return orchestration_main([args.command, *rest], prog=PROG)
    if args.command in INGESTION:
        from ingestion.__main__ import main as ingestion_main

        return ingestion_main([args.command, *rest], prog=PROG)
    return _dashboard(rest)


if __name__ == "__main__":
    sys.exit(main())
