"""Instagram and Facebook "Download your information" JSON (mojibake strings, epoch seconds,
``timestamp_ms`` in messages) and the Meta Business Suite post-insights CSV."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from ..activity import CREATOR, Activity, Message, Post, follower_roster
from ..formats import DAY, MONTHS, csv_text, day_of, meta_json, thousands, us_minute_datetime
from ..ids import facebook_post_id, meta_numeric
from ..people import ascii_slug
from ..scales import Window
from ..sink import DM, ExportSink

INSIGHTS_HEADER = (
    "Post ID", "Account ID", "Account username", "Account name", "Description", "Publish time",
    "Permalink", "Post type", "Views", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves",
)  # fmt: skip
SHORTCODE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


def json_array(records: list[str]) -> str:
    return "[\n  " + ",\n  ".join(records) + "\n]\n" if records else "[]\n"


def _keyed(key: str, records: list[str]) -> str:
    """``{"<key>": [...]}``, the shape of Meta's comment files."""
    return f'{{"{key}": ' + json_array(records).rstrip("\n") + "}\n"


def _metric(value: int, blank: bool = False) -> str:
    """Business Suite numbers: thousands separators over 999, empty when not reported."""
    return "" if blank else thousands(value)


def write_meta_messages(
    sink: ExportSink,
    act: Activity,
    root: str,
    table: str,
    platform: str,
    rng: np.random.Generator,
) -> None:
    creator, audience = act.creator, act.audience
    me = creator.display_name
    rows = 0
    for serial, conversation in enumerate(act.conversations):
        them = audience.display_name(conversation.counterpart)
        folder = f"{ascii_slug(them)}_{int(rng.integers(10**9, 10**10))}{serial:06d}"
        messages = conversation.messages
        kept, held = sink.split(messages, lambda: (m.ts_ms // 1000 for m in messages))  # noqa: B023
        if kept:
            sink.write(
                f"{root}/messages/inbox/{folder}/message_1.json", _thread(kept, folder, them, me)
            )
        if held:  # Meta numbers a thread's files message_1.json, message_2.json, ...
            name = "message_2.json" if kept else "message_1.json"
            sink.write_delta(
                f"{root}/messages/inbox/{folder}/{name}", _thread(held, folder, them, me)
            )
        rows += len(messages)
        for message in conversation.messages:
            sink.interact(creator.creator_id, platform, DM, message.from_creator)
    sink.count_rows(table, rows)


def _thread(messages: list[Message], folder: str, them: str, me: str) -> str:
    them_json, me_json = meta_json(them), meta_json(me)
    records = []
    for message in reversed(messages):  # newest first
        sender = me_json if message.from_creator else them_json
        if message.text is None:
            photo = f"messages/inbox/{folder}/photos/{message.ts_ms}.jpg"
            body = (
                f'"photos": [{{"uri": "{photo}", "creation_timestamp": {message.ts_ms // 1000}}}]'
            )
        else:
            body = f'"content": {meta_json(message.text)}'
        records.append(
            f'{{"sender_name": {sender}, "timestamp_ms": {message.ts_ms}, {body}, '
            f'"is_geoblocked_for_viewer": false}}'
        )
    messages = ",\n    ".join(records)
    return (
        f'{{\n  "participants": [{{"name": {them_json}}}, {{"name": {me_json}}}],\n'
        f'  "messages": [\n    {messages}\n  ],\n'
        f'  "title": {them_json},\n  "is_still_participant": true,\n'
        f'  "thread_path": "inbox/{folder}",\n  "magic_words": []\n}}\n'
    )


# --- Instagram ---------------------------------------------------------------------------------


def _instagram_post_kinds(posts: list[Post], rng: np.random.Generator) -> list[tuple[str, int]]:
    """(Business Suite post type, media count) per post."""
    kinds = []
    for post in posts:
        if post.is_live:
            kinds.append(("IG live", 1))
            continue
        roll = rng.random()
        if roll < 0.4:
            kinds.append(("IG reel", 1))
        elif roll < 0.75:
            kinds.append(("IG image", 1))
        else:
            kinds.append(("IG carousel", int(rng.integers(2, 7))))
    return kinds


def write_instagram(
    sink: ExportSink, act: Activity, rng: np.random.Generator, window: Window
) -> None:
    creator, plan, audience = act.creator, act.plan, act.audience
    root = f"instagram/{plan.handle}"
    activity_root = f"{root}/your_instagram_activity"
    kinds = _instagram_post_kinds(act.posts, rng)
    post_ids = [meta_numeric(179, creator.index, post.seq * 10, rng) for post in act.posts]

    records = []
    for post, (kind, media_count), post_id in zip(act.posts, kinds, post_ids, strict=True):
        posted = day_of(post.ts)
        month = f"{posted.year}{posted.month:02d}"
        caption = meta_json(post.caption)
        folder, extension = ("live", "mp4") if kind == "IG live" else ("posts", "jpg")
        if kind == "IG reel":
            extension = "mp4"
        media = [
            f'{{"uri": "media/{folder}/{month}/{post_id}.{extension}", '
            f'"creation_timestamp": {post.ts}, "title": {caption}}}'
        ]
        for extra in range(1, media_count):
            other = meta_numeric(179, creator.index, post.seq * 10 + extra, rng)
            media.append(
                f'{{"uri": "media/posts/{month}/{other}.jpg", '
                f'"creation_timestamp": {post.ts}, "title": ""}}'
            )
        records.append(
            f'{{"media": [{", ".join(media)}], "title": {caption}, '
            f'"creation_timestamp": {post.ts}}}'
        )
    records.reverse()  # newest first
    kept, held = sink.split(records, lambda: (p.ts for p in reversed(act.posts)))
    sink.write(f"{activity_root}/content/posts_1.json", json_array(kept))
    if held:
        sink.write_delta(f"{activity_root}/content/posts_2.json", json_array(held))
    sink.count_rows("instagram_posts", len(records))

    comment_ids = [meta_numeric(18, creator.index, c.seq, rng) for c in act.comments]
    records = []
    for comment in reversed(act.comments):  # newest first
        parent = comment_ids[comment.parent.seq] if comment.parent else ""
        author = act.author_handle(comment.author)
        records.append(
            '{"title": "", "string_map_data": {'
            f'"Comment ID": {{"value": "{comment_ids[comment.seq]}"}}, '
            f'"Media ID": {{"value": "{post_ids[comment.post]}"}}, '
            f'"Parent Comment ID": {{"value": "{parent}"}}, '
            f'"Author": {{"value": "{author}"}}, '
            f'"Comment": {{"value": {meta_json(comment.text)}}}, '
            f'"Time": {{"timestamp": {comment.ts}}}}}}}'
        )
        sink.comment(
            creator.creator_id, "instagram", comment.parent is not None, comment.author == CREATOR
        )
    kept, held = sink.split(records, lambda: (c.ts for c in reversed(act.comments)))
    comments = f"{activity_root}/comments/comments_on_your_posts"
    sink.write(f"{comments}_1.json", _keyed("comments_media_comments", kept))
    if held:
        sink.write_delta(f"{comments}_2.json", _keyed("comments_media_comments", held))
    sink.count_rows("instagram_comments", len(records))

    indices, stamps = follower_roster(act, rng, window)
    records = []
    for index, stamp in zip(indices.tolist(), stamps.tolist(), strict=True):
        handle = audience.handle(index)
        records.append(
            '{"title": "", "media_list_data": [], "string_list_data": [{"href": '
            f'"https://www.instagram.com/{handle}", "value": "{handle}", "timestamp": {stamp}}}]}}'
        )
    kept, held = sink.split(records, stamps.tolist)
    followers = f"{root}/connections/followers_and_following/followers"
    sink.write(f"{followers}_1.json", json_array(kept))
    if held:
        sink.write_delta(f"{followers}_2.json", json_array(held))
    sink.count_rows("instagram_followers", len(records))

    write_meta_messages(sink, act, root, "instagram_messages", "instagram", rng)
    _business_suite(sink, act, kinds, post_ids, rng, window)


def _business_suite(
    sink: ExportSink,
    act: Activity,
    kinds: list[tuple[str, int]],
    post_ids: list[str],
    rng: np.random.Generator,
    window: Window,
) -> None:
    creator, plan = act.creator, act.plan
    account_id = f"178414{creator.index:05d}{int(rng.integers(100_000, 1_000_000))}"
    rows = []
    for post, (kind, _count), post_id in zip(act.posts, kinds, post_ids, strict=True):
        code = "".join(SHORTCODE[i] for i in rng.integers(0, len(SHORTCODE), 11))
        path = "reel" if kind in ("IG reel", "IG live") else "p"
        follows_blank = rng.random() < 0.1
        rows.append(
            (
                post_id, account_id, plan.handle, creator.display_name, post.caption,
                us_minute_datetime(post.ts), f"https://www.instagram.com/{path}/{code}/", kind,
                _metric(post.views), _metric(post.reach), _metric(post.likes),
                _metric(post.shares), _metric(post.follows, follows_blank),
                _metric(post.comment_count), _metric(post.saves, kind == "IG live"),
            )
        )  # fmt: skip
    rows.reverse()
    kept, held = sink.split(rows, lambda: (p.ts for p in reversed(act.posts)))
    # With a hold-out: an export up to the day before it, and one of the held-out days.
    last = window.end_date if sink.cut_ts is None else day_of(sink.cut_ts - DAY)
    folder = f"meta_business_suite/{plan.handle}"
    name = _insights_name(window.start_date, last, account_id)
    sink.write(f"{folder}/{name}", csv_text(INSIGHTS_HEADER, kept, False))
    if held:
        name = _insights_name(last + timedelta(days=1), window.end_date, account_id)
        sink.write_delta(f"{folder}/{name}", csv_text(INSIGHTS_HEADER, held, False))
    sink.count_rows("meta_post_insights", len(rows))


def _insights_name(first: date, last: date, account_id: str) -> str:
    """Business Suite names an export after its date range and the account."""
    span = "_".join(f"{MONTHS[day.month - 1]}-{day.day:02d}-{day.year}" for day in (first, last))
    return f"{span}_{account_id[-9:]}.csv"


# --- Facebook ----------------------------------------------------------------------------------


def write_facebook(sink: ExportSink, act: Activity, rng: np.random.Generator) -> None:
    creator, plan, audience = act.creator, act.plan, act.audience
    root = f"facebook/{plan.handle}"
    activity_root = f"{root}/your_facebook_activity"
    me = creator.display_name
    post_ids = [facebook_post_id(creator.index, post.seq, rng) for post in act.posts]

    records = []
    for post, post_id in zip(act.posts, post_ids, strict=True):
        title = f"{me} was live." if post.is_live else f"{me} updated their status."
        url = f"https://www.facebook.com/{plan.handle}/posts/{post_id}"
        records.append(
            f'{{"timestamp": {post.ts}, "data": [{{"post": {meta_json(post.caption)}}}], '
            f'"title": {meta_json(title)}, "attachments": [{{"data": [{{"external_context": '
            f'{{"url": "{url}"}}}}]}}], "post_id": "{post_id}", '
            f'"is_live": {"true" if post.is_live else "false"}}}'
        )
    records.reverse()
    kept, held = sink.split(records, lambda: (p.ts for p in reversed(act.posts)))
    sink.write(f"{activity_root}/posts/your_posts_1.json", json_array(kept))
    if held:
        sink.write_delta(f"{activity_root}/posts/your_posts_2.json", json_array(held))
    sink.count_rows("facebook_posts", len(records))

    base = 10_150_000_000_000_000 + creator.index * 10**9
    names = {}
    records = []
    for comment in act.comments:
        names[comment.seq] = (
            me if comment.author == CREATOR else audience.display_name(comment.author)
        )
    for comment in reversed(act.comments):
        author = names[comment.seq]
        comment_id = f"{base + comment.post}_{base + 500_000_000 + comment.seq}"
        if comment.parent:
            parent = comment.parent
            parent_id = f"{base + parent.post}_{base + 500_000_000 + parent.seq}"
            title = f"{author} replied to {names[parent.seq]}'s comment."
        else:
            parent_id = ""
            title = f"{author} commented on {me}'s post."
        records.append(
            f'{{"timestamp": {comment.ts}, "data": [{{"comment": {{"timestamp": {comment.ts}, '
            f'"comment": {meta_json(comment.text)}, "author": {meta_json(author)}, '
            f'"comment_id": "{comment_id}", "parent_comment_id": "{parent_id}", '
            f'"post_id": "{post_ids[comment.post]}"}}}}], "title": {meta_json(title)}}}'
        )
        sink.comment(
            creator.creator_id, "facebook", comment.parent is not None, comment.author == CREATOR
        )
    kept, held = sink.split(records, lambda: (c.ts for c in reversed(act.comments)))
    comments = f"{activity_root}/comments_and_reactions/comments_on_your_posts"
    sink.write(f"{comments}_1.json", _keyed("comments_v2", kept))
    if held:
        sink.write_delta(f"{comments}_2.json", _keyed("comments_v2", held))
    sink.count_rows("facebook_comments", len(records))
    write_meta_messages(sink, act, activity_root, "facebook_messages", "facebook", rng)
