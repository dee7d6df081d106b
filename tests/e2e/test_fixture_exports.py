"""The real job on the hand-written fixtures of real export variants, not the generator.

Every fixture (several creators, every platform, export layouts from several eras) is dropped
into an empty exports folder and the job runs as a user runs it (`python -m orchestration run
--no-sample --as-of ...`): every platform's records reach `int_interactions_unioned` and the
marts, the quality gate publishes them, and the load report lists every file.
"""

from __future__ import annotations

import json
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from mutuality import platforms
from orchestration.privacy import SALT_VARIABLE, default_salt_refusal
from orchestration.publishing import read_manifest
from orchestration.resources import RunSettingsResource, WarehouseResource
from tests.e2e.conftest import FixtureRun
from tests.e2e.published_people import People, leaks, published_text, undeclared_people
from tests.ingestion.conftest import FIXTURE_EXPORTS

PLATFORMS = platforms.names()


def test_the_run_succeeds_and_publishes(fixture_run: FixtureRun) -> None:
    assert fixture_run.completed.returncode == 0, fixture_run.output[-8000:]
    assert "Mutuality run succeeded." in fixture_run.completed.stdout
    manifest = read_manifest(fixture_run.layout)
    assert manifest is not None, "nothing was published"
    assert all(check["passed"] for check in manifest["validations"].values())


def test_every_platform_reaches_the_interactions_and_the_marts(fixture_run: FixtureRun) -> None:
    interactions = dict(
        fixture_run.query(
            "select platform, count(*) from intermediate.int_interactions_unioned group by 1"
        )
    )
    assert {p for p in PLATFORMS if interactions.get(p, 0) == 0} == set()
    connectedness = {
        platform
        for (platform,) in fixture_run.query(
            "select distinct platform from marts.creator_connectedness "
            "where audience_interactions + creator_interactions > 0"
        )
    }
    assert set(PLATFORMS) <= connectedness
    with duckdb.connect(str(fixture_run.layout.bi_database), read_only=True) as bi:
        published = {
            platform
            for (platform,) in bi.execute(
                "select distinct platform from marts.creator_connectedness"
            ).fetchall()
        }
    assert set(PLATFORMS) <= published


def test_every_creator_with_exports_reaches_the_marts(fixture_run: FixtureRun) -> None:
    with_exports = {
        creator
        for (creator,) in fixture_run.query(
            """
            select distinct creator_id from intermediate.int_creator_accounts_joined accounts
            where exists (
                select 1 from raw._load_report report
                where report.status = 'loaded'
                    and split_part(report.source_file, '/', 1) = accounts.platform
                    and split_part(report.source_file, '/', 2) = accounts.handle
            )
            """
        )
    }
    assert {"cr_0001", "cr_0003", "cr_0004"} <= with_exports
    in_marts = {c for (c,) in fixture_run.query("select creator_id from marts.creator_roles")}
    scored = {
        c
        for (c,) in fixture_run.query(
            "select distinct creator_id from marts.creator_connectedness "
            "where audience_interactions > 0"
        )
    }
    assert with_exports <= in_marts
    assert with_exports <= scored


def test_the_load_report_lists_every_file(fixture_run: FixtureRun) -> None:
    files = {
        path.relative_to(fixture_run.exports).as_posix()
        for path in fixture_run.exports.rglob("*")
        if path.is_file()
    }
    report = dict(
        fixture_run.query(
            "select source_file, status from raw._load_report where status <> 'error'"
        )
    )
    assert set(report) == files
    assert set(report.values()) <= {"loaded", "not_read"}
    reasons = fixture_run.query(
        "select source_file, reason from raw._load_report where status = 'not_read'"
    )
    assert all(reason for _, reason in reasons)
    assert fixture_run.query("select * from raw._load_report where status = 'error'") == []
    assert "Load report (" in fixture_run.completed.stdout


def _x_archive(name: str) -> list[dict]:
    text = (FIXTURE_EXPORTS / "x" / "carmenruiz" / "data" / name).read_text(encoding="utf-8")
    return json.loads(text[text.index("=") + 1 :])


def test_an_x_archive_without_account_js_keeps_the_owner_out_of_the_audience(
    fixture_run: FixtureRun,
) -> None:
    """Carmen's newest archive has no account.js: her own messages are still hers (her id is
    the side common to every conversation id), and her follow-backs reach the mart."""
    conversations = [c["dmConversation"] for c in _x_archive("direct-messages.js")]
    sides = [set(c["conversationId"].split("-")) for c in conversations]
    (owner,) = set.intersection(*sides)
    messages = [
        m["messageCreate"] for c in conversations for m in c["messages"] if "messageCreate" in m
    ]
    own = sum(1 for m in messages if m["senderId"] == owner)
    followers = {f["follower"]["accountId"] for f in _x_archive("follower.js")}
    following = {f["following"]["accountId"] for f in _x_archive("following.js")}

    directions = dict(
        fixture_run.query(
            """select direction, count(*) from intermediate.int_interactions_unioned
               where creator_id = 'cr_0004' and platform = 'x' and kind = 'dm' group by 1"""
        )
    )
    assert directions == {"creator_to_audience": own, "audience_to_creator": len(messages) - own}
    ((followed_back, rate),) = fixture_run.query(
        """select followers_followed_back, follow_back_rate from marts.creator_connectedness
           where creator_id = 'cr_0004' and platform = 'x'"""
    )
    assert followed_back == len(followers & following) > 0
    assert rate == pytest.approx(len(followers & following) / len(followers))


def test_no_undeclared_persons_name_reaches_a_published_file(fixture_run: FixtureRun) -> None:
    """The fixtures' one introducer who is no creator, Dana Whitfield, is a partner who does
    not consent (roster/partners.csv): she is credited under her id and role, not her name."""
    people = undeclared_people(fixture_run.warehouse)
    assert ("dana", "whitfield") in people.full_names
    published = published_text(fixture_run.layout)
    assert not leaks(people, published), "undeclared people named in the published files"
    (dana,) = fixture_run.query(
        "select person_id, person_name, person_kind from marts.person_attributed_value "
        "where person_kind <> 'creator'"
    )
    assert dana[0].startswith("ip_") and dana[1:] == (None, "partner")
    # the scan finds names where they are: creators are named
    creators = People.of(name for (name,) in fixture_run.query(_CREATOR_NAMES))
    assert "parquet/marts.creator_roles.parquet:creator_name" in leaks(creators, published)


_CREATOR_NAMES = "select display_name from raw.roster_creators"


def test_the_default_salt_does_not_publish_the_fixtures(
    fixture_run: FixtureRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, publish_marts
) -> None:
    """The publish step of the job, on the fixture run's warehouse and exports, without a salt
    of the team's own: it fails saying how to set one, and writes nothing."""
    monkeypatch.delenv(SALT_VARIABLE, raising=False)
    monkeypatch.setenv("MUTUALITY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MUTUALITY_EXPORTS_DIR", str(fixture_run.exports))
    with dg.DagsterInstance.ephemeral() as instance:
        result = dg.materialize(
            [publish_marts],
            instance=instance,
            resources={
                "warehouse": WarehouseResource(path=str(fixture_run.warehouse)),
                "run_settings": RunSettingsResource(),
            },
            raise_on_error=False,
        )
    assert not result.success
    (failure,) = [event for event in result.all_events if event.is_step_failure]
    message = failure.step_failure_data.user_failure_data.description
    assert message == default_salt_refusal(fixture_run.exports, None)
    assert f"export {SALT_VARIABLE}=" in message
    assert not (tmp_path / "data" / "published").exists()
