"""How the commands a run suggests are spelled here: only commands that exist where it runs.

From a checkout, `make <target>` (the Makefile's targets); with the package installed, the
`mutuality` command when it is on PATH; otherwise this interpreter's `python -m ...`. The
DuckDB CLI only when it is on PATH, the dashboard only when it is installed.
"""

from __future__ import annotations

import importlib.util
import re
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from mutuality import settings


def _make_targets(checkout: Path | None) -> frozenset[str]:
    makefile = checkout / "Makefile" if checkout else None
    if makefile is None or not makefile.is_file() or shutil.which("make") is None:
        return frozenset()
    return frozenset(re.findall(r"^([A-Za-z][\w-]*):", makefile.read_text(), re.MULTILINE))


def _as_typed(executable: str, cwd: Path) -> str:
    """An executable's path as typed from `cwd`: relative below it (`.venv/bin/python`)."""
    path = Path(executable)
    try:
        return shlex.quote(str(path.relative_to(cwd)))
    except ValueError:
        return shlex.quote(str(path))


@dataclass(frozen=True)
class Commands:
    cwd: Path
    python: str
    """This interpreter, as typed from cwd."""
    checkout: Path | None = None
    """The checkout whose Makefile `make_targets` come from."""
    make_targets: frozenset[str] = frozenset()
    mutuality: bool = False
    """The `mutuality` command is on PATH."""
    duckdb_cli: bool = False
    dashboard: bool = False
    """The dashboard package is installed."""

    @classmethod
    def detect(cls) -> Commands:
        cwd = Path.cwd()
        checkout = settings.checkout()
        return cls(
            cwd=cwd,
            python=_as_typed(sys.executable, cwd),
            checkout=checkout,
            make_targets=_make_targets(checkout),
            mutuality=shutil.which("mutuality") is not None,
            duckdb_cli=shutil.which("duckdb") is not None,
            dashboard=importlib.util.find_spec("dashboard") is not None,
        )

    def _make(self, target: str) -> str | None:
        if target not in self.make_targets or self.checkout is None:
            return None
        if self.checkout == self.cwd:
            return f"make {target}"
        return f"make -C {shlex.quote(str(self.checkout))} {target}"

    def _command(self, target: str, subcommand: str, module: str) -> str:
        """`make <target>` from a checkout, else `mutuality <subcommand>`, else python -m."""
        made = self._make(target)
        if made:
            return made
        if self.mutuality:
            return f"mutuality {subcommand}"
        return f"{self.python} -m {module}"

    def ui(self) -> str:
        return self._command("ui", "ui", "orchestration ui")

    def dashboard_command(self) -> str | None:
        return self._command("dashboard", "dashboard", "dashboard") if self.dashboard else None
