"""The GX file context: committed under expectations/gx, run from a copy in the data folder
so that validation results and Data Docs never land in the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import great_expectations as gx
from great_expectations.data_context.types.base import ProgressBarsConfig

from expectations.settings import gx_workdir

PROJECT_ROOT = Path(__file__).resolve().parent
COMMITTED = ("great_expectations.yml", "expectations", "validation_definitions", "checkpoints")


def project_context(root: Path = PROJECT_ROOT):
    """The committed context (for `python -m expectations sync`)."""
    context = gx.get_context(mode="file", project_root_dir=str(root))
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    # no usage statistics: the network is closed and the gate must not wait on it
    context.variables.analytics_enabled = False
    context.variables.save()
    return context


def runtime_context(workdir: Path | None = None):
    """A fresh copy of the committed suites in the data folder, keeping earlier results."""
    workdir = workdir or gx_workdir()
    source = PROJECT_ROOT / "gx"
    target = workdir / "gx"
    target.mkdir(parents=True, exist_ok=True)
    for name in COMMITTED:
        src, dst = source / name, target / name
        if dst.is_dir():
            shutil.rmtree(dst)
        if src.is_dir():
            shutil.copytree(src, dst)
        elif src.exists():
            shutil.copy2(src, dst)
    return gx.get_context(mode="file", project_root_dir=str(workdir))
