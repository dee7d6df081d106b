"""`python -m ingestion load [--exports DIR] [--warehouse FILE] [--only NAME ...]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders import LOADERS, load_all
from ingestion.loaders.report import read_report
from ingestion.paths import exports_dir, warehouse_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ingestion")
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser(
        "load", help="land new or changed export files in the warehouse's raw schema"
    )
    load.add_argument("--exports", type=Path, default=None, help="exports directory")
    load.add_argument("--warehouse", type=Path, default=None, help="DuckDB warehouse file")
    load.add_argument(
        "--only",
        nargs="+",
        action="extend",
        choices=list(LOADERS),
        metavar="NAME",
        help=f"run only these loaders ({', '.join(LOADERS)})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    exports = args.exports or exports_dir()
    warehouse = args.warehouse or warehouse_path()
    try:
        results = load_all(warehouse, exports, args.only)
    except (ExportFormatError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for result in results:
        print(result.summary())
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        report = read_report(conn)
    print(report.summary())
    for line in report.lines(("error", "not_read")):
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
