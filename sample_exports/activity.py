"""Platform-neutral simulation of one creator on one platform: posts, comment threads,
direct-message conversations and the follower curve. Writers turn it into export files.

Authors are integers: ``CREATOR`` (-1) for the creator, ``0 ..`` for audience members (see
``people.Audience``), ``BOT_OFFSET + k`` for bought accounts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .formats import DAY
from .people import BOT_OFFSET, Audience
from .roster import DAYS_PER_MONTH, Creator, PlatformPlan
from .scales import Window
from .vocab import (
    BOT_COMMENTS,
    DM_AUDIENCE_FOLLOWUPS,
    FOLLOWUP_COMMENTS,
    THANKS_TEMPLATES,
    answer_pool,
    caption_pool,
    comment_pool,
    dm_creator_pool,
    dm_inbound_pool,
    live_caption_pool,
    question_pool,
    self_comment_pool,
)

CREATOR = -1
HOUR = 3_600
MONTH_SECONDS = int(DAYS_PER_MONTH * DAY)
LIVE_COMMENT_BOOST = 2.5
PHOTO_SHARE = 0.05


@dataclass(slots=True)
class Post:
    seq: int
    ts: int
    is_live: bool
    caption: str
    views: int
    likes: int
    shares: int
    saves: int
    reach: int
    follows: int
    comment_count: int = 0


@dataclass(slots=True)
class Comment:
    post: int
    parent: Comment | None
    author: int
    ts: int
    text: str
    likes: int
    seq: int = 0


@dataclass(slots=True)
class Message:
    from_creator: bool
    ts_ms: int
    text: str | None


@dataclass(slots=True)
class Conversation:
    counterpart: int
    messages: list[Message]


@dataclass
class FollowerCurve:
    """Followers before the window plus organic and bought additions per day of the window."""

    start: int
    organic: np.ndarray
    bought: np.ndarray

    @property
    def daily_adds(self) -> np.ndarray:
        return self.organic + self.bought

    @property
    def end(self) -> int:
        return self.start + int(self.daily_adds.sum())

    def totals(self) -> np.ndarray:
        return self.start + np.cumsum(self.daily_adds)


@dataclass
class Activity:
    creator: Creator
    plan: PlatformPlan
    audience: Audience
    posts: list[Post]
    comments: list[Comment]
    conversations: list[Conversation]
    followers: FollowerCurve
    bot_days: list[tuple[int, int, int]] = field(default_factory=list)
    """(day offset, first bot index, bot count) per follower spike."""

    def author_handle(self, author: int) -> str:
        return self.plan.handle if author == CREATOR else self.audience.handle(author)


def _month(window: Window, ts: int) -> int:
    return (ts - window.start_ts) // MONTH_SECONDS


class Simulator:
    """Draws one creator-platform activity from its plan with its own random stream."""

    def __init__(
        self,
        rng: np.random.Generator,
        creator: Creator,
        plan: PlatformPlan,
        window: Window,
        audience: Audience,
    ) -> None:
        self.rng = rng
        self.creator = creator
        self.plan = plan
        self.window = window
        self.audience = audience
        self.niche = creator.niche

    def run(self) -> Activity:
        followers, bot_days = self.follower_curve()
        posts = self.posts(followers)
        comments = self.comments(posts, bot_days)
        conversations = self.conversations()
        return Activity(
            self.creator,
            self.plan,
            self.audience,
            posts,
            comments,
            conversations,
            followers,
            bot_days,
        )

    # --- followers -----------------------------------------------------------------------

    def follower_curve(self) -> tuple[FollowerCurve, list[tuple[int, int, int]]]:
        plan, window = self.plan, self.window
        months = np.arange(window.days) / DAYS_PER_MONTH
        rate = plan.followers_daily_baseline * plan.monthly_decay ** np.floor(months)
        organic = self.rng.poisson(rate).astype(np.int64)
        bought = np.zeros(window.days, dtype=np.int64)
        bot_days = []
        next_bot = 0
        for spike in self.creator.spikes:
            added = spike.followers_added.get(plan.platform, 0)
            offset = (spike.day - window.start_date).days
            bought[offset] += added
            bot_days.append((offset, next_bot, added))
            next_bot += added
        return FollowerCurve(plan.followers_start, organic, bought), bot_days

    # --- posts ---------------------------------------------------------------------------

    def posts(self, followers: FollowerCurve) -> list[Post]:
        plan, rng, window = self.plan, self.rng, self.window
        months = window.days / DAYS_PER_MONTH
        regular = int(rng.poisson(plan.posts_per_month * months))
        lives = int(rng.poisson(plan.live_posts_per_month * months))
        count = regular + lives
        if count == 0:
            return []
        days = rng.integers(0, window.days, count)
        seconds = rng.integers(7 * HOUR, 22 * HOUR, count)
        stamps = window.start_ts + days * DAY + seconds
        is_live = np.zeros(count, dtype=bool)
        is_live[rng.choice(count, lives, replace=False)] = True
        order = np.lexsort((is_live, stamps))
        stamps, is_live = stamps[order], is_live[order]
        organic_totals = plan.followers_start + np.cumsum(followers.organic)
        reach_rate = {"tiktok": 0.6, "youtube": 0.4, "instagram": 0.3, "facebook": 0.15}.get(
            plan.platform, 0.1
        )
        noise = rng.lognormal(0.0, 0.5, count)
        like_rate = rng.uniform(0.04, 0.1, count)
        regular_captions = caption_pool(self.niche)
        live_captions = live_caption_pool(self.niche)
        caption_picks = rng.integers(0, 1 << 30, count)
        posts = []
        previous = -1
        for seq in range(count):
            ts = int(stamps[seq])
            if ts <= previous:  # two posts never share a second
                ts = previous + 1
            previous = ts
            day = min((ts - window.start_ts) // DAY, window.days - 1)
            decay = plan.monthly_decay ** _month(window, ts)
            audience = max(50, int(organic_totals[day]))
            views = int(audience * reach_rate * decay * noise[seq] * (0.5 if is_live[seq] else 1))
            likes = int(views * like_rate[seq])
            pool = live_captions if is_live[seq] else regular_captions
            posts.append(
                Post(
                    seq=seq,
                    ts=ts,
                    is_live=bool(is_live[seq]),
                    caption=pool[int(caption_picks[seq]) % len(pool)],
                    views=views,
                    likes=likes,
                    shares=int(likes * 0.08),
                    saves=int(likes * 0.12),
                    reach=int(views * 0.8),
                    follows=int(views * 0.0015),
                )
            )
        return posts

    # --- comments ------------------------------------------------------------------------

    def authors(self, count: int) -> np.ndarray:
        plan, rng = self.plan, self.rng
        pool = max(1, plan.audience_pool_size)
        core = max(1, min(pool, plan.repeat_engager_core_size))
        loyal = rng.random(count) < plan.repeat_engager_share
        return np.where(loyal, rng.integers(0, core, count), rng.integers(0, pool, count))

    def delays(self, median_hours: float, sigma: float, count: int) -> np.ndarray:
        hours = self.rng.lognormal(math.log(median_hours), sigma, count)
        return np.maximum(30, (hours * HOUR).astype(np.int64))

    def comments(self, posts: list[Post], bot_days: list[tuple[int, int, int]]) -> list[Comment]:
        plan, rng, window = self.plan, self.rng, self.window
        comments: list[Comment] = []
        if plan.mean_comments_per_post <= 0 or not posts:
            return comments
        noise = rng.lognormal(0.0, 0.4, len(posts))
        for post in posts:
            decay = plan.monthly_decay ** _month(window, post.ts)
            mean = plan.mean_comments_per_post * decay * noise[post.seq]
            if post.is_live:
                mean *= LIVE_COMMENT_BOOST
            self._thread_batch(post, int(rng.poisson(mean)), comments)
            if rng.random() < plan.self_comment_probability:
                own = self_comment_pool(self.niche)
                ts = post.ts + int(self.delays(0.5, 1.0, 1)[0])
                text = own[int(rng.integers(0, len(own)))]
                comments.append(
                    Comment(post.seq, None, CREATOR, ts, text, int(rng.integers(0, 40)))
                )
        for offset, first_bot, count in bot_days:
            self._bot_burst(posts, offset, first_bot, count, comments)
        cutoff = window.cutoff_ts
        kept = [c for c in comments if c.ts < cutoff]
        kept.sort(key=lambda c: (c.ts, c.post, c.author))
        for seq, comment in enumerate(kept):
            comment.seq = seq
            posts[comment.post].comment_count += 1
        return kept

    def _thread_batch(self, post: Post, count: int, out: list[Comment]) -> None:
        if count == 0:
            return
        plan, rng = self.plan, self.rng
        if post.is_live:  # comments arrive while the broadcast runs
            arrival = np.maximum(5, (rng.lognormal(math.log(0.3), 0.6, count) * HOUR)).astype(
                np.int64
            )
            question_share = plan.live_question_share
        else:
            arrival = self.delays(4.0, 1.4, count)
            question_share = plan.question_share
        authors = self.authors(count)
        is_question = rng.random(count) < question_share
        picks = rng.integers(0, 1 << 30, (count, 4))
        chance = rng.random((count, 4))
        reply_delay = self.delays(plan.reply_delay_median_hours, plan.reply_delay_sigma, count)
        followup_delay = self.delays(1.0, 1.0, count)
        again_delay = self.delays(plan.reply_delay_median_hours, plan.reply_delay_sigma, count)
        likes = rng.geometric(0.35, (count, 3)) - 1
        side_authors = self.authors(count)
        questions, remarks = question_pool(self.niche), comment_pool(self.niche)
        answers = answer_pool(self.niche)
        audience_name = self.audience.first_name
        for i in range(count):
            ts = post.ts + int(arrival[i])
            author = int(authors[i])
            pool = questions if is_question[i] else remarks
            top = Comment(
                post.seq, None, author, ts, pool[picks[i, 0] % len(pool)], int(likes[i, 0])
            )
            out.append(top)
            if post.is_live and is_question[i]:
                reply_p = plan.live_question_answer_probability
            else:
                reply_p = plan.comment_reply_probability
            if chance[i, 0] < reply_p:
                if is_question[i]:
                    text = answers[picks[i, 1] % len(answers)]
                else:
                    template = THANKS_TEMPLATES[picks[i, 1] % len(THANKS_TEMPLATES)]
                    text = template.format(n=audience_name(author))
                reply_ts = ts + int(reply_delay[i])
                out.append(Comment(post.seq, top, CREATOR, reply_ts, text, int(likes[i, 1])))
                if chance[i, 1] < plan.audience_followup_probability:
                    follow_ts = reply_ts + int(followup_delay[i])
                    follow_text = FOLLOWUP_COMMENTS[picks[i, 2] % len(FOLLOWUP_COMMENTS)]
                    out.append(Comment(post.seq, top, author, follow_ts, follow_text, 0))
                    if chance[i, 2] < plan.creator_followup_probability:
                        again_text = THANKS_TEMPLATES[picks[i, 3] % len(THANKS_TEMPLATES)]
                        out.append(
                            Comment(
                                post.seq,
                                top,
                                CREATOR,
                                follow_ts + int(again_delay[i]),
                                again_text.format(n=audience_name(author)),
                                int(likes[i, 2]),
                            )
                        )
            if chance[i, 3] < plan.audience_side_reply_probability:
                side = int(side_authors[i])
                if side != author:
                    side_text = remarks[picks[i, 3] % len(remarks)]
                    out.append(
                        Comment(post.seq, top, side, ts + int(followup_delay[i]), side_text, 0)
                    )

    def _bot_burst(
        self, posts: list[Post], offset: int, first_bot: int, bots: int, out: list[Comment]
    ) -> None:
        """Generic comments from accounts bought that day, spread over many recent posts."""
        plan, rng = self.plan, self.rng
        spike = next(
            s for s in self.creator.spikes if (s.day - self.window.start_date).days == offset
        )
        count = spike.bot_comments.get(plan.platform, 0)
        day_start = self.window.start_ts + offset * DAY
        recent = [p for p in posts if p.ts < day_start][-30:]
        if not recent or not bots or not count:
            return
        targets = rng.integers(0, len(recent), count)
        authors = BOT_OFFSET + first_bot + rng.integers(0, bots, count)
        seconds = np.sort(rng.integers(6 * HOUR, DAY, count))
        texts = rng.integers(0, len(BOT_COMMENTS), count)
        replies = rng.random(count) < 0.02
        for i in range(count):
            post = recent[int(targets[i])]
            ts = day_start + int(seconds[i])
            comment = Comment(post.seq, None, int(authors[i]), ts, BOT_COMMENTS[texts[i]], 0)
            out.append(comment)
            if replies[i]:
                out.append(Comment(post.seq, comment, CREATOR, ts + 4 * HOUR, "Thank you! 🙏", 0))

    # --- direct messages -----------------------------------------------------------------

    def conversations(self) -> list[Conversation]:
        plan, rng, window = self.plan, self.rng, self.window
        inbound, outbound = plan.dm_inbound_conversations, plan.dm_outbound_conversations
        total = inbound + outbound
        if total == 0:
            return []
        pool = max(total, plan.audience_pool_size)
        counterparts = rng.choice(pool, size=total, replace=False)
        starts = window.start_ts + rng.integers(0, window.days * DAY - 2 * HOUR, total)
        conversations = []
        for k in range(total):
            messages = self._exchange(int(starts[k]), creator_opens=k >= inbound)
            kept = [m for m in messages if m.ts_ms < window.cutoff_ts * 1000]
            if kept:
                conversations.append(Conversation(int(counterparts[k]), kept))
        return conversations

    def _exchange(self, start: int, creator_opens: bool) -> list[Message]:
        plan, rng = self.plan, self.rng
        inbound, creator_lines = dm_inbound_pool(self.niche), dm_creator_pool(self.niche)
        messages: list[Message] = []
        clock = start * 1000 + int(rng.integers(0, 1000))

        def say(from_creator: bool, gap_seconds: float, text: str | None) -> None:
            nonlocal clock
            clock += max(1_000, int(gap_seconds * 1000)) + int(rng.integers(0, 1000))
            messages.append(Message(from_creator, clock, text))

        def audience_text(pool: tuple[str, ...]) -> str | None:
            if rng.random() < PHOTO_SHARE:
                return None
            return pool[int(rng.integers(0, len(pool)))]

        if creator_opens:
            say(True, 0, creator_lines[int(rng.integers(0, len(creator_lines)))])
            if rng.random() >= 0.6:
                return messages
            say(False, float(self.delays(2.0, 1.0, 1)[0]), audience_text(DM_AUDIENCE_FOLLOWUPS))
        else:
            say(False, 0, audience_text(inbound))
            if rng.random() < 0.4:
                say(False, float(rng.integers(5, 300)), audience_text(DM_AUDIENCE_FOLLOWUPS))
        for _round in range(3):
            if rng.random() >= plan.dm_response_probability:
                break
            delay = rng.lognormal(plan.dm_response_mu, plan.dm_response_sigma) * HOUR
            say(True, delay, creator_lines[int(rng.integers(0, len(creator_lines)))])
            if rng.random() >= 0.45:
                break
            say(False, float(self.delays(1.5, 1.0, 1)[0]), audience_text(DM_AUDIENCE_FOLLOWUPS))
        return messages


def simulate(
    rng: np.random.Generator,
    creator: Creator,
    plan: PlatformPlan,
    window: Window,
    audience: Audience,
) -> Activity:
    return Simulator(rng, creator, plan, window, audience).run()


def follower_roster(
    act: Activity, rng: np.random.Generator, window: Window, limit: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Current followers (audience or bot index) and when each followed, newest first.

    Index ``i`` of the audience is the ``i``-th oldest organic follower; bought followers are
    the bot accounts of their spike day. ``limit`` keeps only the most recent ones.
    """
    curve = act.followers
    organic = curve.organic
    in_window = int(organic.sum())
    days = np.repeat(np.arange(window.days, dtype=np.int64), organic)
    stamps = np.sort(window.start_ts + days * DAY + rng.integers(0, DAY, in_window))
    parts_ts = [stamps]
    parts_ix = [curve.start + np.arange(in_window, dtype=np.int64)]
    for offset, first_bot, count in act.bot_days:
        spike_start = window.start_ts + offset * DAY
        parts_ts.append(np.sort(spike_start + rng.integers(HOUR, 20 * HOUR, count)))
        parts_ix.append(BOT_OFFSET + first_bot + np.arange(count, dtype=np.int64))
    recent = in_window + sum(count for _, _, count in act.bot_days)
    if limit is None or limit > recent:
        account_start = window.start_ts - 3 * 365 * DAY
        parts_ts.append(np.sort(rng.integers(account_start, window.start_ts, curve.start)))
        parts_ix.append(np.arange(curve.start, dtype=np.int64))
    stamps = np.concatenate(parts_ts)
    indices = np.concatenate(parts_ix)
    order = np.lexsort((-indices, -stamps))
    if limit is not None:
        order = order[:limit]
    return indices[order], stamps[order]
