"""Deterministic sample platform exports with planted ground truth (see docs/export_formats.md).

``generate(out_dir, ground_truth_path, seed=7, scale="small", end_date=date(2026, 10, 31))``
writes every export file of the contract and returns the ground-truth dict it also writes.
With ``hold_out_days=N, delta_dir=DIR`` the last N days go to new files under ``DIR``
instead, and ``arrive(DIR, out_dir)`` copies them in later (a benchmark's "new day").
"""

from .delta import arrive
from .generator import DEFAULT_END_DATE, GENERATOR_VERSION, generate
from .scales import SCALES

__all__ = ["DEFAULT_END_DATE", "GENERATOR_VERSION", "SCALES", "arrive", "generate"]
