"""Creators: reach against connectedness, the four quadrants."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui
from dashboard.data import dbt_var

TABLE = "creator_reach_vs_mutuality"


def render() -> None:
    st.title("Reach vs mutuality")
    st.caption(
        "Reach is the follower count brands buy (summed over platforms); connectedness is the "
        "0-100 score of reciprocal engagement. A level is high from the "
        f"{dbt_var('vanity_quadrant_split_percentile')}th percentile."
    )
    frame = ui.mart(TABLE, order_by="reach_rank, creator_id")
    split = float(dbt_var("vanity_quadrant_split_percentile"))
    ui.chart(charts.reach_vs_mutuality(frame, split), key="reach_vs_mutuality")
    ui.about(TABLE)
    ui.measures(
        TABLE,
        ("connectedness_score", "connectedness_score"),
        "connectedness_percentile",
        "reach_percentile",
        "quadrant",
    )

    columns = st.columns(2)
    for column, quadrant in zip(columns, charts.LABELLED_QUADRANTS, strict=True):
        names = frame.loc[frame["quadrant"] == quadrant, "creator_name"].tolist()
        with column.container(key=quadrant.replace(" ", "_")):
            st.subheader(quadrant.capitalize())
            st.markdown(", ".join(f"**{name}**" for name in names) if names else "nobody")
    off_chart = frame[~frame["quadrant"].isin(charts.QUADRANT_COLOURS)]
    if not off_chart.empty:
        st.markdown(
            "Not on the chart: "
            + ", ".join(f"{r.creator_name} ({r.quadrant})" for r in off_chart.itertuples())
        )

    st.subheader("Every creator")
    ui.table(
        frame,
        [
            "creator_name",
            "quadrant",
            "total_followers",
            "reach_rank",
            "connectedness_score",
            "connectedness_rank",
            "window_vanity_ratio",
            "two_way_exchanges_per_10k_followers",
        ],
    )
