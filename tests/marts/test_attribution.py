"""Attribution marts on the small sample, through the real Dagster job.

Expectations come from the generator's plants in the ground truth (`planted.connector`,
`self_reported_mention`, `intro_chain`, `broadcaster_crm`, `archetypes`) and from the dbt vars,
never from numbers copied from a run.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from tests.conftest import PipelineRun

DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project" / "dbt_project.yml"
MODELS = (
    "first_touch",
    "last_touch",
    "linear",
    "time_decay",
    "position_based",
    "markov",
    "shapley",
)
CHANNEL_MODELS = ("markov", "shapley")
MARTS = ("deal_attribution", "person_attributed_value", "connector_network", "creator_roles")
CENT = Decimal("0.01")


@pytest.fixture(scope="module")
def dbt_vars() -> dict[str, Any]:
    return yaml.safe_load(DBT_PROJECT.read_text())["vars"]


@pytest.fixture(scope="module")
def planted(pipeline_run: PipelineRun) -> dict[str, Any]:
    return pipeline_run.ground_truth["planted"]


def rows_as_dicts(pipeline_run: PipelineRun, table: str, where: str = "true") -> list[dict]:
    columns = [
        name
        for (name,) in pipeline_run.query(
            "select column_name from information_schema.columns "
            f"where table_schema = 'marts' and table_name = '{table}' order by ordinal_position"
        )
    ]
    rows = pipeline_run.query(f"select {', '.join(columns)} from marts.{table} where {where}")
    return [dict(zip(columns, row, strict=True)) for row in rows]


def person(pipeline_run: PipelineRun, person_id: str) -> dict:
    (row,) = rows_as_dicts(pipeline_run, "person_attributed_value", f"person_id = '{person_id}'")
    return row


def creator_role(pipeline_run: PipelineRun, creator_id: str) -> dict:
    (row,) = rows_as_dicts(pipeline_run, "creator_roles", f"creator_id = '{creator_id}'")
    return row


# --- the planted connector ------------------------------------------------------------------


def test_connector_has_the_largest_introduction_revenue(
    pipeline_run: PipelineRun, planted: dict
) -> None:
    connector, mention = planted["connector"], planted["self_reported_mention"]
    expected_deals = set(connector["won_deal_ids"]) | {mention["deal_id"]}
    expected_revenue = Decimal(connector["won_amount"])
    if mention["deal_id"] not in connector["won_deal_ids"]:
        expected_revenue += Decimal(mention["amount"])
    mika = person(pipeline_run, connector["creator_id"])
    assert mika["person_name"] == connector["name"]
    assert mika["introduction_won_deals"] == len(expected_deals)
    assert mika["introduction_won_revenue"] == expected_revenue
    assert mika["introductions_made"] >= connector["introductions"]
    others = [
        row["introduction_won_revenue"]
        for row in rows_as_dicts(pipeline_run, "person_attributed_value")
        if row["person_id"] != connector["creator_id"]
    ]
    assert mika["introduction_won_revenue"] > max(others)


def test_connector_introductions_are_credited_on_exactly_their_won_deals(
    pipeline_run: PipelineRun, planted: dict
) -> None:
    connector = planted["connector"]
    expected = set(connector["won_deal_ids"]) | {planted["self_reported_mention"]["deal_id"]}
    for model in MODELS:
        credited = {
            deal_id
            for (deal_id,) in pipeline_run.query(
                "select distinct deal_id from marts.deal_attribution "
                f"where credited_person_id = '{connector['creator_id']}' "
                f"and touch_type = 'introduction' and chain_hop = 0 "
                f"and attribution_model = '{model}'"
            )
        }
        assert credited == expected, model


def test_connector_has_a_tiny_audience_and_is_labelled_connector(
    pipeline_run: PipelineRun, planted: dict, dbt_vars: dict
) -> None:
    connector_id = planted["connector"]["creator_id"]
    roles = rows_as_dicts(pipeline_run, "creator_roles")
    mika = next(row for row in roles if row["creator_id"] == connector_id)
    audiences = sorted(row["audience_size"] for row in roles)
    median = (audiences[(len(audiences) - 1) // 2] + audiences[len(audiences) // 2]) / 2
    assert mika["audience_size"] < median
    assert mika["creator_role"] == "connector"
    assert mika["introduction_won_deals"] >= dbt_vars["attribution_role_min_won_deals"]
    assert mika["introduction_revenue_share"] >= dbt_vars["attribution_role_dominant_share"]


def test_connector_bridges_the_introductions_graph(
    pipeline_run: PipelineRun, planted: dict
) -> None:
    network = rows_as_dicts(pipeline_run, "connector_network")
    connector_id = planted["connector"]["creator_id"]
    mika = next(row for row in network if row["person_id"] == connector_id)
    assert mika["betweenness_centrality"] == max(row["betweenness_centrality"] for row in network)
    assert mika["burt_constraint"] == min(row["burt_constraint"] for row in network)
    assert mika["introductions_made"] >= planted["connector"]["introductions"]


# --- self-reported mention and introduction chain -------------------------------------------


def test_self_reported_mention_is_credited_to_the_connector(
    pipeline_run: PipelineRun, planted: dict
) -> None:
    mention, connector_id = planted["self_reported_mention"], planted["connector"]["creator_id"]
    assert mention["text"] in planted["connector"]["mention_spellings"]
    ((matched_person,),) = pipeline_run.query(
        "select person_id from intermediate.int_crm_mentions_matched "
        f"where contact_id = '{mention['contact_id']}'"
    )
    assert matched_person == connector_id
    ((introducer, in_log, self_reported),) = pipeline_run.query(
        "select introducer_person_id, is_in_log, is_self_reported "
        "from intermediate.int_introductions_deduplicated "
        f"where introduced_contact_id = '{mention['contact_id']}'"
    )
    assert (introducer, in_log, self_reported) == (connector_id, False, True)
    credits = dict(
        pipeline_run.query(
            "select attribution_model, sum(credit_amount) from marts.deal_attribution "
            f"where deal_id = '{mention['deal_id']}' and credited_person_id = '{connector_id}' "
            "group by attribution_model"
        )
    )
    # the answer dates the introduction at sign-up: the first touch of the journey
    assert credits["first_touch"] == Decimal(mention["amount"])
    assert all(credits[model] > 0 for model in MODELS if model != "last_touch")


def test_introduction_chain_passes_decayed_credit_upstream(
    pipeline_run: PipelineRun, planted: dict, dbt_vars: dict
) -> None:
    chain, connector_id = planted["intro_chain"], planted["connector"]["creator_id"]
    first_link, second_link = chain["links"]
    assert first_link["introducer"] == planted["connector"]["name"]
    amount = Decimal(chain["final_amount"])
    decay = Decimal(str(dbt_vars["attribution_chain_decay"]))
    rows = pipeline_run.query(
        "select chain_hop, credited_name, credited_person_id, credit_amount "
        "from marts.deal_attribution "
        f"where deal_id = '{chain['final_deal_id']}' and attribution_model = 'first_touch' "
        "and touch_type = 'introduction'"
    )
    by_hop = {hop: (name, person_id, credit) for hop, name, person_id, credit in rows}
    # the introduction of C by B comes before C signs up: first touch, worth the whole deal,
    # shared between B (weight 1) and the connector one hop up (weight d). B, a customer who
    # introduced someone, is neither on the roster nor a partner: credited by id, not by name
    assert second_link["introducer"] not in {p["name"] for p in planted["partners"]}
    assert by_hop[0][0] is None and by_hop[0][1].startswith("ip_")
    assert by_hop[1][0] == planted["connector"]["name"]
    assert by_hop[1][1] == connector_id
    assert abs(by_hop[1][2] - amount * decay / (1 + decay)) <= CENT
    assert by_hop[0][2] + by_hop[1][2] == amount
    mika = person(pipeline_run, connector_id)
    assert mika["chain_credit_linear"] > 0


# --- who is named ---------------------------------------------------------------------------


def test_only_creators_and_consenting_partners_are_named(
    pipeline_run: PipelineRun, planted: dict
) -> None:
    partners = {p["name"]: p["consents_to_be_named"] for p in planted["partners"]}
    creators = dict(pipeline_run.query("select creator_id, display_name from raw.roster_creators"))
    people = rows_as_dicts(pipeline_run, "person_attributed_value")
    for row in people:
        if row["person_kind"] == "creator":
            assert row["person_name"] == creators[row["creator_id"]]
        elif row["person_kind"] == "partner":
            assert row["person_name"] is None or partners[row["person_name"]]
        else:
            assert row["person_kind"] == "introducer" and row["person_name"] is None
            assert row["person_id"].startswith("ip_")
    named_partners = {r["person_name"] for r in people if r["person_kind"] == "partner"}
    assert named_partners - {None} == {name for name, consents in partners.items() if consents}
    # every declared partner introduced someone in the log: each has a row, named or not
    assert sum(r["person_kind"] == "partner" for r in people) == len(partners)
    assert any(r["person_kind"] == "introducer" for r in people)
    for table, name_column, kind_column in (
        ("connector_network", "person_name", "person_kind"),
        ("deal_attribution", "credited_name", "credited_person_kind"),
    ):
        names = {
            name
            for (name,) in pipeline_run.query(
                f"select distinct {name_column} from marts.{table} "
                f"where {kind_column} in ('partner', 'introducer')"
            )
        }
        assert names <= {None} | {name for name, consents in partners.items() if consents}


# --- the broadcaster ------------------------------------------------------------------------


def test_broadcaster_has_reach_but_little_sourced_revenue(
    pipeline_run: PipelineRun, planted: dict, dbt_vars: dict
) -> None:
    plant = planted["broadcaster_crm"]
    roles = rows_as_dicts(pipeline_run, "creator_roles")
    broadcaster = next(row for row in roles if row["creator_id"] == plant["creator_id"])
    assert broadcaster["audience_size"] == max(row["audience_size"] for row in roles)
    assert broadcaster["audience_contacts"] == plant["contacts"]
    assert broadcaster["audience_won_deals"] == plant["won_deals"]
    qualifies = plant["won_deals"] >= dbt_vars["attribution_role_min_won_deals"]
    assert broadcaster["is_audience_qualified"] == qualifies
    ((contacts,),) = pipeline_run.query("select count(*) from staging.stg_crm__contacts")
    ((won_revenue,),) = pipeline_run.query(
        "select sum(amount) from staging.stg_crm__deals where is_won"
    )
    sourced = person(pipeline_run, plant["creator_id"])["sourced_revenue"]
    # its contacts bring in less than half of what an average CRM contact does
    assert sourced / won_revenue < Decimal(plant["contacts"]) / contacts / 2
    connector = person(pipeline_run, planted["connector"]["creator_id"])
    assert sourced < connector["introduction_won_revenue"] / 2


# --- invariants and the Dagster side --------------------------------------------------------


def test_every_won_deal_is_credited_in_full_under_every_model(pipeline_run: PipelineRun) -> None:
    won = dict(
        pipeline_run.query(
            "select deal_id, coalesce(amount, 0) from staging.stg_crm__deals where is_won"
        )
    )
    sums = pipeline_run.query(
        "select deal_id, attribution_model, sum(credit_amount), sum(credit_fraction), "
        "min(credit_amount), max(credit_fraction) from marts.deal_attribution group by all"
    )
    assert {(deal, model) for deal, model, *_ in sums} == {
        (deal, model) for deal in won for model in MODELS
    }
    for deal, model, money, fraction, lowest, highest in sums:
        assert money == won[deal], (deal, model)
        assert fraction == pytest.approx(1.0, abs=1e-9)
        assert lowest >= 0 and highest <= 1


def test_each_model_credits_the_converted_value_in_full(pipeline_run: PipelineRun) -> None:
    """Summed over channels, every model credits exactly the won value (to the cent)."""
    (won,) = pipeline_run.query(
        "select sum(coalesce(amount, 0)) from staging.stg_crm__deals where is_won"
    )[0]
    credited = dict(
        pipeline_run.query(
            "select attribution_model, sum(credit_amount) from marts.deal_attribution group by all"
        )
    )
    assert credited == dict.fromkeys(MODELS, won)


def most_cents_within_totals(journeys: list[tuple[list[str], int]], totals: dict[str, int]) -> int:
    """The most cents any deal x channel table on the journeys' own channels can give within
    the channel totals (a maximum flow, independent of the model's min-cost flow)."""
    labels = sorted(totals)
    size = 2 + len(journeys) + len(labels)
    capacity = np.zeros((size, size), dtype=np.int64)
    for d, (channels, cents) in enumerate(journeys, start=1):
        capacity[0, d] = cents
        for label in channels:
            capacity[d, 1 + len(journeys) + labels.index(label)] = cents
    for c, label in enumerate(labels):
        capacity[1 + len(journeys) + c, size - 1] = totals[label]
    return maximum_flow(csr_matrix(capacity), 0, size - 1).flow_value


def test_channel_models_hold_the_channel_totals_to_the_cent(pipeline_run: PipelineRun) -> None:
    """Under `markov` and `shapley` the channel totals are the reference ones, recomputed
    here: markov's removal-effect share x all won value, shapley's even split of each won
    journey between its distinct channels, both in cents by largest remainder (ties by
    label). Each channel's credits in deal_attribution add up to its total to the cent,
    except the cents no table can place (docs/attribution.md): the shortfall is exactly the
    won value minus the most a table on the journeys' own channels can give within the
    totals, computed independently."""
    won_cents = sum(
        cents
        for (cents,) in pipeline_run.query(
            "select cast(round(coalesce(amount, 0) * 100) as bigint) from staging.stg_crm__deals "
            "where is_won"
        )
    )
    effects = dict(
        pipeline_run.query(
            "select touch_label, removal_effect "
            "from intermediate.int_markov_removal_effects_computed"
        )
    )
    journeys = pipeline_run.query(
        "select list_distinct(touch_labels), conversion_value_cents "
        "from intermediate.int_attribution_paths_aggregated where is_converted"
    )
    in_converted = {label for labels, _ in journeys for label in labels}
    shapley: dict[str, Fraction] = {}
    for labels, cents in journeys:
        for label in labels:
            shapley[label] = shapley.get(label, Fraction(0)) + Fraction(cents, len(labels))
    weights = {
        "markov": {label: Fraction(effects[label]) for label in in_converted},
        "shapley": shapley,
    }
    for model in CHANNEL_MODELS:
        summed = sum(weights[model].values())
        exact = {label: w / summed * won_cents for label, w in weights[model].items()}
        expected = {label: int(exact[label]) for label in sorted(exact)}
        leftover = won_cents - sum(expected.values())
        for label in sorted(expected, key=lambda c: -(exact[c] - int(exact[c])))[:leftover]:
            expected[label] += 1
        stored = dict(
            pipeline_run.query(
                "select touch_label, any_value(channel_total_cents) "
                "from intermediate.int_attribution_channel_credits_allocated "
                f"where attribution_model = '{model}' group by all"
            )
        )
        assert stored == expected, model
        credited = {label: 0 for label in expected}
        for label, amount in pipeline_run.query(
            "select touch_label, sum(credit_amount) from marts.deal_attribution "
            f"where attribution_model = '{model}' group by all"
        ):
            credited[label] = int(amount * 100)
        assert sum(credited.values()) == won_cents
        shortfall = sum(max(0, expected[c] - credited[c]) for c in expected)
        assert shortfall == won_cents - most_cents_within_totals(journeys, expected), model


def test_marts_are_dagster_assets_with_passing_checks(pipeline_run: PipelineRun) -> None:
    marts = {("marts", mart) for mart in MARTS}
    materialized = {
        tuple(event.asset_key.path)
        for event in pipeline_run.result.get_asset_materialization_events()
    }
    assert marts <= materialized
    checks = [
        e
        for e in pipeline_run.result.get_asset_check_evaluations()
        if tuple(e.asset_key.path) in marts
    ]
    assert {tuple(e.asset_key.path) for e in checks} == marts
    assert [e.check_name for e in checks if not e.passed] == []
    sum_check = "group_sum_matches_deal_attribution_credit_amount"
    assert any(e.check_name.startswith(sum_check) for e in checks)


def test_marts_hold_no_audience_identities(pipeline_run: PipelineRun) -> None:
    for mart in MARTS:
        names = {
            name
            for (name,) in pipeline_run.query(
                "select column_name from information_schema.columns "
                f"where table_schema = 'marts' and table_name = '{mart}'"
            )
        }
        assert not {n for n in names if n.endswith("_key") or "text" in n or "email" in n}
        assert not {n for n in names if n in {"contact_id", "introduction_id"}}
    # intermediate touch ids name CRM contacts: the mart's are a position and a type
    query = "select distinct touch_id from marts.deal_attribution"
    touch_ids = {touch_id for (touch_id,) in pipeline_run.query(query)}
    types = {touch_id.split(":", 1)[1] for touch_id in touch_ids}
    assert all(touch_id.split(":", 1)[0].isdigit() for touch_id in touch_ids)
    assert types <= {
        "introduction",
        "creator_utm",
        "creator_referral_code",
        "marketing_source",
        "marketing_latest_source",
        "unattributed",
    }
    labels = {
        label
        for (label,) in pipeline_run.query(
            "select distinct credited_name from marts.deal_attribution "
            "where credited_person_id is null"
        )
    }
    channels = {
        source
        for (source,) in pipeline_run.query(
            "select distinct original_source from staging.stg_crm__contacts "
            "union select distinct latest_source from staging.stg_crm__contacts"
        )
    }
    assert labels <= channels | {"unattributed"}


def test_deals_carry_their_crm_names_and_companies(pipeline_run: PipelineRun) -> None:
    """Human labels next to the ids: each credited deal's name and company as the CRM export
    has them (raw.crm_deals, the latest row of the deal)."""
    mismatched = pipeline_run.query(
        """
        with crm as (
            select deal_id, deal_name, nullif(trim(associated_company), '') as company
            from raw.crm_deals
            qualify row_number() over (partition by deal_id order by _loaded_at desc) = 1
        )
        select distinct a.deal_id, a.deal_name, crm.deal_name, a.company_name, crm.company
        from marts.deal_attribution as a
        inner join crm on a.deal_id = crm.deal_id
        where a.deal_name is distinct from crm.deal_name
            or a.company_name is distinct from crm.company
        """
    )
    assert mismatched == []
    ((named, total),) = pipeline_run.query(
        "select count(distinct deal_id) filter (where deal_name is not null), "
        "count(distinct deal_id) from marts.deal_attribution"
    )
    assert named == total > 0
