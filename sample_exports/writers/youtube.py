"""YouTube Studio CSVs (``Table data.csv`` with its ``Total`` row, ``Chart data.csv``) and
Data API ``commentThreads`` responses, paged into ``comment_threads_NNNN.json`` files."""

from __future__ import annotations

import numpy as np

from ..activity import CREATOR, Activity, Comment
from ..daily import daily_series
from ..formats import DAY, csv_text, day_of, iso_z, month_day_year, plain_json
from ..ids import youtube_reply_id, youtube_thread_id, youtube_video_id
from ..scales import Window
from ..sink import ExportSink

TABLE_HEADER = (
    "Content", "Video title", "Video publish time", "Content type", "Duration", "Views",
    "Watch time (hours)", "Subscribers", "Impressions", "Impressions click-through rate (%)",
)  # fmt: skip


def write_youtube(
    sink: ExportSink,
    act: Activity,
    rng: np.random.Generator,
    window: Window,
    threads_per_file: int,
) -> None:
    video_ids = [youtube_video_id(act.creator.index, post.seq, rng) for post in act.posts]
    _studio_table(sink, act, video_ids, rng)
    _studio_chart(sink, act, rng, window)
    _comment_threads(sink, act, video_ids, rng, threads_per_file)


def _studio_table(
    sink: ExportSink, act: Activity, video_ids: list[str], rng: np.random.Generator
) -> None:
    entries: list[tuple[tuple[str, ...], int, float, int, int]] = []  # in publishing order
    for post, video_id in zip(act.posts, video_ids, strict=True):
        if post.is_live:
            kind, duration = "Live", int(rng.integers(1_800, 5_400))
        elif rng.random() < 0.4:
            kind, duration = "Shorts", int(rng.integers(15, 60))
        else:
            kind, duration = "Videos", int(rng.integers(240, 1_500))
        watch_hours = post.views * min(duration, 600) * rng.uniform(0.25, 0.6) / 3_600
        subscribers = int(post.views * rng.uniform(0.001, 0.004))
        impressions = int(post.views * rng.uniform(6, 14)) + 1
        ctr = 100 * post.views / impressions
        row = (
            video_id, post.caption, month_day_year(day_of(post.ts)), kind, str(duration),
            str(post.views), f"{watch_hours:.4f}", str(subscribers), str(impressions),
            f"{ctr:.2f}",
        )  # fmt: skip
        entries.append((row, post.views, round(watch_hours, 4), subscribers, impressions))
    # With a hold-out, a second export lists the videos published on the held-out days.
    kept, held = sink.split(entries, lambda: (post.ts for post in act.posts))
    path = f"youtube_studio/{act.plan.handle}/Table data.csv"
    sink.write(path, _table_data(kept))
    if held:
        sink.write_delta(sink.dated(path), _table_data(held))
    sink.count_rows("youtube_studio_videos", len(entries))


def _table_data(entries: list[tuple[tuple[str, ...], int, float, int, int]]) -> str:
    """The CSV with its `Total` row first (sums of the listed videos), videos by views."""
    totals = [0, 0.0, 0, 0]
    for _row, views, watch_hours, subscribers, impressions in entries:
        totals[0] += views
        totals[1] += watch_hours
        totals[2] += subscribers
        totals[3] += impressions
    rows = sorted((entry[0] for entry in entries), key=lambda r: (-int(r[5]), r[0]))
    overall_ctr = f"{100 * totals[0] / totals[3]:.2f}" if totals[3] else ""
    total_row = (
        "Total", "", "", "", "", str(totals[0]), f"{totals[1]:.4f}", str(totals[2]),
        str(totals[3]), overall_ctr,
    )  # fmt: skip
    return csv_text(TABLE_HEADER, [total_row, *rows], False)


def _studio_chart(
    sink: ExportSink, act: Activity, rng: np.random.Generator, window: Window
) -> None:
    daily = daily_series(act, window, rng)
    rows = list(
        zip(
            [window.day(offset).isoformat() for offset in range(window.days)],
            daily.views.tolist(),
            act.followers.daily_adds.tolist(),
            act.followers.totals().tolist(),
            strict=True,
        )
    )
    header = ("Date", "Views", "Subscribers", "Total subscribers")
    path = f"youtube_studio/{act.plan.handle}/Chart data.csv"
    kept, held = sink.split(rows, lambda: (window.start_ts + k * DAY for k in range(len(rows))))
    sink.write(path, csv_text(header, kept, False))
    if held:  # a later export of Studio's "Last 7 days": it repeats days the base already has
        sink.write_delta(sink.dated(path), csv_text(header, rows[-max(7, len(held)) :], False))
    sink.count_rows("youtube_studio_daily", window.days)


def _author(act: Activity, author: int) -> tuple[str, str]:
    if author == CREATOR:
        return "@" + act.plan.handle, act.creator.youtube_channel_id
    return "@" + act.audience.handle(author), act.audience.channel_id(author)


def _snippet(act: Activity, comment: Comment, video_id: str, parent_id: str | None) -> str:
    name, channel = _author(act, comment.author)
    published = iso_z(comment.ts)
    parent = f'"parentId": "{parent_id}", ' if parent_id else ""
    text = plain_json(comment.text)
    return (
        f'{{"channelId": "{act.creator.youtube_channel_id}", "videoId": "{video_id}", {parent}'
        f'"textDisplay": {text}, "textOriginal": {text}, "authorDisplayName": "{name}", '
        f'"authorChannelUrl": "http://www.youtube.com/{name}", '
        f'"authorChannelId": {{"value": "{channel}"}}, "likeCount": {comment.likes}, '
        f'"publishedAt": "{published}", "updatedAt": "{published}"}}'
    )


def _comment_threads(
    sink: ExportSink,
    act: Activity,
    video_ids: list[str],
    rng: np.random.Generator,
    threads_per_file: int,
) -> None:
    creator = act.creator
    replies: dict[int, list[Comment]] = {}
    tops: list[Comment] = []
    for comment in act.comments:
        if comment.parent is None:
            tops.append(comment)
        else:
            replies.setdefault(comment.parent.seq, []).append(comment)
        sink.comment(
            creator.creator_id, "youtube", comment.parent is not None, comment.author == CREATOR
        )
    items = []
    held_items = []  # with a hold-out: threads with a comment on a held-out day, as of the end
    for serial, top in enumerate(reversed(tops)):  # newest first, as order=time returns them
        thread_id = youtube_thread_id(creator.index, serial, rng)
        video_id = video_ids[top.post]
        answers = replies.get(top.seq, [])
        reply_ids = [youtube_reply_id(thread_id, k, rng) for k in range(len(answers))]
        pairs = list(zip(answers, reply_ids, strict=True))
        whole = _thread(act, thread_id, video_id, top, pairs)
        if not sink.held_out(answers[-1].ts if answers else top.ts):
            items.append(whole)
            continue
        if not sink.held_out(top.ts):  # the base has the thread with its earlier replies
            kept = [
                (answer, reply_id) for answer, reply_id in pairs if not sink.held_out(answer.ts)
            ]
            items.append(_thread(act, thread_id, video_id, top, kept))
        held_items.append(whole)
    sink.count_rows("youtube_comments", len(act.comments))
    pages = _pages(items, threads_per_file) or [[]]
    for number, page in enumerate(pages, start=1):
        document = _page(number, page, len(pages), threads_per_file)
        sink.write(f"youtube/{act.plan.handle}/comment_threads_{number:04d}.json", document)
    # The delta's pages are numbered on from the base's, as a later fetch's files would be.
    held_pages = _pages(held_items, threads_per_file)
    last = len(pages) + len(held_pages)
    for number, page in enumerate(held_pages, start=len(pages) + 1):
        document = _page(number, page, last, threads_per_file)
        sink.write_delta(f"youtube/{act.plan.handle}/comment_threads_{number:04d}.json", document)


def _thread(
    act: Activity,
    thread_id: str,
    video_id: str,
    top: Comment,
    answers: list[tuple[Comment, str]],
) -> str:
    """One ``youtube#commentThread`` item: the top-level comment and (reply, reply id) pairs."""
    item = (
        f'{{"kind": "youtube#commentThread", "etag": "{thread_id[3:15]}", '
        f'"id": "{thread_id}", "snippet": {{"channelId": "{act.creator.youtube_channel_id}", '
        f'"videoId": "{video_id}", "topLevelComment": {{"kind": "youtube#comment", '
        f'"id": "{thread_id}", "snippet": {_snippet(act, top, video_id, None)}}}, '
        f'"canReply": true, "totalReplyCount": {len(answers)}, "isPublic": true}}'
    )
    if answers:
        rendered = ", ".join(
            f'{{"kind": "youtube#comment", "id": "{reply_id}", '
            f'"snippet": {_snippet(act, answer, video_id, thread_id)}}}'
            for answer, reply_id in answers
        )
        item += f', "replies": {{"comments": [{rendered}]}}'
    return item + "}"


def _pages(items: list[str], threads_per_file: int) -> list[list[str]]:
    return [items[i : i + threads_per_file] for i in range(0, len(items), threads_per_file)]


def _page(number: int, page: list[str], last: int, threads_per_file: int) -> str:
    """A ``commentThreadListResponse``; every page but the last has a ``nextPageToken``."""
    if not page:
        return (
            '{\n  "kind": "youtube#commentThreadListResponse", "etag": "page0001", '
            '"pageInfo": {"totalResults": 0, "resultsPerPage": 0},\n  "items": []\n}\n'
        )
    token = f'"nextPageToken": "QURTSl{number:06d}", ' if number < last else ""
    body = ",\n    ".join(page)
    return (
        '{\n  "kind": "youtube#commentThreadListResponse", '
        f'"etag": "page{number:04d}", {token}'
        f'"pageInfo": {{"totalResults": {len(page)}, "resultsPerPage": {threads_per_file}}},\n'
        f'  "items": [\n    {body}\n  ]\n}}\n'
    )
