"""The pseudonym salt a publish may use.

Published person ids (`ip_...`) and every audience key are hashes of a salted identifier
(`pseudonymize` macro). With the development salt, which is public (dbt_project.yml), anyone
holding an e-mail address can re-derive its id, so the marts of real exports are published only
under a salt of the team's own. The bundled sample is made up: it may use the development salt.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cache
from pathlib import Path

import yaml

from mutuality import settings
from mutuality.settings import SAMPLE_MARKER

SALT_VARIABLE = "MUTUALITY_PSEUDONYM_SALT"
_SALT_VAR = re.compile(
    r"""env_var\(\s*['"]MUTUALITY_PSEUDONYM_SALT['"]\s*,\s*['"](?P<default>[^'"]*)['"]\s*\)"""
)


@cache
def development_salt() -> str:
    """The salt dbt falls back to without MUTUALITY_PSEUDONYM_SALT: the default of the
    `pseudonym_salt` var in dbt_project.yml (the one place it is written)."""
    project = yaml.safe_load((settings.dbt_project_dir() / "dbt_project.yml").read_text())
    found = _SALT_VAR.search(str(project["vars"]["pseudonym_salt"]))
    if found is None:
        raise RuntimeError(
            "dbt_project.yml: the pseudonym_salt var no longer reads "
            f"env_var('{SALT_VARIABLE}', '<default>')"
        )
    return found["default"]


def configured_salt() -> str:
    """The salt dbt builds with: MUTUALITY_PSEUDONYM_SALT, else the development salt (an
    empty variable counts as unset here, though dbt would hash with it)."""
    return os.environ.get(SALT_VARIABLE) or development_salt()


def roster_digest(exports_dir: Path) -> str | None:
    """sha256 of the exports' `roster/creators.csv`, None without one."""
    roster = exports_dir / "roster" / "creators.csv"
    return hashlib.sha256(roster.read_bytes()).hexdigest() if roster.is_file() else None


def is_bundled_sample(exports_dir: Path) -> bool:
    """Whether the exports are the generated sample: the generator's marker is there and the
    roster is still the one it wrote (a team that adds its creators has its own exports)."""
    marker = exports_dir / SAMPLE_MARKER
    try:
        written = json.loads(marker.read_text())
    except (OSError, ValueError):
        return False
    return (
        isinstance(written, dict)
        and written.get("roster_sha256") is not None
        and written.get("roster_sha256") == roster_digest(exports_dir)
    )


def default_salt_refusal(exports_dir: Path, salt: str | None) -> str | None:
    """Why the marts of these exports must not be published under `salt`, or None when they
    may be: any salt for the bundled sample, a salt other than the development one otherwise."""
    if salt and salt != development_salt():
        return None
    if is_bundled_sample(exports_dir):
        return None
    return (
        f"Not published: the exports in {exports_dir} are not the bundled sample and the "
        f"pseudonym salt is the public development default ('{development_salt()}'), so "
        "anyone could re-derive the published person ids from e-mail addresses. Set a secret "
        f'salt of your own in the environment, e.g. `export {SALT_VARIABLE}="$(python -c '
        "'import secrets; print(secrets.token_hex(32))')\"`, keep it (the same salt gives the "
        "same ids run after run) and run again with --full-refresh so every key is re-derived."
    )
