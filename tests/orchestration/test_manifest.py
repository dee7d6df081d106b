"""`build_manifest` parses the dbt project only when something dbt reads has changed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mutuality import settings
from orchestration import manifest as manifest_module


@pytest.fixture
def parses(monkeypatch, tmp_path) -> list[list[str]]:
    """A copy of the dbt project, and a fake `dbt parse` that records its calls."""
    project = tmp_path / "dbt_project"
    shutil.copytree(
        settings.dbt_project_dir(), project, ignore=shutil.ignore_patterns("target", "logs")
    )
    monkeypatch.setenv("MUTUALITY_DBT_PROJECT_DIR", str(project))
    monkeypatch.setenv("MUTUALITY_DATA_DIR", str(tmp_path / "data"))
    calls: list[list[str]] = []

    def fake_run(command: list[str], check: bool, env: dict) -> subprocess.CompletedProcess:
        calls.append(command)
        target = Path(command[command.index("--target-path") + 1])
        (target / "manifest.json").write_text("{}")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(manifest_module.subprocess, "run", fake_run)
    return calls


def test_parses_once_while_nothing_changes(parses) -> None:
    first = manifest_module.build_manifest()
    second = manifest_module.build_manifest()
    assert first == second and first.exists()
    assert len(parses) == 1


def test_parses_again_after_a_model_changes(parses) -> None:
    manifest_module.build_manifest()
    model = next((settings.dbt_project_dir() / "models").rglob("*.sql"))
    stat = model.stat()
    os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    manifest_module.build_manifest()
    assert len(parses) == 2


def test_parses_again_when_a_variable_dbt_reads_changes(parses, monkeypatch) -> None:
    manifest_module.build_manifest()
    monkeypatch.setenv("MUTUALITY_PSEUDONYM_SALT", "another-salt")
    manifest_module.build_manifest()
    manifest_module.build_manifest(force=True)
    assert len(parses) == 3
