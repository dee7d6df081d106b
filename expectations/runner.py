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
from expectations.settings import GateSettings
from expectations.suites import SuiteSpec


@dataclass(frozen=True)
class FailedExpectation:
    expectation: str
    arguments: dict[str, Any]
    observed: Any = None
    unexpected_count: int | None = None
    examples: list[Any] = field(default_factory=list)

    def describe(self) -> str:
        where = ", ".join(f"{k}={v}" for k, v in self.arguments.items())
        detail = f"observed {self.observed}" if self.observed is not None else ""
        if self.unexpected_count:
            detail = f"{self.unexpected_count} unexpected, e.g. {self.examples[:3]}"
        return f"{self.expectation}({where}) {detail}".strip()


@dataclass(frozen=True)
class ValidationOutcome:
    suite: str
    success: bool
    row_count: int
    failures: list[FailedExpectation]
    expectations_evaluated: int
    data_docs_index: Path | None


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


def _arguments(config) -> dict[str, Any]:
    skip = {"batch_id", "result_format", "catch_exceptions", "meta", "rendered_content"}
    return {k: v for k, v in config.kwargs.items() if k not in skip}


def validate(
    spec: SuiteSpec,
    conn: duckdb.DuckDBPyConnection,
    settings: GateSettings,
    last_published_rows: int | None = None,
    workdir: Path | None = None,
) -> ValidationOutcome:
    frame = conn.execute(spec.batch_sql()).df()
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
            failures.append(
                FailedExpectation(
                    expectation=outcome.expectation_config.type,
                    arguments=_arguments(outcome.expectation_config),
                    observed=details.get("observed_value"),
                    unexpected_count=details.get("unexpected_count"),
                    examples=list(details.get("partial_unexpected_list") or []),
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
