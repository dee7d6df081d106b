"""Small, explicit edits to a copied exports dir, as a newer (or broken) download would make."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

X_DATA = "x/alice/data"
IG = "instagram/alice.kovac"
IG_POSTS = f"{IG}/your_instagram_activity/content/posts_1.json"
IG_COMMENTS = f"{IG}/your_instagram_activity/comments/comments_on_your_posts_1.json"
IG_FOLLOWERS = f"{IG}/connections/followers_and_following/followers_1.json"
FB = "facebook/alice.kovac.fit/your_facebook_activity"
FB_COMMENTS = f"{FB}/comments_and_reactions/comments_on_your_posts_1.json"
TIKTOK = "tiktok/alicekovac/user_data_tiktok.json"
STUDIO = "tiktok_studio/alicekovac"
YOUTUBE_THREADS = "youtube/alicekovac/comment_threads_1.json"
YT_STUDIO = "youtube_studio/alicekovac"
LINKEDIN = "linkedin/alice-kovac"
META_BS = "meta_business_suite/alice.kovac/Feb-01-2023_Mar-01-2023_post_insights.csv"


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_text(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def edit_json(path: Path, change: Callable[[Any], None]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")


def edit_x(path: Path, change: Callable[[Any], None]) -> None:
    prefix, _, body = path.read_text(encoding="utf-8").partition("= ")
    document = json.loads(body)
    change(document)
    path.write_text(f"{prefix}= {json.dumps(document, indent=2, ensure_ascii=False)}")


def truncate(path: Path, characters: int = 40) -> None:
    path.write_text(path.read_text(encoding="utf-8")[:-characters], encoding="utf-8")


def new_tweet(tweet_id: str) -> dict[str, Any]:
    return {
        "tweet": {
            "id_str": tweet_id,
            "id": tweet_id,
            "created_at": "Mon Mar 06 12:00:00 +0000 2023",
            "full_text": "Spring plans 🌱",
            "favorite_count": "0",
            "retweet_count": "0",
            "lang": "en",
            "entities": {"user_mentions": []},
        }
    }


def new_instagram_post(media_id: str) -> dict[str, Any]:
    uri = f"media/posts/202303/{media_id}.jpg"
    return {"media": [{"uri": uri, "creation_timestamp": 1678000000, "title": "new"}]}


def instagram_comment(comment_id: str, time: Any) -> dict[str, Any]:
    return {
        "title": "",
        "string_map_data": {
            "Comment ID": {"value": comment_id},
            "Media ID": {"value": "17912345678901234"},
            "Parent Comment ID": {"value": ""},
            "Author": {"value": "erin"},
            "Comment": {"value": "late to the party"},
            "Time": {"timestamp": time},
        },
    }
