"""`python -m ingestion load | forget PATH... | rebuild | contract` (see `--help`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingestion.errors import ExportFormatError
from ingestion.loaders import LOADERS, contract, load_all
from ingestion.loaders.base import LoadResult
from ingestion.loaders.corrections import forget, rebuild
from ingestion.loaders.report import read_report
from ingestion.locks import lock_hint, lock_holder
from mutuality.settings import exports_dir, warehouse_path


def _parser(prog: str = "python -m ingestion") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog)
    commands = parser.add_subparsers(dest="command", required=True)
    load = commands.add_parser(
        "load",
        help="make the warehouse's raw schema reflect the export files present: read new and "
        "changed files, retract the rows of removed or replaced ones",
    )
    load.add_argument(
        "--only",
        nargs="+",
        action="extend",
        choices=list(LOADERS),
        metavar="NAME",
        help=f"run only these loaders ({', '.join(LOADERS)})",
    )
    load.add_argument(
        "--strict",
        action="store_true",
        help="all or nothing: the first bad file stops the load and nothing is written "
        "(default: a bad file is quarantined and the others load)",
    )
    forget_parser = commands.add_parser(
        "forget",
        help="retract these files: their rows leave raw, and they are not read again until "
        "their content changes",
    )
    forget_parser.add_argument("paths", nargs="+", metavar="PATH", help="export files to forget")
    commands.add_parser("rebuild", help="re-derive every raw table from the export files present")
    contract_parser = commands.add_parser(
        "contract",
        help="check that the files generated from the raw-table contract "
        "(ingestion/loaders/raw_tables.yml) are current, or --write them",
    )
    contract_parser.add_argument("--write", action="store_true", help="rewrite them")
    for command in (load, forget_parser, commands.choices["rebuild"]):
        command.add_argument("--exports", type=Path, default=None, help="exports directory")
        command.add_argument("--warehouse", type=Path, default=None, help="DuckDB warehouse file")
    return parser


def main(argv: Sequence[str] | None = None, prog: str = "python -m ingestion") -> int:
    args = _parser(prog).parse_args(argv)
    if args.command == "contract":
        return contract.check_or_write(args.write)
    exports = args.exports or exports_dir()
    warehouse = args.warehouse or warehouse_path()
    try:
        if args.command == "forget":
            results = forget(warehouse, exports, args.paths)
        elif args.command == "rebuild":
            results = rebuild(warehouse, exports)
        else:
            results = load_all(warehouse, exports, args.only, strict=args.strict)
        return _print_results(results, warehouse)
    except (ExportFormatError, FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except duckdb.Error as error:
        holder = lock_holder(str(error))
        if holder is None:
            raise
        print(f"error: {error}\n  {lock_hint(holder)}", file=sys.stderr)
        return 1


def _print_results(results: Sequence[LoadResult], warehouse: Path) -> int:
    """Quarantined files first (on stderr, exit code 1), then each loader and the report."""
    quarantined = [q for result in results for q in result.quarantined]
    for item in quarantined:
        print(f"error: {item.message} (quarantined: not loaded)", file=sys.stderr)
    for result in results:
        print(result.summary())
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        report = read_report(conn)
    print(report.summary())
    for line in report.lines(("error", "quarantined", "not_read")):
        print(f"  {line}")
    return 1 if quarantined or report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
