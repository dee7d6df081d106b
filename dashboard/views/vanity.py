"""Vanity audit: follower growth with its flagged spikes, inauthentic-engagement signals over
time, engagement against the creator's follower tier."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, ui

ENGAGEMENT_MEASURES = {
    "engagement_rate_by_followers": "engagement rate by followers",
    "engagement_rate_by_reach": "engagement rate by reach",
    "engaged_share_of_followers": "engaged share of followers",
}


def render() -> None:
    st.title("Vanity audit")
    st.caption(
        "Where reach overstates engagement. The signals are signals, not verdicts: real fans "
        "write short praise too."
    )
    flagged = ui.query(
        "select creator_id, count(*) as flagged_days from marts.follower_growth_anomalies "
        "group by creator_id"
    )
    creators = ui.query(
        "select distinct creator_id, creator_name from marts.creator_reach_monthly "
        "order by creator_name, creator_id"
    )
    counts = dict(zip(flagged["creator_id"], flagged["flagged_days"], strict=True))
    names = dict(zip(creators["creator_id"], creators["creator_name"], strict=True))
    # the creator with the most flagged days first: the audit starts where it found something
    order = sorted(names, key=lambda c: (-counts.get(c, 0), names[c]))
    creator = ui.pick(
        "Creator", order, lambda c: f"{names[c]}: {counts.get(c, 0)} flagged days", "creator"
    )

    st.subheader("Follower growth and flagged spikes")
    ui.about("follower_growth_anomalies")
    monthly = ui.query(
        "select * from marts.creator_reach_monthly where creator_id = ? "
        "order by platform, month_start",
        creator,
    )
    spikes = ui.query(
        "select * from marts.follower_growth_anomalies where creator_id = ? order by activity_on",
        creator,
    )
    ui.chart(charts.follower_growth(monthly, spikes), key="follower_growth")
    ui.measures("follower_growth_anomalies", "robust_z", "excess_followers", "engagement_lift")
    ui.measures("creator_reach_monthly", "followers_end_of_month")
    if not spikes.empty:
        ui.table(
            spikes,
            [
                "platform",
                "activity_on",
                "follower_change",
                "excess_followers",
                "robust_z",
                "follower_lift",
                "engagement_lift",
                "generated_handle_share_of_new_followers",
            ],
        )

    st.subheader("Engagement behind the reach")
    ui.about("creator_reach_monthly")
    measure = st.radio(
        "Measure",
        list(ENGAGEMENT_MEASURES),
        format_func=ENGAGEMENT_MEASURES.get,
        horizontal=True,
        key="engagement_measure",
    )
    ui.chart(charts.monthly_measure(monthly, measure), key="engagement")
    ui.measures("creator_reach_monthly", measure)

    st.subheader("Inauthentic-engagement signals")
    ui.about("creator_inauthentic_engagement_monthly")
    signals = ui.query(
        "select * from marts.creator_inauthentic_engagement_monthly where platform = 'all' "
        "order by creator_name, month_start"
    )
    mine = signals[signals["creator_id"] == creator]
    if mine.empty:
        st.info(f"{names[creator]} has no audience comments to read signals in.")
    else:
        ui.chart(charts.signal_shares(mine), key="signals")
    ui.chart(charts.signal_share_by_creator(signals, names[creator]), key="signals_by_creator")
    ui.measures("creator_inauthentic_engagement_monthly", *charts.SIGNAL_COLUMNS)

    st.subheader("Tier benchmarks")
    ui.about("creator_follower_tiers")
    tiers = ui.mart("creator_follower_tiers", order_by="platform, creator_id")
    ui.chart(charts.tier_benchmarks(tiers), key="tiers")
    ui.measures(
        "creator_follower_tiers", "engagement_rate_by_followers", "engagement_percentile_in_tier"
    )
    ui.table(
        tiers[tiers["creator_id"] == creator],
        [
            "platform",
            "followers",
            "follower_tier",
            "engagement_rate_by_followers",
            "engagement_percentile_in_tier",
            "tier_peer_count",
            "monthly_engagement_per_post_change",
        ],
    )
