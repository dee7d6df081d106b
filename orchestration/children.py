"""Child processes (dbt) die with the process that starts them: a killed orchestrator must not
leave a dbt holding the warehouse's write lock.

`guarded(program)` is an executable that runs `program` under deathsig.py; start it with
`child_env()` (or inside `as_parent()` when a library builds the environment, as dagster-dbt
does), so a child whose parent died before it could set its death signal does not start.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mutuality import settings
from orchestration.deathsig import PARENT_PID_ENV

_DEATHSIG = Path(__file__).with_name("deathsig.py")


def wrapper_dir() -> Path:
    return settings.data_dir() / "bin"


def guarded(program: str) -> str:
    """The path of a shell script that execs `program` (with its arguments) under deathsig.py
    with this interpreter; named after its content, so runs of other checkouts that share the
    data folder never rewrite a script in use."""
    script = "#!/bin/sh\n# Written by orchestration/children.py: dies with its parent.\n" + (
        " ".join(
            [
                "exec",
                shlex.quote(sys.executable),
                "-I",
                "-S",
                shlex.quote(str(_DEATHSIG)),
                shlex.quote(program),
                '"$@"',
            ]
        )
        + "\n"
    )
    digest = hashlib.sha256(script.encode()).hexdigest()[:12]
    target = wrapper_dir() / f"{Path(program).name}-{digest}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        partial.write_text(script)
        partial.chmod(0o755)
        partial.replace(target)
    return str(target)


def child_env() -> dict[str, str]:
    """This process's environment with the run's dbt settings (mutuality.settings), naming
    this process as the parent of the child about to start."""
    return {**os.environ, **settings.dbt_environment(), PARENT_PID_ENV: str(os.getpid())}


@contextmanager
def as_parent() -> Iterator[None]:
    """Children started inside (by a library, with os.environ) get the run's dbt settings
    and know this process as their parent; os.environ is as it was afterwards."""
    overrides = {**settings.dbt_environment(), PARENT_PID_ENV: str(os.getpid())}
    previous = {name: os.environ.get(name) for name in overrides}
    os.environ.update(overrides)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
