"""A new platform is data: a loader, a staging folder and a registry entry, nothing else.

The test copies the dbt project, adds a toy platform ("Bluesky": posts, comments, DMs, a
follower list) to the registry (vars.platforms in dbt_project.yml) and its staging folder,
writes its exports beside the hand-written fixtures of every other platform, and runs the job
as a user runs it (`python -m orchestration run --no-sample`) on that copy. No model,
macro, suite or Python module outside tests/toy_platform/ is edited: the toy's rows must reach
every per-platform union and the marts, counted as the plant says. docs/architecture.md lists
the files a new platform touches.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from tests.e2e.conftest import AS_OF, copy_fixture_exports, job_env

REPO_ROOT = Path(__file__).resolve().parents[2]
TOY = Path(__file__).resolve().parent.parent / "toy_platform"
HANDLE = "alice.bsky"
CREATOR = "cr_0001"
AUDIENCE = [f"fan{n:02d}.bsky" for n in range(12)]


@dataclass(frozen=True)
class Plant:
    posts: int
    audience_comments: int
    creator_replies: int
    messages: int
    followers: int


@dataclass(frozen=True)
class ToyRun:
    completed: subprocess.CompletedProcess
    warehouse: Path
    plant: Plant

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.warehouse), read_only=True) as conn:
            return conn.execute(sql).fetchall()


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _write_toy_exports(exports: Path) -> Plant:
    """Three posts in June, each commented on by the audience, the creator answering every
    other comment; DM threads answered; a follower list with follow times."""
    folder = exports / "bluesky" / HANDLE
    start = datetime(2026, 6, 2, 12, 0)
    posts = [
        [f"p{n}", (start + timedelta(days=7 * n)).isoformat(sep=" "), f"post {n}"] for n in range(3)
    ]
    comments, creator_replies = [], 0
    for n, (post_id, posted_at, _) in enumerate(posts):
        at = datetime.fromisoformat(posted_at)
        for m, fan in enumerate(AUDIENCE[: 4 + 2 * n]):
            comment_id = f"c{n}_{m}"
            comments.append(
                [comment_id, post_id, "", fan, f"question {m}?", str(at + timedelta(hours=m + 1))]
            )
            if m % 2 == 0:
                creator_replies += 1
                comments.append(
                    [
                        f"r{n}_{m}",
                        post_id,
                        comment_id,
                        HANDLE,
                        "thanks!",
                        str(at + timedelta(hours=m + 2)),
                    ]
                )
    messages = []
    for n, fan in enumerate(AUDIENCE[:5]):
        at = start + timedelta(days=n, hours=3)
        messages.append([f"m{n}a", f"t{n}", fan, HANDLE, "hi", str(at)])
        messages.append([f"m{n}b", f"t{n}", HANDLE, fan, "hello!", str(at + timedelta(hours=2))])
    followers = [[fan, str(start - timedelta(days=20 - n))] for n, fan in enumerate(AUDIENCE)]
    _csv(folder / "posts.csv", ["post_id", "posted_at", "text"], posts)
    _csv(
        folder / "comments.csv",
        ["comment_id", "post_id", "parent_comment_id", "author", "text", "commented_at"],
        comments,
    )
    _csv(
        folder / "messages.csv",
        ["message_id", "thread_id", "sender", "recipient", "text", "sent_at"],
        messages,
    )
    _csv(folder / "followers.csv", ["follower", "followed_at"], followers)
    return Plant(
        posts=len(posts),
        audience_comments=len(comments) - creator_replies,
        creator_replies=creator_replies,
        messages=len(messages),
        followers=len(followers),
    )


def _add_roster_handles(roster: Path) -> None:
    rows = list(csv.DictReader(roster.open(encoding="utf-8")))
    header = [*rows[0].keys(), "bluesky_handle"]
    for row in rows:
        row["bluesky_handle"] = HANDLE if row["creator_id"] == CREATOR else ""
    _csv(roster, header, [[row[name] for name in header] for row in rows])


def add_toy_platform(project: Path) -> None:
    """The registry entry and the staging folder: all a new platform adds to the dbt project."""
    config = project / "dbt_project.yml"
    text = config.read_text(encoding="utf-8")
    entry = "".join(
        f"    {line}\n" if line.strip() else "\n"
        for line in (TOY / "registry_entry.yml").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    )
    assert "\n  platforms:\n" in text
    config.write_text(
        text.replace("\n  platforms:\n", "\n  platforms:\n" + entry, 1), encoding="utf-8"
    )
    shutil.copytree(TOY / "staging", project / "models" / "staging" / "bluesky")


@pytest.fixture(scope="module")
def toy_run(tmp_path_factory: pytest.TempPathFactory) -> ToyRun:
    root = tmp_path_factory.mktemp("toy-platform")
    project = root / "dbt_project"
    shutil.copytree(
        REPO_ROOT / "dbt_project",
        project,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"),
    )
    add_toy_platform(project)
    data = root / "data"
    exports = data / "exports"
    copy_fixture_exports(exports)
    _add_roster_handles(exports / "roster" / "creators.csv")
    plant = _write_toy_exports(exports)
    completed = subprocess.run(
        [sys.executable, "-m", "orchestration", "run", "--no-sample", "--as-of", AS_OF],
        cwd=REPO_ROOT,
        env=job_env(data) | {"MUTUALITY_DBT_PROJECT_DIR": str(project)},
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    return ToyRun(completed, data / "warehouse" / "mutuality.duckdb", plant)


def test_the_run_with_the_toy_platform_succeeds(toy_run: ToyRun) -> None:
    output = toy_run.completed.stdout + toy_run.completed.stderr
    assert toy_run.completed.returncode == 0, output[-8000:]
    assert "Mutuality run succeeded." in toy_run.completed.stdout


UNION_ROWS = {
    "int_comments_unioned": lambda plant: plant.audience_comments + plant.creator_replies,
    "int_messages_unioned": lambda plant: plant.messages,
    "int_posts_unioned": lambda plant: plant.posts,
    "int_follower_lists_unioned": lambda plant: plant.followers,
}


@pytest.mark.parametrize("union", UNION_ROWS)
def test_every_union_holds_the_toy_rows(toy_run: ToyRun, union: str) -> None:
    [(rows,)] = toy_run.query(
        f"select count(*) from intermediate.{union} where platform = 'bluesky'"
    )
    assert rows == UNION_ROWS[union](toy_run.plant)


def test_the_toy_reaches_the_interactions_and_the_follower_count(toy_run: ToyRun) -> None:
    plant = toy_run.plant
    [(interactions,)] = toy_run.query(
        "select count(*) from intermediate.int_interactions_unioned where platform = 'bluesky'"
    )
    assert interactions == plant.audience_comments + plant.creator_replies + plant.messages
    assert toy_run.query(
        "select followers, follower_source from intermediate.int_follower_counts_latest "
        f"where platform = 'bluesky' and creator_id = '{CREATOR}'"
    ) == [(plant.followers, "bluesky_followers_list")]
    [(posts,)] = toy_run.query(
        "select sum(post_count) from intermediate.int_reach_days_unioned where platform = 'bluesky'"
    )
    assert posts == plant.posts


def test_the_toy_reaches_the_marts(toy_run: ToyRun) -> None:
    plant = toy_run.plant
    [(audience, creator)] = toy_run.query(
        "select audience_interactions, creator_interactions from marts.creator_connectedness "
        f"where platform = 'bluesky' and creator_id = '{CREATOR}'"
    )
    assert audience > 0 and creator > 0
    [(posts, comments)] = toy_run.query(
        "select sum(post_count), sum(comment_count) from marts.creator_reach_monthly "
        f"where platform = 'bluesky' and creator_id = '{CREATOR}'"
    )
    assert (posts, comments) == (plant.posts, plant.audience_comments)
    assert toy_run.query(
        "select count(*) from marts.creator_follower_tiers where platform = 'bluesky'"
    ) == [(1,)]
