"""Instagram "Download your information" JSON: `instagram/<handle>/...`.

The folders moved over the years (docs/export_formats.md lists every era):

- 2020-2022: top-level `content/posts_1.json`, `comments/`, `messages/inbox/`,
  `followers_and_following/followers_1.json` (earlier still `followers.json`, an object
  `{"relationships_followers": [...]}`);
- 2023: followers move to `connections/followers_and_following/`;
- 2024+: everything else under `your_instagram_activity/` (`content/posts_1.json`, in some 2025
  downloads `media/posts_1.json`; `comments/`, `messages/inbox/`); reels in `reels.json`.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import (
    Expected,
    explode,
    read_json_documents,
    records_expected,
)
from ingestion.loaders.meta_json import (
    message_thread_patterns,
    recognize_json_key,
    stage_messages,
)
from ingestion.loaders.rows import (
    INSTAGRAM_LAUNCHED,
    Rows,
    implausible_time_reason,
    latest_for_files,
    plausible_time,
    require_time,
    require_value,
)
from ingestion.loaders.sql import Shape, owner_key
from ingestion.loaders.timeformats import EPOCH_SECONDS

V = "VARCHAR"
PLATFORM = "Instagram"

POST = {
    "media": [{"uri": V, "creation_timestamp": V, "title": V}],
    "title": V,
    "creation_timestamp": V,
}
POSTS_SHAPE = [POST]
REELS_SHAPE = {"ig_reels_media": [POST]}
# Meta's string_map_data: a label -> {value | timestamp | href} object per field.
STRING_MAP_VALUE = {"value": V, "timestamp": V, "href": V}
COMMENT_LABELS = ("Comment ID", "Media ID", "Parent Comment ID", "Author", "Comment", "Time")
COMMENTS_SHAPE = {
    "comments_media_comments": [
        {"title": V, "string_map_data": dict.fromkeys(COMMENT_LABELS, STRING_MAP_VALUE)}
    ]
}
FOLLOWER = {"title": V, "string_list_data": [{"href": V, "value": V, "timestamp": V}]}
FOLLOWERS_SHAPE = [FOLLOWER]
RELATIONSHIPS_FOLLOWERS_SHAPE = {"relationships_followers": [FOLLOWER]}

POST_KEYS = ("media", "creation_timestamp")
POSTS_EXPECTED = records_expected("posts", POST_KEYS)
REELS_EXPECTED = records_expected("reels", POST_KEYS, ("ig_reels_media",))
COMMENT_KEYS = ("string_map_data",)
COMMENTS_EXPECTED = records_expected("comments", COMMENT_KEYS, ("comments_media_comments",))
FOLLOWER_KEYS = ("string_list_data", "title")
FOLLOWERS_EXPECTED = records_expected("followers", FOLLOWER_KEYS)
RELATIONSHIPS_FOLLOWERS_EXPECTED = records_expected(
    "followers", FOLLOWER_KEYS, ("relationships_followers",)
)


def _created_at(batch: Batch, rows: Rows, column: str) -> str:
    return plausible_time(
        batch, rows, column, EPOCH_SECONDS, earliest=INSTAGRAM_LAUNCHED, platform=PLATFORM
    )


def _stage_media_posts(
    batch: Batch, shape: Shape, expected: Expected, list_sql: str
) -> Mapping[str, str]:
    """A single-media post keeps caption and time on its media item; an album has them on top
    (its media items carry an empty title)."""
    docs = read_json_documents(batch, shape, expected)
    rows = explode(
        batch,
        docs,
        list_sql,
        """e.item.media[1].uri AS uri,
           coalesce(nullif(e.item.title, ''), e.item.media[1].title, e.item.title) AS title,
           coalesce(len(e.item.media), 0) AS media_count,
           coalesce(e.item.creation_timestamp, e.item.media[1].creation_timestamp)
               AS creation_timestamp""",
        unit="post",
        keys=POST_KEYS,
    )
    require_value(batch.conn, rows, "uri", "media uri")
    require_time(batch.conn, rows, "creation_timestamp", EPOCH_SECONDS)
    created_at = _created_at(batch, rows, "creation_timestamp")
    return {
        "instagram_posts": f"""
            SELECT uri AS media_uri, title AS caption, media_count,
                   {created_at} AS created_at,
                   {LINEAGE}, {owner_key("uri")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_posts(batch: Batch) -> Mapping[str, str]:
    """`posts_N.json`: a list of posts."""
    return _stage_media_posts(batch, POSTS_SHAPE, POSTS_EXPECTED, "d.doc")


def stage_reels(batch: Batch) -> Mapping[str, str]:
    """`reels.json` (2024+): `{"ig_reels_media": [...]}`, posts of the same shape."""
    return _stage_media_posts(batch, REELS_SHAPE, REELS_EXPECTED, "d.doc.ig_reels_media")


def stage_comments(batch: Batch) -> Mapping[str, str]:
    """The post a comment is on (`Media ID`) is required: comments are threaded by post."""
    docs = read_json_documents(batch, COMMENTS_SHAPE, COMMENTS_EXPECTED)
    fields = ",\n".join(
        f'e.item.string_map_data."{label}".value AS "{label}"'
        for label in COMMENT_LABELS
        if label != "Time"
    )
    rows = explode(
        batch,
        docs,
        "d.doc.comments_media_comments",
        f'{fields}, e.item.string_map_data."Time".timestamp AS "Time"',
        unit="comment",
        keys=COMMENT_KEYS,
    )
    require_value(batch.conn, rows, "Comment ID")
    require_value(batch.conn, rows, "Media ID")
    require_time(batch.conn, rows, "Time", EPOCH_SECONDS)
    created_at = _created_at(batch, rows, "Time")
    return {
        "instagram_comments": f"""
            SELECT "Comment ID" AS comment_id, "Media ID" AS media_id,
                   "Parent Comment ID" AS parent_comment_id, "Author" AS author,
                   "Comment" AS comment_text, {created_at} AS created_at,
                   {LINEAGE}, {owner_key('"Comment ID"')} AS _row_key
            FROM {rows.table}
        """
    }


def _stage_followers(
    batch: Batch, shape: Shape, expected: Expected, list_sql: str
) -> Mapping[str, str]:
    """The handle is the entry's `value` (in 2024+ lists sometimes only its `title`, the link
    going through `/_u/<handle>`). A placeholder follow time (0, 1, before Instagram launched)
    or one after the export lands as NULL with the reason in `followed_at_problem` (and in
    raw._load_notes): the follow date is unknown, never 1970."""
    docs = read_json_documents(batch, shape, expected)
    rows = explode(
        batch,
        docs,
        list_sql,
        """coalesce(
               nullif(trim(e.item.string_list_data[1].value), ''), nullif(trim(e.item.title), '')
           ) AS username,
           e.item.string_list_data[1].href AS href,
           e.item.string_list_data[1].timestamp AS timestamp""",
        unit="follower",
        keys=FOLLOWER_KEYS,
    )
    require_value(batch.conn, rows, "username", "follower value")
    require_time(batch.conn, rows, "timestamp", EPOCH_SECONDS)
    followed_at = _created_at(batch, rows, "timestamp")
    problem = _follow_time_problem(batch, rows)
    return {
        "instagram_followers": f"""
            SELECT username AS follower_username, href AS profile_href,
                   {followed_at} AS followed_at, {problem} AS followed_at_problem,
                   {LINEAGE}, {owner_key("username")} AS _row_key
            FROM {rows.table}
        """
    }


def _follow_time_problem(batch: Batch, rows: Rows) -> str:
    """SQL of `followed_at_problem`: why the follow time is unknown (no timestamp, or one
    plausible_time set to null); the load log notes how many follow times a file lacks."""
    reason = implausible_time_reason(
        '"timestamp"', EPOCH_SECONDS, INSTAGRAM_LAUNCHED, latest_for_files(batch), PLATFORM
    )
    missing = """nullif(trim("timestamp"), '') IS NULL"""
    unknown = batch.conn.execute(
        f"SELECT _source_file, count(*) FROM {rows.table} WHERE {missing} GROUP BY ALL ORDER BY 1"
    ).fetchall()
    for source_file, count in unknown:
        batch.note(
            source_file,
            f"no follow time for {count} follower(s): followed_at left null, the reason in "
            "followed_at_problem",
        )
    return f"""CASE
        WHEN {missing} THEN 'no timestamp in the export'
        WHEN {reason} IS NOT NULL
            THEN CASE WHEN starts_with({reason}, 'before ') THEN 'placeholder ' ELSE '' END
                 || 'timestamp ' || trim("timestamp") || ' (' || {reason} || ')'
    END"""


def stage_followers(batch: Batch) -> Mapping[str, str]:
    """`followers_N.json`: a list of follower entries."""
    return _stage_followers(batch, FOLLOWERS_SHAPE, FOLLOWERS_EXPECTED, "d.doc")


def stage_relationships_followers(batch: Batch) -> Mapping[str, str]:
    """Older `followers.json`: `{"relationships_followers": [...]}`, entries of the same shape."""
    return _stage_followers(
        batch,
        RELATIONSHIPS_FOLLOWERS_SHAPE,
        RELATIONSHIPS_FOLLOWERS_EXPECTED,
        "d.doc.relationships_followers",
    )


def stage_instagram_messages(batch: Batch) -> Mapping[str, str]:
    return stage_messages(batch, "instagram_messages", INSTAGRAM_LAUNCHED, PLATFORM)


_ROOT = "instagram/*"  # 2020-2023 downloads: folders at the top
_ACTIVITY = f"{_ROOT}/your_instagram_activity"  # 2024+ downloads
_FOLLOWER_FILES = (
    f"{_ROOT}/connections/followers_and_following/followers*.json",  # 2023+
    f"{_ROOT}/followers_and_following/followers*.json",  # 2020-2022
)

# Files of Instagram downloads that are known and deliberately not read. The first matching
# glob gives the reason (fnmatch: `*` also crosses folders, so one glob covers every era).
_NOT_USED = "account, ads, activity or settings records Mutuality does not use"
_NOT_USED_FOLDERS = (
    "account_information", "ads_and_businesses", "ads_and_topics", "ads_information",
    "apps_and_websites_off_of_instagram", "autofill_information", "device_information",
    "events", "fundraisers", "information_about_you", "likes", "logged_information",
    "login_and_account_creation", "monetization", "notifications", "past_instagram_insights",
    "personal_information", "preferences", "professional_information", "recent_searches",
    "reports", "saved", "security_and_login_information", "shopping", "story_sticker_interactions",
    "stories_sticker_interactions", "subscriptions", "threads", "your_topics",
)  # fmt: skip
KNOWN_UNREAD: tuple[tuple[str, str], ...] = (
    ("instagram/*.html", "HTML download: request the JSON format"),
    (
        "instagram/*/messages/message_requests/*",
        "message request: a conversation the creator never accepted (not read)",
    ),
    (
        "instagram/*/messages/inbox/*",
        "message attachment (photo, video, audio): the messages are read from message_N.json",
    ),
    (
        "instagram/*/messages/*",
        "other messaging file (settings, reported or secret conversations): not a conversation",
    ),
    (
        "instagram/*/comments/*",
        "comments the creator wrote on other accounts' posts (no comment or post id): not the "
        "comments received on the creator's posts",
    ),
    (
        "instagram/*/content/*",
        "other content (stories, profile photos, archived or deleted posts): not read as posts",
    ),
    (
        "instagram/*/your_instagram_activity/media/*",
        "other content (stories, profile photos, archived or deleted posts): not read as posts",
    ),
    (
        "instagram/*/media/*",
        "media file (photo, video) of a post, story or message: the records are read from "
        "the JSON files",
    ),
    (
        "instagram/*/followers_and_following/*",
        "other connections list (following, close friends, blocked, requests): not followers",
    ),
    (
        "instagram/*/connections/*",
        "other connections list (following, close friends, blocked, requests, contacts): "
        "not followers",
    ),
    *((f"instagram/*/{folder}/*", _NOT_USED) for folder in _NOT_USED_FOLDERS),
    ("instagram/*/your_instagram_activity/*", _NOT_USED),
)

LOADER = Loader(
    name="instagram",
    description="Instagram data download (posts, comments received, followers, DMs)",
    raw_tables=(
        "instagram_posts",
        "instagram_comments",
        "instagram_followers",
        "instagram_messages",
    ),
    file_sets=(
        FileSet(
            (
                f"{_ACTIVITY}/content/posts_*.json",  # 2024+
                f"{_ACTIVITY}/media/posts_*.json",  # some 2025 downloads
                f"{_ROOT}/content/posts_*.json",  # 2020-2023
            ),
            stage_posts,
            kind="Instagram posts",
        ),
        FileSet(
            (f"{_ACTIVITY}/content/reels.json", f"{_ACTIVITY}/media/reels.json"),
            stage_reels,
            kind="Instagram reels",
            recognize=recognize_json_key("ig_reels_media", "a reels list"),
        ),
        FileSet(
            (
                f"{_ACTIVITY}/comments/comments_on_your_posts_*.json",
                f"{_ROOT}/comments/comments_on_your_posts_*.json",
            ),
            stage_comments,
            kind="Instagram comments received",
        ),
        FileSet(
            _FOLLOWER_FILES,
            stage_relationships_followers,
            kind="Instagram followers (relationships_followers)",
            recognize=recognize_json_key(
                "relationships_followers", "a relationships_followers list"
            ),
        ),
        FileSet(_FOLLOWER_FILES, stage_followers, kind="Instagram followers"),
        FileSet(
            message_thread_patterns(_ACTIVITY, _ROOT),
            stage_instagram_messages,
            kind="Instagram message threads",
        ),
    ),
    known_unread=KNOWN_UNREAD,
)
