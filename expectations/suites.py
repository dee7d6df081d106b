"""What the gate checks, table by table. This is the source of the committed GX suites:
`python -m expectations sync` turns each spec (plus the table's column types, read from a
built warehouse) into a suite, a validation definition and a checkpoint under expectations/gx.

A spec holds only what the gate alone checks: volume against the last published version,
freshness, cross-row sums (derived columns) and the empty-table rule. The row-level rules
(key, not null, ranges, a <= b, accepted values) are the model's dbt contract and tests,
read by `expectations.dbt_rules` and repeated in the suite from there (`SuiteSpec.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from expectations.dbt_rules import ModelRules, rules_for


@dataclass(frozen=True)
class SuiteSpec:
    relation: str
    """schema.table in the warehouse."""
    published: bool = False
    """Published to BI: the volume check compares with the last published row count."""
    equal: tuple[tuple[str, str], ...] = ()
    """(a, b): a == b on every row, a derived column (a cross-row sum) against a stored one."""
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
    def rules(self) -> ModelRules:
        """The model's row-level rules, from its dbt YAML (contract and data tests)."""
        return rules_for(self.table)

    @property
    def key(self) -> tuple[str, ...]:
        return self.rules.key

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
    ),
    SuiteSpec(
        relation="staging.stg_crm__contacts",
        no_data_when_empty=("select count(*) from raw.crm_contacts", "no CRM contacts loaded"),
        freshness_column="created_at",
    ),
    SuiteSpec(
        relation="staging.stg_crm__deals",
        no_data_when_empty=("select count(*) from raw.crm_deals", "no CRM deals loaded"),
        freshness_column="created_at",
    ),
    SuiteSpec(
        relation="staging.stg_partnerships__introductions",
        no_data_when_empty=(
            "select count(*) from raw.introductions_log",
            "no introductions log loaded",
        ),
        freshness_column="introduced_on",
    ),
)

MART_SUITES: tuple[SuiteSpec, ...] = (
    SuiteSpec(
        relation="marts.creator_connectedness",
        published=True,
        freshness_column="window_end",
    ),
    SuiteSpec(
        relation="marts.creator_connectedness_monthly",
        published=True,
        freshness_column="month_end",
    ),
    SuiteSpec(
        relation="marts.creator_reach_monthly",
        published=True,
        derived_columns={"month_last_day": "last_day(month_start)"},
        freshness_column="month_last_day",
    ),
    SuiteSpec(
        relation="marts.follower_growth_anomalies",
        published=True,
        min_rows=0,
    ),
    SuiteSpec(
        relation="marts.creator_inauthentic_engagement_monthly",
        published=True,
        derived_columns={"month_last_day": "last_day(month_start)"},
        freshness_column="month_last_day",
    ),
    SuiteSpec(
        relation="marts.creator_follower_tiers",
        published=True,
    ),
    SuiteSpec(
        relation="marts.creator_reach_vs_mutuality",
        published=True,
        freshness_column="window_end",
    ),
    SuiteSpec(
        relation="marts.deal_attribution",
        published=True,
        no_data_when_empty=(
            "select count(*) from staging.stg_crm__deals where is_won",
            "no won deals in the CRM exports",
        ),
        equal=(("credits_for_deal_and_model", "deal_amount"),),
        derived_columns={
            "credits_for_deal_and_model": (
                "sum(credit_amount) over (partition by deal_id, attribution_model)"
            ),
        },
    ),
    SuiteSpec(
        relation="marts.person_attributed_value",
        published=True,
    ),
    SuiteSpec(
        relation="marts.attribution_path_summary",
        published=True,
        no_data_when_empty=(
            "select count(*) from intermediate.int_journey_touchpoints_selected",
            "no journeys (no closed CRM deal, or an empty journey table)",
        ),
    ),
    SuiteSpec(
        relation="marts.attribution_report",
        published=True,
        no_data_when_empty=(
            "select count(*) from marts.deal_attribution",
            "no won deal credited (no CRM deals won) and no spend",
        ),
    ),
    SuiteSpec(
        relation="marts.connector_network",
        published=True,
        no_data_when_empty=(
            "select count(*) from intermediate.int_introductions_deduplicated",
            "no introductions (introductions log, LinkedIn introductions or CRM answers)",
        ),
    ),
    SuiteSpec(
        relation="marts.creator_roles",
        published=True,
    ),
)

ALL_SUITES: tuple[SuiteSpec, ...] = STAGING_SUITES + MART_SUITES


def suite_by_name(name: str) -> SuiteSpec:
    for spec in ALL_SUITES:
        if spec.name == name:
            return spec
    raise KeyError(f"no quality suite named {name!r}")
