"""The dbt metadata BI tools and Dagster read: a group and an owner per marts domain,
exposures of the BI file and the dashboard on every mart, a description on every check."""

from __future__ import annotations

from typing import Any

import dagster as dg
import pytest
import yaml

from mutuality import settings
from orchestration.dbt_descriptions import describe_test

MARTS = settings.dbt_project_dir() / "models" / "marts"


@pytest.fixture(scope="module")
def manifest(dbt_manifest) -> dict[str, Any]:
    return dbt_manifest


def mart_folders() -> dict[str, str]:
    """Each mart model -> the domain folder it lives in."""
    return {sql.stem: sql.parent.name for sql in MARTS.glob("*/*.sql")}


def test_every_mart_is_in_its_domains_group_with_an_owner(manifest, dbt_assets) -> None:
    groups = {g["name"]: g for g in manifest["groups"].values()}
    folders = mart_folders()
    assert set(folders.values()) == set(groups) == {"connectedness", "vanity", "attribution"}
    for name, folder in folders.items():
        model = manifest["nodes"][f"model.mutuality.{name}"]
        assert model["group"] == folder, name
        assert model["meta"]["owner"] == groups[folder]["owner"]["name"], name
        spec = dbt_assets.specs_by_key[dg.AssetKey(["marts", name])]
        assert spec.owners == [f"team:{folder}"], name
    others = [n for n in manifest["nodes"].values() if n["resource_type"] == "model"]
    assert all(n["group"] is None for n in others if n["name"] not in folders)


def test_the_bi_file_and_the_dashboard_are_exposures_of_every_mart(manifest) -> None:
    exposures = {e["name"]: e for e in manifest["exposures"].values()}
    assert set(exposures) == {"mutuality_bi_file", "mutuality_dashboard"}
    marts = {f"model.mutuality.{name}" for name in mart_folders()}
    assert len(marts) >= 11
    assert set(exposures["mutuality_bi_file"]["depends_on"]["nodes"]) == marts
    assert set(exposures["mutuality_dashboard"]["depends_on"]["nodes"]) <= marts
    for exposure in exposures.values():
        assert exposure["description"].strip() and exposure["owner"]["name"]
    assert exposures["mutuality_dashboard"]["type"] == "dashboard"


def test_every_dbt_check_has_a_description(manifest, dbt_assets) -> None:
    specs = list(dbt_assets.check_specs)
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]
    assert len(specs) == len(tests) >= 300
    for spec in specs:
        test = manifest["nodes"][spec.metadata["dagster_dbt/unique_id"]]
        assert spec.description == describe_test(test), spec.name
        assert spec.description and not spec.description.startswith("dbt test"), spec.name
    # the YAML's own descriptions are the ones shown
    described = [t for t in tests if t["description"].strip()]
    assert len(described) >= 19
    by_id = {spec.metadata["dagster_dbt/unique_id"]: spec for spec in specs}
    for test in described:
        assert by_id[test["unique_id"]].description == " ".join(test["description"].split())


def test_row_conditions_and_ranges_are_described_in_the_yaml() -> None:
    """A row condition, a range or a sum says in words why it must hold."""
    undescribed = []
    for path in (settings.dbt_project_dir() / "models").rglob("_*__models.yml"):
        for model in yaml.safe_load(path.read_text()).get("models") or []:
            tests = list(model.get("data_tests") or [])
            for column in model.get("columns") or []:
                tests += column.get("data_tests") or []
            for test in tests:
                if not isinstance(test, dict):
                    continue
                ((name, config),) = test.items()
                kinds = ("row_condition_holds", "columns_between", "group_sum_matches")
                if name in kinds and not (config or {}).get("description"):
                    undescribed.append(f"{path.name}: {model['name']} {name}")
    assert undescribed == []


def test_source_tests_are_checks_of_the_raw_assets(manifest, dbt_assets) -> None:
    specs = {spec.key for spec in dbt_assets.check_specs}
    expected = set()
    for node in manifest["nodes"].values():
        parents = node["depends_on"]["nodes"] if node["resource_type"] == "test" else []
        if any(parent.startswith("source.") for parent in parents):
            source = manifest["sources"][parents[0]]
            key = dg.AssetKey([source["source_name"], source["name"]])
            expected.add(dg.AssetCheckKey(key, node["name"]))
    assert len(expected) >= 50
    assert expected <= specs


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        (
            {
                "name": "unique_x",
                "test_metadata": {"name": "unique", "kwargs": {"column_name": "a"}},
            },
            "No two rows share `a`.",
        ),
        (
            {
                "name": "accepted_values_x",
                "test_metadata": {
                    "name": "accepted_values",
                    "kwargs": {"column_name": "platform", "values": ["x", "all"]},
                },
            },
            "`platform` is null or one of: x, all.",
        ),
        (
            {
                "name": "relationships_x",
                "test_metadata": {
                    "name": "relationships",
                    "kwargs": {
                        "column_name": "creator_id",
                        "to": "ref('stg_roster__creators')",
                        "field": "creator_id",
                    },
                },
            },
            "Every `creator_id` is a `creator_id` of `stg_roster__creators`.",
        ),
        (
            {
                "name": "columns_between_x",
                "test_metadata": {
                    "name": "columns_between",
                    "kwargs": {
                        "bounds": {"rate": {"min_value": 0, "max_value": 1}, "n": {"min_value": 0}}
                    },
                },
            },
            "In range on every row (nulls pass): `rate` in [0, 1]; `n` >= 0.",
        ),
        (
            {
                "name": "group_sum_x",
                "description": "Credits add up\n  to the deal.",
                "test_metadata": {"name": "group_sum_matches", "kwargs": {}},
            },
            "Credits add up to the deal.",
        ),
        ({"name": "assert_something", "test_metadata": {}}, "dbt test assert_something."),
    ],
)
def test_a_check_says_what_its_test_checks(test: dict, expected: str) -> None:
    assert describe_test(test) == expected
