"""X (Twitter) account archive: ``window.YTD.<type>.part0 = [...]`` files, numbers as strings."""

from __future__ import annotations

import json

import numpy as np

from ..activity import CREATOR, Activity, Comment, follower_roster
from ..formats import iso_millis_z, x_created_at
from ..ids import Snowflakes, audience_snowflake
from ..scales import Window
from ..sink import MENTION, REPLY, ExportSink
from ..vocab import EMOJI

MENTION_TEMPLATES = (
    "Shoutout to {m} for the tip on this one",
    "{m} asked about this last week, here you go",
    "Great chat with {m} today 🙌",
    "Thanks {m} for the idea!",
)


def ytd(kind: str, records: list[dict[str, object]], part: int = 0) -> str:
    """``window.YTD.<kind>.part<N> = [...]``; part N > 0 is the file ``<name>-part<N>.js``."""
    body = ",\n  ".join(json.dumps(r, ensure_ascii=False) for r in records)
    return (
        f"window.YTD.{kind}.part{part} = [\n  {body}\n]\n"
        if records
        else f"window.YTD.{kind}.part{part} = []\n"
    )


def _mention(screen_name: str, user_id: str, start: int) -> dict[str, object]:
    return {
        "name": screen_name,
        "screen_name": screen_name,
        "indices": [str(start), str(start + len(screen_name) + 1)],
        "id_str": user_id,
        "id": user_id,
    }


def _tweet(
    tweet_id: str, ts: int, text: str, likes: int, retweets: int, mentions: list[dict[str, object]]
) -> dict[str, object]:
    return {
        "retweeted": False,
        "entities": {"hashtags": [], "symbols": [], "user_mentions": mentions, "urls": []},
        "display_text_range": ["0", str(len(text))],
        "favorite_count": str(likes),
        "id_str": tweet_id,
        "truncated": False,
        "retweet_count": str(retweets),
        "id": tweet_id,
        "created_at": x_created_at(ts),
        "favorited": False,
        "full_text": text,
        "lang": "en",
    }  # fmt: skip


def write_x(sink: ExportSink, act: Activity, rng: np.random.Generator, window: Window) -> None:
    creator, plan, audience = act.creator, act.plan, act.audience
    root = f"x/{plan.handle}/data"
    me = creator.x_account_id
    snowflakes = Snowflakes(creator.index)

    account = {
        "account": {
            "email": creator.email,
            "createdVia": "web",
            "username": plan.handle,
            "accountId": me,
            "createdAt": "2019-04-01T10:00:00.000Z",
            "accountDisplayName": creator.display_name,
        }
    }
    sink.write(f"{root}/account.js", ytd("account", [account]))
    sink.count_rows("x_accounts", 1)

    tweets: list[tuple[int, dict[str, object]]] = []
    mentions_total = 0
    for post in act.posts:
        text = post.caption
        mentions: list[dict[str, object]] = []
        if rng.random() < plan.mention_probability:
            people = rng.choice(max(2, plan.audience_pool_size), int(rng.integers(1, 3)), False)
            names = [audience.handle(int(p)) for p in people]
            template = MENTION_TEMPLATES[int(rng.integers(0, len(MENTION_TEMPLATES)))]
            tagged = " and ".join(f"@{n}" for n in names)
            text = template.format(m=tagged)
            for person, name in zip(people, names, strict=True):
                mentions.append(
                    _mention(name, audience.account_id(int(person)), text.index(name) - 1)
                )
            mentions_total += len(mentions)
        tweet_id = snowflakes.make(post.ts * 1000 + int(rng.integers(0, 1000)))
        retweets = post.shares
        tweets.append((post.ts, _tweet(tweet_id, post.ts, text, post.likes, retweets, mentions)))

    replies = 0
    last_audience: dict[int, Comment] = {}
    for comment in act.comments:
        thread = comment.parent.seq if comment.parent else comment.seq
        if comment.author != CREATOR:
            last_audience[thread] = comment
            continue
        target = last_audience.get(thread)
        if comment.parent is None or target is None:
            continue  # the creator's own top-level remarks are threads, not audience replies
        name = audience.handle(target.author)
        user_id = audience.account_id(target.author)
        text = f"@{name} {comment.text}"
        if rng.random() < 0.2:
            text += f" {EMOJI[int(rng.integers(0, len(EMOJI)))]}"
        tweet_id = snowflakes.make(comment.ts * 1000 + int(rng.integers(0, 1000)))
        tweet = _tweet(tweet_id, comment.ts, text, comment.likes, 0, [_mention(name, user_id, 0)])
        replied_to = audience_snowflake(target.ts * 1000 + 17, target.author)
        tweet["in_reply_to_status_id_str"] = replied_to
        tweet["in_reply_to_status_id"] = replied_to
        tweet["in_reply_to_user_id_str"] = user_id
        tweet["in_reply_to_user_id"] = user_id
        tweet["in_reply_to_screen_name"] = name
        tweets.append((comment.ts, tweet))
        replies += 1
    tweets.sort(key=lambda item: (-item[0], item[1]["id_str"]))  # newest first
    kept, held = sink.split(tweets, lambda: (ts for ts, _ in tweets))
    sink.write(f"{root}/tweets.js", ytd("tweets", [{"tweet": t} for _, t in kept]))
    if held:
        tweets_part = ytd("tweets", [{"tweet": t} for _, t in held], part=1)
        sink.write_delta(f"{root}/tweets-part1.js", tweets_part)
    sink.count_rows("x_tweets", len(tweets))
    sink.interact(creator.creator_id, "x", REPLY, True, replies)
    sink.interact(creator.creator_id, "x", MENTION, True, mentions_total)

    conversations: list[tuple[int, dict[str, object]]] = []
    held_conversations: list[tuple[int, dict[str, object]]] = []
    message_count = 0
    for conversation in act.conversations:
        them = audience.account_id(conversation.counterpart)
        pair = sorted((me, them), key=int)
        records = []
        for message in conversation.messages:
            sender, recipient = (me, them) if message.from_creator else (them, me)
            text = message.text
            media: list[str] = []
            if text is None:
                media = [f"https://ton.twitter.com/dm/{message.ts_ms}/photo.jpg"]
                text = f"https://t.co/{message.ts_ms % 10**10:010d}"
            records.append(
                (
                    message.ts_ms,
                    {
                        "messageCreate": {
                            "recipientId": recipient,
                            "reactions": [],
                            "urls": [],
                            "text": text,
                            "mediaUrls": media,
                            "senderId": sender,
                            "id": snowflakes.make(message.ts_ms),
                            "createdAt": iso_millis_z(message.ts_ms),
                        }
                    },
                )
            )
            sink.interact(creator.creator_id, "x", "dm", message.from_creator)
        message_count += len(records)
        conversation_id = f"{pair[0]}-{pair[1]}"
        halves = sink.split(records, lambda: (ts_ms // 1000 for ts_ms, _ in records))  # noqa: B023
        for target, part in zip((conversations, held_conversations), halves, strict=True):
            if part:  # newest first
                messages = [record for _, record in reversed(part)]
                dm = {"dmConversation": {"conversationId": conversation_id, "messages": messages}}
                target.append((part[-1][0], dm))
    conversations.sort(key=lambda item: -item[0])
    sink.write(f"{root}/direct-messages.js", ytd("direct_messages", [c for _, c in conversations]))
    if held_conversations:
        held_conversations.sort(key=lambda item: -item[0])
        dms_part = ytd("direct_messages", [c for _, c in held_conversations], part=1)
        sink.write_delta(f"{root}/direct-messages-part1.js", dms_part)
    sink.count_rows("x_direct_messages", message_count)

    indices, _stamps = follower_roster(act, rng, window)
    followers = [
        {
            "follower": {
                "accountId": (account_id := audience.account_id(index)),
                "userLink": f"https://twitter.com/intent/user?user_id={account_id}",
            }
        }
        for index in indices.tolist()
    ]
    sink.write(f"{root}/follower.js", ytd("follower", followers))
    sink.count_rows("x_followers", len(followers))
