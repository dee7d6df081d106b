"""The dashboard's Streamlit entry point (`python -m dashboard` runs it)."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run` puts this folder on sys.path, not the repository: import the repository's
# packages from here, not from another checkout the environment may point at.
REPO_ROOT = str(Path(__file__).resolve().parent.parent)
if sys.path[0] != REPO_ROOT:
    sys.path.insert(0, REPO_ROOT)

import importlib  # noqa: E402
from collections.abc import Callable  # noqa: E402

import streamlit as st  # noqa: E402

from dashboard import data  # noqa: E402


def view(name: str) -> Callable[[], None]:
    """The page `dashboard.views.<name>`, imported when first shown (the missing-file message
    needs none of the charting libraries)."""

    def render() -> None:
        importlib.import_module(f"dashboard.views.{name}").render()

    return render


PAGES = [
    st.Page(view("creators"), title="Reach vs mutuality", url_path="creators", default=True),
    st.Page(view("creator"), title="Creator", url_path="creator"),
    st.Page(view("vanity"), title="Vanity audit", url_path="vanity"),
    st.Page(view("connectors"), title="Connectors", url_path="connectors"),
    st.Page(view("metrics"), title="Metric definitions", url_path="metrics"),
]


def main() -> None:
    st.set_page_config(page_title="Mutuality", layout="wide")
    page = st.navigation(PAGES)
    version = data.current_version()
    if version is None:
        st.title("Mutuality")
        st.error(data.missing_message())
        st.stop()
    st.sidebar.caption(f"Published version `{version.path.parent.name}`, read-only.")
    page.run()


main()
