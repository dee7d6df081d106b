"""The real pipeline on the small sample recovers what the generator planted."""

from __future__ import annotations

import threading
import time
from collections import Counter

import dagster as dg
import duckdb

from orchestration.assets.raw import LOAD_REPORT_KEY
from orchestration.publishing import default_layout, read_manifest
from tests.conftest import PipelineRun, execute_job
from tests.e2e.published_people import People, leaks, published_text, undeclared_people, words


def raw_row_counts(run: PipelineRun) -> dict[str, int]:
    tables = [
        name
        for (name,) in run.query(
            "select table_name from information_schema.tables "
            "where table_schema = 'raw' and not starts_with(table_name, '_')"
        )
    ]
    return {t: run.query(f"select count(*) from raw.{t}")[0][0] for t in tables}


def test_job_runs_every_step(pipeline_run: PipelineRun) -> None:
    materialized = {
        event.asset_key.path[0]
        for event in pipeline_run.result.get_asset_materialization_events()
        for event in [event.event_specific_data.materialization]
    }
    assert {"raw", "staging", "intermediate"} <= materialized


def test_raw_tables_hold_exactly_the_planted_rows(pipeline_run: PipelineRun) -> None:
    expected = pipeline_run.ground_truth["expected_rows"]
    actual = raw_row_counts(pipeline_run)
    assert set(expected) <= set(actual), f"raw tables missing: {set(expected) - set(actual)}"
    assert {t: actual[t] for t in expected} == expected


def test_unified_interactions_match_the_plant(pipeline_run: PipelineRun) -> None:
    expected = {
        (row["creator_id"], row["platform"], row["kind"], row["direction"]): row["count"]
        for row in pipeline_run.ground_truth["expected_interactions"]
        if row["count"]
    }
    actual = {
        (creator, platform, kind, direction): n
        for creator, platform, kind, direction, n in pipeline_run.query(
            """
            select creator_id, platform, kind, direction, count(*)
            from intermediate.int_interactions_unioned
            group by all
            """
        )
    }
    assert actual == expected


def test_every_dbt_check_ran_and_passed(pipeline_run: PipelineRun) -> None:
    evaluations = pipeline_run.result.get_asset_check_evaluations()
    assert len(evaluations) >= 20
    failed = [(e.asset_key.to_user_string(), e.check_name) for e in evaluations if not e.passed]
    assert failed == []


def test_audience_identities_never_reach_the_intermediate_layer(pipeline_run: PipelineRun) -> None:
    audience = {
        value.lower()
        for (value,) in pipeline_run.query(
            """
            select author from raw.instagram_comments
            union select username from raw.tiktok_comments
            union select author_channel_id from raw.youtube_comments
            union select sender_id from raw.x_direct_messages
            union select email from raw.crm_contacts
            except (
                select unnest([
                    display_name, x_handle, instagram_handle, facebook_handle, tiktok_handle,
                    youtube_handle, youtube_channel_id, linkedin_handle, linkedin_profile_url
                ])
                from raw.roster_creators
                union select account_id from raw.x_accounts
            )
            """
        )
        if value
    }
    assert len(audience) > 100
    columns = pipeline_run.query(
        """
        select table_name, column_name from information_schema.columns
        where table_schema = 'intermediate' and data_type = 'VARCHAR'
        """
    )
    leaks = Counter()
    for table, column in columns:
        values = pipeline_run.query(
            f'select distinct lower("{column}") from intermediate."{table}" '
            f'where "{column}" is not null'
        )
        leaks.update(f"{table}.{column}" for (value,) in values if value in audience)
    assert not leaks, f"audience identifiers found in: {dict(leaks)}"


def test_the_asset_graph_reads_exports_raw_staging_intermediate_marts_published() -> None:
    from orchestration.definitions import defs

    graph = defs().resolve_asset_graph()
    # semantic: MetricFlow's time spine, beside the semantic layer over the marts
    layer_order = ["exports", "raw", "staging", "intermediate", "marts", "semantic", "published"]
    for key in graph.get_all_asset_keys():
        for parent in graph.get(key).parent_keys:
            assert layer_order.index(parent.path[0]) <= layer_order.index(key.path[0]), (
                f"{parent.to_user_string()} feeds {key.to_user_string()}"
            )
    first_layers = {key.path[0] for key in graph.get_all_asset_keys()}
    assert set(layer_order) <= first_layers


def test_running_again_on_the_same_exports_changes_nothing(pipeline_run: PipelineRun) -> None:
    """Re-running on the same exports inserts nothing; meanwhile a BI reader keeps querying
    the published file (it never locks the warehouse the run writes), and afterwards the
    newly published version is there for new readers."""
    layout = default_layout()
    before = raw_row_counts(pipeline_run)
    first_version = read_manifest(layout)["version"]
    reader = duckdb.connect(str(layout.bi_database), read_only=True)
    outcome: dict[str, dg.ExecuteInProcessResult] = {}
    runner = threading.Thread(target=lambda: outcome.update(result=execute_job()))
    runner.start()
    reads = 0
    while runner.is_alive():
        assert reader.execute("select count(*) from marts.creator_roles").fetchone()[0] > 0
        reads += 1
        time.sleep(0.2)
    runner.join()
    reader.close()
    result = outcome["result"]
    assert result.success
    assert reads > 10
    inserted = [
        event.event_specific_data.materialization.metadata["rows_inserted"].value
        for event in result.get_asset_materialization_events()
        if event.asset_key.path[0] == "raw" and event.asset_key != LOAD_REPORT_KEY
    ]
    assert inserted and all(n == 0 for n in inserted)
    (report,) = [
        event.event_specific_data.materialization.metadata
        for event in result.get_asset_materialization_events()
        if event.asset_key == LOAD_REPORT_KEY
    ]
    assert "files_loaded" not in report and report["files_unchanged"].value > 100
    assert raw_row_counts(pipeline_run) == before
    assert read_manifest(layout)["version"] != first_version


def test_definitions_load_with_schedule_sensor_and_job() -> None:
    from orchestration.definitions import defs

    definitions = defs()
    assert definitions.resolve_job_def("mutuality_daily")
    schedule = definitions.resolve_schedule_def("mutuality_daily_schedule")
    assert schedule.cron_schedule == "0 6 * * *"
    assert isinstance(definitions.resolve_sensor_def("new_exports_sensor"), dg.SensorDefinition)


def test_no_undeclared_persons_name_reaches_a_published_file(pipeline_run: PipelineRun) -> None:
    """Every text cell of every published table (BI database and Parquet) against everyone in
    the exports but the roster's creators and the consenting partners."""
    people = undeclared_people(pipeline_run.warehouse)
    planted = pipeline_run.ground_truth["planted"]
    declined = [p["name"] for p in planted["partners"] if not p["consents_to_be_named"]]
    chain_introducer = planted["intro_chain"]["links"][1]["introducer"]
    # the scan looks for the people the marts used to name
    assert {tuple(words(name)) for name in [*declined, chain_introducer]} <= people.full_names
    published = published_text(default_layout())
    assert any(key.startswith("parquet/") for key in published)
    assert not leaks(people, published), "undeclared people named in the published files"
    # and would find them: consenting partners and creators are named where they are credited
    named = People.of(p["name"] for p in planted["partners"] if p["consents_to_be_named"])
    found = leaks(named, published)
    assert {"mutuality_bi.duckdb:marts.person_attributed_value.person_name"} <= set(found)
    assert {"parquet/marts.person_attributed_value.parquet:person_name"} <= set(found)
