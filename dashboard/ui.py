"""Streamlit helpers every page shares: the published version, cached marts, chart captions."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data
from dashboard.definitions import definition

# Plotly's own toolbar links to plotly.com ("Produced with Plotly"): keep it local.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "showLink": False,
    "modeBarButtonsToRemove": ["sendDataToCloud"],
}


def version() -> data.Version:
    """The published version this page reads (app.py stops before any page when there is none)."""
    found = data.current_version()
    if found is None:
        st.error(data.missing_message())
        st.stop()
    return found


@st.cache_data(show_spinner=False, max_entries=64)
def _cached(path: str, mtime_ns: int, sql: str, params: tuple) -> pd.DataFrame:
    return data.query(data.Version(Path(path), mtime_ns), sql, list(params))


def query(sql: str, *params: object) -> pd.DataFrame:
    """A query on the published file, cached per version (a new publish is read afresh)."""
    current = version()
    return _cached(str(current.path), current.mtime_ns, sql, params)


def mart(name: str, order_by: str | None = None) -> pd.DataFrame:
    order = f" order by {order_by}" if order_by else ""
    return query(f'select * from marts."{name}"{order}')


def measures(table: str, *columns: str | tuple[str, str]) -> None:
    """Under a chart: where each of its measures is defined. A column is given by its name, or
    as (column, metric) when it is an instance of a metric of docs/metrics.md."""
    lines = []
    for column in columns:
        name, metric = column if isinstance(column, tuple) else (column, None)
        described = data.column_description(version(), table, name)
        lines.append("- " + definition(name, described, metric).markdown())
    st.markdown("\n".join(lines))


def pick(label: str, options: list[str], format_func, param: str) -> str:
    """A select box whose choice is the URL's `?<param>=<option>` (a link can open the page on
    one creator; the choice is kept in the URL)."""
    wanted = st.query_params.get(param)
    index = options.index(wanted) if wanted in options else 0
    chosen = st.selectbox(label, options, index=index, format_func=format_func)
    st.query_params[param] = chosen
    return chosen


def about(table: str) -> None:
    """The mart's own description, folded away."""
    text = data.model_description(table)
    if text:
        with st.expander(f"About marts.{table}"):
            st.markdown(text)


def table(frame: pd.DataFrame, columns: list[str], rows: int = 25) -> None:
    """A table of the frame's columns, tall enough for `rows` rows without scrolling."""
    shown = frame[columns].copy()
    for column in shown.columns:  # DuckDB dates arrive as midnight timestamps: show the day
        values = shown[column]
        if pd.api.types.is_datetime64_any_dtype(values) and (values.dt.normalize() == values).all():
            shown[column] = values.dt.date
    st.dataframe(
        shown, hide_index=True, width="stretch", height=35 * (min(len(shown), rows) + 1) + 3
    )


def chart(figure: go.Figure, key: str) -> None:
    st.plotly_chart(figure, config=PLOTLY_CONFIG, key=key, width="stretch")


def person_label(name: object, person_id: str, kind: str) -> str:
    """A person as published: their name when they may be named, else their id and role."""
    if isinstance(name, str) and name:
        return name
    return f"{person_id} ({kind})"
