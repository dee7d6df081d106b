from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from sample_exports import generate


@dataclass(frozen=True)
class Sample:
    root: Path
    truth: dict[str, Any]
    ground_truth_path: Path

    def archetype(self, name: str) -> str:
        return self.truth["planted"]["archetypes"][name]

    def creator(self, creator_id: str) -> dict[str, Any]:
        return next(c for c in self.truth["creators"] if c["creator_id"] == creator_id)


@pytest.fixture(scope="session")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """The small sample with the default seed, generated once per test session."""
    base = tmp_path_factory.mktemp("sample")
    truth = generate(base / "exports", base / "ground_truth.json", seed=7, scale="small")
    return Sample(base / "exports", truth, base / "ground_truth.json")
