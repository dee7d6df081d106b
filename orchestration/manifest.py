"""Build the dbt manifest that dagster-dbt loads. `prepare_if_dev()` only does this under
`dagster dev`, so the run command, the tests and CI call `build_manifest()` first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ingestion import paths


def dbt_executable() -> str:
    """The dbt of this environment, whether or not its bin/ is on PATH."""
    return str(Path(sys.executable).with_name("dbt"))


def build_manifest() -> Path:
    """Run `dbt parse` into the data folder's target directory and return the manifest path."""
    from orchestration.project import configure_environment

    configure_environment()
    target = paths.dbt_target_dir()
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            dbt_executable(),
            "parse",
            "--quiet",
            "--project-dir",
            str(paths.DBT_PROJECT_DIR),
            "--profiles-dir",
            str(paths.DBT_PROJECT_DIR),
            "--target-path",
            str(target),
        ],
        check=True,
    )
    return target / "manifest.json"


if __name__ == "__main__":
    print(build_manifest())
