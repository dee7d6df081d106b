"""The roster: who the creators are, which archetype each plays, and every parameter used.

Archetypes are dealt to creator ids by a seeded shuffle, so tests must read the planted
creator ids from the ground truth instead of assuming ``cr_0001`` is the broadcaster.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date

import numpy as np

from mutuality import platforms

from .people import ascii_slug, channel_id
from .scales import Scale, Window
from .vocab import CREATOR_FIRST_NAMES, CREATOR_LAST_NAMES, NICHES

# The platforms the sample has, in registry order (mutuality.platforms): each has a writer
# (generator.WRITERS; a registry platform without one is refused when the sample is made).
PLATFORMS = platforms.names()
ARCHETYPES = (
    "broadcaster",
    "community_builder",
    "connector",
    "bought_followers",
    "fading_campaign",
)
DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class PlatformPlan:
    """Generator parameters for one creator on one platform (all written to the ground truth)."""

    platform: str
    handle: str
    followers_start: int
    followers_daily_baseline: float
    posts_per_month: float
    live_posts_per_month: float
    mean_comments_per_post: float
    comment_reply_probability: float
    reply_delay_median_hours: float
    reply_delay_sigma: float
    live_question_answer_probability: float
    question_share: float
    live_question_share: float
    audience_followup_probability: float
    creator_followup_probability: float
    audience_side_reply_probability: float
    self_comment_probability: float
    dm_inbound_conversations: int
    dm_outbound_conversations: int
    dm_response_probability: float
    dm_response_median_hours: float
    dm_response_sigma: float
    audience_pool_size: int
    repeat_engager_core_size: int
    repeat_engager_share: float
    monthly_decay: float = 1.0
    mention_probability: float = 0.0
    connections: int = 0
    invitations: int = 0

    @property
    def reply_delay_mu(self) -> float:
        return math.log(self.reply_delay_median_hours)

    @property
    def dm_response_mu(self) -> float:
        return math.log(self.dm_response_median_hours)


@dataclass(frozen=True)
class SpikePlan:
    day: date
    followers_added: dict[str, int]
    bot_comments: dict[str, int]


@dataclass(frozen=True)
class Creator:
    index: int
    archetype: str
    first_name: str
    last_name: str
    niche: str
    handles: dict[str, str]
    plans: dict[str, PlatformPlan]
    referral_code: str
    utm_source: str
    x_account_id: str
    spikes: tuple[SpikePlan, ...] = field(default=())

    @property
    def creator_id(self) -> str:
        return f"cr_{self.index + 1:04d}"

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def email(self) -> str:
        return f"{ascii_slug(self.first_name)}@{ascii_slug(self.last_name)}.studio"

    @property
    def youtube_channel_id(self) -> str:
        if not self.on("youtube"):
            return ""
        return channel_id(self.index, creator=True)

    @property
    def linkedin_profile_url(self) -> str:
        handle = self.handles.get("linkedin", "")
        return f"https://www.linkedin.com/in/{handle}" if handle else ""

    def on(self, platform: str) -> bool:
        return platform in self.plans

    def ground_truth(self) -> dict[str, object]:
        platforms = {}
        for name, plan in self.plans.items():
            params = asdict(plan)
            params["reply_delay_lognormal"] = {
                "mu_log_hours": round(plan.reply_delay_mu, 6),
                "sigma": plan.reply_delay_sigma,
                "median_hours": plan.reply_delay_median_hours,
            }
            params["dm_response_lognormal"] = {
                "mu_log_hours": round(plan.dm_response_mu, 6),
                "sigma": plan.dm_response_sigma,
                "median_hours": plan.dm_response_median_hours,
            }
            platforms[name] = params
        return {
            "creator_id": self.creator_id,
            "archetype": self.archetype,
            "display_name": self.display_name,
            "niche": self.niche,
            "handles": dict(self.handles),
            "x_account_id": self.x_account_id if self.on("x") else None,
            "youtube_channel_id": self.youtube_channel_id or None,
            "linkedin_profile_url": self.linkedin_profile_url or None,
            "referral_code": self.referral_code,
            "utm_source": self.utm_source,
            "platforms": platforms,
        }


def _log_uniform(rng: np.random.Generator, low: float, high: float) -> float:
    return float(math.exp(rng.uniform(math.log(low), math.log(high))))


def _plan(platform: str, handle: str, **params: float) -> PlatformPlan:
    defaults: dict[str, float] = {
        "live_posts_per_month": 0.0,
        "reply_delay_sigma": 1.0,
        "live_question_answer_probability": 0.0,
        "question_share": 0.15,
        "live_question_share": 0.6,
        "audience_followup_probability": 0.1,
        "creator_followup_probability": 0.3,
        "audience_side_reply_probability": 0.04,
        "self_comment_probability": 0.05,
        "dm_outbound_conversations": 0,
        "dm_response_sigma": 1.0,
    }
    merged = {**defaults, **params}
    for name in ("dm_inbound_conversations", "dm_outbound_conversations", "followers_start"):
        merged[name] = int(merged[name])
    for name in ("audience_pool_size", "repeat_engager_core_size", "connections", "invitations"):
        if name in merged:
            merged[name] = int(merged[name])
    rounded = {k: round(v, 4) if isinstance(v, float) else v for k, v in merged.items()}
    return PlatformPlan(platform=platform, handle=handle, **rounded)  # type: ignore[arg-type]


class RosterBuilder:
    def __init__(self, rng: np.random.Generator, scale: Scale, window: Window) -> None:
        self.rng = rng
        self.scale = scale
        self.window = window
        self.used_handles: set[tuple[str, str]] = set()
        self.used_codes: set[str] = set()

    def handle(self, first: str, last: str, platform: str) -> str:
        f, surname = ascii_slug(first), ascii_slug(last)
        styles = [
            f"{f}{surname}",
            f"{f}.{surname}",
            f"{f}_{surname}",
            f"{f}{surname}{platform[:2]}",
        ]
        start = int(self.rng.integers(0, len(styles)))
        for attempt in range(len(styles) * 2):
            base = styles[(start + attempt) % len(styles)]
            candidate = base if attempt < len(styles) else f"{base}{attempt}"
            if (platform, candidate) not in self.used_handles:
                self.used_handles.add((platform, candidate))
                return candidate
        raise AssertionError("handle space exhausted")

    def codes(self, first: str, last: str) -> tuple[str, str]:
        f, surname = ascii_slug(first), ascii_slug(last)
        for candidate in (f, f"{f}_{surname}", f"{f}_{surname}{len(self.used_codes)}"):
            if candidate not in self.used_codes:
                self.used_codes.add(candidate)
                percent = int(self.rng.choice([10, 15, 20, 25]))
                return f"{candidate.upper().replace('_', '')}{percent}", f"creator_{candidate}"
        raise AssertionError("code space exhausted")

    def volume(self, value: float) -> float:
        return value * self.scale.volume

    def list_followers(self) -> float:
        return _log_uniform(self.rng, *self.scale.ordinary_list_followers)

    def u(self, low: float, high: float) -> float:
        return float(self.rng.uniform(low, high))

    # --- archetypes -------------------------------------------------------------------------

    def broadcaster(self, first: str, last: str) -> dict[str, PlatformPlan]:
        common = {
            "comment_reply_probability": 0.01,
            "reply_delay_median_hours": 20.0,
            "question_share": 0.12,
            "audience_followup_probability": 0.02,
            "creator_followup_probability": 0.0,
            "self_comment_probability": 0.02,
            "dm_response_probability": 0.0,
            "dm_response_median_hours": 48.0,
            "repeat_engager_core_size": 300,
            "repeat_engager_share": 0.01,
        }
        return {
            "tiktok": _plan(
                "tiktok", self.handle(first, last, "tiktok"),
                followers_start=self.u(2_200_000, 2_800_000),
                followers_daily_baseline=self.u(1_500, 2_500),
                posts_per_month=12, mean_comments_per_post=self.volume(60),
                dm_inbound_conversations=self.volume(120),
                audience_pool_size=5_000_000, **common,
            ),
            "youtube": _plan(
                "youtube", self.handle(first, last, "youtube"),
                followers_start=self.u(1_500_000, 2_000_000),
                followers_daily_baseline=self.u(800, 1_500),
                posts_per_month=4, mean_comments_per_post=self.volume(110),
                dm_inbound_conversations=0, audience_pool_size=4_000_000, **common,
            ),
        }  # fmt: skip

    def community_builder(self, first: str, last: str) -> dict[str, PlatformPlan]:
        common = {
            "comment_reply_probability": 0.85,
            "reply_delay_median_hours": 2.0,
            "reply_delay_sigma": 0.9,
            "live_question_answer_probability": 0.9,
            "question_share": 0.25,
            "live_question_share": 0.65,
            "audience_followup_probability": 0.35,
            "creator_followup_probability": 0.8,
            "self_comment_probability": 0.35,
            "dm_response_probability": 0.9,
            "dm_response_median_hours": 3.0,
            "dm_response_sigma": 0.8,
            "repeat_engager_share": 0.6,
        }
        specs = {
            # platform: followers range, baseline/day, posts, lives, comments, dms in/out, pool
            "instagram": ((20_000, 30_000), 15, 10, 2, 18, 80, 25, 900),
            "youtube": ((8_000, 15_000), 8, 3, 1, 25, 0, 0, 600),
            "tiktok": ((25_000, 38_000), 20, 8, 1, 15, 40, 10, 800),
            "facebook": ((5_000, 9_000), 4, 6, 0.5, 8, 25, 6, 300),
            "x": ((4_000, 8_000), 5, 25, 0, 6, 30, 8, 400),
        }
        plans = {}
        for platform, (fol, base, posts, lives, comments, dm_in, dm_out, pool) in specs.items():
            plans[platform] = _plan(
                platform, self.handle(first, last, platform),
                followers_start=self.u(*fol), followers_daily_baseline=base * self.u(0.8, 1.2),
                posts_per_month=posts, live_posts_per_month=lives,
                mean_comments_per_post=self.volume(comments),
                dm_inbound_conversations=self.volume(dm_in),
                dm_outbound_conversations=self.volume(dm_out),
                audience_pool_size=pool, repeat_engager_core_size=pool // 6,
                mention_probability=0.3 if platform == "x" else 0.0, **common,
            )  # fmt: skip
        return plans

    def connector(self, first: str, last: str) -> dict[str, PlatformPlan]:
        common = {
            "comment_reply_probability": 0.55,
            "reply_delay_median_hours": 6.0,
            "dm_response_probability": 0.8,
            "dm_response_median_hours": 5.0,
            "repeat_engager_share": 0.3,
            "mention_probability": 0.35,
        }
        return {
            "linkedin": _plan(
                "linkedin", self.handle(first, last, "linkedin"),
                followers_start=0, followers_daily_baseline=0, posts_per_month=0,
                mean_comments_per_post=0, dm_inbound_conversations=self.volume(60),
                dm_outbound_conversations=self.volume(30), audience_pool_size=700,
                repeat_engager_core_size=0, connections=self.u(500, 700),
                invitations=self.u(50, 80), **common,
            ),
            "x": _plan(
                "x", self.handle(first, last, "x"), followers_start=self.u(2_500, 4_000),
                followers_daily_baseline=self.u(2, 4), posts_per_month=15,
                mean_comments_per_post=self.volume(4), dm_inbound_conversations=self.volume(15),
                audience_pool_size=400, repeat_engager_core_size=40, **common,
            ),
            "instagram": _plan(
                "instagram", self.handle(first, last, "instagram"),
                followers_start=self.u(1_800, 3_500), followers_daily_baseline=self.u(2, 4),
                posts_per_month=4, mean_comments_per_post=self.volume(4),
                dm_inbound_conversations=self.volume(10), audience_pool_size=300,
                repeat_engager_core_size=30, **common,
            ),
        }  # fmt: skip

    def bought_followers(self, first: str, last: str) -> dict[str, PlatformPlan]:
        common = {
            "comment_reply_probability": 0.1,
            "reply_delay_median_hours": 10.0,
            "dm_response_probability": 0.3,
            "dm_response_median_hours": 12.0,
            "repeat_engager_share": 0.2,
        }
        return {
            "instagram": _plan(
                "instagram", self.handle(first, last, "instagram"),
                followers_start=self.u(8_000, 11_000), followers_daily_baseline=self.u(10, 14),
                posts_per_month=12, mean_comments_per_post=self.volume(6),
                dm_inbound_conversations=self.volume(20), audience_pool_size=1_500,
                repeat_engager_core_size=100, **common,
            ),
            "tiktok": _plan(
                "tiktok", self.handle(first, last, "tiktok"),
                followers_start=self.u(12_000, 16_000), followers_daily_baseline=self.u(15, 25),
                posts_per_month=14, mean_comments_per_post=self.volume(8),
                dm_inbound_conversations=self.volume(15), audience_pool_size=2_500,
                repeat_engager_core_size=150, **common,
            ),
        }  # fmt: skip

    def fading_campaign(self, first: str, last: str) -> dict[str, PlatformPlan]:
        common = {
            "comment_reply_probability": 0.3,
            "reply_delay_median_hours": 8.0,
            "dm_response_probability": 0.5,
            "dm_response_median_hours": 10.0,
            "repeat_engager_share": 0.3,
            "monthly_decay": 0.8,
        }
        specs = {
            "instagram": ((8_000, 14_000), 15, 10, 45, 30, 2_000),
            "youtube": ((20_000, 40_000), 40, 3, 60, 0, 3_000),
            "facebook": ((6_000, 10_000), 10, 6, 20, 12, 800),
        }
        return {
            platform: _plan(
                platform, self.handle(first, last, platform),
                followers_start=self.u(*fol), followers_daily_baseline=base * self.u(0.8, 1.2),
                posts_per_month=posts, mean_comments_per_post=self.volume(comments),
                dm_inbound_conversations=self.volume(dm), audience_pool_size=pool,
                repeat_engager_core_size=pool // 10, **common,
            )
            for platform, (fol, base, posts, comments, dm, pool) in specs.items()
        }  # fmt: skip

    def ordinary(self, first: str, last: str, must_have: str | None) -> dict[str, PlatformPlan]:
        rng = self.rng
        count = int(rng.integers(2, 5))
        weights = np.array([0.5, 0.8, 0.4, 0.6, 0.5, 0.3])
        chosen = list(rng.choice(PLATFORMS, size=count, replace=False, p=weights / weights.sum()))
        if must_have and must_have not in chosen:
            chosen[0] = must_have
        reply_p = self.u(0.15, 0.6)
        common = {
            "comment_reply_probability": reply_p,
            "reply_delay_median_hours": self.u(3, 30),
            "reply_delay_sigma": self.u(0.8, 1.4),
            "live_question_answer_probability": reply_p,
            "question_share": self.u(0.08, 0.25),
            "audience_followup_probability": self.u(0.05, 0.2),
            "creator_followup_probability": reply_p / 2,
            "self_comment_probability": self.u(0.0, 0.15),
            "dm_response_probability": self.u(0.2, 0.8),
            "dm_response_median_hours": self.u(4, 48),
            "repeat_engager_share": self.u(0.1, 0.4),
        }
        hosts_lives = rng.random() < 0.3
        posts_range = {"x": (8, 25), "instagram": (6, 14), "facebook": (3, 10),
                       "tiktok": (8, 20), "youtube": (2, 5), "linkedin": (0, 0)}  # fmt: skip
        plans = {}
        for platform in sorted(chosen, key=PLATFORMS.index):
            if platform in ("tiktok", "youtube"):
                followers = _log_uniform(rng, 2_000, 300_000)
            elif platform == "linkedin":
                followers = 0
            else:
                followers = self.list_followers()
            low, high = posts_range[platform]
            comments = min(25.0, max(2.0, followers * self.u(0.0005, 0.0015)))
            pool = int(min(200_000, max(200, followers * self.u(0.05, 0.2))))
            plans[platform] = _plan(
                platform, self.handle(first, last, platform),
                followers_start=followers,
                followers_daily_baseline=followers * self.u(0.0005, 0.002),
                posts_per_month=self.u(low, high) if high else 0,
                live_posts_per_month=0.5 if hosts_lives and platform in (
                    "instagram", "youtube", "tiktok") else 0.0,
                mean_comments_per_post=self.volume(comments) if high else 0,
                dm_inbound_conversations=self.volume(self.u(3, 25)),
                dm_outbound_conversations=self.volume(self.u(0, 5)),
                audience_pool_size=pool, repeat_engager_core_size=max(10, pool // 20),
                mention_probability=0.15 if platform == "x" else 0.0,
                connections=self.u(150, 600) if platform == "linkedin" else 0,
                invitations=self.u(10, 40) if platform == "linkedin" else 0, **common,
            )  # fmt: skip
        return plans

    def spikes(self, plans: dict[str, PlatformPlan]) -> tuple[SpikePlan, ...]:
        rng = self.rng
        count = int(rng.integers(2, 4))
        # spread over the window, away from its edges, at least three weeks apart
        slots = rng.choice(np.arange(1, 11), size=count, replace=False)
        spikes = []
        for slot in sorted(int(s) for s in slots):
            offset = slot * self.window.days // 11 + int(rng.integers(-5, 6))
            added = {
                platform: int(plan.followers_daily_baseline * rng.uniform(30, 60))
                for platform, plan in plans.items()
            }
            bot_comments = {platform: int(self.volume(rng.uniform(150, 300))) for platform in plans}
            spikes.append(SpikePlan(self.window.day(offset), added, bot_comments))
        return tuple(spikes)


def build_roster(rng: np.random.Generator, scale: Scale, window: Window) -> list[Creator]:
    builder = RosterBuilder(rng, scale, window)
    total = len(ARCHETYPES) + scale.ordinary_creators
    name_slots = rng.choice(len(CREATOR_FIRST_NAMES) * len(CREATOR_LAST_NAMES), total, False)
    archetypes = [*ARCHETYPES, *(["ordinary"] * scale.ordinary_creators)]
    order = rng.permutation(total)
    niches = sorted(NICHES)
    must_haves = ["linkedin", "facebook", "x", "youtube"]
    creators: list[Creator] = []
    ordinary_seen = 0
    for index in range(total):
        archetype = archetypes[int(order[index])]
        first = CREATOR_FIRST_NAMES[int(name_slots[index]) % len(CREATOR_FIRST_NAMES)]
        last = CREATOR_LAST_NAMES[int(name_slots[index]) // len(CREATOR_FIRST_NAMES)]
        spikes: tuple[SpikePlan, ...] = ()
        if archetype == "ordinary":
            must = must_haves[ordinary_seen] if ordinary_seen < len(must_haves) else None
            plans = builder.ordinary(first, last, must)
            ordinary_seen += 1
        else:
            plans = getattr(builder, archetype)(first, last)
            if archetype == "bought_followers":
                spikes = builder.spikes(plans)
        referral_code, utm_source = builder.codes(first, last)
        creators.append(
            Creator(
                index=index,
                archetype=archetype,
                first_name=first,
                last_name=last,
                niche=niches[int(rng.integers(0, len(niches)))],
                handles={platform: plan.handle for platform, plan in plans.items()},
                plans=plans,
                referral_code=referral_code,
                utm_source=utm_source,
                x_account_id=str(40_000_000 + index * 7_919 + int(rng.integers(0, 7_919))),
                spikes=spikes,
            )
        )
    return creators
