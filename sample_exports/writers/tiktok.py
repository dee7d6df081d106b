"""TikTok "Download your data" JSON and TikTok Studio CSVs (all quoted, year-less dates)."""

from __future__ import annotations

import numpy as np

from ..activity import CREATOR, Activity, follower_roster
from ..daily import daily_series
from ..formats import DAY, csv_text, plain_datetime, plain_json, yearless
from ..ids import tiktok_id
from ..scales import TIKTOK_FANS_LIST_CAP, Window
from ..sink import DM, ExportSink

PAD = " " * 8


def _video_link(video_id: str) -> str:
    return f"https://www.tiktokv.com/share/video/{video_id}/"


def _list(records: list[str], indent: str) -> str:
    if not records:
        return "[]"
    return "[\n" + ",\n".join(indent + r for r in records) + "\n" + indent[:-2] + "]"


def write_tiktok(sink: ExportSink, act: Activity, rng: np.random.Generator, window: Window) -> None:
    creator, plan, audience = act.creator, act.plan, act.audience
    handle = plan.handle
    video_ids = [tiktok_id(post.ts, creator.index, post.seq) for post in act.posts]
    links = [_video_link(v) for v in video_ids]

    videos = []
    for post, link in zip(reversed(act.posts), reversed(links), strict=True):
        sound = '""' if rng.random() < 0.1 else plain_json(f"original sound - {handle}")
        videos.append(
            f'{{"Date": "{plain_datetime(post.ts)}", "Link": "{link}", '
            f'"Likes": "{post.likes}", "Sound": {sound}, "Title": {plain_json(post.caption)}, '
            f'"WhoCanView": "Everyone", "AllowComments": "Yes", '
            f'"IsLive": "{"Yes" if post.is_live else "No"}", "Location": null}}'
        )
    sink.count_rows("tiktok_videos", len(videos))

    comment_ids = [tiktok_id(c.ts, creator.index, c.seq) for c in act.comments]
    placeholders = rng.random(len(act.comments)) < 0.5
    comments = []
    for comment in reversed(act.comments):
        if comment.parent:
            parent = f'"{comment_ids[comment.parent.seq]}"'
        else:
            parent = '"N/A"' if placeholders[comment.seq] else "null"
        comments.append(
            f'{{"date": "{plain_datetime(comment.ts)}", "comment": {plain_json(comment.text)}, '
            f'"photo": "N/A", "url": "{links[comment.post]}", '
            f'"username": "{act.author_handle(comment.author)}", '
            f'"commentId": "{comment_ids[comment.seq]}", "parentCommentId": {parent}}}'
        )
        sink.comment(
            creator.creator_id, "tiktok", comment.parent is not None, comment.author == CREATOR
        )
    sink.count_rows("tiktok_comments", len(comments))

    chats: list[str] = []
    held_chats: list[str] = []
    message_rows = 0
    for conversation in act.conversations:
        them = audience.handle(conversation.counterpart)
        lines: list[str] = []
        for message in conversation.messages:  # oldest first
            sender = handle if message.from_creator else them
            text = message.text
            if text is None:
                text = _video_link(str(message.ts_ms * 1_000 + 7))
            lines.append(
                f'{{"Date": "{plain_datetime(message.ts_ms // 1000)}", "From": "{sender}", '
                f'"Content": {plain_json(text)}}}'
            )
            sink.interact(creator.creator_id, "tiktok", DM, message.from_creator)
        message_rows += len(lines)
        messages = conversation.messages
        halves = sink.split(lines, lambda: (m.ts_ms // 1000 for m in messages))  # noqa: B023
        for target, part in zip((chats, held_chats), halves, strict=True):
            if part:
                target.append(f'"Chat History with {them}:": {_list(part, PAD + "    ")}')
    sink.count_rows("tiktok_messages", message_rows)

    indices, stamps = follower_roster(act, rng, window, limit=TIKTOK_FANS_LIST_CAP)
    fans = [
        f'{{"Date": "{plain_datetime(stamp)}", "UserName": "{audience.handle(index)}"}}'
        for index, stamp in zip(indices.tolist(), stamps.tolist(), strict=True)
    ]
    sink.count_rows("tiktok_followers", len(fans))

    profile = (
        f'{{"userName": "{handle}", "followerCount": {act.followers.end}, '
        f'"followingCount": {int(rng.integers(50, 900))}, "likesReceived": "N/A", '
        f'"bioDescription": {plain_json(f"{creator.niche} | {creator.display_name}")}, '
        f'"birthDate": "N/A", "emailAddress": "", "telephoneNumber": null, '
        f'"profilePhoto": "N/A"}}'
    )
    # A delta holds the held-out videos, comments, messages and fans, and the profile again
    # (as exported on the last day, so it is the same row).
    videos, held_videos = sink.split(videos, lambda: (p.ts for p in reversed(act.posts)))
    comments, held_comments = sink.split(comments, lambda: (c.ts for c in reversed(act.comments)))
    fans, held_fans = sink.split(fans, stamps.tolist)
    path = f"tiktok/{handle}/user_data_tiktok.json"
    sink.write(path, _user_data(profile, videos, comments, chats, fans))
    if held_videos or held_comments or held_chats or held_fans:
        held = _user_data(profile, held_videos, held_comments, held_chats, held_fans)
        sink.write_delta(sink.dated(path), held)
    sink.count_rows("tiktok_profiles", 1)
    _studio(sink, act, rng, window)


def _user_data(
    profile: str, videos: list[str], comments: list[str], chats: list[str], fans: list[str]
) -> str:
    chat_history = "{\n" + ",\n".join(PAD + c for c in chats) + "\n      }" if chats else "{}"
    return (
        "{\n"
        f'  "Profile": {{"Profile Information": {{"ProfileMap": {profile}}}}},\n'
        f'  "Video": {{"Videos": {{"VideoList": {_list(videos, PAD)}}}}},\n'
        f'  "Comment": {{"Comments": {{"CommentsList": {_list(comments, PAD)}}}}},\n'
        f'  "Direct Message": {{"Direct Messages": {{"ChatHistory": {chat_history}}}}},\n'
        f'  "Activity": {{"Follower List": {{"FansList": {_list(fans, PAD)}}}}}\n'
        "}\n"
    )


def _studio(sink: ExportSink, act: Activity, rng: np.random.Generator, window: Window) -> None:
    folder = f"tiktok_studio/{act.plan.handle}/{window.end_date.isoformat()}"
    daily = daily_series(act, window, rng)
    dates = [yearless(window.day(offset)) for offset in range(window.days)]
    overview = list(
        zip(
            dates,
            daily.views.tolist(),
            daily.profile_views.tolist(),
            daily.likes.tolist(),
            daily.comments.tolist(),
            daily.shares.tolist(),
            strict=True,
        )
    )
    header = ("Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares")
    _studio_csv(sink, window, f"{folder}/Overview.csv", header, overview)
    sink.count_rows("tiktok_studio_overview", window.days)
    totals = act.followers.totals().tolist()
    differences = act.followers.daily_adds.tolist()
    history = list(zip(dates, totals, differences, strict=True))
    header = ("Date", "Followers", "Difference in followers from previous day")
    _studio_csv(sink, window, f"{folder}/FollowerHistory.csv", header, history)
    sink.count_rows("tiktok_studio_follower_history", window.days)


def _studio_csv(
    sink: ExportSink,
    window: Window,
    path: str,
    header: tuple[str, ...],
    rows: list[tuple[object, ...]],
) -> None:
    """With a hold-out, the export folder's file stops before the held-out days and a second
    export into the same folder (taken once they are over) repeats every row: the loader lands
    each row's position in its file and staging dates the rows from it, so only a complete
    re-export gives the held-out days the rows of a full generation."""
    kept, held = sink.split(rows, lambda: (window.start_ts + k * DAY for k in range(len(rows))))
    sink.write(path, csv_text(header, kept, quote_all=True))
    if held:
        sink.write_delta(sink.dated(path), csv_text(header, rows, quote_all=True))
