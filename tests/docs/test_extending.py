"""docs/extending.md's worked example, built from the page itself on the sample warehouse.

The SQL and YAML blocks of the page are written into a copy of the dbt project, and the
documented `dbt build --select creator_dm_responsiveness` runs on a copy of the sample run's
warehouse: the mart builds under its contract, its tests pass, and it holds what
creator_connectedness says."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from mutuality import settings
from orchestration.manifest import dbt_executable

GUIDE = settings.REPO_ROOT / "docs" / "extending.md"
MART_FOLDER = Path("models") / "marts" / "connectedness"


def code_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def built(pipeline_run, tmp_path_factory):
    root = tmp_path_factory.mktemp("extending")
    project = root / "dbt_project"
    shutil.copytree(
        settings.dbt_project_dir(),
        project,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"),
    )
    (sql,) = code_blocks("sql")
    (yaml_text,) = code_blocks("yaml")
    (project / MART_FOLDER / "creator_dm_responsiveness.sql").write_text(sql)
    (project / MART_FOLDER / "_creator_dm_responsiveness__models.yml").write_text(yaml_text)
    warehouse = root / "mutuality.duckdb"  # the catalog name the project compiles to
    shutil.copy(pipeline_run.warehouse, warehouse)
    completed = subprocess.run(
        [dbt_executable(), "build", "--profiles-dir", ".", "--select", "creator_dm_responsiveness"],
        cwd=project,
        env={
            **os.environ,
            **settings.dbt_environment(),
            "MUTUALITY_WAREHOUSE_PATH": str(warehouse),
            "DBT_TARGET_PATH": str(root / "target"),
            "DBT_LOG_PATH": str(root / "logs"),
        },
        capture_output=True,
        text=True,
    )
    results = json.loads((root / "target" / "run_results.json").read_text())["results"]
    return completed, {r["unique_id"]: r["status"] for r in results}, warehouse


def test_the_documented_commands_are_the_project_s(built) -> None:
    bash = "\n".join(code_blocks("bash"))
    assert "--select creator_dm_responsiveness" in bash
    assert "../.venv/bin/dbt build --profiles-dir ." in bash


def test_the_worked_example_builds_and_its_tests_pass(built) -> None:
    completed, statuses, _ = built
    assert completed.returncode == 0, completed.stdout[-4000:]
    assert statuses["model.mutuality.creator_dm_responsiveness"] == "success"
    tests = [uid for uid in statuses if uid.startswith("test.")]
    assert len(tests) >= 2 and all(statuses[uid] == "pass" for uid in tests)


def test_the_worked_example_holds_what_its_source_says(built) -> None:
    _, _, warehouse = built
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        differences = conn.execute(
            """
            select c.creator_id, c.platform
            from marts.creator_connectedness as c
            full join marts.creator_dm_responsiveness as r
                on c.creator_id = r.creator_id and c.platform = r.platform
            where c.platform != 'all' and (
                r.creator_id is null or c.creator_id is null
                or r.inbound_dm_conversations is distinct from c.inbound_dm_conversations
                or r.dm_answered_share is distinct from
                    c.inbound_dm_conversations_answered / nullif(c.inbound_dm_conversations, 0)
            )
            """
        ).fetchall()
        (answered,) = conn.execute(
            "select count(*) from marts.creator_dm_responsiveness where dm_answered_share > 0"
        ).fetchone()
    assert differences == []
    assert answered > 0
