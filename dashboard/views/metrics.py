"""Metric definitions: docs/metrics.md, served by the dashboard so every chart's link works
offline. `?metric=<name>` puts that metric's section first."""

from __future__ import annotations

import streamlit as st

from dashboard.definitions import (
    DOCUMENTED_METRICS,
    METRICS_DOC_NAME,
    metric_section,
    read_metrics_doc,
)


def render() -> None:
    st.title("Metric definitions")
    wanted = st.query_params.get("metric")
    document = read_metrics_doc()
    if document is None:
        st.warning(
            f"`{METRICS_DOC_NAME}` is not in this checkout, so the definitions cannot be shown. "
            f"It defines: {', '.join(sorted(DOCUMENTED_METRICS))}."
        )
        return
    if wanted:
        section = metric_section(document, wanted)
        if section:
            with st.container(border=True, key="metric_definition"):
                st.markdown(section, unsafe_allow_html=True)
        else:
            st.warning(f"`{METRICS_DOC_NAME}` has no anchor `{wanted}`.")
    st.caption(f"The whole of `{METRICS_DOC_NAME}`:")
    st.markdown(document, unsafe_allow_html=True)
