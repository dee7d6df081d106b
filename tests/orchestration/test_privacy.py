"""Real exports are never published under the public development salt; the sample may be."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from mutuality import settings
from mutuality.settings import SAMPLE_MARKER
from orchestration.privacy import (
    SALT_VARIABLE,
    configured_salt,
    default_salt_refusal,
    development_salt,
    roster_digest,
)
from tests.ingestion.conftest import FIXTURE_EXPORTS


def sample_like(exports: Path, roster: str = "creator_id,display_name\ncr_0001,Ada\n") -> Path:
    """An exports folder with a roster and the generator's marker for exactly that roster."""
    (exports / "roster").mkdir(parents=True)
    (exports / "roster" / "creators.csv").write_text(roster)
    marker = {"end_date": "2026-10-31", "roster_sha256": roster_digest(exports)}
    (exports / SAMPLE_MARKER).write_text(json.dumps(marker))
    return exports


def test_the_development_salt_is_the_default_dbt_falls_back_to() -> None:
    project = yaml.safe_load((settings.dbt_project_dir() / "dbt_project.yml").read_text())
    var = project["vars"]["pseudonym_salt"]
    assert var == f"{{{{ env_var('{SALT_VARIABLE}', '{development_salt()}') }}}}"
    assert development_salt() == "mutuality-dev-salt"


def test_the_salt_is_read_as_dbt_reads_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SALT_VARIABLE, raising=False)
    assert configured_salt() == development_salt()
    monkeypatch.setenv(SALT_VARIABLE, "ours, and secret")
    assert configured_salt() == "ours, and secret"


@pytest.mark.parametrize("salt", [None, "", "mutuality-dev-salt"])
def test_real_exports_with_the_default_salt_are_refused_saying_how_to_set_one(
    salt: str | None,
) -> None:
    message = default_salt_refusal(FIXTURE_EXPORTS, salt)
    assert message is not None
    assert message.startswith("Not published")
    assert f"export {SALT_VARIABLE}=" in message
    assert str(FIXTURE_EXPORTS) in message


def test_real_exports_with_a_salt_of_their_own_are_published() -> None:
    assert default_salt_refusal(FIXTURE_EXPORTS, "a team's own salt") is None


def test_the_bundled_sample_may_use_the_default_salt(tmp_path: Path) -> None:
    exports = sample_like(tmp_path / "exports")
    assert default_salt_refusal(exports, development_salt()) is None
    assert default_salt_refusal(exports, None) is None


def test_sample_exports_made_a_teams_own_are_refused(tmp_path: Path) -> None:
    exports = sample_like(tmp_path / "exports")
    with (exports / "roster" / "creators.csv").open("a") as roster:
        roster.write("cr_0002,Our real creator\n")
    assert default_salt_refusal(exports, None) is not None


@pytest.mark.parametrize("marker", ["", "not json", "[]", '{"end_date": "2026-10-31"}'])
def test_a_marker_that_is_not_the_generators_does_not_make_a_sample(
    tmp_path: Path, marker: str
) -> None:
    exports = sample_like(tmp_path / "exports")
    (exports / SAMPLE_MARKER).write_text(marker)
    assert default_salt_refusal(exports, None) is not None
