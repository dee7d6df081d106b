"""What the gate checks, table by table. This is the source of the committed GX suites:
`python -m expectations sync` turns each spec (plus the table's column types, read from a
built warehouse) into a suite, a validation definition and a checkpoint under expectations/gx.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SuiteSpec:
    relation: str
    """schema.table in the warehouse."""
    key: tuple[str, ...]
    """Unique and not null together."""
    published: bool = False
    """Published to BI: the volume check compares with the last published row count."""
    not_null: tuple[str, ...] = ()
    rates: tuple[str, ...] = ()
    """Each within [0, 1]."""
    scores: tuple[str, ...] = ()
    """Each within [0, 100]."""
    non_negative: tuple[str, ...] = ()
    """Counts and money."""
    at_most: tuple[tuple[str, str], ...] = ()
    """(a, b): a <= b on every row, e.g. replies never exceed the comments they answer."""
    equal: tuple[tuple[str, str], ...] = ()
    """(a, b): a == b on every row (usually a derived column against a stored one)."""
    accepted_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Fixed vocabularies only. A platform column's values are the platform registry's, held
    by the dbt accepted_values test on it (docs/architecture.md), never repeated here."""
    derived_columns: dict[str, str] = field(default_factory=dict)
    """Extra columns computed when the batch is read (SQL expressions, window functions
    allowed), so cross-row rules become row rules: e.g. credits summed per deal and model."""
    freshness_column: str | None = None
    """The newest value must fall within the configured number of days of the run date."""
    min_rows: int = 1
    no_data_when_empty: tuple[str, str] | None = None
    """(SQL counting the upstream records this table is made of, what their absence means).
    An empty table whose upstream count is 0 is "no data" (a team without a CRM or an
    introductions log): the suite passes and says so, instead of blocking the publish."""

    @property
    def schema(self) -> str:
        return self.relation.split(".")[0]

    @property
    def table(self) -> str:
        return self.relation.split(".")[1]

    @property
    def name(self) -> str:
        return f"{self.schema}__{self.table}"

    @property
    def asset_key(self) -> tuple[str, str]:
        return (self.schema, self.table)

    def batch_sql(self) -> str:
        derived = "".join(f",\n    {sql} as {name}" for name, sql in self.derived_columns.items())
        return f"select *{derived}\nfrom {self.relation}"


STAGING_SUITES: tuple[SuiteSpec, ...] = (
    SuiteSpec(
        relation="staging.stg_roster__creators",
        key=("creator_id",),
        not_null=("display_name",),
    ),
    SuiteSpec(
        relation="staging.stg_crm__contacts",
        key=("contact_id",),
        no_data_when_empty=("select count(*) from raw.crm_contacts", "no CRM contacts loaded"),
        not_null=("created_at",),
        at_most=(("created_at", "latest_source_at"),),
        freshness_column="created_at",
    ),
    SuiteSpec(
        relation="staging.stg_crm__deals",
        key=("deal_id",),
        no_data_when_empty=("select count(*) from raw.crm_deals", "no CRM deals loaded"),
        not_null=("deal_stage", "created_at", "is_won", "is_closed"),
        non_negative=("amount",),
        at_most=(("created_at", "closed_at"),),
        freshness_column="created_at",
    ),
    SuiteSpec(
        relation="staging.stg_partnerships__introductions",
        key=("introduction_id",),
        no_data_when_empty=(
            "select count(*) from raw.introductions_log",
            "no introductions log loaded",
        ),
        not_null=("introducer_name", "introduced_on"),
        freshness_column="introduced_on",
    ),
)

_CONNECTEDNESS_RATES = (
    "comment_reply_rate",
    "dm_response_rate",
    "two_way_conversation_share",
    "reciprocity_rate",
    "repeat_engager_share",
    "creator_initiated_share",
    "live_question_answer_rate",
    *(
        f"{measure}_percentile"
        for measure in (
            "comment_reply_rate",
            "median_reply_hours",
            "dm_response_rate",
            "median_dm_response_hours",
            "two_way_conversation_share",
            "mean_conversation_depth",
            "reciprocity_rate",
            "repeat_engager_share",
            "core_community_dunbar_ratio",
            "creator_initiated_share",
            "live_question_answer_rate",
        )
    ),
)
_CONNECTEDNESS_COUNTS = (
    "audience_interactions",
    "creator_interactions",
    "creator_replies",
    "audience_comments",
    "audience_comments_replied",
    "inbound_dm_conversations",
    "inbound_dm_conversations_answered",
    "conversation_threads",
    "two_way_threads",
    "engaging_members",
    "reciprocated_members",
    "repeat_engagers",
    "core_community_members",
    "creator_initiated_conversations",
    "live_questions",
    "live_questions_answered",
    "median_reply_hours",
    "p90_reply_hours",
    "median_dm_response_hours",
    "mean_conversation_depth",
)
_CONNECTEDNESS_PAIRS = (
    ("audience_comments_replied", "audience_comments"),
    ("inbound_dm_conversations_answered", "inbound_dm_conversations"),
    ("two_way_threads", "conversation_threads"),
    ("reciprocated_members", "engaging_members"),
    ("repeat_engagers", "engaging_members"),
    ("live_questions_answered", "live_questions"),
    ("median_reply_hours", "p90_reply_hours"),
)

MART_SUITES: tuple[SuiteSpec, ...] = (
    SuiteSpec(
        relation="marts.creator_connectedness",
        key=("creator_id", "platform"),
        published=True,
        not_null=("window_start", "window_end"),
        # follow-backs (X only) are measured on the follow lists, not the window
        rates=(*_CONNECTEDNESS_RATES, "follow_back_rate"),
        scores=("connectedness_score",),
        non_negative=(*_CONNECTEDNESS_COUNTS, "followers_followed_back"),
        at_most=(*_CONNECTEDNESS_PAIRS, ("window_start", "window_end")),
        freshness_column="window_end",
    ),
    SuiteSpec(
        relation="marts.creator_connectedness_monthly",
        key=("creator_id", "platform", "month_start"),
        published=True,
        rates=_CONNECTEDNESS_RATES,
        scores=("connectedness_score",),
        non_negative=_CONNECTEDNESS_COUNTS,
        at_most=_CONNECTEDNESS_PAIRS,
        freshness_column="month_end",
    ),
    SuiteSpec(
        relation="marts.creator_reach_monthly",
        key=("creator_id", "platform", "month_start"),
        published=True,
        # engaged share of followers may exceed 1 (non-followers engage; follower counts lag),
        # and so may engagement by reach (likes, shares, saves and comments over accounts
        # reached or views): >= 0, as the mart's contract says
        non_negative=(
            "engagement_rate_by_reach",
            "engaged_share_of_followers",
            "followers_end_of_month",
            "post_count",
            "view_count",
            "reach",
            "impression_count",
            "like_count",
            "share_count",
            "save_count",
            "comment_count",
            "engagement_count",
            "unique_engaged_audience",
            "two_way_exchanges",
            "engagement_rate_by_followers",
            "comments_per_1000_views",
            "two_way_exchanges_per_10k_followers",
            "vanity_ratio",
        ),
        derived_columns={"month_last_day": "last_day(month_start)"},
        freshness_column="month_last_day",
    ),
    SuiteSpec(
        relation="marts.follower_growth_anomalies",
        key=("creator_id", "platform", "activity_on"),
        published=True,
        min_rows=0,
        rates=("inauthentic_comment_share", "generated_handle_share_of_new_followers"),
        non_negative=(
            "followers",
            "baseline_days",
            "baseline_mad_change",
            "engaged_audience",
            "audience_comments",
            "inauthentic_signal_comments",
        ),
        at_most=(
            ("inauthentic_signal_comments", "audience_comments"),
            ("substantive_engaged_audience", "engaged_audience"),
        ),
    ),
    SuiteSpec(
        relation="marts.creator_inauthentic_engagement_monthly",
        key=("creator_id", "platform", "month_start"),
        published=True,
        rates=(
            "generic_share",
            "emoji_only_share",
            "generic_phrase_share",
            "repeated_text_share",
            "first_seen_burst_share",
            "generated_handle_share",
            "inauthentic_signal_share",
            "generated_handle_commenter_share",
        ),
        non_negative=("audience_comments", "distinct_commenters"),
        at_most=(
            ("generic_comments", "audience_comments"),
            ("inauthentic_signal_comments", "audience_comments"),
            ("distinct_commenters", "audience_comments"),
            ("generated_handle_commenters", "distinct_commenters"),
        ),
        derived_columns={"month_last_day": "last_day(month_start)"},
        freshness_column="month_last_day",
    ),
    SuiteSpec(
        relation="marts.creator_follower_tiers",
        key=("creator_id", "platform"),
        published=True,
        scores=("engagement_percentile_in_tier",),
        non_negative=("followers", "window_engagement_count", "engagement_rate_by_followers"),
        accepted_values={
            "follower_tier": ("nano", "micro", "mid", "macro", "mega"),
        },
    ),
    SuiteSpec(
        relation="marts.creator_reach_vs_mutuality",
        key=("creator_id",),
        published=True,
        scores=("connectedness_score", "reach_percentile", "connectedness_percentile"),
        non_negative=("total_followers", "window_reach", "window_two_way_exchanges"),
        at_most=(("connectedness_rank", "scored_creators"),),
        accepted_values={
            "quadrant": (
                "hollow reach",
                "hidden gem",
                "earned reach",
                "low reach, low connectedness",
                "unscored",
                "no reach data",
            )
        },
        freshness_column="window_end",
    ),
    SuiteSpec(
        relation="marts.deal_attribution",
        key=("deal_id", "attribution_model", "touch_id", "chain_hop"),
        published=True,
        no_data_when_empty=(
            "select count(*) from staging.stg_crm__deals where is_won",
            "no won deals in the CRM exports",
        ),
        not_null=("credit_amount", "deal_amount", "credit_fraction"),
        rates=("credit_fraction",),
        non_negative=("credit_amount", "deal_amount"),
        at_most=(("credit_amount", "deal_amount"),),
        equal=(("credits_for_deal_and_model", "deal_amount"),),
        derived_columns={
            "credits_for_deal_and_model": (
                "sum(credit_amount) over (partition by deal_id, attribution_model)"
            ),
        },
        accepted_values={
            "attribution_model": (
                "first_touch",
                "last_touch",
                "linear",
                "time_decay",
                "position_based",
                "markov",
                "shapley",
            )
        },
    ),
    SuiteSpec(
        relation="marts.person_attributed_value",
        key=("person_id",),
        published=True,
        non_negative=(
            "introductions_made",
            "introduction_won_revenue",
            "sourced_revenue",
            "influenced_revenue",
            "credit_first_touch",
            "credit_last_touch",
            "credit_linear",
            "credit_time_decay",
            "credit_position_based",
            "credit_markov",
            "credit_shapley",
            "open_pipeline_amount",
        ),
        at_most=(
            ("introductions_to_won_deal", "introductions_to_opportunity"),
            ("introductions_to_opportunity", "introductions_made"),
        ),
        accepted_values={"person_kind": ("creator", "partner", "introducer")},
    ),
    SuiteSpec(
        relation="marts.attribution_path_summary",
        key=("journey_path",),
        published=True,
        no_data_when_empty=(
            "select count(*) from intermediate.int_journey_touchpoints_selected",
            "no journeys (no closed CRM deal, or an empty journey table)",
        ),
        non_negative=("journeys", "conversions", "non_conversions", "conversion_value"),
        at_most=(
            ("conversions", "journeys"),
            ("non_conversions", "journeys"),
            ("transformed_touch_count", "touch_count"),
        ),
        equal=(("journeys_counted", "journeys"),),
        derived_columns={"journeys_counted": "conversions + non_conversions"},
        accepted_values={"path_transform": ("unique", "exposure", "first", "frequency")},
    ),
    SuiteSpec(
        relation="marts.attribution_report",
        key=("attribution_model", "credited_label"),
        published=True,
        no_data_when_empty=(
            "select count(*) from marts.deal_attribution",
            "no won deal credited (no CRM deals won) and no spend",
        ),
        rates=("credit_share",),
        non_negative=(
            "credited_deals",
            "credit_amount",
            "spend_amount",
            "return_on_spend",
            "window_spend_amount",
            "reciprocated_relationships",
            "cost_per_reciprocated_relationship",
        ),
        at_most=(("window_spend_amount", "spend_amount"),),
        accepted_values={
            "attribution_model": (
                "first_touch",
                "last_touch",
                "linear",
                "time_decay",
                "position_based",
                "markov",
                "shapley",
            ),
            "credited_person_kind": ("creator", "partner", "introducer"),
        },
    ),
    SuiteSpec(
        relation="marts.connector_network",
        key=("person_id",),
        published=True,
        no_data_when_empty=(
            "select count(*) from intermediate.int_introductions_deduplicated",
            "no introductions (introductions log, LinkedIn introductions or CRM answers)",
        ),
        rates=("betweenness_centrality",),
        non_negative=(
            "introductions_made",
            "people_bridged",
            "companies_bridged",
            "burt_constraint",
        ),
        accepted_values={"person_kind": ("creator", "partner", "introducer")},
    ),
    SuiteSpec(
        relation="marts.creator_roles",
        key=("creator_id",),
        published=True,
        rates=("introduction_revenue_share",),
        non_negative=(
            "audience_size",
            "audience_influenced_revenue",
            "audience_sourced_revenue",
            "introduction_influenced_revenue",
            "introduction_sourced_revenue",
        ),
        at_most=(
            ("audience_sourced_revenue", "audience_influenced_revenue"),
            ("introduction_sourced_revenue", "introduction_influenced_revenue"),
        ),
        accepted_values={"creator_role": ("influencer", "connector", "both", "neither")},
    ),
)

ALL_SUITES: tuple[SuiteSpec, ...] = STAGING_SUITES + MART_SUITES


def suite_by_name(name: str) -> SuiteSpec:
    for spec in ALL_SUITES:
        if spec.name == name:
            return spec
    raise KeyError(f"no quality suite named {name!r}")
