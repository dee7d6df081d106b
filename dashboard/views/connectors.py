"""Connectors: the introductions network, attributed revenue under every model, days from an
introduction to the close."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, ui

TOP_PEOPLE = 12
# The published marts hold no person-to-person edge list (connector_network is one row per
# introducer). deal_attribution holds what can be drawn: each introduction touch of a won
# deal names its introducer (hop 0) and, along an introduction chain, the person who
# introduced that introducer (hop h + 1 introduced hop h). The linear model gives every
# touch a row.
EDGES_SQL = """
    select distinct credited_person_id as source, deal_id as target,
        'deal' as target_kind, 'introduction' as edge_kind
    from marts.deal_attribution
    where attribution_model = 'linear' and touch_type = 'introduction' and chain_hop = 0
        and credited_person_id is not null
    union
    select distinct upstream.credited_person_id, downstream.credited_person_id,
        'person', 'chain'
    from marts.deal_attribution as upstream
    inner join marts.deal_attribution as downstream
        on upstream.deal_id = downstream.deal_id
        and upstream.touch_id = downstream.touch_id
        and upstream.attribution_model = downstream.attribution_model
        and upstream.chain_hop = downstream.chain_hop + 1
    where upstream.attribution_model = 'linear' and upstream.touch_type = 'introduction'
        and upstream.credited_person_id is not null and downstream.credited_person_id is not null
    order by 1, 2
"""
JOURNEYS_SQL = """
    select credited_person_id as person_id, deal_id,
        date_diff('second', touched_at, closed_at) / 86400.0 as days_to_close
    from marts.deal_attribution
    where attribution_model = 'linear' and touch_type = 'introduction' and chain_hop = 0
        and credited_person_id is not null
    order by person_id, deal_id
"""


def _labelled(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["label"] = [
        ui.person_label(name, person, kind)
        for name, person, kind in zip(
            frame["person_name"], frame["person_id"], frame["person_kind"], strict=True
        )
    ]
    return frame


def render() -> None:
    st.title("Connectors")
    st.caption(
        "The people whose introductions turn into deals months later. People are named only "
        "when they are roster creators or partners who consent; everyone else is an id and a role."
    )
    network = _labelled(ui.mart("connector_network", order_by="person_id"))
    roles = ui.mart("creator_roles", order_by="creator_id")
    connectors = set(roles.loc[roles["creator_role"].isin(charts.CONNECTOR_ROLES), "creator_id"])
    people = _labelled(ui.mart("person_attributed_value", order_by="person_id"))

    st.subheader("Introductions network")
    st.caption(
        "People are nodes (sized by betweenness centrality), won deals small squares. A grey "
        "edge ties an introducer to a won deal their introduction is a touch of; an orange edge "
        "ties someone to the introducer they introduced (an introduction chain). The published "
        "marts carry no edge list of who introduced whom, so this is the part of the graph that "
        "led to won deals, from deal_attribution. Connectors (creator role connector or both) "
        "in red and named."
    )
    ui.about("connector_network")
    edges = ui.query(EDGES_SQL)
    ui.chart(charts.introductions_network(network, edges, connectors), key="network")
    named = network[network["person_id"].isin(connectors)]["label"].tolist()
    st.markdown("Connectors: " + (", ".join(f"**{n}**" for n in named) if named else "none"))
    ui.measures(
        "connector_network",
        ("introductions_made", "introductions"),
        "betweenness_centrality",
        "burt_constraint",
    )
    ui.table(
        network.sort_values("betweenness_centrality", ascending=False),
        [
            "label",
            "person_kind",
            "introductions_made",
            "people_bridged",
            "companies_bridged",
            "betweenness_centrality",
            "burt_constraint",
        ],
    )

    st.subheader("Attributed revenue by model")
    ui.about("person_attributed_value")
    credited = people[people[list(charts.MODEL_COLUMNS)].astype(float).sum(axis=1) > 0]
    top = credited.sort_values(["credit_linear", "person_id"], ascending=[False, True]).head(
        TOP_PEOPLE
    )
    ui.chart(charts.revenue_by_model(top), key="revenue_by_model")
    ui.measures("person_attributed_value", (", ".join(charts.MODEL_COLUMNS), "attributed_revenue"))
    ui.chart(charts.sourced_influenced(top), key="sourced_influenced")
    ui.measures("person_attributed_value", "sourced_revenue", "influenced_revenue")

    st.subheader("Days from introduction to close")
    ui.about("deal_attribution")
    journeys = ui.query(JOURNEYS_SQL).merge(
        people[["person_id", "label"]], on="person_id", how="left"
    )
    closers = people.dropna(subset=["median_days_introduction_to_close"])
    closers = closers.sort_values(["introduction_won_deals", "person_id"], ascending=[False, True])
    closers = closers.head(TOP_PEOPLE)
    shown = journeys[journeys["person_id"].isin(closers["person_id"])]
    ui.chart(charts.days_to_close(shown, closers), key="days_to_close")
    ui.measures("person_attributed_value", "median_days_introduction_to_close")
