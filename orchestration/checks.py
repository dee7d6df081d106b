"""Great Expectations suites as blocking Dagster asset checks (GX is called directly:
dagster-ge does not support GX 1.x). A failing suite stops the publish step."""

import dagster as dg

from expectations.runner import ValidationOutcome, validate
from expectations.settings import gate_settings
from expectations.suites import ALL_SUITES, SuiteSpec
from orchestration.publishing import default_layout, fingerprint, last_published_row_counts
from orchestration.resources import RunSettingsResource, WarehouseResource


def gx_check_name(spec: SuiteSpec) -> str:
    return f"gx_{spec.table}"


def outcome_metadata(outcome: ValidationOutcome, content: str | None = None) -> dict[str, object]:
    failed = [failure.describe() for failure in outcome.failures]
    return {
        "suite": outcome.suite,
        # the content validated (see publishing.fingerprint): publishing trusts this result
        # only for a table whose content is still the same
        "fingerprint": content or "",
        "no_data": outcome.no_data or "",
        "row_count": outcome.row_count,
        "expectations_evaluated": outcome.expectations_evaluated,
        "expectations_failed": len(failed),
        "failed_expectations": dg.MetadataValue.md(
            "\n".join(f"- {line}" for line in failed) if failed else "none"
        ),
        "data_docs": dg.MetadataValue.path(str(outcome.data_docs_index or "")),
    }


def build_gx_check(spec: SuiteSpec) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=dg.AssetKey(list(spec.asset_key)),
        name=gx_check_name(spec),
        blocking=True,
        description=f"Great Expectations suite {spec.name} (expectations/gx).",
    )
    def _check(
        warehouse: WarehouseResource, run_settings: RunSettingsResource
    ) -> dg.AssetCheckResult:
        last_rows = last_published_row_counts(default_layout()).get(spec.relation)
        settings = gate_settings(run_settings.gate_run_date())
        with warehouse.connect(read_only=True) as conn:
            outcome = validate(spec, conn, settings, last_rows)
            content = fingerprint(conn, spec.relation, spec.key)
        return dg.AssetCheckResult(
            passed=outcome.success,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata=outcome_metadata(outcome, content),
        )

    return _check


gx_checks = [build_gx_check(spec) for spec in ALL_SUITES]


def gx_check_key(spec: SuiteSpec) -> dg.AssetCheckKey:
    return dg.AssetCheckKey(dg.AssetKey(list(spec.asset_key)), gx_check_name(spec))


gx_check_keys = [gx_check_key(spec) for spec in ALL_SUITES]
