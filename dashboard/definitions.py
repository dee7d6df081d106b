"""Where each chart's measure is defined: `docs/metrics.md#<metric>` for the metrics of the
semantic layer, the column's description for every other measure.

The dashboard serves docs/metrics.md itself (the "Metric definitions" page), so a link works
offline and shows the definition of the version of the code that draws the chart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from mutuality.settings import REPO_ROOT

METRICS_DOC = REPO_ROOT / "docs" / "metrics.md"
METRICS_DOC_NAME = "docs/metrics.md"
# The metrics docs/metrics.md defines, each under an anchor of its name.
DOCUMENTED_METRICS = frozenset(
    {
        "connectedness_score",
        "comment_reply_rate",
        "dm_response_rate",
        "engaged_share_of_followers",
        "engagement_rate_by_followers",
        "engagement_rate_by_reach",
        "introductions",
        "sourced_revenue",
        "influenced_revenue",
        "attributed_revenue",
    }
)
DEFINITIONS_PAGE = "metrics"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ANCHOR = re.compile(r"""<a\s+(?:id|name)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_CUSTOM_ID = re.compile(r"\{#([^}\s]+)\}\s*$")


@dataclass(frozen=True)
class Definition:
    """Where a measure is defined: a metric of docs/metrics.md, or a column description."""

    measure: str
    metric: str | None
    description: str | None

    @property
    def doc_ref(self) -> str | None:
        return f"{METRICS_DOC_NAME}#{self.metric}" if self.metric else None

    @property
    def href(self) -> str | None:
        """The in-app link to the metric's definition (relative, so any base path works)."""
        if not self.metric:
            return None
        return f"{DEFINITIONS_PAGE}?metric={quote(self.metric)}#{quote(self.metric)}"

    def markdown(self) -> str:
        if self.metric:
            return f"**{self.measure}**: defined in [{self.doc_ref}]({self.href})"
        return f"**{self.measure}**: {self.description or 'no description published'}"


def definition(measure: str, description: str | None, metric: str | None = None) -> Definition:
    """The definition of `measure`: the metric it is an instance of (its own name by default)
    when docs/metrics.md defines it, else its column description."""
    metric = metric or measure
    if metric in DOCUMENTED_METRICS:
        return Definition(measure, metric, description)
    return Definition(measure, None, description)


def github_slug(text: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to dashes."""
    text = re.sub(r"<[^>]+>", "", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(line: str) -> set[str]:
    found = set(_ANCHOR.findall(line))
    heading = _HEADING.match(line)
    if heading:
        title = heading.group(2)
        custom = _CUSTOM_ID.search(title)
        if custom:
            found.add(custom.group(1))
            title = title[: custom.start()]
        found.add(github_slug(title))
    return found


def metric_section(markdown: str, metric: str) -> str | None:
    """The section of the document that defines `metric`: from the heading that carries its
    anchor (an `<a id>` / `<a name>`, a `{#id}` or the heading's own slug) or the anchor line
    itself, to the next heading of the same or a higher level. None when there is no anchor."""
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        if metric not in _anchors(line):
            continue
        start = index
        heading = _HEADING.match(line)
        if not heading and index + 1 < len(lines) and _HEADING.match(lines[index + 1]):
            heading = _HEADING.match(lines[index + 1])  # an anchor on the line above a heading
            start = index + 1
        level = len(heading.group(1)) if heading else 7
        end = len(lines)
        for later in range(start + 1, len(lines)):
            other = _HEADING.match(lines[later])
            if other and len(other.group(1)) <= level:
                end = later
                break
        return "\n".join(lines[index:end]).strip()
    return None


def read_metrics_doc(path: Path = METRICS_DOC) -> str | None:
    return path.read_text(encoding="utf-8") if path.exists() else None
