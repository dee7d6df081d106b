"""The gated publish through Dagster: a clean gate publishes; a failing suite stops it, the
run fails listing the failed expectations, and the published BI file stays byte-for-byte."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from expectations.suites import ALL_SUITES
from mutuality import settings
from orchestration.assets.publish import mart_keys_of
from orchestration.checks import gx_check_keys, gx_checks
from orchestration.publishing import PublishLayout, fingerprint, read_manifest, rollback
from orchestration.resources import WarehouseResource, build_resources
from tests.conftest import PipelineRun

PUBLISH_KEY = dg.AssetKey(["published", "bi_marts"])


@dataclass
class GateEnvironment:
    pristine: Path
    warehouse: Path
    layout: PublishLayout
    data_docs: Path
    instance: dg.DagsterInstance
    defs: dg.Definitions

    def restore(self) -> None:
        shutil.copy(self.pristine, self.warehouse)

    def run(self, checks: list[dg.AssetCheckKey]) -> dg.ExecuteInProcessResult:
        job = dg.define_asset_job(
            "gate_and_publish",
            selection=dg.AssetSelection.checks(*checks) | dg.AssetSelection.assets(PUBLISH_KEY),
            executor_def=dg.in_process_executor,
        )
        defs = dg.Definitions.merge(self.defs, dg.Definitions(jobs=[job]))
        return defs.resolve_job_def("gate_and_publish").execute_in_process(
            instance=self.instance, raise_on_error=False
        )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def gate(
    pipeline_run: PipelineRun, tmp_path_factory, dbt_assets, publish_marts
) -> Iterator[GateEnvironment]:
    # dbt's views name their catalog after the file ("mutuality"): copies keep the file name
    root = tmp_path_factory.mktemp("publish")
    pristine = root / "pristine" / pipeline_run.warehouse.name
    pristine.parent.mkdir()
    shutil.copy(pipeline_run.warehouse, pristine)
    warehouse = root / "working" / pipeline_run.warehouse.name
    warehouse.parent.mkdir()
    shutil.copy(pristine, warehouse)
    with pytest.MonkeyPatch.context() as patch:
        # the warehouse was built from the sample's exports, which may use the default salt
        patch.setenv("MUTUALITY_EXPORTS_DIR", str(settings.exports_dir()))
        patch.setenv("MUTUALITY_DATA_DIR", str(root / "data"))
        defs = dg.Definitions(
            assets=[dbt_assets, publish_marts],
            asset_checks=gx_checks,
            resources={**build_resources(), "warehouse": WarehouseResource(path=str(warehouse))},
        )
        with dg.DagsterInstance.ephemeral() as instance:
            environment = GateEnvironment(
                pristine=pristine,
                warehouse=warehouse,
                layout=PublishLayout(root / "data" / "published"),
                data_docs=root / "data" / "quality" / "gx" / "uncommitted" / "data_docs",
                instance=instance,
                defs=defs,
            )
            first = environment.run(gx_check_keys)
            assert first.success, [e.check_name for e in first.get_asset_check_evaluations()]
            yield environment


def test_a_clean_gate_publishes_every_mart_to_duckdb_and_parquet(
    gate: GateEnvironment, dbt_assets
) -> None:
    manifest = read_manifest(gate.layout)
    assert manifest is not None
    relations = {".".join(key.path) for key in mart_keys_of(dbt_assets)}
    assert set(manifest["row_counts"]) == relations and len(relations) >= 8
    assert all(check["passed"] for check in manifest["validations"].values())
    assert len(manifest["validations"]) == len(ALL_SUITES)
    with duckdb.connect(str(gate.layout.bi_database), read_only=True) as bi:
        for relation, rows in manifest["row_counts"].items():
            assert bi.execute(f"select count(*) from {relation}").fetchone()[0] == rows
            parquet = gate.layout.parquet / f"{relation}.parquet"
            assert (
                bi.execute("select count(*) from read_parquet(?)", [str(parquet)]).fetchone()[0]
                == rows
            )
    with duckdb.connect(str(gate.pristine), read_only=True) as warehouse:
        creators = warehouse.execute("select count(*) from marts.creator_roles").fetchone()[0]
    assert manifest["row_counts"]["marts.creator_roles"] == creators


CORRUPTIONS = {
    "a rate of 1.7": (
        "marts.creator_connectedness",
        "update marts.creator_connectedness set comment_reply_rate = 1.7 "
        "where rowid = (select min(rowid) from marts.creator_connectedness)",
        "expect_column_values_to_be_between(column=comment_reply_rate",
    ),
    "a duplicated key": (
        "marts.creator_roles",
        "insert into marts.creator_roles select * from marts.creator_roles limit 1",
        "expect_column_values_to_be_unique(column=creator_id",
    ),
    "credits that do not sum": (
        "marts.deal_attribution",
        "update marts.deal_attribution set credit_amount = credit_amount + 1 "
        "where rowid = (select min(rowid) from marts.deal_attribution)",
        "expect_column_pair_values_to_be_equal(column_A=credits_for_deal_and_model",
    ),
    "a stale date": (
        "marts.creator_reach_vs_mutuality",
        "update marts.creator_reach_vs_mutuality set window_end = window_end - interval 60 day",
        "expect_column_max_to_be_between(column=window_end",
    ),
    "a mart that lost 80% of its rows": (
        "marts.creator_connectedness_monthly",
        "delete from marts.creator_connectedness_monthly where rowid % 5 <> 0",
        "expect_table_row_count_to_be_between(",
    ),
    "a bad key staging table": (
        "staging.stg_crm__deals",
        "create or replace view staging.stg_crm__deals as "
        "select * replace (-amount as amount) from raw.crm_deals_frozen",
        "expect_column_values_to_be_between(column=amount",
    ),
}


@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_failing_suite_stops_publishing_and_leaves_bi_untouched(
    gate: GateEnvironment, corruption: str
) -> None:
    relation, statement, expected_failure = CORRUPTIONS[corruption]
    before = (digest(gate.layout.bi_database), gate.layout.manifest.read_text())
    gate.restore()
    with duckdb.connect(str(gate.warehouse)) as conn:
        if relation.startswith("staging."):
            conn.execute(
                "create table raw.crm_deals_frozen as select * from staging.stg_crm__deals"
            )
        else:
            # the contracts' constraints stop such rows at build time; the gate is the second
            # line, for a table changed some other way: corrupt a copy without constraints
            conn.execute(f"create or replace table {relation} as select * from {relation}")
        conn.execute(statement)
    schema, table = relation.split(".")
    check = next(key for key in gx_check_keys if key.asset_key.path == [schema, table])
    try:
        result = gate.run([check])
    finally:
        gate.restore()

    assert not result.success
    evaluation = next(e for e in result.get_asset_check_evaluations() if e.check_name == check.name)
    assert not evaluation.passed
    failed = str(evaluation.metadata["failed_expectations"].value)
    assert expected_failure in failed
    assert PUBLISH_KEY not in {
        event.asset_key for event in result.get_asset_materialization_events()
    }
    assert (digest(gate.layout.bi_database), gate.layout.manifest.read_text()) == before
    docs = "".join(p.read_text() for p in gate.data_docs.rglob("*.html"))
    assert f"{schema}__{table}" in docs and "Failed" in docs


OUT_OF_BAND = {
    "a duplicated key": (
        "marts.creator_roles",
        "insert into marts.creator_roles select * from marts.creator_roles limit 1",
        "expect_column_values_to_be_unique(column=creator_id",
    ),
    "a rate of 5.0": (
        "marts.creator_connectedness",
        "update marts.creator_connectedness set comment_reply_rate = 5.0 "
        "where rowid = (select min(rowid) from marts.creator_connectedness)",
        "expect_column_values_to_be_between(column=comment_reply_rate",
    ),
    "80% of the attribution rows deleted": (
        "marts.deal_attribution",
        "delete from marts.deal_attribution where rowid % 5 <> 0",
        "expect_table_row_count_to_be_between(",
    ),
}


@pytest.mark.parametrize("change", list(OUT_OF_BAND))
def test_publishing_after_an_out_of_band_change_is_refused(
    gate: GateEnvironment, change: str
) -> None:
    """Every check passed, then the warehouse was changed outside any run (all allowed by
    the contracts on a table rebuilt without them): materializing only the publish step
    validates what it would publish, and refuses."""
    relation, statement, expected_failure = OUT_OF_BAND[change]
    gate.restore()
    assert gate.run(gx_check_keys).success
    before = (digest(gate.layout.bi_database), gate.layout.manifest.read_text())
    with duckdb.connect(str(gate.warehouse)) as conn:
        conn.execute(f"create or replace table {relation} as select * from {relation}")
        conn.execute(statement)
    try:
        result = gate.run([])
    finally:
        gate.restore()

    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    message = str(failure.event_specific_data.error.message) + str(
        failure.event_specific_data.user_failure_data
    )
    assert "the table changed after its check passed" in message
    assert expected_failure in message
    assert (digest(gate.layout.bi_database), gate.layout.manifest.read_text()) == before
    assert not any(gate.layout.incoming.glob("*"))


def test_publishing_alone_trusts_checks_only_for_the_content_they_validated(
    gate: GateEnvironment,
) -> None:
    """Unchanged tables are taken on their passing checks; the publish records which."""
    gate.restore()
    assert gate.run(gx_check_keys).success
    assert gate.run([]).success
    manifest = read_manifest(gate.layout)
    assert {v["validated"] for v in manifest["validations"].values()} == {"by its asset check"}
    with duckdb.connect(str(gate.warehouse), read_only=True) as conn:
        for spec in ALL_SUITES:
            if spec.published:
                assert manifest["fingerprints"][spec.relation] == fingerprint(
                    conn, spec.relation, spec.key
                )


def test_a_passing_gate_publishes_again_and_keeps_the_previous_version(
    gate: GateEnvironment,
) -> None:
    gate.restore()
    first = read_manifest(gate.layout)
    first_bytes = digest(gate.layout.bi_database)
    result = gate.run(gx_check_keys)
    assert result.success
    second = read_manifest(gate.layout)
    assert second["version"] != first["version"]
    assert digest(gate.layout.previous_bi_database) == first_bytes
    assert Path(gate.layout.previous_parquet).resolve().parent.name == first["version"]

    restored = rollback(gate.layout)
    assert restored["version"] == first["version"]
    assert digest(gate.layout.bi_database) == first_bytes
    assert read_manifest(gate.layout)["version"] == first["version"]
