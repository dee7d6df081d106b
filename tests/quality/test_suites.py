"""Every Great Expectations suite passes the real pipeline's tables and fails each corruption
of them that it exists to catch."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from expectations.runner import ValidationOutcome, validate
from expectations.settings import GateSettings
from expectations.suites import ALL_SUITES, SuiteSpec
from expectations.sync import relation_columns
from tests.conftest import PipelineRun


@dataclass(frozen=True)
class Corruption:
    name: str
    statements: list[str]
    expectation: str
    """The expectation type that must fail."""
    last_published_rows: bool = False


def first_row(spec: SuiteSpec) -> str:
    return f"rowid = (select min(rowid) from {spec.relation})"


def corruptions(spec: SuiteSpec) -> list[Corruption]:
    rel = spec.relation
    found = [
        Corruption(
            "duplicated key",
            [f"insert into {rel} select * from {rel} where {first_row(spec)}"],
            "expect_column_values_to_be_unique"
            if len(spec.key) == 1
            else "expect_compound_columns_to_be_unique",
        ),
        Corruption(
            "null key",
            [f"update {rel} set {spec.key[0]} = null where {first_row(spec)}"],
            "expect_column_values_to_not_be_null",
        ),
    ]
    rules = spec.rules
    for low, high, bad, label in ((0, 1, "1.7", "rate of 1.7"), (0, 100, "150", "score of 150")):
        for column in rules.bounded(low, high)[:1]:
            found.append(
                Corruption(
                    label,
                    [f"update {rel} set {column} = {bad} where {first_row(spec)}"],
                    "expect_column_values_to_be_between",
                )
            )
    for column in rules.bounded(0, None)[:1]:
        found.append(
            Corruption(
                "negative count",
                [f"update {rel} set {column} = -1 where {first_row(spec)}"],
                "expect_column_values_to_be_between",
            )
        )
    # a fixed vocabulary: the registry's platform values are dbt's alone (dbt_rules)
    fixed = [(c, v) for c, v in rules.accepted_values.items() if c not in rules.registry_values]
    for column, values in fixed[:1]:
        found.append(
            Corruption(
                f"{column} outside {values}",
                [f"update {rel} set {column} = 'not-a-value' where {first_row(spec)}"],
                "expect_column_values_to_be_in_set",
            )
        )
    for smaller, larger in rules.at_most[:1]:
        step = "interval 1 day" if COLUMNS[rel][larger] in ("DATE", "TIMESTAMP") else "1"
        found.append(
            Corruption(
                f"{smaller} above {larger}",
                [
                    f"update {rel} set {smaller} = {larger} + {step} "
                    f"where {first_row(spec)} and {larger} is not null"
                ],
                "expect_column_pair_values_a_to_be_greater_than_b",
            )
        )
    if spec.equal:
        derived, stored = spec.equal[0]
        found.append(
            Corruption(
                f"{stored} that no longer equals {derived}",
                [f"update {rel} set {stored} = {stored} + 1 where {first_row(spec)}"],
                "expect_column_pair_values_to_be_equal",
            )
        )
    if spec.freshness_column:
        column = (
            "month_start"
            if spec.freshness_column in spec.derived_columns
            else spec.freshness_column
        )
        found.append(
            Corruption(
                "stale dates",
                [f"update {rel} set {column} = {column} - interval 400 day"],
                "expect_column_max_to_be_between",
            )
        )
    if spec.published:
        found.append(
            Corruption(
                "lost 80% of its rows",
                [f"delete from {rel} where rowid % 5 <> 0"],
                "expect_table_row_count_to_be_between",
                last_published_rows=True,
            )
        )
    found.append(
        Corruption(
            "a column dropped",
            [f"alter table {rel} drop column {list_non_key_column(spec)}"],
            "expect_table_columns_to_match_set",
        )
    )
    return found


def list_non_key_column(spec: SuiteSpec) -> str:
    protected = {
        *spec.key,
        *(bound.column for bound in spec.rules.bounds),
        *spec.rules.not_null,
        *(c for pair in (*spec.rules.at_most, *spec.equal) for c in pair),
        *spec.rules.accepted_values,
        "credit_amount",
        "month_start",
        spec.freshness_column,
    }
    # a table whose every column a rule names: drop one outside the key and the gate's own rules
    fallback = {*spec.key, *(c for pair in spec.equal for c in pair), spec.freshness_column}
    columns = COLUMNS[spec.relation]
    return next(
        (c for c in columns if c not in protected),
        next(c for c in columns if c not in fallback and c not in spec.derived_columns),
    )


COLUMNS: dict[str, dict[str, str]] = {}
"""Column types of each suite's table, read from the pipeline's warehouse."""


@pytest.fixture(scope="module")
def gate_settings(pipeline_run: PipelineRun) -> GateSettings:
    end = pipeline_run.ground_truth["end_date"]
    return GateSettings(
        run_date=date.fromisoformat(end) + timedelta(days=1), max_age_days=7, max_row_change=0.5
    )


@pytest.fixture(scope="module")
def pristine(pipeline_run: PipelineRun, tmp_path_factory) -> Path:
    """A copy of the built warehouse whose suite relations are plain tables (staging views
    frozen, marts without their contract constraints, which would refuse the corruptions at
    build time), so each test can corrupt its own copy of any suite's table."""
    # dbt's views name their catalog after the file ("mutuality"): copies keep the file name
    copy = tmp_path_factory.mktemp("gate") / pipeline_run.warehouse.name
    shutil.copy(pipeline_run.warehouse, copy)
    with duckdb.connect(str(copy)) as conn:
        for spec in ALL_SUITES:
            COLUMNS[spec.relation] = relation_columns(conn, spec.relation)
            kind = conn.execute(
                "select table_type from information_schema.tables "
                "where table_schema = ? and table_name = ?",
                [spec.schema, spec.table],
            ).fetchone()[0]
            conn.execute(f"create table {spec.relation}__frozen as select * from {spec.relation}")
            conn.execute(f"drop {'view' if kind == 'VIEW' else 'table'} {spec.relation}")
            conn.execute(f"alter table {spec.relation}__frozen rename to {spec.table}")
    return copy


def run_suite(
    warehouse: Path,
    spec: SuiteSpec,
    settings: GateSettings,
    workdir: Path,
    last_published_rows: int | None = None,
) -> ValidationOutcome:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return validate(spec, conn, settings, last_published_rows, workdir=workdir)


@pytest.mark.parametrize("spec", ALL_SUITES, ids=lambda spec: spec.name)
def test_suite_passes_the_pipelines_table(pristine, spec, gate_settings, tmp_path) -> None:
    with duckdb.connect(str(pristine), read_only=True) as conn:
        (rows,) = conn.execute(f"select count(*) from {spec.relation}").fetchone()
    outcome = run_suite(pristine, spec, gate_settings, tmp_path, last_published_rows=rows)
    assert outcome.success, [failure.describe() for failure in outcome.failures]
    assert outcome.expectations_evaluated >= 8


@pytest.mark.parametrize("spec", ALL_SUITES, ids=lambda spec: spec.name)
def test_suite_fails_every_corruption_it_guards_against(
    pristine, spec, gate_settings, tmp_path
) -> None:
    with duckdb.connect(str(pristine), read_only=True) as conn:
        (rows,) = conn.execute(f"select count(*) from {spec.relation}").fetchone()
    cases = corruptions(spec)
    assert len(cases) >= 3
    missed = []
    for case in cases:
        copy = tmp_path / case.name.replace(" ", "_").replace("%", "") / pristine.name
        copy.parent.mkdir()
        shutil.copy(pristine, copy)
        with duckdb.connect(str(copy)) as conn:
            for statement in case.statements:
                conn.execute(statement)
        outcome = run_suite(
            copy,
            spec,
            gate_settings,
            tmp_path / "gx",
            last_published_rows=rows if case.last_published_rows else None,
        )
        failed = {failure.expectation for failure in outcome.failures}
        if outcome.success or case.expectation not in failed:
            missed.append((case.name, sorted(failed)))
        copy.unlink()
    assert missed == []


def test_volume_and_freshness_follow_their_settings(pristine, gate_settings, tmp_path) -> None:
    spec = next(s for s in ALL_SUITES if s.relation == "marts.creator_connectedness")
    with duckdb.connect(str(pristine), read_only=True) as conn:
        (rows,) = conn.execute(f"select count(*) from {spec.relation}").fetchone()
    grown = run_suite(pristine, spec, gate_settings, tmp_path, last_published_rows=rows // 3)
    assert "expect_table_row_count_to_be_between" in {f.expectation for f in grown.failures}
    tolerant = replace(gate_settings, max_row_change=5.0)
    assert run_suite(pristine, spec, tolerant, tmp_path, last_published_rows=rows // 3).success
    late = replace(gate_settings, run_date=gate_settings.run_date + timedelta(days=30))
    stale = run_suite(pristine, spec, late, tmp_path, last_published_rows=rows)
    assert {f.expectation for f in stale.failures} == {"expect_column_max_to_be_between"}
    (hint,) = [f.hint for f in stale.failures]
    assert f"before the run date {late.run_date}" in hint and "--run-date" in hint


SUITES_WITH_NO_DATA_RULE = [spec for spec in ALL_SUITES if spec.no_data_when_empty]


@pytest.mark.parametrize("spec", SUITES_WITH_NO_DATA_RULE, ids=lambda spec: spec.name)
def test_an_empty_table_of_absent_sources_is_no_data_not_a_failure(
    pristine, spec, gate_settings, tmp_path
) -> None:
    """A team without a CRM or an introductions log: the suite says "no data" and passes;
    the same empty table while its sources hold records still fails."""
    count_sql, meaning = spec.no_data_when_empty
    source = count_sql.split(" from ")[1].split(" where ")[0]
    copy = tmp_path / "empty" / pristine.name
    copy.parent.mkdir()
    shutil.copy(pristine, copy)
    with duckdb.connect(str(copy)) as conn:
        conn.execute(f"delete from {spec.relation}")
        (upstream,) = conn.execute(count_sql).fetchone()
    assert upstream > 0
    still_fed = run_suite(copy, spec, gate_settings, tmp_path / "gx")
    assert not still_fed.success
    assert "expect_table_row_count_to_be_between" in {f.expectation for f in still_fed.failures}

    with duckdb.connect(str(copy)) as conn:
        kind = conn.execute(
            "select table_type from information_schema.tables "
            "where table_schema || '.' || table_name = ?",
            [source],
        ).fetchone()[0]
        if kind == "VIEW":
            conn.execute(
                f"create or replace table {source}__empty as select * from {source} limit 0"
            )
            conn.execute(f"drop view {source}")
            conn.execute(f"alter table {source}__empty rename to {source.split('.')[1]}")
        else:
            conn.execute(f"delete from {source}")
    absent = run_suite(copy, spec, gate_settings, tmp_path / "gx")
    assert absent.success
    assert absent.no_data == meaning
