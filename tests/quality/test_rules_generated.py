"""The suites' row-level expectations are the dbt contracts' and tests' rules, generated: the
committed GX JSON holds exactly them, and a rule changed in the dbt YAML changes the suite."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from expectations.build import row_level_expectations
from expectations.context import PROJECT_ROOT
from expectations.dbt_rules import Bound, ModelRules, add_condition, load_rules
from expectations.suites import ALL_SUITES, SuiteSpec
from mutuality import platforms, settings

# What only the gate checks (or what a warehouse's types give): not a dbt rule.
GATE_ONLY = {
    "expect_table_columns_to_match_set",
    "expect_column_values_to_be_in_type_list",
    "expect_table_row_count_to_be_between",
    "expect_column_max_to_be_between",
    "expect_column_pair_values_to_be_equal",
}


def signature(kind: str, kwargs: dict) -> tuple[str, str]:
    return kind, json.dumps(kwargs, sort_keys=True, default=str)


def generated(rules: ModelRules) -> set[tuple[str, str]]:
    return {
        signature(e.expectation_type, e.configuration.kwargs) for e in row_level_expectations(rules)
    }


def committed_row_level(spec: SuiteSpec) -> set[tuple[str, str]]:
    suite = json.loads((PROJECT_ROOT / "gx" / "expectations" / f"{spec.name}.json").read_text())
    return {
        signature(e["type"], e["kwargs"])
        for e in suite["expectations"]
        if e["type"] not in GATE_ONLY
    }


@pytest.mark.parametrize("spec", ALL_SUITES, ids=lambda spec: spec.name)
def test_every_committed_row_level_expectation_is_a_dbt_rule(spec: SuiteSpec) -> None:
    from_dbt = generated(spec.rules)
    committed = committed_row_level(spec)
    assert committed - from_dbt == set(), (
        f"{spec.name}.json holds rules the dbt YAML ({spec.rules.source}) does not: "
        "write the rule in the model's contract or tests, then `python -m expectations sync`"
    )
    assert from_dbt - committed == set(), (
        f"{spec.name}.json misses rules of {spec.rules.source}: run `python -m expectations sync`"
    )
    assert spec.key, f"{spec.rules.source}: {spec.table} has no unique or unique_combination test"


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "dbt_project"
    shutil.copytree(
        settings.dbt_project_dir(),
        copy,
        ignore=shutil.ignore_patterns("target", "logs", "dbt_packages", "*.duckdb"),
    )
    return copy


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert text.count(old) == 1, f"{path}: {old!r} is not there exactly once"
    path.write_text(text.replace(old, new))


def test_a_changed_contract_rule_changes_the_generated_suite(project_copy: Path) -> None:
    vanity = project_copy / "models" / "marts" / "vanity" / "_vanity__models.yml"
    before = load_rules(project_copy)["creator_reach_monthly"]
    assert Bound("engagement_rate_by_reach", 0, None) in before.bounds

    edit(
        vanity,
        "expression: engagement_rate_by_reach >= 0",
        "expression: engagement_rate_by_reach >= 0 and engagement_rate_by_reach <= 1",
    )
    edit(vanity, "unscored, no reach data]", "unscored]")
    after = load_rules(project_copy)
    assert Bound("engagement_rate_by_reach", 0, 1) in after["creator_reach_monthly"].bounds
    added = generated(after["creator_reach_monthly"]) - generated(before)
    assert added == {
        signature(
            "expect_column_values_to_be_between",
            {"column": "engagement_rate_by_reach", "min_value": 0.0, "max_value": 1.0},
        )
    }
    assert "no reach data" not in after["creator_reach_vs_mutuality"].accepted_values["quadrant"]


def test_a_platform_added_to_the_registry_is_accepted_by_the_generated_suites(
    project_copy: Path,
) -> None:
    """accepted_values written as `{{ platforms_where('reach_days') }}` are rendered with the
    project's own macro and var, as dbt renders them."""
    rules = load_rules(settings.dbt_project_dir())
    assert rules["creator_reach_monthly"].accepted_values["platform"] == platforms.providing(
        "reach_days"
    )
    assert rules["creator_connectedness"].accepted_values["platform"] == (
        *platforms.names(),
        "all",
    )
    edit(
        project_copy / "dbt_project.yml",
        "\n  platforms:\n",
        "\n  platforms:\n    toy:\n      reach_days:\n        - {model: stg_toy__days}\n",
    )
    copied = load_rules(project_copy)
    assert copied["creator_reach_monthly"].accepted_values["platform"][0] == "toy"
    assert "toy" in copied["creator_connectedness"].accepted_values["platform"]
    assert "toy" not in copied["follower_growth_anomalies"].accepted_values["platform"]
    # ...and left to dbt: a committed suite must not freeze the registry, or a platform added
    # to it would be refused at the gate until the suites were re-synced
    # (tests/architecture/test_toy_platform.py runs the gate with one)
    for model in ("creator_reach_monthly", "creator_connectedness"):
        assert copied[model].registry_values == ["platform"]
        assert not any(
            e.expectation_type == "expect_column_values_to_be_in_set"
            and e.configuration.kwargs["column"] == "platform"
            for e in row_level_expectations(copied[model])
        )


def test_conditions_translate_what_an_expectation_can_state() -> None:
    rules = ModelRules(model="m", source=Path("m.yml"))
    add_condition(rules, "a >= 0 and a <= b and c between 1 and d")
    add_condition(rules, "(x is null) = (y is null) and e <= 100")
    assert rules.bounds == [Bound("a", 0), Bound("c", 1), Bound("e", max_value=100)]
    assert rules.at_most == [("a", "b"), ("c", "d")]
    add_condition(rules, "x is null or y >= 0 and z <= 5")  # or: not a conjunction
    add_condition(rules, "(f >= 0 or g) and h <= i")
    assert rules.dbt_only == [
        "(x is null) = (y is null)",
        "x is null or y >= 0 and z <= 5",
        "f >= 0 or g",
    ]
    assert ("h", "i") in rules.at_most


def test_a_rule_whose_jinja_fails_names_its_file_and_column(project_copy: Path) -> None:
    edit(
        project_copy / "models" / "marts" / "vanity" / "_vanity__models.yml",
        "values: \"{{ platforms_where('follower_series') }}\"",
        "values: \"{{ no_such_macro('follower_series') }}\"",
    )
    with pytest.raises(ValueError, match=r"_vanity__models.yml: model follower_growth_anomalies"):
        load_rules(project_copy)
