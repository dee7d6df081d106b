"""One creator: the connectedness score, every component next to it, the monthly trend."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import charts, data, ui

TABLE = "creator_connectedness"
MONTHLY = "creator_connectedness_monthly"
# Each component of the score: its measure, and the count the measure rests on.
COMPONENTS = {
    "comment_reply_rate": ("audience_comments", "rate"),
    "median_reply_hours": ("audience_comments_replied", "hours"),
    "dm_response_rate": ("inbound_dm_conversations", "rate"),
    "median_dm_response_hours": ("inbound_dm_conversations_answered", "hours"),
    "two_way_conversation_share": ("conversation_threads", "rate"),
    "mean_conversation_depth": ("conversation_threads", "turns"),
    "reciprocity_rate": ("engaging_members", "rate"),
    "repeat_engager_share": ("engaging_members", "rate"),
    "core_community_dunbar_ratio": ("core_community_members", "ratio"),
    "creator_initiated_share": ("creator_initiated_conversations", "rate"),
    "live_question_answer_rate": ("live_questions", "rate"),
}


def _text(value: object, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not measurable"
    number = float(value)
    return {
        "rate": f"{number:.1%}",
        "hours": f"{number:.1f} h",
        "turns": f"{number:.2f} turns",
        "ratio": f"{number:.2f}",
    }[unit]


def components_frame(row: pd.Series, weights: dict[str, float]) -> pd.DataFrame:
    """One line per score component: the measure, its sample, its percentile and weight."""
    lines = []
    for component, (sample, unit) in COMPONENTS.items():
        percentile = row[f"{component}_percentile"]
        lines.append(
            {
                "component": component,
                "value_text": _text(row[component], unit),
                "sample": f"{sample} {int(row[sample])}" if pd.notna(row[sample]) else "",
                "percentile": None if pd.isna(percentile) else float(percentile),
                "weight": weights.get(component, 0),
            }
        )
    return pd.DataFrame(lines)


def render() -> None:
    st.title("Creator")
    overview = ui.query(
        "select creator_id, creator_name from marts.creator_connectedness "
        "where platform = 'all' order by creator_name, creator_id"
    )
    names = dict(zip(overview["creator_id"], overview["creator_name"], strict=True))
    creator = ui.pick("Creator", list(names), lambda c: f"{names[c]} ({c})", "creator")
    rows = ui.query(
        "select * from marts.creator_connectedness where creator_id = ? "
        "order by platform = 'all' desc, platform",
        creator,
    )
    platform = st.radio("Platform", rows["platform"].tolist(), horizontal=True, key="platform")
    row = rows[rows["platform"] == platform].iloc[0]

    score, rank = st.columns(2)
    if pd.notna(row["connectedness_score"]):
        score.metric("Connectedness score", f"{row['connectedness_score']:.1f} / 100")
        rank.metric("Rank", f"{int(row['connectedness_rank'])} of {int(row['scored_creators'])}")
    else:
        score.metric("Connectedness score", "unscored")
        rank.metric("Why", str(row["unscored_reason"]))
    st.caption(
        f"Trailing window {row['window_start']:%Y-%m-%d} to {row['window_end']:%Y-%m-%d}; "
        "percentiles among the scored creators of the platform."
    )

    components = components_frame(row, data.dbt_var("connectedness_score_weights"))
    st.subheader("Score components")
    ui.about(TABLE)
    if components["percentile"].notna().any():
        ui.chart(charts.component_bars(components), key="components")
    else:
        st.info("No component is measurable for this creator and platform.")
    table = [
        "| component | value | sample | percentile | weight |",
        "|---|---|---|---:|---:|",
    ]
    for line in components.itertuples():
        percentile = "" if pd.isna(line.percentile) else f"{100 * line.percentile:.0f}"
        table.append(
            f"| {line.component} | {line.value_text} | {line.sample} | {percentile} "
            f"| {line.weight:g} |"
        )
    st.markdown("\n".join(table))
    ui.measures(TABLE, "connectedness_score", *COMPONENTS)

    st.subheader("Monthly trend")
    ui.about(MONTHLY)
    monthly = ui.query(
        "select * from marts.creator_connectedness_monthly "
        "where creator_id = ? and platform = ? order by month_start",
        creator,
        platform,
    )
    if monthly["connectedness_score"].notna().any():
        ui.chart(charts.connectedness_trend(monthly), key="trend")
    else:
        st.info("No month has a score for this creator and platform.")
    ui.measures(MONTHLY, "connectedness_score")
