"""Build the dbt manifest that dagster-dbt loads. The Dagster definitions call
`build_manifest()` when they load (under `dagster dev` too), as do the tests and the benchmark.

`dbt parse` costs a dbt start-up (seconds), so it is skipped when nothing it reads changed
since the last parse: the project's files and the MUTUALITY_* / DBT_* environment.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from mutuality import settings
from orchestration.children import child_env, guarded

_NOT_PROJECT_INPUTS = {"target", "logs", "dbt_packages", "__pycache__"}


def dbt_executable() -> str:
    """The dbt of this environment (whether or not its bin/ is on PATH), started so that it
    dies with the process that starts it (orchestration/children.py)."""
    return guarded(str(Path(sys.executable).with_name("dbt")))


def dbt_command(command: str, *args: str, target: Path) -> list[str]:
    """A dbt CLI call on this project and its profile, writing artifacts to `target`."""
    return [
        dbt_executable(),
        command,
        *args,
        "--project-dir",
        str(settings.dbt_project_dir()),
        "--profiles-dir",
        str(settings.dbt_project_dir()),
        "--target-path",
        str(target),
    ]


def project_fingerprint() -> str:
    """Changes whenever a file of the dbt project or a variable dbt may read changes."""
    digest = hashlib.sha256()
    for path in sorted(settings.dbt_project_dir().rglob("*")):
        relative = path.relative_to(settings.dbt_project_dir())
        if relative.parts[0] in _NOT_PROJECT_INPUTS or not path.is_file():
            continue
        stat = path.stat()
        digest.update(f"{relative}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    for name in sorted(os.environ):
        if name.startswith(("MUTUALITY_", "DBT_")):
            digest.update(f"{name}={os.environ[name]}\n".encode())
    return digest.hexdigest()


def build_manifest(force: bool = False) -> Path:
    """Run `dbt parse` into the data folder's target directory (unless the manifest there is
    current) and return the manifest path."""
    target = settings.dbt_target_dir()
    manifest, stamp = target / "manifest.json", target / "manifest.fingerprint"
    fingerprint = project_fingerprint()
    if not force and manifest.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        return manifest
    target.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    subprocess.run(dbt_command("parse", "--quiet", target=target), check=True, env=child_env())
    stamp.write_text(fingerprint)
    return manifest


if __name__ == "__main__":
    print(build_manifest(force=True))
