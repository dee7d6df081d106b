"""Writes a complete, deterministic set of platform exports plus the planted ground truth."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from mutuality.settings import SAMPLE_MARKER

from .activity import CREATOR, Activity, simulate
from .business import Introduction, build_business
from .formats import DAY
from .people import BOT_OFFSET, Audience
from .roster import ARCHETYPES, PLATFORMS, Creator, build_roster
from .scales import SCALES, TIKTOK_FANS_LIST_CAP, Window
from .sink import ExportSink
from .writers.business import (
    write_crm,
    write_introductions,
    write_partners,
    write_roster,
    write_spend,
)
from .writers.linkedin import write_linkedin
from .writers.meta import write_facebook, write_instagram
from .writers.tiktok import write_tiktok
from .writers.x import write_x
from .writers.youtube import write_youtube

GENERATOR_VERSION = "1.0.0"
DEFAULT_END_DATE = date(2026, 10, 31)
LAYOUT_ROOTS = (
    "roster", "x", "instagram", "meta_business_suite", "facebook", "tiktok", "tiktok_studio",
    "youtube_studio", "youtube", "linkedin", "crm", "introductions",
)  # fmt: skip
STREAM_ROSTER, STREAM_BUSINESS, STREAM_PLATFORM, STREAM_FILES = 1, 2, 3, 4


def _rng(seed: int, *stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, *stream])


def clear_previous_generation(out_dir: Path) -> None:
    """Remove the layout's top-level folders from ``out_dir``, and nothing outside them."""
    for name in LAYOUT_ROOTS:
        target = out_dir / name
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)


def generate(
    out_dir: Path,
    ground_truth_path: Path,
    seed: int = 7,
    scale: str = "small",
    end_date: date = DEFAULT_END_DATE,
    *,
    workers: int | None = None,
    hold_out_days: int = 0,
    delta_dir: Path | None = None,
) -> dict[str, object]:
    """Write every export of the contract into ``out_dir``; return (and write) the ground truth.

    ``workers`` processes write creators in parallel (default: 1 for ``small``, else one per
    core); the bytes written do not depend on it.

    ``hold_out_days=N`` (with ``delta_dir``) holds the last N days back: ``out_dir`` gets the
    exports as they were before those days, ``delta_dir`` only new files (same layout, names
    the loaders pick up, see ``docs/export_formats.md``) with the held-out records. Loading
    ``out_dir``, then again after ``arrive(delta_dir, out_dir)``, lands exactly the raw rows of
    a full generation with the same seed, scale and end date; the ground truth is the full
    generation's (``files_written`` and ``bytes_written`` count the base and delta files).
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    without_writer = [name for name in PLATFORMS if name not in WRITERS]
    if without_writer:
        raise ValueError(
            f"the platform registry has {', '.join(without_writer)}, but the sample generator "
            "has no writer for it: add one to sample_exports.generator.WRITERS "
            "(docs/architecture.md, Adding a platform)"
        )
    out_dir = Path(out_dir).resolve()
    ground_truth_path = Path(ground_truth_path).resolve()
    if ground_truth_path.is_relative_to(out_dir):
        raise ValueError("the ground truth must not be written inside the exports directory")
    config = SCALES[scale]
    window = Window.ending(end_date)
    delta_dir = _check_hold_out(hold_out_days, delta_dir, out_dir, ground_truth_path, window)
    cut_ts = window.cutoff_ts - hold_out_days * DAY if delta_dir is not None else None
    out_dir.mkdir(parents=True, exist_ok=True)
    clear_previous_generation(out_dir)
    if delta_dir is not None:
        delta_dir.mkdir(parents=True, exist_ok=True)
        clear_previous_generation(delta_dir)
    label = window.end_date.isoformat()
    sink = ExportSink(out_dir, delta_dir, cut_ts, label)

    creators = build_roster(_rng(seed, STREAM_ROSTER), config, window)
    business = build_business(_rng(seed, STREAM_BUSINESS), config, window, creators)
    write_roster(sink, creators)

    introductions: dict[str, list[Introduction]] = {}
    for intro in business.introductions:
        if intro.on_linkedin and intro.introducer.creator_id:
            introductions.setdefault(intro.introducer.creator_id, []).append(intro)
    jobs = [
        CreatorJob(
            out_dir,
            seed,
            scale,
            window,
            creator,
            introductions.get(creator.creator_id, []),
            delta_dir,
            cut_ts,
        )
        for creator in creators
    ]
    workers = workers if workers is not None else (1 if scale == "small" else os.cpu_count() or 1)
    creator_truth = []
    spikes: list[dict[str, object]] = []
    for result in _run(jobs, workers):
        sink.absorb(result.sink)
        creator_truth.append(result.truth)
        spikes.extend(result.spikes)

    write_crm(sink, business, window, _rng(seed, STREAM_FILES, 1_000_000))
    write_introductions(sink, business, window)
    partners = write_partners(sink, business)
    spend = write_spend(sink, business, creators, window)

    ground_truth = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "scale": scale,
        "start_date": window.start_date.isoformat(),
        "end_date": window.end_date.isoformat(),
        "notes": {
            "tiktok_fans_list_cap": TIKTOK_FANS_LIST_CAP,
            "tiktok_fans_list": "FansList holds only the most recent fans (at most the cap).",
            "x_audience_replies": (
                "X archives hold only the creator's tweets: audience replies the creator "
                "answered are known by id only; comment_reply_probability applies to them."
            ),
            "follower_lists": (
                "Full follower lists are written for X and Instagram; TikTok and YouTube "
                "counts come from ProfileMap.followerCount, Studio FollowerHistory and "
                "Chart data Total subscribers."
            ),
        },
        "creators": creator_truth,
        "planted": {
            **_planted(creators, business.planted, spikes),
            "partners": partners,
            "spend": spend,
        },
        "expected_rows": sink.expected_rows(),
        "expected_interactions": sink.expected_interactions(),
        "files_written": sink.files + (sink.delta.files if sink.delta else 0),
        "bytes_written": sink.bytes + (sink.delta.bytes if sink.delta else 0),
    }
    ground_truth_path.parent.mkdir(parents=True, exist_ok=True)
    ground_truth_path.write_text(json.dumps(ground_truth, indent=2, ensure_ascii=False) + "\n")
    write_sample_marker(out_dir, seed, scale, window)
    return ground_truth


def write_sample_marker(out_dir: Path, seed: int, scale: str, window: Window) -> None:
    """``.mutuality-sample.json``: these exports are the made-up sample (which day it ends on,
    for a replay), with the digest of the roster written, so exports a team has made its own
    (its creators on the roster) are not taken for the sample (orchestration.privacy)."""
    roster = (out_dir / "roster" / "creators.csv").read_bytes()
    marker = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "scale": scale,
        "end_date": window.end_date.isoformat(),
        "roster_sha256": hashlib.sha256(roster).hexdigest(),
    }
    (out_dir / SAMPLE_MARKER).write_text(json.dumps(marker, indent=2) + "\n")


def _check_hold_out(
    hold_out_days: int,
    delta_dir: Path | None,
    out_dir: Path,
    ground_truth_path: Path,
    window: Window,
) -> Path | None:
    """The resolved delta directory, or None without a hold-out."""
    if not 0 <= hold_out_days < window.days:
        raise ValueError(f"hold_out_days must be between 0 and {window.days - 1}")
    if hold_out_days == 0:
        if delta_dir is not None:
            raise ValueError("delta_dir is only written with hold_out_days > 0")
        return None
    if delta_dir is None:
        raise ValueError("hold_out_days needs a delta_dir for the held-out files")
    delta_dir = Path(delta_dir).resolve()
    if delta_dir.is_relative_to(out_dir) or out_dir.is_relative_to(delta_dir):
        raise ValueError("the delta directory and the exports directory must not overlap")
    if ground_truth_path.is_relative_to(delta_dir):
        raise ValueError("the ground truth must not be written inside the delta directory")
    return delta_dir


@dataclass(frozen=True)
class CreatorJob:
    out_dir: Path
    seed: int
    scale: str
    window: Window
    creator: Creator
    introductions: list[Introduction]
    delta_dir: Path | None = None
    cut_ts: int | None = None


@dataclass(frozen=True)
class CreatorResult:
    sink: ExportSink
    truth: dict[str, Any]
    spikes: list[dict[str, object]]


def _run(jobs: list[CreatorJob], workers: int) -> Iterator[CreatorResult]:
    """Creators in roster order; with several workers each writes its own creators' files."""
    if workers <= 1:
        yield from map(write_creator, jobs)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(write_creator, jobs)


# One writer per platform of the registry (mutuality.platforms), by platform name: what a
# platform's simulated activity looks like as its real export files.
PlatformWriter = Callable[[ExportSink, Activity, np.random.Generator, Window, "CreatorJob"], None]
WRITERS: dict[str, PlatformWriter] = {
    "x": lambda sink, act, rng, window, job: write_x(sink, act, rng, window),
    "instagram": lambda sink, act, rng, window, job: write_instagram(sink, act, rng, window),
    "facebook": lambda sink, act, rng, window, job: write_facebook(sink, act, rng),
    "tiktok": lambda sink, act, rng, window, job: write_tiktok(sink, act, rng, window),
    "youtube": lambda sink, act, rng, window, job: write_youtube(
        sink, act, rng, window, SCALES[job.scale].youtube_threads_per_file
    ),
    "linkedin": lambda sink, act, rng, window, job: write_linkedin(
        sink, act, rng, window, job.introductions
    ),
}


def write_creator(job: CreatorJob) -> CreatorResult:
    """Simulate and write every platform export of one creator."""
    creator, window, seed = job.creator, job.window, job.seed
    sink = ExportSink(job.out_dir, job.delta_dir, job.cut_ts, window.end_date.isoformat())
    truth = creator.ground_truth()
    spikes: list[dict[str, object]] = []
    for platform, plan in creator.plans.items():
        code = PLATFORMS.index(platform)
        audience = Audience(creator.index * 16 + code, underscores_only=platform == "x")
        act = simulate(
            _rng(seed, STREAM_PLATFORM, creator.index, code), creator, plan, window, audience
        )
        files_rng = _rng(seed, STREAM_FILES, creator.index, code)
        WRITERS[platform](sink, act, files_rng, window, job)
        truth["platforms"][platform].update(_observed(act))
        spikes.extend(_spike_truth(act, window))
    return CreatorResult(sink, truth, spikes)


def _observed(act: Activity) -> dict[str, object]:
    """What the simulation actually produced (as opposed to the plan's parameters)."""
    comments = act.comments
    return {
        "followers_end": act.followers.end,
        "posts": len(act.posts),
        "live_posts": sum(1 for p in act.posts if p.is_live),
        "comments_total": len(comments),
        "comments_by_creator": sum(1 for c in comments if c.author == CREATOR),
        "dm_conversations": len(act.conversations),
        "dm_messages": sum(len(c.messages) for c in act.conversations),
        "distinct_commenters": len({c.author for c in comments if c.author != CREATOR}),
    }


def _spike_truth(act: Activity, window: Window) -> list[dict[str, object]]:
    spikes = []
    for offset, _first_bot, added in act.bot_days:
        day_start = window.start_ts + offset * DAY
        spikes.append(
            {
                "creator_id": act.creator.creator_id,
                "platform": act.plan.platform,
                "date": window.day(offset).isoformat(),
                "followers_added": added,
                "organic_that_day": int(act.followers.organic[offset]),
                "baseline_daily": act.plan.followers_daily_baseline,
                "bot_comments": sum(
                    1
                    for c in act.comments
                    if c.author >= BOT_OFFSET and day_start <= c.ts < day_start + DAY
                ),
            }
        )
    return spikes


def _planted(
    creators: list[Creator], business: dict[str, object], spikes: list[dict[str, object]]
) -> dict[str, object]:
    by_archetype = {c.archetype: c.creator_id for c in creators if c.archetype in ARCHETYPES}
    fading = next(c for c in creators if c.archetype == "fading_campaign")
    return {
        "archetypes": by_archetype,
        "ordinary": [c.creator_id for c in creators if c.archetype == "ordinary"],
        "bought_follower_spikes": spikes,
        "fading_campaign": {
            "creator_id": fading.creator_id,
            "monthly_decay": next(iter(fading.plans.values())).monthly_decay,
            "platforms": sorted(fading.plans),
        },
        **business,
    }
