"""The dashboard in a real browser: `python -m dashboard` on the published sample, every page
opened in headless Chromium (the system's, driven by Playwright).

One app process serves every page. Each page must render its charts with data, link each
chart's measure to its definition, and show the planted creators: the broadcaster (planted as
hollow reach) labelled on the reach-vs-mutuality chart, the planted connector highlighted in
the introductions network. Every request the browser makes must stay on this machine (no CDN).
The names and ids come from the generator's ground truth, never from a run.

With `$MUTUALITY_DASHBOARD_SCREENSHOTS` set, every page is also saved there as a PNG (`make
dashboard-screenshots` writes docs/dashboard/).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from dashboard.data import bi_database
from dashboard.definitions import METRICS_DOC, metric_section, read_metrics_doc
from mutuality import settings
from tests.conftest import PipelineRun

STARTUP_SECONDS = 60
RENDER_MS = 45_000
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# page path -> charts it draws (the sample gives every chart data)
PAGES = {"": 1, "creator": 2, "vanity": 5, "connectors": 4}
# every chart's measures link to docs/metrics.md where the semantic layer defines them
LINKED_METRICS = {
    "": {"connectedness_score"},
    "creator": {"connectedness_score", "comment_reply_rate", "dm_response_rate"},
    "vanity": {"engagement_rate_by_followers"},
    "connectors": {"attributed_revenue", "sourced_revenue", "influenced_revenue", "introductions"},
}
CHART_DATA_JS = """
() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(gd => ({
    points: (gd._fullData || [])
        .reduce((n, t) => n + (t.visible === false ? 0 : (t._length || 0)), 0),
    drawn: gd.querySelectorAll('.point, .js-line, .box').length,
}))
"""


def chromium() -> str:
    found = os.environ.get("MUTUALITY_CHROMIUM") or shutil.which("chromium")
    if not found:
        pytest.fail(
            "No Chromium for the dashboard's browser test: install it (`apt-get install -y "
            "chromium`, as `make test` does when run as root) or set MUTUALITY_CHROMIUM to a "
            "Chromium or Chrome executable."
        )
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class App:
    """`python -m dashboard` on a data folder, on a free port, as `make dashboard` starts it."""

    def __init__(self, data_dir: Path, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALITY_")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "dashboard", "--port", str(self.port), "--data-dir", data_dir],
            cwd=settings.REPO_ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.started = time.monotonic()

    def ready(self) -> App:
        """Wait until the server answers its health check (at most STARTUP_SECONDS after it
        was started)."""
        while True:
            if self.process.poll() is not None:
                pytest.fail(f"the dashboard exited: {self.log.read_text()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                pass
            if time.monotonic() > self.started + STARTUP_SECONDS:
                self.stop()
                pytest.fail(
                    f"the dashboard did not start in {STARTUP_SECONDS} s: {self.log.read_text()}"
                )
            time.sleep(0.3)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    executable = chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def requests_seen() -> list[str]:
    return []


@pytest.fixture(scope="module")
def page(browser: Browser, requests_seen: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.on("request", lambda request: requests_seen.append(request.url))
    yield opened
    context.close()


@pytest.fixture(scope="module")
def empty_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """The app on a data folder where nothing was published (started beside the other)."""
    folder = tmp_path_factory.mktemp("unpublished")
    (folder / "data").mkdir()
    served = App(folder / "data", folder / "app.log")
    yield served
    served.stop()


@pytest.fixture(scope="module")
def app(
    pipeline_run: PipelineRun, empty_app: App, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[App]:
    assert bi_database().exists(), "the pipeline fixture published no BI file"
    served = App(settings.data_dir(), tmp_path_factory.mktemp("dashboard") / "app.log")
    yield served.ready()
    served.stop()


@pytest.fixture(scope="module")
def screenshots() -> Path | None:
    """Where page screenshots go: `$MUTUALITY_DASHBOARD_SCREENSHOTS`, else none are taken."""
    folder = os.environ.get("MUTUALITY_DASHBOARD_SCREENSHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def planted_name(pipeline_run: PipelineRun, creator_id: str) -> str:
    (creator,) = [c for c in pipeline_run.ground_truth["creators"] if c["creator_id"] == creator_id]
    return creator["display_name"]


def open_page(page: Page, url: str, charts: int) -> list[dict[str, int]]:
    """Open `url` and wait until Streamlit has run the page and its `charts` charts are drawn
    with data; fail at once on an exception or error the page shows."""
    page.goto(url)
    deadline = time.monotonic() + RENDER_MS / 1000
    while time.monotonic() < deadline:
        errors = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
        if errors.count():
            pytest.fail(f"{url} shows an error: {errors.all_inner_texts()}")
        drawn = page.evaluate(CHART_DATA_JS)
        running = page.locator('[data-testid="stStatusWidget"]').count()
        if (
            not running
            and len(drawn) >= charts
            and all(c["points"] > 0 and c["drawn"] > 0 for c in drawn)
        ):
            return drawn
        page.wait_for_timeout(250)
    pytest.fail(f"{url}: charts not drawn with data in time: {page.evaluate(CHART_DATA_JS)}")


def screenshot(page: Page, folder: Path | None, name: str) -> None:
    """The whole page, when screenshots are asked for: Streamlit scrolls inside its main
    block, so the viewport grows to it."""
    if folder is None:
        return
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(int(height), 700), 8000)})
    page.wait_for_timeout(1000)  # the charts follow the new size
    page.screenshot(path=str(folder / name))
    page.set_viewport_size({"width": 1400, "height": 1000})


def selected(page: Page) -> str:
    """The option the page's (first) select box shows."""
    return page.locator('[data-testid="stSelectbox"] input').first.input_value()


def plot_text(page: Page, chart_index: int) -> list[str]:
    """The texts drawn on a chart (SVG text: labels, annotations, ticks)."""
    return page.evaluate(
        "(i) => Array.from(document.querySelectorAll('.js-plotly-plot')[i]"
        ".querySelectorAll('text')).map(t => t.textContent)",
        chart_index,
    )


def linked_metrics(page: Page) -> set[str]:
    """The metrics of docs/metrics.md the page links to (in-app links to the doc's anchors)."""
    found = set()
    for link in page.locator('a[href*="metrics?metric="]').all():
        href = link.get_attribute("href") or ""
        text = link.inner_text()
        metric = href.split("#", 1)[1]
        assert text == f"docs/metrics.md#{metric}", (href, text)
        found.add(metric)
    return found


def trace(page: Page, chart_index: int, name: str) -> dict[str, Any]:
    return page.evaluate(
        "([i, name]) => { const gd = document.querySelectorAll('.js-plotly-plot')[i];"
        " const t = gd._fullData.find(t => t.name === name);"
        " return t ? {x: Array.from(t.x || []), text: t.text} : null; }",
        [chart_index, name],
    )


def published(sql: str, *params: object) -> list[tuple]:
    with duckdb.connect(str(bi_database()), read_only=True) as conn:
        return conn.execute(sql, list(params)).fetchall()


# --- the pages --------------------------------------------------------------------------------


def test_reach_vs_mutuality_labels_the_planted_hollow_reach_creator(
    app: App, page: Page, pipeline_run: PipelineRun, screenshots: Path | None
) -> None:
    broadcaster = pipeline_run.ground_truth["planted"]["archetypes"]["broadcaster"]
    name = planted_name(pipeline_run, broadcaster)
    open_page(page, f"{app.url}/", PAGES[""])
    annotations = page.evaluate(
        "() => document.querySelector('.js-plotly-plot').layout.annotations"
        ".map(a => ({text: a.text, name: a.name}))"
    )
    assert {"text": name, "name": f"label hollow reach: {broadcaster}"} in annotations
    assert name in plot_text(page, 0), "the hollow-reach creator is not labelled on the chart"
    assert name in page.locator(".st-key-hollow_reach").inner_text()
    assert name not in page.locator(".st-key-hidden_gem").inner_text()
    assert linked_metrics(page) >= LINKED_METRICS[""]
    screenshot(page, screenshots, "reach_vs_mutuality.png")


def test_creator_page_shows_the_score_and_every_component(
    app: App, page: Page, pipeline_run: PipelineRun, screenshots: Path | None
) -> None:
    connector = pipeline_run.ground_truth["planted"]["connector"]
    open_page(page, f"{app.url}/creator?creator={connector['creator_id']}", PAGES["creator"])
    assert connector["name"] in selected(page)
    ((score, rank, scored),) = published(
        "select connectedness_score, connectedness_rank, scored_creators "
        "from marts.creator_connectedness where creator_id = ? and platform = 'all'",
        connector["creator_id"],
    )
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    assert any(f"{score:.1f} / 100" in text for text in metrics), metrics
    assert any(f"{rank} of {scored}" in text for text in metrics), metrics
    table = page.locator("table").first.inner_text()
    for component in (
        "comment_reply_rate",
        "median_reply_hours",
        "dm_response_rate",
        "two_way_conversation_share",
        "reciprocity_rate",
        "repeat_engager_share",
        "core_community_dunbar_ratio",
        "creator_initiated_share",
        "live_question_answer_rate",
    ):
        assert component in table
    (months,) = published(
        "select count(*) from marts.creator_connectedness_monthly "
        "where creator_id = ? and platform = 'all' and connectedness_score is not null",
        connector["creator_id"],
    )[0]
    trend = trace(page, 1, "connectedness score")
    assert trend is not None and len(trend["x"]) >= months > 0
    assert linked_metrics(page) >= LINKED_METRICS["creator"]
    screenshot(page, screenshots, "creator.png")


def test_vanity_audit_marks_the_planted_follower_spikes(
    app: App, page: Page, pipeline_run: PipelineRun, screenshots: Path | None
) -> None:
    planted = pipeline_run.ground_truth["planted"]
    bought = planted["archetypes"]["bought_followers"]
    spikes = {s["date"] for s in planted["bought_follower_spikes"] if s["creator_id"] == bought}
    assert spikes
    open_page(page, f"{app.url}/vanity?creator={bought}", PAGES["vanity"])
    assert planted_name(pipeline_run, bought) in selected(page)
    marked = trace(page, 0, "flagged spike")
    assert marked is not None
    assert spikes <= {str(x)[:10] for x in marked["x"]}
    assert linked_metrics(page) >= LINKED_METRICS["vanity"]
    screenshot(page, screenshots, "vanity_audit.png")


def test_connectors_page_highlights_the_planted_connector(
    app: App, page: Page, pipeline_run: PipelineRun, screenshots: Path | None
) -> None:
    connector = pipeline_run.ground_truth["planted"]["connector"]
    open_page(page, f"{app.url}/connectors", PAGES["connectors"])
    highlighted = trace(page, 0, "connector")
    assert highlighted is not None and connector["name"] in (highlighted["text"] or [])
    assert connector["name"] in plot_text(page, 0)
    revenue = trace(page, 1, "linear")
    assert revenue is not None and connector["name"] in revenue["x"]
    closing = trace(page, 3, "median days, introduction to close")
    assert closing is not None and connector["name"] in closing["x"]
    assert linked_metrics(page) >= LINKED_METRICS["connectors"]
    screenshot(page, screenshots, "connectors.png")


def test_definitions_page_shows_the_linked_metric(app: App, page: Page) -> None:
    page.goto(f"{app.url}/metrics?metric=connectedness_score#connectedness_score")
    page.get_by_role("heading", name="Metric definitions").wait_for(timeout=RENDER_MS)
    document = read_metrics_doc()
    main = page.locator('[data-testid="stMain"]')
    if document is None:
        doc = METRICS_DOC.relative_to(settings.REPO_ROOT)
        main.get_by_text(f"{doc} is not in this checkout").wait_for(timeout=RENDER_MS)
        return
    section = metric_section(document, "connectedness_score")
    assert section is not None, "docs/metrics.md has no connectedness_score anchor"
    shown = page.locator(".st-key-metric_definition")
    shown.wait_for(timeout=RENDER_MS)
    # its first line of text (an anchor tag and Markdown marks aside) is on the page
    lines = (re.sub(r"<[^>]+>|\{#[^}]*\}|[#`*]", "", line).strip() for line in section.splitlines())
    heading = next(line for line in lines if line)
    shown.get_by_text(heading).first.wait_for(timeout=RENDER_MS)  # rendered, not only mounted
    assert heading in shown.inner_text()


def test_no_request_leaves_the_machine(app: App, page: Page, requests_seen: list[str]) -> None:
    opened = {urlsplit(url).path for url in requests_seen}
    for path, charts in PAGES.items():
        if f"/{path}" not in opened:  # not opened by the tests before this one
            open_page(page, f"{app.url}/{path}", charts)
    assert {f"/{path}" for path in PAGES} <= {urlsplit(url).path for url in requests_seen}
    outside = sorted(
        {
            url
            for url in requests_seen
            if urlsplit(url).scheme not in ("data", "blob")
            and urlsplit(url).hostname not in LOCAL_HOSTS
        }
    )
    assert not outside, f"the dashboard fetched from outside the machine: {outside}"


# --- without a published version ------------------------------------------------------------


def test_missing_bi_file_names_the_path_and_the_command(
    browser: Browser, empty_app: App, screenshots: Path | None
) -> None:
    empty_app.ready()
    expected = Path(empty_app.process.args[-1]).resolve() / "published" / "mutuality_bi.duckdb"
    context = browser.new_context(viewport={"width": 1400, "height": 700})
    opened = context.new_page()
    for path in ("vanity", ""):
        opened.goto(f"{empty_app.url}/{path}")
        alert = opened.locator('[data-testid="stAlertContentError"]')
        alert.wait_for(timeout=RENDER_MS)
        text = alert.inner_text()
        assert str(expected) in text
        assert "make run" in text
        assert opened.locator(".js-plotly-plot").count() == 0
    screenshot(opened, screenshots, "no_published_version.png")
    context.close()
