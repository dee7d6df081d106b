"""``python -m sample_exports --seed 7 --scale small --out DIR --ground-truth FILE``

``--hold-out-days N --delta-out DIR`` holds the last N days back into new files under DIR.
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from mutuality import settings

from .generator import DEFAULT_END_DATE, generate
from .scales import SCALES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m sample_exports",
        description="Write deterministic sample platform exports and their planted ground truth.",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--out", type=Path, default=None, help="exports directory")
    parser.add_argument("--ground-truth", type=Path, default=None, help="ground-truth JSON path")
    parser.add_argument(
        "--end-date", type=date.fromisoformat, default=DEFAULT_END_DATE, help="YYYY-MM-DD"
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="processes (default: 1 for small, else cores)"
    )
    parser.add_argument(
        "--hold-out-days",
        type=int,
        default=0,
        help="leave the last N days out of --out and write them to --delta-out",
    )
    parser.add_argument(
        "--delta-out", type=Path, default=None, help="directory for the held-out days' files"
    )
    args = parser.parse_args(argv)
    if (args.hold_out_days > 0) != (args.delta_out is not None):
        parser.error("--hold-out-days N (N > 0) and --delta-out DIR go together")
    out = args.out or settings.exports_dir()
    ground_truth = args.ground_truth or settings.ground_truth_path()
    started = time.perf_counter()
    truth = generate(
        out,
        ground_truth,
        seed=args.seed,
        scale=args.scale,
        end_date=args.end_date,
        workers=args.workers,
        hold_out_days=args.hold_out_days,
        delta_dir=args.delta_out,
    )
    elapsed = time.perf_counter() - started
    rows = truth["expected_rows"]
    print(
        f"wrote {truth['files_written']} files ({truth['bytes_written'] / 1e6:.1f} MB, "
        f"{sum(rows.values()):,} rows in {len(rows)} tables) to {out} in {elapsed:.1f} s; "
        f"ground truth: {ground_truth}"
    )
    if args.delta_out is not None:
        held = sum(1 for path in args.delta_out.rglob("*") if path.is_file())
        print(
            f"held out the last {args.hold_out_days} day(s): {held} of those files are in "
            f"{args.delta_out} (copy them in with sample_exports.arrive)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
