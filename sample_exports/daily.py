"""Per-day aggregates the studio dashboards export (views, likes, comments, shares)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activity import Activity
from .formats import DAY
from .scales import Window

# share of a post's lifetime views that arrive on day 0, 1, 2, ... after publishing
VIEW_CURVE = np.array([0.45, 0.2, 0.1, 0.06, 0.04, 0.03, 0.03, 0.02, 0.02, 0.02, 0.01, 0.01, 0.01])


@dataclass
class DailySeries:
    views: np.ndarray
    likes: np.ndarray
    shares: np.ndarray
    comments: np.ndarray
    profile_views: np.ndarray


def _spread(values: np.ndarray, days: np.ndarray, length: int) -> np.ndarray:
    series = np.zeros(length + len(VIEW_CURVE), dtype=np.float64)
    for lag, share in enumerate(VIEW_CURVE):
        np.add.at(series, days + lag, values * share)
    return series[:length]


def daily_series(act: Activity, window: Window, rng: np.random.Generator) -> DailySeries:
    length = window.days
    days = np.array([(p.ts - window.start_ts) // DAY for p in act.posts], dtype=np.int64)
    views = np.array([p.views for p in act.posts], dtype=np.float64)
    likes = np.array([p.likes for p in act.posts], dtype=np.float64)
    shares = np.array([p.shares for p in act.posts], dtype=np.float64)
    catalog = act.followers.totals() * 0.004 * rng.lognormal(0.0, 0.2, length)
    daily_views = np.rint(_spread(views, days, length) + catalog).astype(np.int64)
    comment_days = np.array([(c.ts - window.start_ts) // DAY for c in act.comments], dtype=np.int64)
    return DailySeries(
        views=daily_views,
        likes=np.rint(_spread(likes, days, length) + catalog * 0.05).astype(np.int64),
        shares=np.rint(_spread(shares, days, length)).astype(np.int64),
        comments=np.bincount(comment_days, minlength=length)[:length].astype(np.int64),
        profile_views=np.rint(daily_views * 0.03 * rng.lognormal(0.0, 0.3, length)).astype(
            np.int64
        ),
    )
