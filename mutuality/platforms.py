"""The platform registry, as Python reads it.

The registry lives once, as the dbt var ``platforms`` in ``dbt_project/dbt_project.yml``: the
intermediate unions loop over it, and this module gives the loaders, the GX suites, the sample
generator and the tests the same list. docs/architecture.md says what each field means.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from mutuality import settings

# The entities a platform can provide, each unioned by one intermediate model.
ENTITIES = (
    "comments",
    "messages",
    "posts",
    "follower_series",
    "follower_counts",
    "follower_lists",
    "reach_days",
    "connections",
)


@dataclass(frozen=True)
class Platform:
    name: str
    label: str
    loaders: tuple[str, ...]
    comment_measures: bool
    reach_basis: Mapping[str, str] | None
    sources: Mapping[str, tuple[Mapping[str, Any], ...]] = field(default_factory=dict)

    def provides(self, entity: str) -> bool:
        return bool(self.sources.get(entity))


def _platform(name: str, entry: Mapping[str, Any]) -> Platform:
    unknown = set(entry) - {
        "label",
        "loaders",
        "creator_keys",
        "comment_measures",
        "reach_basis",
        *ENTITIES,
    }
    if unknown:
        raise ValueError(f"platform {name!r} in the registry: unknown fields {sorted(unknown)}")
    return Platform(
        name=name,
        label=str(entry.get("label", name)),
        loaders=tuple(entry.get("loaders") or ()),
        comment_measures=bool(entry.get("comment_measures", False)),
        reach_basis=entry.get("reach_basis"),
        sources={entity: tuple(entry.get(entity) or ()) for entity in ENTITIES},
    )


def load_registry(dbt_project_dir: Path | None = None) -> tuple[Platform, ...]:
    """Read the registry from a dbt project (a test's copy with a toy platform), by default
    the configured one (mutuality.settings.dbt_project_dir)."""
    dbt_project_dir = dbt_project_dir or settings.dbt_project_dir()
    project = yaml.safe_load((dbt_project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    entries = (project.get("vars") or {}).get("platforms") or {}
    return tuple(_platform(name, entry) for name, entry in entries.items())


@cache
def registry() -> tuple[Platform, ...]:
    return load_registry()


def names() -> tuple[str, ...]:
    """Every platform, in registry order."""
    return tuple(platform.name for platform in registry())


def providing(entity: str) -> tuple[str, ...]:
    """The platforms that have a source of this entity."""
    if entity not in ENTITIES:
        raise ValueError(f"unknown entity {entity!r}; the registry's entities are {ENTITIES}")
    return tuple(platform.name for platform in registry() if platform.provides(entity))


def get(name: str) -> Platform:
    for platform in registry():
        if platform.name == name:
            return platform
    raise KeyError(f"no platform {name!r} in the registry (dbt_project/dbt_project.yml)")
