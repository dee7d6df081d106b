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
    derived_columns: dict[str, str] = field(default_factory=dict)
    """Extra columns computed when the batch is read (SQL expressions, window functions
    allowed), so cross-row rules become row rules: e.g. credits summed per deal and model."""
    freshness_column: str | None = None
    """The newest value must fall within the configured number of days of the run date."""
    min_rows: int = 1

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
        not_null=("created_at",),
        at_most=(("created_at", "latest_source_at"),),
        freshness_column="created_at",
    ),
    SuiteSpec(
        relation="staging.stg_crm__deals",
        key=("deal_id",),
        not_null=("deal_stage", "created_at", "is_won", "is_closed"),
        non_negative=("amount",),
        at_most=(("created_at", "closed_at"),),
        freshness_column="created_at",
    ),
    SuiteSpec(
        relation="staging.stg_partnerships__introductions",
        key=("introduction_id",),
        not_null=("introducer_name", "introduced_on"),
        freshness_column="introduced_on",
    ),
)

MART_SUITES: tuple[SuiteSpec, ...] = ()

ALL_SUITES: tuple[SuiteSpec, ...] = STAGING_SUITES + MART_SUITES


def suite_by_name(name: str) -> SuiteSpec:
    for spec in ALL_SUITES:
        if spec.name == name:
            return spec
    raise KeyError(f"no quality suite named {name!r}")
