"""Vanity-audit marts on the small sample, through the real Dagster job.

Expectations come from the generator's planted parameters (ground truth), never from a run.
Daily organic follows are Poisson with the planted daily baseline, so the chance that an
ordinary day clears the robust-z threshold is a Poisson tail; bought followers, their bot
comments and the fading campaign's monthly decay are read from `planted`. The seed fixes the
sample, so a chance failure would be permanent: statistical tolerances are 4 standard errors.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from mutuality import platforms
from tests.conftest import PipelineRun

Z = 4.0
DATED_FOLLOWER_PLATFORMS = platforms.providing("follower_series")
COMMENT_PLATFORMS = platforms.providing("comments")
REACH_PLATFORMS = platforms.providing("reach_days")
FALSE_FLAG_RISK = 1e-4
DBT_PROJECT = Path(__file__).resolve().parents[2] / "dbt_project" / "dbt_project.yml"
VANITY_MARTS = (
    "creator_reach_monthly",
    "follower_growth_anomalies",
    "creator_inauthentic_engagement_monthly",
    "creator_follower_tiers",
    "creator_reach_vs_mutuality",
)


def dbt_var(name: str) -> Any:
    return yaml.safe_load(DBT_PROJECT.read_text())["vars"][name]


def archetype(run: PipelineRun, name: str) -> str:
    return run.ground_truth["planted"]["archetypes"][name]


def planted_platforms(run: PipelineRun) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (creator["creator_id"], platform): plan
        for creator in run.ground_truth["creators"]
        for platform, plan in creator["platforms"].items()
    }


def poisson_tail(threshold: float, rate: float) -> float:
    """P(X >= threshold) for X ~ Poisson(rate), summed upward from the threshold."""
    first = max(0, math.ceil(threshold))
    if rate <= 0:
        return 0.0 if first > 0 else 1.0
    last = first + int(60 * math.sqrt(rate + 1)) + 60
    return sum(math.exp(k * math.log(rate) - rate - math.lgamma(k + 1)) for k in range(first, last))


def poisson_quantile(mean: float, risk: float) -> int:
    """The smallest k with P(N > k) < risk for N ~ Poisson(mean)."""
    k = 0
    while poisson_tail(k + 1, mean) >= risk:
        k += 1
    return k


def false_flag_chance(rate: float, robust_z: float) -> float:
    """Chance that one ordinary day clears the spike threshold.

    With Poisson counts the baseline median is about the rate and the scaled MAD about its
    square root (floored at sqrt(max(median, 1)) by the model); one z unit is given up for the
    noise in a 28-day baseline estimate, so the chance is an upper bound."""
    return poisson_tail(rate + (robust_z - 1) * math.sqrt(max(rate, 1.0)), rate)


def tier(followers: int) -> str:
    if followers < 10_000:
        return "nano"
    if followers < 100_000:
        return "micro"
    if followers < 500_000:
        return "mid"
    if followers <= 1_000_000:
        return "macro"
    return "mega"


def least_squares(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Slope and its standard error."""
    n = len(xs)
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    residual = sum((y - intercept - slope * x) ** 2 for x, y in zip(xs, ys, strict=True))
    return slope, math.sqrt(residual / (n - 2) / sxx)


def engagement_per_post_trend(run: PipelineRun, creator: str, platform: str) -> tuple[float, float]:
    rows = run.query(
        f"""
        select month_start, engagement_count, post_count
        from marts.creator_reach_monthly
        where creator_id = '{creator}' and platform = '{platform}' and is_complete_month
        order by month_start desc
        limit {int(dbt_var("vanity_trend_months"))}
        """
    )
    points = [
        (month.year * 12 + month.month, math.log(engagements / posts))
        for month, engagements, posts in rows
        if posts and engagements
    ]
    return least_squares([x for x, _ in points], [y for _, y in points])


# --- follower-growth anomalies -------------------------------------------------------------


def test_bought_followers_are_flagged_on_the_planted_spike_days(pipeline_run: PipelineRun) -> None:
    spikes = pipeline_run.ground_truth["planted"]["bought_follower_spikes"]
    assert spikes
    flagged = {
        (creator, platform, day): (change, comments, signalled)
        for creator, platform, day, change, comments, signalled in pipeline_run.query(
            """
            select creator_id, platform, activity_on, follower_change, audience_comments,
                inauthentic_signal_comments
            from marts.follower_growth_anomalies
            """
        )
    }
    for spike in spikes:
        key = (spike["creator_id"], spike["platform"], date.fromisoformat(spike["date"]))
        assert key in flagged, f"planted spike not flagged: {key}"
        change, comments, signalled = flagged[key]
        assert change == spike["followers_added"] + spike["organic_that_day"]
        # every bot comment of the day carries a signal, and they are most of the day's comments
        assert spike["bot_comments"] <= signalled <= comments


def test_no_other_creator_is_flagged_beyond_the_poisson_tolerance(
    pipeline_run: PipelineRun,
) -> None:
    bought = archetype(pipeline_run, "bought_followers")
    robust_z = float(dbt_var("follower_anomaly_min_robust_z"))
    start = date.fromisoformat(pipeline_run.ground_truth["start_date"])
    plans = planted_platforms(pipeline_run)
    scored_days = defaultdict(lambda: [0, 0])
    for creator, platform, in_window, days in pipeline_run.query(
        f"""
        select creator_id, platform, activity_on >= date '{start}', count(*)
        from intermediate.int_follower_days_scored
        where baseline_days >= {int(dbt_var("follower_anomaly_min_history_days"))}
        group by all
        """
    ):
        scored_days[(creator, platform)][int(in_window)] = days
    expected = defaultdict(float)
    for (creator, platform), (days_before, days_in) in scored_days.items():
        plan = plans[(creator, platform)]
        expected[creator] += days_in * false_flag_chance(plan["followers_daily_baseline"], robust_z)
        if days_before:  # Instagram lists date today's followers back before the window
            rate_before = plan["followers_start"] / days_before
            expected[creator] += days_before * false_flag_chance(rate_before, robust_z)
    flagged = dict(
        pipeline_run.query(
            "select creator_id, count(*) from marts.follower_growth_anomalies group by all"
        )
    )
    assert set(expected) - {bought}
    for creator in expected:
        if creator == bought:
            continue
        tolerance = poisson_quantile(expected[creator], FALSE_FLAG_RISK)
        assert flagged.get(creator, 0) <= tolerance, (creator, flagged.get(creator), tolerance)
    assert flagged.get(bought, 0) == len(
        {
            (s["platform"], s["date"])
            for s in pipeline_run.ground_truth["planted"]["bought_follower_spikes"]
        }
    )


def test_flagged_days_show_their_evidence(pipeline_run: PipelineRun) -> None:
    rows = pipeline_run.query(
        """
        select creator_id, platform, activity_on, robust_z, follower_lift, engagement_lift,
            baseline_days, follower_change, listed_new_followers, generated_handle_new_followers
        from marts.follower_growth_anomalies
        """
    )
    assert rows
    robust_z = float(dbt_var("follower_anomaly_min_robust_z"))
    share = float(dbt_var("follower_anomaly_engagement_match_share"))
    for _, _, _, z, follower_lift, engagement_lift, baseline_days, *_ in rows:
        assert z >= robust_z
        assert baseline_days >= dbt_var("follower_anomaly_min_history_days")
        assert engagement_lift - 1 < share * (follower_lift - 1)
    evidence = {row[:3]: row[7:] for row in rows}
    for spike in pipeline_run.ground_truth["planted"]["bought_follower_spikes"]:
        key = (spike["creator_id"], spike["platform"], date.fromisoformat(spike["date"]))
        change, listed, generated = evidence[key]
        if listed == change:  # the dated list names every follow of the day (FansList is capped)
            # the bought accounts carry generated handles, the organic followers of the day not
            assert generated == spike["followers_added"], key


# --- inauthentic engagement ----------------------------------------------------------------


def test_bought_followers_have_the_highest_inauthentic_comment_share(
    pipeline_run: PipelineRun,
) -> None:
    shares = {
        creator: signalled / comments
        for creator, signalled, comments in pipeline_run.query(
            """
            select creator_id, sum(inauthentic_signal_comments), sum(audience_comments)
            from marts.creator_inauthentic_engagement_monthly
            where platform = 'all'
            group by all
            """
        )
    }
    bought = archetype(pipeline_run, "bought_followers")
    assert max(shares, key=shares.get) == bought
    others = sorted(share for creator, share in shares.items() if creator != bought)
    assert shares[bought] > 2 * others[-1], shares


def test_generated_handles_are_the_bought_accounts(pipeline_run: PipelineRun) -> None:
    planted = defaultdict(int)
    for spike in pipeline_run.ground_truth["planted"]["bought_follower_spikes"]:
        planted[(spike["creator_id"], spike["platform"])] += spike["bot_comments"]
    found = {
        (creator, platform): n
        for creator, platform, n in pipeline_run.query(
            """
            select creator_id, platform, sum(generated_handle_comments)
            from marts.creator_inauthentic_engagement_monthly
            where platform != 'all'
            group by all
            having sum(generated_handle_comments) > 0
            """
        )
    }
    assert found == dict(planted)


def test_the_all_row_adds_up_the_platforms(pipeline_run: PipelineRun) -> None:
    mismatches = pipeline_run.query(
        """
        with by_platform as (
            select creator_id, month_start, sum(audience_comments) as comments,
                sum(inauthentic_signal_comments) as signalled
            from marts.creator_inauthentic_engagement_monthly
            where platform != 'all'
            group by all
        )
        select *
        from by_platform
        full join (
            select * from marts.creator_inauthentic_engagement_monthly where platform = 'all'
        ) as pooled using (creator_id, month_start)
        where by_platform.comments is distinct from pooled.audience_comments
            or by_platform.signalled is distinct from pooled.inauthentic_signal_comments
        """
    )
    assert mismatches == []


# --- reach next to engagement --------------------------------------------------------------


def test_monthly_reach_recovers_the_planted_counts(pipeline_run: PipelineRun) -> None:
    plans = planted_platforms(pipeline_run)
    totals = {
        (creator, platform): (posts, comments, last_followers)
        for creator, platform, posts, comments, last_followers in pipeline_run.query(
            """
            select creator_id, platform, sum(post_count), sum(comment_count),
                arg_max(followers_end_of_month, month_start)
            from marts.creator_reach_monthly
            group by all
            """
        )
    }
    expected_keys = {
        key for key, plan in plans.items() if key[1] in REACH_PLATFORMS and plan["posts"]
    }
    assert set(totals) == expected_keys
    for key in expected_keys:
        plan = plans[key]
        posts, comments, last_followers = totals[key]
        assert posts == plan["posts"], key
        if key[1] in COMMENT_PLATFORMS:
            assert comments == plan["comments_total"] - plan["comments_by_creator"], key
        if key[1] in (*DATED_FOLLOWER_PLATFORMS, "x"):
            assert last_followers == plan["followers_end"], key
        else:
            assert last_followers is None, key


def test_monthly_ratios_follow_their_formulas(pipeline_run: PipelineRun) -> None:
    rows = pipeline_run.query(
        """
        select followers_end_of_month, engagement_count, reach_for_ratios, comment_count,
            view_count, unique_engaged_audience, two_way_exchanges,
            engaged_share_of_followers, engagement_rate_by_followers, engagement_rate_by_reach,
            comments_per_1000_views, two_way_exchanges_per_10k_followers, vanity_ratio,
            like_count, share_count, save_count
        from marts.creator_reach_monthly
        """
    )
    assert rows

    def ratio(numerator: float | None, denominator: float | None) -> float | None:
        if numerator is None or not denominator:
            return None
        return numerator / denominator

    for row in rows:
        (followers, engagements, reach, comments, views, engaged, exchanges) = row[:7]
        reported = row[7:13]
        likes, shares, saves = row[13:]
        assert engagements == sum(v or 0 for v in (likes, shares, saves, comments))
        expected = (
            ratio(engaged, followers),
            ratio(engagements, followers),
            ratio(engagements, reach),
            ratio(None if comments is None else 1000 * comments, views),
            ratio(10_000 * exchanges, followers),
            ratio(reach, exchanges),
        )
        for got, want in zip(reported, expected, strict=True):
            assert (got is None) == (want is None)
            if want is not None:
                assert math.isclose(got, want, rel_tol=1e-9)


def test_fading_campaign_shows_the_planted_decay(pipeline_run: PipelineRun) -> None:
    fading = pipeline_run.ground_truth["planted"]["fading_campaign"]
    planted_slope = math.log(fading["monthly_decay"])
    trends = {
        platform: change
        for platform, change in pipeline_run.query(
            f"""
            select platform, monthly_engagement_per_post_change
            from marts.creator_follower_tiers
            where creator_id = '{fading["creator_id"]}'
            """
        )
    }
    for platform in fading["platforms"]:
        slope, standard_error = engagement_per_post_trend(
            pipeline_run, fading["creator_id"], platform
        )
        assert math.isclose(trends[platform], math.exp(slope) - 1, rel_tol=1e-9)
        assert trends[platform] < 0, platform
        assert abs(slope - planted_slope) <= Z * standard_error, (platform, slope, standard_error)


def test_ordinary_creators_do_not_fade_like_the_campaign(pipeline_run: PipelineRun) -> None:
    decay = pipeline_run.ground_truth["planted"]["fading_campaign"]["monthly_decay"]
    ordinary = pipeline_run.ground_truth["planted"]["ordinary"]
    trends = pipeline_run.query(
        f"""
        select creator_id, platform, monthly_engagement_per_post_change
        from marts.creator_follower_tiers
        where creator_id in ({", ".join(f"'{c}'" for c in ordinary)})
        """
    )
    assert trends
    for creator, platform, change in trends:
        assert change is not None and change > decay - 1, (creator, platform, change)


# --- tiers and reach against mutuality -----------------------------------------------------


def test_follower_tiers_follow_the_planted_follower_counts(pipeline_run: PipelineRun) -> None:
    plans = planted_platforms(pipeline_run)
    rows = pipeline_run.query(
        """
        select creator_id, platform, followers, follower_tier, engagement_percentile_in_tier,
            tier_peer_count
        from marts.creator_follower_tiers
        """
    )
    assert rows
    peers = defaultdict(int)
    for creator, platform, followers, follower_tier, _, _ in rows:
        if platform == "facebook":
            assert followers is None and follower_tier is None
            continue
        assert followers == plans[(creator, platform)]["followers_end"]
        assert follower_tier == tier(followers)
        peers[(platform, follower_tier)] += 1
    for _creator, platform, _, follower_tier, percentile, peer_count in rows:
        if follower_tier is not None:
            assert peer_count == peers[(platform, follower_tier)]
            assert 0 < percentile < 100


def test_reach_against_mutuality_quadrants(pipeline_run: PipelineRun) -> None:
    quadrants = dict(
        pipeline_run.query("select creator_id, quadrant from marts.creator_reach_vs_mutuality")
    )
    assert quadrants[archetype(pipeline_run, "broadcaster")] == "hollow reach"
    assert quadrants[archetype(pipeline_run, "community_builder")] != "hollow reach"
    assert quadrants[archetype(pipeline_run, "connector")] != "hollow reach"


def test_reach_rank_follows_the_planted_audiences(pipeline_run: PipelineRun) -> None:
    totals = defaultdict(int)
    for (creator, platform), plan in planted_platforms(pipeline_run).items():
        if platform in (*DATED_FOLLOWER_PLATFORMS, "x"):
            totals[creator] += plan["followers_end"]
    rows = pipeline_run.query(
        """
        select creator_id, total_followers, reach_rank, reach_level, connectedness_level, quadrant
        from marts.creator_reach_vs_mutuality
        """
    )
    assert {creator: total for creator, total, *_ in rows} == dict(totals)
    ranked = sorted(totals, key=totals.get, reverse=True)
    assert {creator: rank for creator, _, rank, *_ in rows} == {
        creator: position + 1 for position, creator in enumerate(ranked)
    }
    labels = {
        ("high", "low"): "hollow reach",
        ("low", "high"): "hidden gem",
        ("high", "high"): "earned reach",
        ("low", "low"): "low reach, low connectedness",
    }
    for _, _, _, reach_level, connectedness_level, quadrant in rows:
        if connectedness_level is not None:
            assert quadrant == labels[(reach_level, connectedness_level)]


def test_vanity_marts_hold_no_audience_identity_or_text(pipeline_run: PipelineRun) -> None:
    columns = pipeline_run.query(
        f"""
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'marts'
            and table_name in ({", ".join(f"'{t}'" for t in VANITY_MARTS)})
        """
    )
    assert {table for table, _, _ in columns} == set(VANITY_MARTS)
    named_like_identity = [
        (table, column)
        for table, column, _ in columns
        if column.endswith(("_key", "_text", "email", "_handle")) or column == "handle"
    ]
    assert named_like_identity == []
    audience = {  # creators may be named; their audience may not
        value.lower()
        for (value,) in pipeline_run.query(
            """
            select author from raw.instagram_comments
            union select username from raw.tiktok_comments
            union select author_display_name from raw.youtube_comments
            union select author from raw.facebook_comments
            union select comment_text from raw.instagram_comments
            union select comment_text from raw.tiktok_comments
            union select follower_username from raw.instagram_followers
            except (
                select unnest([
                    display_name, x_handle, instagram_handle, facebook_handle, tiktok_handle,
                    youtube_handle, '@' || youtube_handle
                ])
                from raw.roster_creators
            )
            """
        )
        if value
    }
    for table, column, data_type in columns:
        if data_type != "VARCHAR":
            continue
        values = pipeline_run.query(f'select distinct lower("{column}") from marts."{table}"')
        assert not {value for (value,) in values if value in audience}, (table, column)
