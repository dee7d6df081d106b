"""Run one lower bound in its own process (so its memory is measured alone) and write JSON.

python -m benchmarks.bounds bare --exports DIR --database FILE --output FILE
python -m benchmarks.bounds direct --warehouse FILE --manifest FILE --output FILE
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from ingestion import warehouse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bounds")
    sub = parser.add_subparsers(dest="bound", required=True)
    bare = sub.add_parser("bare", help="(a) read_json / read_csv of the export files")
    bare.add_argument("--exports", type=Path, required=True)
    bare.add_argument("--database", type=Path, required=True)
    bare.add_argument("--output", type=Path, required=True)
    direct = sub.add_parser("direct", help="(b) the compiled dbt SQL without dbt")
    direct.add_argument("--warehouse", type=Path, required=True)
    direct.add_argument("--manifest", type=Path, required=True)
    direct.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    if args.bound == "bare":
        from benchmarks.bare_read import as_dicts, bare_read

        args.database.unlink(missing_ok=True)
        with warehouse.connect(args.database) as conn:
            details = as_dicts(bare_read(conn, args.exports))
    else:
        from benchmarks.direct_sql import as_dicts, direct_sql

        manifest = json.loads(args.manifest.read_text())
        with warehouse.connect(args.warehouse) as conn:
            details = as_dicts(direct_sql(conn, manifest))
    seconds = time.perf_counter() - started
    args.output.write_text(json.dumps({"seconds": seconds, "details": details}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
