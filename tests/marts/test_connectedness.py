"""Connectedness marts on the small sample, through the real Dagster job.

Expectations come from the generator's planted parameters (ground truth), never from a run:
reply rates are binomial with the planted probability, reply delays lognormal with the planted
median and sigma. Replies drawn after the export cutoff (end of the window's last day) are cut
by the generator, so the expectation for each comment is its reply probability times the
chance its delay fits before the cutoff. The seed fixes the sample, so a chance failure would
be permanent: tolerances are 4 standard errors (below 1e-4 per check).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from mutuality import platforms
from tests.conftest import PipelineRun

Z = 4.0
HOUR = 3_600.0
ARCHETYPES = (
    "community_builder",
    "broadcaster",
    "connector",
    "bought_followers",
    "fading_campaign",
)
COMMENT_PLATFORMS = platforms.providing("comments")
# activity.Simulator._bot_burst: a bought account's comment is answered with this probability,
# exactly four hours later.
BOT_REPLY_PROBABILITY = 0.02
BOT_REPLY_HOURS = 4.0
# activity.Simulator._exchange: an optional second audience message (5-300 s, plus up to 1 s of
# jitter per message) can sit between the opening DM and the creator's answer.
DM_OPENING_GAP_MAX_SECONDS = 303.0
DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project" / "dbt_project.yml"


def dbt_var(name: str) -> Any:
    return yaml.safe_load(DBT_PROJECT.read_text())["vars"][name]


def normal_cdf(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def lognormal_cdf(hours: float, mu: float, sigma: float) -> float:
    return normal_cdf((math.log(hours) - mu) / sigma) if hours > 0 else 0.0


def bisect(function: Callable[[float], float], low: float, high: float) -> float:
    """The x in [low, high] where an increasing function crosses zero."""
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if function(middle) < 0 else (low, middle)
    return (low + high) / 2


@dataclass(frozen=True)
class Trial:
    """One comment or conversation the creator answers with ``probability``, after a delay
    drawn from the planted lognormal (or exactly ``fixed_delay_hours``); an answer later than
    ``hours_left`` (the time to the export cutoff) is cut."""

    probability: float
    hours_left: float
    fixed_delay_hours: float | None = None

    def answered_within(self, hours: float, mu: float, sigma: float, shift: float = 0.0) -> float:
        """Chance of an answer no later than ``hours`` (and before the cutoff)."""
        horizon = min(hours, self.hours_left)
        if self.fixed_delay_hours is not None:
            return self.probability * (self.fixed_delay_hours <= horizon)
        return self.probability * lognormal_cdf(horizon - shift, mu, sigma)


@dataclass(frozen=True)
class Expected:
    """Bounds on the answer rate and the log median answer time, with standard errors."""

    rate_low: float
    rate_high: float
    rate_se: float
    log_median_low: float
    log_median_high: float
    log_median_se_one: float
    """Standard error of the log median for a single answer (divide by sqrt(answers))."""

    def rate_bounds(self) -> tuple[float, float]:
        return self.rate_low - Z * self.rate_se, self.rate_high + Z * self.rate_se

    def log_median_bounds(self, answered: int) -> tuple[float, float]:
        margin = Z * self.log_median_se_one / math.sqrt(answered)
        return self.log_median_low - margin, self.log_median_high + margin


def expect(trials: list[Trial], mu: float, sigma: float, max_shift_hours: float = 0.0) -> Expected:
    """Answer rate and median answer time of ``trials``.

    ``max_shift_hours`` bounds an extra wait before the lognormal delay (the DM opening gap):
    at most it shortens every horizon by that much and lengthens the median by that much.
    """
    n = len(trials)
    never = math.inf
    rate_high = sum(t.answered_within(never, mu, sigma) for t in trials) / n
    rate_low = sum(t.answered_within(never, mu, sigma, max_shift_hours) for t in trials) / n
    chances = [t.answered_within(never, mu, sigma) for t in trials]
    rate_se = math.sqrt(sum(q * (1 - q) for q in chances)) / n
    total = sum(chances)
    if total == 0:
        return Expected(0.0, 0.0, 0.0, math.nan, math.nan, math.inf)

    def share_answered_by(log_hours: float, lognormal_only: bool = False) -> float:
        hours = math.exp(log_hours)
        return (
            sum(
                t.answered_within(hours, mu, sigma)
                for t in trials
                if not (lognormal_only and t.fixed_delay_hours is not None)
            )
            / total
        )

    log_median = bisect(lambda x: share_answered_by(x) - 0.5, -10.0, 12.0)
    # SE of a sample median: 1 / (2 f(median) sqrt(n)), f the density of the log delay there,
    # taken from the lognormal part only (fixed delays add none), which errs on the safe side
    step = 0.01
    density = (
        share_answered_by(log_median + step, True) - share_answered_by(log_median - step, True)
    ) / (2 * step)
    return Expected(
        rate_low,
        rate_high,
        rate_se,
        log_median,
        math.log(math.exp(log_median) + max_shift_hours),
        1 / (2 * density),
    )


def window_bounds(run: PipelineRun) -> tuple[date, date]:
    rows = run.query("select distinct window_start, window_end from marts.creator_connectedness")
    assert len(rows) == 1
    return rows[0]


def cutoff(run: PipelineRun) -> datetime:
    """The generator exports nothing at or after the first second after its window."""
    end = date.fromisoformat(run.ground_truth["end_date"])
    return datetime.combine(end + timedelta(days=1), datetime.min.time())


def creator(run: PipelineRun, archetype: str) -> dict[str, Any]:
    creator_id = run.ground_truth["planted"]["archetypes"][archetype]
    return next(c for c in run.ground_truth["creators"] if c["creator_id"] == creator_id)


def mart_row(run: PipelineRun, creator_id: str, platform: str) -> dict[str, Any]:
    with_names = run.query(
        f"""
        select * from marts.creator_connectedness
        where creator_id = '{creator_id}' and platform = '{platform}'
        """
    )
    names = [
        name
        for (name,) in run.query(
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'creator_connectedness' "
            "order by ordinal_position"
        )
    ]
    assert len(with_names) == 1
    return dict(zip(names, with_names[0], strict=True))


def comment_trials(
    run: PipelineRun, creator_id: str, platform: str, params: dict[str, Any]
) -> list[Trial]:
    """Audience top-level comments of the window, each with its planted reply probability."""
    start, end = window_bounds(run)
    posts = {
        "instagram": "stg_instagram__posts",
        "facebook": "stg_facebook__posts",
        "tiktok": "stg_tiktok__videos",
        "youtube": "stg_youtube_studio__videos",
    }[platform]
    rows = run.query(
        f"""
        select
            comments.commented_at,
            coalesce(posts.is_live, false),
            regexp_matches(comments.comment_text, '[?¿]')
        from intermediate.int_comments_threaded as comments
        left join (
            select post_id, bool_or(is_live) as is_live from staging.{posts} group by post_id
        ) as posts on comments.post_id = posts.post_id
        where
            comments.creator_id = '{creator_id}'
            and comments.platform = '{platform}'
            and comments.parent_comment_id is null
            and not comments.is_by_creator
            and comments.commented_at >= '{start}'
            and comments.commented_at < date '{end}' + interval 1 day
        """
    )
    end_of_export = cutoff(run)
    return [
        Trial(
            params["live_question_answer_probability"]
            if is_live and is_question
            else params["comment_reply_probability"],
            (end_of_export - at).total_seconds() / HOUR,
        )
        for at, is_live, is_question in rows
    ]


def bot_comments_in_window(run: PipelineRun, creator_id: str, platform: str) -> int:
    start, end = window_bounds(run)
    return sum(
        spike["bot_comments"]
        for spike in run.ground_truth["planted"]["bought_follower_spikes"]
        if spike["creator_id"] == creator_id
        and spike["platform"] == platform
        and start <= date.fromisoformat(spike["date"]) <= end
    )


def expected_comment_replies(
    run: PipelineRun, creator_id: str, platform: str, params: dict[str, Any]
) -> tuple[int, Expected]:
    trials = sorted(comment_trials(run, creator_id, platform, params), key=lambda t: -t.hours_left)
    # bought accounts' comments are among the trials, unrecognisable: swap as many regular
    # trials for theirs; spikes lie weeks before the cutoff, so take the oldest comments
    p = params["comment_reply_probability"]
    bots = bot_comments_in_window(run, creator_id, platform)
    for _ in range(bots):
        oldest = next(
            i for i, t in enumerate(trials) if t.probability == p and not t.fixed_delay_hours
        )
        trials[oldest] = Trial(BOT_REPLY_PROBABILITY, math.inf, BOT_REPLY_HOURS)
    lognormal = params["reply_delay_lognormal"]
    if not trials:
        return 0, Expected(0.0, 0.0, 0.0, math.nan, math.nan, math.inf)
    return len(trials), expect(trials, lognormal["mu_log_hours"], lognormal["sigma"])


# --- shape ----------------------------------------------------------------------------------


def test_one_row_per_creator_platform_plus_all(pipeline_run: PipelineRun) -> None:
    expected = {
        (c["creator_id"], platform)
        for c in pipeline_run.ground_truth["creators"]
        for platform in [*c["platforms"], "all"]
    }
    rows = pipeline_run.query("select creator_id, platform from marts.creator_connectedness")
    assert len(rows) == len(set(rows))
    assert set(rows) == expected


def test_window_ends_on_the_latest_activity_day(pipeline_run: PipelineRun) -> None:
    start, end = window_bounds(pipeline_run)
    [(latest,)] = pipeline_run.query(
        "select cast(max(occurred_at) as date) from intermediate.int_interactions_unioned"
    )
    assert end == latest
    assert (end - start).days + 1 == dbt_var("connectedness_window_days")


def test_monthly_rows_cover_every_month_and_add_up(pipeline_run: PipelineRun) -> None:
    months = pipeline_run.query(
        """
        select creator_id, platform, count(*), count(distinct month_start)
        from marts.creator_connectedness_monthly group by all
        """
    )
    start = date.fromisoformat(pipeline_run.ground_truth["start_date"])
    end = date.fromisoformat(pipeline_run.ground_truth["end_date"])
    month_count = (end.year - start.year) * 12 + end.month - start.month + 1
    assert {(rows, distinct) for _, _, rows, distinct in months} == {(month_count, month_count)}
    by_month = dict(
        pipeline_run.query(
            """
            select creator_id || '/' || platform, sum(audience_comments)
            from marts.creator_connectedness_monthly where platform != 'all' group by all
            """
        )
    )
    top_level = dict(
        pipeline_run.query(
            """
            select creator_id || '/' || platform, count(*)
            from intermediate.int_comments_threaded
            where parent_comment_id is null and not is_by_creator group by all
            """
        )
    )
    assert {k: v for k, v in by_month.items() if v} == top_level


def test_marts_are_dagster_assets_with_passing_checks(pipeline_run: PipelineRun) -> None:
    marts = {("marts", "creator_connectedness"), ("marts", "creator_connectedness_monthly")}
    materialized = {
        tuple(event.asset_key.path)
        for event in pipeline_run.result.get_asset_materialization_events()
    }
    assert marts <= materialized
    checks = [
        e
        for e in pipeline_run.result.get_asset_check_evaluations()
        if tuple(e.asset_key.path) in marts
    ]
    assert {tuple(e.asset_key.path) for e in checks} == marts
    assert [e.check_name for e in checks if not e.passed] == []
    # required columns and ranges are enforced by the contracts, as table constraints
    constraints = dict(
        pipeline_run.query(
            """
            select constraint_type, count(*) from duckdb_constraints()
            where schema_name = 'marts' and table_name = 'creator_connectedness'
            group by all
            """
        )
    )
    assert constraints.get("NOT NULL", 0) >= 4 and constraints.get("CHECK", 0) >= 10


def test_marts_hold_no_audience_identities(pipeline_run: PipelineRun) -> None:
    for mart in ("creator_connectedness", "creator_connectedness_monthly"):
        columns = [
            (name, kind)
            for name, kind in pipeline_run.query(
                "select column_name, data_type from information_schema.columns "
                f"where table_schema = 'marts' and table_name = '{mart}'"
            )
        ]
        names = {name for name, _ in columns}
        assert not {n for n in names if n.endswith("_key") or "text" in n or "handle" in n}
        text_columns = [name for name, kind in columns if kind == "VARCHAR"]
        assert set(text_columns) == {"creator_id", "creator_name", "platform", "unscored_reason"}


# --- ranking --------------------------------------------------------------------------------


def test_community_builder_top_quartile_broadcaster_bottom_despite_most_followers(
    pipeline_run: PipelineRun,
) -> None:
    followers = {
        c["creator_id"]: sum(p["followers_end"] for p in c["platforms"].values())
        for c in pipeline_run.ground_truth["creators"]
    }
    broadcaster = creator(pipeline_run, "broadcaster")["creator_id"]
    community_builder = creator(pipeline_run, "community_builder")["creator_id"]
    assert max(followers, key=followers.__getitem__) == broadcaster

    ranks = dict(
        pipeline_run.query(
            """
            select creator_id, connectedness_rank from marts.creator_connectedness
            where platform = 'all' and connectedness_score is not null
            """
        )
    )
    scored = len(ranks)
    assert scored >= 8
    assert ranks[community_builder] <= scored / 4
    assert ranks[broadcaster] > scored * 3 / 4


def test_unscored_rows_say_why_instead_of_scoring_zero(pipeline_run: PipelineRun) -> None:
    minimum = dbt_var("connectedness_min_engaging_members")
    rows = pipeline_run.query(
        """
        select engaging_members, audience_interactions + creator_interactions,
               connectedness_score, unscored_reason
        from marts.creator_connectedness
        """
    )
    assert any(reason for *_, reason in rows), "the sample has creators too quiet to judge"
    for engaging, interactions, score, reason in rows:
        if interactions == 0:
            assert (score, reason) == (None, "no_interactions")
        elif engaging < minimum:
            assert (score, reason) == (None, "too_few_engaging_members")
        assert (score is None) == (reason is not None)


# --- measures against the planted parameters ---------------------------------------------------


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_comment_reply_rates_match_the_plant(pipeline_run: PipelineRun, archetype: str) -> None:
    planted = creator(pipeline_run, archetype)
    checked = 0
    for platform, params in planted["platforms"].items():
        if platform not in COMMENT_PLATFORMS:
            continue
        row = mart_row(pipeline_run, planted["creator_id"], platform)
        comments, expected = expected_comment_replies(
            pipeline_run, planted["creator_id"], platform, params
        )
        assert row["audience_comments"] == comments
        if comments == 0:
            assert row["comment_reply_rate"] is None
            continue
        low, high = expected.rate_bounds()
        assert low <= row["comment_reply_rate"] <= high, (platform, row["comment_reply_rate"])
        checked += 1
    assert checked or not set(planted["platforms"]) & set(COMMENT_PLATFORMS)


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_median_reply_times_match_the_plant(pipeline_run: PipelineRun, archetype: str) -> None:
    planted = creator(pipeline_run, archetype)
    for platform, params in planted["platforms"].items():
        if platform not in COMMENT_PLATFORMS:
            continue
        row = mart_row(pipeline_run, planted["creator_id"], platform)
        answered = row["audience_comments_replied"]
        if answered < 5:
            continue
        _, expected = expected_comment_replies(
            pipeline_run, planted["creator_id"], platform, params
        )
        low, high = expected.log_median_bounds(answered)
        observed = math.log(row["median_reply_hours"])
        assert low <= observed <= high, (platform, row["median_reply_hours"], math.exp(low))
        assert row["p90_reply_hours"] >= row["median_reply_hours"]


@pytest.mark.parametrize("archetype", ARCHETYPES)
def test_dm_response_rates_and_times_match_the_plant(
    pipeline_run: PipelineRun, archetype: str
) -> None:
    planted = creator(pipeline_run, archetype)
    start, end = window_bounds(pipeline_run)
    end_of_export = cutoff(pipeline_run)
    for platform, params in planted["platforms"].items():
        openings = pipeline_run.query(
            f"""
            select min(sent_at)
            from intermediate.int_direct_messages_sequenced
            where creator_id = '{planted["creator_id"]}' and platform = '{platform}'
            group by owner_handle, thread_id
            having arg_min(is_by_creator, sent_at) = false
                and min(sent_at) >= '{start}' and min(sent_at) < date '{end}' + interval 1 day
            """
        )
        row = mart_row(pipeline_run, planted["creator_id"], platform)
        assert row["inbound_dm_conversations"] == len(openings)
        if len(openings) < 5:
            continue
        trials = [
            Trial(
                params["dm_response_probability"],
                (end_of_export - opened).total_seconds() / HOUR,
            )
            for (opened,) in openings
        ]
        lognormal = params["dm_response_lognormal"]
        expected = expect(
            trials,
            lognormal["mu_log_hours"],
            lognormal["sigma"],
            max_shift_hours=DM_OPENING_GAP_MAX_SECONDS / HOUR,
        )
        low, high = expected.rate_bounds()
        assert low <= row["dm_response_rate"] <= high, (platform, row["dm_response_rate"])
        answered = row["inbound_dm_conversations_answered"]
        if params["dm_response_probability"] == 0:
            assert (answered, row["median_dm_response_hours"]) == (0, None)
        elif answered >= 5:
            low, high = expected.log_median_bounds(answered)
            observed = math.log(row["median_dm_response_hours"])
            assert low <= observed <= high, (platform, row["median_dm_response_hours"])


def test_live_question_answer_rate_matches_the_plant(pipeline_run: PipelineRun) -> None:
    planted = creator(pipeline_run, "community_builder")
    probability = next(iter(planted["platforms"].values()))["live_question_answer_probability"]
    [(questions, answered)] = pipeline_run.query(
        f"""
        select live_questions, live_questions_answered from marts.creator_connectedness
        where creator_id = '{planted["creator_id"]}' and platform = 'all'
        """
    )
    assert questions >= 30
    se = math.sqrt(probability * (1 - probability) / questions)
    # live questions come with a two-hour median reply: the cutoff cuts at most a few
    assert abs(answered / questions - probability) <= Z * se + 3 / questions


def test_x_has_no_comment_measures_only_the_creators_replies(pipeline_run: PipelineRun) -> None:
    rows = pipeline_run.query(
        """
        select audience_comments, comment_reply_rate, median_reply_hours, live_questions,
               creator_replies
        from marts.creator_connectedness where platform = 'x'
        """
    )
    assert rows
    assert {(ac, rate, hours, live) for ac, rate, hours, live, _ in rows} == {(0, None, None, 0)}
    assert sum(replies for *_, replies in rows) > 0
