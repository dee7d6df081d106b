"""Plotly figures of the dashboard, built from the published marts (plain DataFrames in,
figures out; no Streamlit here)."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

QUADRANT_COLOURS = {
    "hollow reach": "#d62728",
    "hidden gem": "#2ca02c",
    "earned reach": "#1f77b4",
    "low reach, low connectedness": "#7f7f7f",
}
LABELLED_QUADRANTS = ("hollow reach", "hidden gem")
MODEL_COLUMNS = {
    "credit_first_touch": "first touch",
    "credit_last_touch": "last touch",
    "credit_linear": "linear",
    "credit_time_decay": "time decay",
    "credit_position_based": "position based",
    "credit_markov": "Markov",
    "credit_shapley": "Shapley",
}
SIGNAL_COLUMNS = {
    "inauthentic_signal_share": "any signal",
    "generic_share": "generic or emoji-only",
    "repeated_text_share": "repeated text",
    "first_seen_burst_share": "first-seen burst",
    "generated_handle_share": "generated-looking handle",
}
TIER_ORDER = ["nano", "micro", "mid", "macro", "mega"]
CONNECTOR_ROLES = ("connector", "both")


def _layout(figure: go.Figure, **kwargs) -> go.Figure:
    figure.update_layout(margin={"l": 10, "r": 10, "t": 40, "b": 10}, **kwargs)
    return figure


def reach_vs_mutuality(frame: pd.DataFrame, split: float) -> go.Figure:
    """Reach percentile against connectedness percentile, the quadrants split at `split`,
    hollow-reach and hidden-gem creators labelled on the chart."""
    scored = frame[frame["quadrant"].isin(QUADRANT_COLOURS)]
    figure = go.Figure()
    for quadrant, colour in QUADRANT_COLOURS.items():
        rows = scored[scored["quadrant"] == quadrant]
        figure.add_trace(
            go.Scatter(
                x=rows["reach_percentile"],
                y=rows["connectedness_percentile"],
                mode="markers",
                name=quadrant,
                marker={"size": 13, "color": colour, "line": {"width": 1, "color": "white"}},
                customdata=rows[
                    ["creator_name", "total_followers", "connectedness_score", "creator_id"]
                ].to_numpy(),
                hovertemplate=(
                    "<b>%{customdata[0]}</b> (%{customdata[3]})<br>"
                    "followers %{customdata[1]:,}<br>connectedness score %{customdata[2]:.1f}"
                    f"<extra>{quadrant}</extra>"
                ),
            )
        )
    for row in scored[scored["quadrant"].isin(LABELLED_QUADRANTS)].itertuples():
        # the label leans away from the nearest side, so it stays inside the plot
        lean = -40 if row.reach_percentile > 70 else 40 if row.reach_percentile < 30 else 0
        figure.add_annotation(
            x=row.reach_percentile,
            y=row.connectedness_percentile,
            text=row.creator_name,
            name=f"label {row.quadrant}: {row.creator_id}",
            showarrow=True,
            arrowhead=0,
            arrowcolor=QUADRANT_COLOURS[row.quadrant],
            ax=lean,
            ay=-26 if row.connectedness_percentile < 90 else 26,
            font={"color": QUADRANT_COLOURS[row.quadrant], "size": 13},
            bgcolor="rgba(255,255,255,0.8)",
        )
    figure.add_vline(x=split, line_dash="dot", line_color="#999")
    figure.add_hline(y=split, line_dash="dot", line_color="#999")
    corners = {
        "hollow reach": (1, 0, "right", "bottom"),
        "hidden gem": (0, 1, "left", "top"),
        "earned reach": (1, 1, "right", "top"),
        "low reach, low connectedness": (0, 0, "left", "bottom"),
    }
    for quadrant, (x, y, xanchor, yanchor) in corners.items():
        figure.add_annotation(
            x=x,
            y=y,
            xref="x domain",
            yref="y domain",
            text=f"<b>{quadrant}</b>",
            showarrow=False,
            xanchor=xanchor,
            yanchor=yanchor,
            font={"color": QUADRANT_COLOURS[quadrant], "size": 12},
        )
    figure.update_xaxes(title="reach percentile (total followers)", range=[-8, 108])
    figure.update_yaxes(title="connectedness percentile (score, all platforms)", range=[-14, 114])
    return _layout(figure, height=520, legend={"orientation": "h", "y": -0.15})


def component_bars(components: pd.DataFrame) -> go.Figure:
    """The score's components: percentile of each measurable one, its weight in the hover."""
    rows = components.dropna(subset=["percentile"]).iloc[::-1]
    figure = go.Figure(
        go.Bar(
            x=rows["percentile"] * 100,
            y=rows["component"],
            orientation="h",
            marker_color="#1f77b4",
            customdata=rows[["value_text", "weight"]].to_numpy(),
            hovertemplate="%{y}: %{customdata[0]}<br>percentile %{x:.0f}, weight %{customdata[1]}"
            "<extra></extra>",
        )
    )
    figure.update_xaxes(title="percentile among the platform's scored creators", range=[0, 100])
    return _layout(figure, height=max(260, 34 * len(rows) + 80))


def connectedness_trend(monthly: pd.DataFrame) -> go.Figure:
    """The monthly score; the as-of month, when partial, drawn as an open marker."""
    frame = monthly.sort_values("month_start")
    complete = frame["is_complete_month"].fillna(True).astype(bool)
    figure = go.Figure(
        go.Scatter(
            x=frame["month_start"],
            y=frame["connectedness_score"],
            mode="lines+markers",
            name="connectedness score",
            marker={
                "size": 9,
                "symbol": ["circle" if c else "circle-open" for c in complete],
            },
            customdata=frame[["connectedness_rank", "scored_creators"]].to_numpy(),
            hovertemplate="%{x|%b %Y}: %{y:.1f} (rank %{customdata[0]} of %{customdata[1]})"
            "<extra></extra>",
        )
    )
    figure.update_yaxes(title="connectedness score", range=[0, 100])
    return _layout(figure, height=340)


def follower_growth(monthly: pd.DataFrame, anomalies: pd.DataFrame) -> go.Figure:
    """Followers at each month's end per platform, the flagged spike days marked on them."""
    figure = go.Figure()
    for platform, rows in monthly.dropna(subset=["followers_end_of_month"]).groupby("platform"):
        rows = rows.sort_values("month_start")
        month_end = pd.to_datetime(rows["month_start"]) + pd.offsets.MonthEnd(0)
        figure.add_trace(
            go.Scatter(
                x=month_end,
                y=rows["followers_end_of_month"],
                mode="lines+markers",
                name=f"{platform} followers",
                customdata=rows[["follower_growth"]].to_numpy(),
                hovertemplate="%{x|%b %Y}: %{y:,} followers (growth %{customdata[0]:,})"
                "<extra>" + platform + "</extra>",
            )
        )
    if not anomalies.empty:
        figure.add_trace(
            go.Scatter(
                x=pd.to_datetime(anomalies["activity_on"]),
                y=anomalies["followers"],
                mode="markers",
                name="flagged spike",
                marker={"symbol": "x", "size": 13, "color": "#d62728", "line": {"width": 2}},
                customdata=anomalies[
                    ["platform", "follower_change", "excess_followers", "robust_z"]
                ].to_numpy(),
                hovertemplate="%{x|%Y-%m-%d} %{customdata[0]}: +%{customdata[1]:,} "
                "(%{customdata[2]:,} beyond a usual day), robust z %{customdata[3]:.1f}"
                "<extra>flagged</extra>",
            )
        )
    figure.update_yaxes(title="followers")
    return _layout(figure, height=400, legend={"orientation": "h", "y": -0.15})


def monthly_measure(monthly: pd.DataFrame, measure: str) -> go.Figure:
    """One measure of creator_reach_monthly per platform, month by month (platforms' reach
    figures differ, so each platform is its own line)."""
    figure = go.Figure()
    for platform, rows in monthly.dropna(subset=[measure]).groupby("platform"):
        rows = rows.sort_values("month_start")
        figure.add_trace(
            go.Scatter(
                x=rows["month_start"],
                y=rows[measure],
                mode="lines+markers",
                name=platform,
                hovertemplate="%{x|%b %Y}: %{y:.2%}<extra>" + platform + "</extra>",
            )
        )
    figure.update_yaxes(title=measure.replace("_", " "), tickformat=".1%", rangemode="tozero")
    return _layout(figure, height=340)


def signal_shares(monthly: pd.DataFrame) -> go.Figure:
    """The inauthentic-engagement signals' shares of audience comments, month by month."""
    frame = monthly.sort_values("month_start")
    figure = go.Figure()
    for column, label in SIGNAL_COLUMNS.items():
        figure.add_trace(
            go.Scatter(
                x=frame["month_start"],
                y=frame[column],
                mode="lines+markers",
                name=label,
                line={"width": 3 if column == "inauthentic_signal_share" else 1.5},
                customdata=frame[["audience_comments"]].to_numpy(),
                hovertemplate="%{x|%b %Y}: %{y:.1%} of %{customdata[0]:,} comments"
                f"<extra>{label}</extra>",
            )
        )
    figure.update_yaxes(title="share of audience comments", tickformat=".0%", rangemode="tozero")
    return _layout(figure, height=360, legend={"orientation": "h", "y": -0.2})


def signal_share_by_creator(monthly: pd.DataFrame, highlight: str | None) -> go.Figure:
    """Every creator's headline inauthentic-comment share over time."""
    figure = go.Figure()
    for creator, rows in monthly.sort_values("month_start").groupby("creator_name"):
        chosen = creator == highlight
        figure.add_trace(
            go.Scatter(
                x=rows["month_start"],
                y=rows["inauthentic_signal_share"],
                mode="lines",
                name=creator,
                line={"width": 4 if chosen else 1.2, "color": "#d62728" if chosen else None},
                opacity=1 if chosen else 0.55,
                hovertemplate="%{x|%b %Y}: %{y:.1%}<extra>" + creator + "</extra>",
            )
        )
    figure.update_yaxes(title="inauthentic-signal share", tickformat=".0%", rangemode="tozero")
    return _layout(figure, height=360)


def tier_benchmarks(tiers: pd.DataFrame) -> go.Figure:
    """Engagement rate by followers of every creator and platform, by follower tier."""
    frame = tiers.dropna(subset=["follower_tier", "engagement_rate_by_followers"])
    figure = go.Figure()
    for platform, rows in frame.groupby("platform"):
        figure.add_trace(
            go.Box(
                x=rows["follower_tier"],
                y=rows["engagement_rate_by_followers"],
                name=platform,
                boxpoints="all",
                jitter=0.4,
                pointpos=0,
                customdata=rows[
                    [
                        "creator_name",
                        "followers",
                        "engagement_percentile_in_tier",
                        "tier_peer_count",
                    ]
                ].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b>: %{y:.2%} of %{customdata[1]:,} followers"
                "<br>percentile %{customdata[2]:.0f} of %{customdata[3]} in tier"
                "<extra>" + platform + "</extra>",
            )
        )
    figure.update_xaxes(
        title="follower tier",
        categoryorder="array",
        categoryarray=[t for t in TIER_ORDER if t in set(frame["follower_tier"])],
    )
    figure.update_yaxes(title="engagement rate by followers (window)", tickformat=".1%")
    return _layout(figure, height=420, boxmode="group")


def revenue_by_model(people: pd.DataFrame) -> go.Figure:
    """Each person's credited revenue under every attribution model, side by side."""
    figure = go.Figure()
    for column, label in MODEL_COLUMNS.items():
        figure.add_trace(
            go.Bar(
                x=people["label"],
                y=people[column].astype(float),
                name=label,
                hovertemplate="%{x}: %{y:,.2f}<extra>" + label + "</extra>",
            )
        )
    figure.update_yaxes(title="attributed revenue", tickformat=",.0f")
    return _layout(figure, height=440, barmode="group", legend={"orientation": "h", "y": 1.12})


def sourced_influenced(people: pd.DataFrame) -> go.Figure:
    figure = go.Figure()
    for column, label in (
        ("sourced_revenue", "sourced (first touch)"),
        ("influenced_revenue", "influenced (any touch)"),
    ):
        figure.add_trace(
            go.Bar(
                x=people["label"],
                y=people[column].astype(float),
                name=label,
                hovertemplate="%{x}: %{y:,.2f}<extra>" + label + "</extra>",
            )
        )
    figure.update_yaxes(title="won revenue", tickformat=",.0f")
    return _layout(figure, height=380, barmode="group", legend={"orientation": "h", "y": 1.12})


def days_to_close(journeys: pd.DataFrame, medians: pd.DataFrame) -> go.Figure:
    """Days from each introduction to the close of the deal it is a touch of, per introducer,
    beside the introducer's median days from introduction to close."""
    figure = go.Figure()
    figure.add_trace(
        go.Box(
            x=journeys["label"],
            y=journeys["days_to_close"],
            name="introduction → won deal",
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker_color="#1f77b4",
            customdata=journeys[["deal_id"]].to_numpy(),
            hovertemplate="%{x}: %{y:.0f} days (deal %{customdata[0]})<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=medians["label"],
            y=medians["median_days_introduction_to_close"],
            mode="markers",
            name="median days, introduction to close",
            marker={"symbol": "diamond", "size": 13, "color": "#ff7f0e"},
            hovertemplate="%{x}: median %{y:.0f} days<extra></extra>",
        )
    )
    figure.update_yaxes(title="days from introduction to close", rangemode="tozero")
    return _layout(figure, height=400, legend={"orientation": "h", "y": 1.12})


def introductions_network(
    people: pd.DataFrame, edges: pd.DataFrame, connectors: set[str]
) -> go.Figure:
    """People (nodes, sized by betweenness) and the introductions that led to won deals:
    an introducer tied to each won deal their introduction is a touch of, and, along
    introduction chains, the upstream person tied to the introducer they introduced.
    Connectors (creator role connector or both) are highlighted and named."""
    graph = nx.Graph()
    for row in people.itertuples():
        graph.add_node(row.person_id, kind="person")
    for row in edges.itertuples():
        graph.add_node(row.source, kind=graph.nodes.get(row.source, {}).get("kind", "person"))
        graph.add_node(row.target, kind=row.target_kind)
        graph.add_edge(row.source, row.target, kind=row.edge_kind)
    positions = nx.spring_layout(graph, seed=7, k=1.6 / math.sqrt(max(len(graph), 1)))
    figure = go.Figure()
    for edge_kind, colour, label in (
        ("introduction", "rgba(120,120,120,0.45)", "introduction → won deal"),
        ("chain", "rgba(255,127,14,0.9)", "introduced the introducer (chain)"),
    ):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for a, b, attrs in graph.edges(data=True):
            if attrs["kind"] == edge_kind:
                xs += [positions[a][0], positions[b][0], None]
                ys += [positions[a][1], positions[b][1], None]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=label,
                line={"color": colour, "width": 1.5},
                hoverinfo="skip",
            )
        )
    deals = [node for node, attrs in graph.nodes(data=True) if attrs["kind"] == "deal"]
    figure.add_trace(
        go.Scatter(
            x=[positions[d][0] for d in deals],
            y=[positions[d][1] for d in deals],
            mode="markers",
            name="won deal",
            marker={"symbol": "square", "size": 7, "color": "#bbbbbb"},
            text=deals,
            hovertemplate="deal %{text}<extra></extra>",
        )
    )
    info = people.set_index("person_id")
    for highlighted in (False, True):
        ids = [p for p in info.index if (p in connectors) == highlighted and p in positions]
        rows = info.loc[ids]
        figure.add_trace(
            go.Scatter(
                x=[positions[p][0] for p in ids],
                y=[positions[p][1] for p in ids],
                mode="markers+text" if highlighted else "markers",
                name="connector" if highlighted else "other introducer",
                text=rows["label"] if highlighted else None,
                textposition="top center",
                textfont={"size": 13, "color": "#d62728"},
                marker={
                    "size": 10 + 40 * rows["betweenness_centrality"].fillna(0).to_numpy(),
                    "color": "#d62728" if highlighted else "#1f77b4",
                    "line": {"width": 1, "color": "white"},
                },
                customdata=rows[
                    ["label", "introductions_made", "betweenness_centrality", "burt_constraint"]
                ].to_numpy(),
                hovertemplate="<b>%{customdata[0]}</b><br>introductions %{customdata[1]}"
                "<br>betweenness %{customdata[2]:.3f}<br>Burt's constraint %{customdata[3]:.2f}"
                "<extra></extra>",
            )
        )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    return _layout(figure, height=620, legend={"orientation": "h", "y": -0.05})
