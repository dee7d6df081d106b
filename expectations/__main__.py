"""`python -m expectations sync [--warehouse FILE]`: write the committed GX suites from
expectations/suites.py and the column types of a built warehouse."""

from __future__ import annotations

import argparse
import sys

import duckdb

from expectations.sync import sync_project
from mutuality import settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m expectations")
    sub = parser.add_subparsers(dest="command", required=True)
    sync = sub.add_parser("sync", help="rewrite expectations/gx from the suite specs")
    sync.add_argument("--warehouse", default=str(settings.warehouse_path()))
    args = parser.parse_args(argv)
    with duckdb.connect(args.warehouse, read_only=True) as conn:
        written = sync_project(conn)
    print(f"wrote {len(written)} suites: {', '.join(written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
