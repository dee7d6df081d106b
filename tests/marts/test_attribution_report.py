"""The attribution report on the small sample, through the real Dagster job.

The sample's spend file is a plant (`planted.spend`: a large monthly fee to the broadcaster,
small ones to the connector and an ordinary creator, a retainer to a consenting partner by
e-mail, media spend on two channels). Every expected figure is derived from those payments,
the other marts and the plants, never copied from a run.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest

from tests.conftest import PipelineRun
from tests.marts.test_attribution import MODELS, rows_as_dicts

# Models under which every touch of a journey receives some credit (the connector's
# introductions come early, so last touch may give creators nothing at all).
MODELS_CREDITING_EVERY_TOUCH = ("linear", "time_decay", "position_based", "markov", "shapley")


@pytest.fixture(scope="module")
def report(pipeline_run: PipelineRun) -> list[dict]:
    return rows_as_dicts(pipeline_run, "attribution_report")


@pytest.fixture(scope="module")
def planted(pipeline_run: PipelineRun) -> dict:
    return pipeline_run.ground_truth["planted"]


def payee_label(payment: dict, report: list[dict], planted: dict) -> str:
    """The label the report must show a planted payment under."""
    if payment["channel"]:
        return payment["channel"]
    if payment["person"].startswith("cr_"):
        return payment["person"]
    partner = next(p for p in planted["partners"] if p["email"] == payment["person"])
    assert partner["consents_to_be_named"], "the plant pays a consenting partner"
    (label,) = {row["credited_label"] for row in report if row["credited_name"] == partner["name"]}
    return label


def test_spend_per_payee_is_what_the_plant_paid(report, planted) -> None:
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for payment in planted["spend"]:
        paid[payee_label(payment, report, planted)] += Decimal(payment["amount"])
    for model in MODELS:
        rows = {r["credited_label"]: r for r in report if r["attribution_model"] == model}
        spent = {label: row["spend_amount"] for label, row in rows.items() if row["spend_amount"]}
        assert spent == paid, model
        assert all(row["spend_amount"] is not None for row in rows.values())


def test_credit_per_model_adds_up_to_the_won_revenue(pipeline_run: PipelineRun, report) -> None:
    ((won,),) = pipeline_run.query(
        "select sum(deal_amount) from "
        "(select distinct deal_id, deal_amount from marts.deal_attribution)"
    )
    for model in MODELS:
        assert sum(r["credit_amount"] for r in report if r["attribution_model"] == model) == won


def test_return_and_cost_per_reciprocated_relationship(
    pipeline_run: PipelineRun, report, planted
) -> None:
    windows = {
        creator_id: (start, end, members)
        for creator_id, start, end, members in pipeline_run.query(
            "select creator_id, min(window_start), max(window_end), sum(reciprocated_members) "
            "from marts.creator_connectedness group by creator_id"
        )
    }
    for creator_id in {p["person"] for p in planted["spend"] if p["person"].startswith("cr_")}:
        start, end, members = windows[creator_id]
        in_window = sum(
            Decimal(p["amount"])
            for p in planted["spend"]
            if p["person"] == creator_id and start <= date.fromisoformat(p["date"]) <= end
        )
        for row in (r for r in report if r["credited_label"] == creator_id):
            assert row["window_spend_amount"] == in_window
            assert row["reciprocated_relationships"] == members
            expected = (in_window / members).quantize(Decimal("0.01")) if members else None
            assert row["cost_per_reciprocated_relationship"] == expected
            assert row["return_on_spend"] == pytest.approx(
                float(row["credit_amount"] / row["spend_amount"])
            )


def test_the_connector_returns_more_and_the_broadcaster_costs_most(report, planted) -> None:
    broadcaster = planted["archetypes"]["broadcaster"]
    connector = planted["archetypes"]["connector"]
    paid_creators = {p["person"] for p in planted["spend"] if p["person"].startswith("cr_")}
    assert {broadcaster, connector} <= paid_creators
    for model in MODELS:
        rows = {
            r["credited_label"]: r
            for r in report
            if r["attribution_model"] == model and r["credited_label"] in paid_creators
        }
        returns = {label: row["return_on_spend"] for label, row in rows.items()}
        assert returns[connector] >= returns[broadcaster], (model, returns)
        if model in MODELS_CREDITING_EVERY_TOUCH:
            assert max(returns, key=returns.get) == connector, (model, returns)
            assert returns[connector] > returns[broadcaster], (model, returns)
        costs = {
            label: row["cost_per_reciprocated_relationship"]
            for label, row in rows.items()
            if row["cost_per_reciprocated_relationship"] is not None
        }
        # hollow reach: the broadcaster's two-way relationships cost the most
        assert broadcaster not in costs or max(costs, key=costs.get) == broadcaster
