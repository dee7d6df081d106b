"""Validate one table of the warehouse against its committed suite."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from expectations.context import runtime_context
from expectations.settings import FRESHNESS_HINT, GateSettings
from expectations.suites import SuiteSpec


@dataclass(frozen=True)
class FailedExpectation:
    expectation: str
    arguments: dict[str, Any]
    observed: Any = None
    unexpected_count: int | None = None
    examples: list[Any] = field(default_factory=list)

    hint: str | None = None

    def describe(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in self.arguments.items())
        detail = f"observed {self.observed}" if self.observed is not None else ""
        if self.unexpected_count:
            detail = f"{self.unexpected_count} unexpected, e.g. {self.examples[:3]}"
        described = f"{self.expectation}({where}) {detail}".strip()
        return f"{described}: {self.hint}" if self.hint else described


@dataclass(frozen=True)
class ValidationOutcome:
    suite: str
    success: bool
    row_count: int
    failures: list[FailedExpectation]
    expectations_evaluated: int
    data_docs_index: Path | None
    no_data: str | None = None
    """Set when the table is empty because its sources are: what is absent."""


def expectation_parameters(
    spec: SuiteSpec, settings: GateSettings, last_published_rows: int | None
) -> dict[str, Any]:
    if spec.published and last_published_rows:
        min_rows = max(
            spec.min_rows, math.floor(last_published_rows * (1 - settings.max_row_change))
        )
        max_rows: int | None = math.ceil(last_published_rows * (1 + settings.max_row_change))
    else:
        min_rows, max_rows = spec.min_rows, None
    fresh_after = pd.Timestamp(settings.run_date - timedelta(days=settings.max_age_days))
    return {"min_rows": min_rows, "max_rows": max_rows, "fresh_after": fresh_after}


def _hint(spec: SuiteSpec, settings: GateSettings, expectation: str, arguments) -> str | None:
    is_freshness = (
        expectation == "expect_column_max_to_be_between"
        and arguments.get("column") == spec.freshness_column
    )
    if not is_freshness:
        return None
    return (
        f"the newest {spec.freshness_column} is more than {settings.max_age_days} days before "
        f"the run date {settings.run_date}; {FRESHNESS_HINT}"
    )


def _absent_sources(spec: SuiteSpec, conn: duckdb.DuckDBPyConnection) -> str | None:
    if spec.no_data_when_empty is None:
        return None
    count_sql, meaning = spec.no_data_when_empty
    (upstream,) = conn.execute(count_sql).fetchone()
    return meaning if upstream == 0 else None


def _arguments(config) -> dict[str, Any]:
    skip = {"batch_id", "result_format", "catch_exceptions", "meta", "rendered_content"}
    return {k: v for k, v in config.kwargs.items() if k not in skip}


def validate(
    spec: SuiteSpec,
    conn: duckdb.DuckDBPyConnection,
    settings: GateSettings,
    last_published_rows: int | None = None,
    workdir: Path | None = None,
    upstream: duckdb.DuckDBPyConnection | None = None,
) -> ValidationOutcome:
    """`conn` holds the table (the warehouse, or a version being published); `upstream` the
    tables it is made of (default: `conn`), counted to tell an empty table of absent
    sources."""
    frame = conn.execute(spec.batch_sql()).df()
    absent = _absent_sources(spec, upstream or conn) if frame.empty else None
    if absent is not None:
        return ValidationOutcome(
            suite=spec.name,
            success=True,
            row_count=0,
            failures=[],
            expectations_evaluated=0,
            data_docs_index=None,
            no_data=absent,
        )
    context = runtime_context(workdir)
    result = context.checkpoints.get(spec.name).run(
        batch_parameters={"dataframe": frame},
        expectation_parameters=expectation_parameters(spec, settings, last_published_rows),
    )
    failures: list[FailedExpectation] = []
    evaluated = 0
    for run_result in result.run_results.values():
        for outcome in run_result.results:
            evaluated += 1
            if outcome.success:
                continue
            details = outcome.result or {}
            arguments = _arguments(outcome.expectation_config)
            failures.append(
                FailedExpectation(
                    expectation=outcome.expectation_config.type,
                    arguments=arguments,
                    observed=details.get("observed_value"),
                    unexpected_count=details.get("unexpected_count"),
                    examples=list(details.get("partial_unexpected_list") or []),
                    hint=_hint(spec, settings, outcome.expectation_config.type, arguments),
                )
            )
    sites = context.get_docs_sites_urls()
    index = Path(sites[0]["site_url"].removeprefix("file://")) if sites else None
    return ValidationOutcome(
        suite=spec.name,
        success=bool(result.success),
        row_count=len(frame),
        failures=failures,
        expectations_evaluated=evaluated,
        data_docs_index=index,
    )
