"""The run settings become dbt vars: from the run config, the CLI and the environment."""

from __future__ import annotations

import json

import dagster as dg
import pytest

from orchestration.__main__ import main
from orchestration.assets.dbt import dbt_build_args
from orchestration.resources import RunSettingsResource


def test_unset_settings_keep_the_project_values() -> None:
    assert RunSettingsResource().dbt_vars() == {}


def test_the_journey_table_and_the_path_transform_reach_dbt() -> None:
    settings = RunSettingsResource(
        as_of_date="2026-06-30",
        attribution_touchpoints_model=" web_journeys ",
        attribution_path_transform="Exposure",
    )
    dbt_vars = settings.dbt_vars()
    assert dbt_vars == {
        "as_of_date": "2026-06-30",
        "attribution_touchpoints_model": "web_journeys",
        "attribution_path_transform": "exposure",
    }
    args = dbt_build_args(False, [], dbt_vars)
    assert json.loads(args[args.index("--vars") + 1]) == dbt_vars


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("attribution_touchpoints_model", "my journeys; drop", "is not a dbt model name"),
        ("attribution_path_transform", "last", "is not one of unique, exposure, first, frequency"),
        ("as_of_date", "2026-13-01", "as_of_date '2026-13-01' is not a YYYY-MM-DD date"),
    ],
)
def test_a_bad_setting_fails_the_run_before_dbt(setting: str, value: str, message: str) -> None:
    with pytest.raises(dg.Failure, match=message):
        RunSettingsResource(**{setting: value}).dbt_vars()


def test_the_cli_passes_them_in_the_run_config(monkeypatch) -> None:
    seen = {}

    def fake_run(args) -> int:
        from orchestration.__main__ import run_settings_config

        seen.update(run_settings_config(args))
        return 0

    monkeypatch.setattr("orchestration.__main__.run", fake_run)
    monkeypatch.setenv("MUTUALITY_ATTRIBUTION_PATH_TRANSFORM", "first")
    assert main(["run", "--touchpoints-model", "web_journeys"]) == 0
    assert seen["attribution_touchpoints_model"] == "web_journeys"
    assert seen["attribution_path_transform"] == "first"
    with pytest.raises(SystemExit):
        main(["run", "--path-transform", "last"])


def test_the_as_of_date_reaches_dbt_from_the_cli_and_the_environment(monkeypatch) -> None:
    seen = {}

    def fake_run(args) -> int:
        from orchestration.__main__ import run_settings_config

        seen.update(run_settings_config(args))
        return 0

    monkeypatch.setattr("orchestration.__main__.run", fake_run)
    monkeypatch.setenv("MUTUALITY_AS_OF_DATE", "2026-05-31")
    assert main(["run"]) == 0
    assert RunSettingsResource(**seen).dbt_vars()["as_of_date"] == "2026-05-31"
    assert main(["run", "--as-of", "2026-06-30"]) == 0
    assert RunSettingsResource(**seen).dbt_vars()["as_of_date"] == "2026-06-30"
    with pytest.raises(SystemExit):
        main(["run", "--as-of", "30/06/2026"])
