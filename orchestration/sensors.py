"""Notice new or changed export files and start the job."""

import hashlib
import json
import os
from pathlib import Path

import dagster as dg

from orchestration.jobs import mutuality_job
from orchestration.resources import ExportsResource


def exports_fingerprint(exports_dir: Path) -> dict[str, str]:
    """One digest per top-level export folder (x, instagram, crm, ...), from every file's
    relative path, size and modification time. Cheap: no file is read."""
    fingerprints: dict[str, str] = {}
    if not exports_dir.is_dir():
        return fingerprints
    for folder in sorted(p for p in exports_dir.iterdir() if p.is_dir()):
        digest = hashlib.sha256()
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                file = Path(root, name)
                stat = file.stat()
                digest.update(
                    f"{file.relative_to(exports_dir)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
                )
        fingerprints[folder.name] = digest.hexdigest()
    return fingerprints


@dg.sensor(
    name="new_exports_sensor",
    job=mutuality_job,
    minimum_interval_seconds=60,
    description="Starts the job when export files are added or replaced.",
    default_status=dg.DefaultSensorStatus.STOPPED,
)
def new_exports_sensor(context: dg.SensorEvaluationContext, exports: ExportsResource):
    current = exports_fingerprint(exports.directory)
    previous = json.loads(context.cursor) if context.cursor else {}
    changed = sorted(name for name, digest in current.items() if previous.get(name) != digest)
    if not changed:
        return dg.SkipReason(f"No new export files in {exports.directory}.")
    context.update_cursor(json.dumps(current, sort_keys=True))
    run_key = hashlib.sha256(json.dumps(current, sort_keys=True).encode()).hexdigest()[:16]
    return dg.RunRequest(run_key=run_key, tags={"mutuality/changed_exports": ",".join(changed)})
