"""Where the dashboard's charts say their measures are defined (no browser, no pipeline)."""

from __future__ import annotations

import yaml

from dashboard import data
from dashboard.definitions import definition, metric_section

DOC = """# Metrics

Intro.

## Connectedness

<a id="connectedness_score"></a>
### Connectedness score

The 0-100 score.

#### How it is computed

Percentiles.

### `comment_reply_rate`

Replies over comments.

## Attribution {#attribution}

### Sourced revenue {#sourced_revenue}

First touch.

## engagement_rate_by_reach
By reach.
"""


def test_section_starts_at_the_anchor_and_ends_at_the_next_heading_of_its_level() -> None:
    section = metric_section(DOC, "connectedness_score")
    assert section is not None
    assert section.startswith('<a id="connectedness_score"></a>\n### Connectedness score')
    assert "#### How it is computed" in section  # a sub-heading belongs to it
    assert "comment_reply_rate" not in section


def test_a_heading_is_found_by_its_slug_or_its_custom_id() -> None:
    assert metric_section(DOC, "comment_reply_rate") == (
        "### `comment_reply_rate`\n\nReplies over comments."
    )
    assert metric_section(DOC, "sourced_revenue") == (
        "### Sourced revenue {#sourced_revenue}\n\nFirst touch."
    )
    assert metric_section(DOC, "engagement_rate_by_reach") == (
        "## engagement_rate_by_reach\nBy reach."
    )
    assert metric_section(DOC, "dm_response_rate") is None


def test_documented_metrics_link_to_the_doc_and_others_show_their_column_description() -> None:
    linked = definition("connectedness_score", "the score")
    assert linked.doc_ref == "docs/metrics.md#connectedness_score"
    assert linked.href == "metrics?metric=connectedness_score#connectedness_score"
    assert "[docs/metrics.md#connectedness_score](" in linked.markdown()
    as_metric = definition("credit_linear", "Money credited under `linear`.", "attributed_revenue")
    assert as_metric.doc_ref == "docs/metrics.md#attributed_revenue"
    described = definition("robust_z", "The robust z.")
    assert described.doc_ref is None and described.href is None
    assert described.markdown() == "**robust_z**: The robust z."


def test_column_descriptions_come_from_the_mart_yaml_when_the_file_has_none() -> None:
    path = data.MARTS_MODELS_DIR / "vanity" / "_vanity__models.yml"
    (model,) = [
        m
        for m in yaml.safe_load(path.read_text())["models"]
        if m["name"] == "creator_follower_tiers"
    ]
    (column,) = [c for c in model["columns"] if c["name"] == "engagement_percentile_in_tier"]
    expected = " ".join(column["description"].split())
    assert data.column_description(None, "creator_follower_tiers", column["name"]) == expected
    # YAML anchors of the connectedness marts resolve: the monthly mart has the same text
    assert data.column_description(None, "creator_connectedness_monthly", "dm_response_rate") == (
        data.column_description(None, "creator_connectedness", "dm_response_rate")
    )
    assert data.column_description(None, "creator_connectedness", "no_such_column") is None
