"""Facebook "Download your information" JSON: `facebook/<handle>/...`.

2024+ downloads put everything under `your_facebook_activity/` (`posts/your_posts_1.json` or
`posts/your_posts__check_ins__photos_and_videos_1.json`, `comments_and_reactions/`,
`messages/inbox/`); older ones have the same folders at the top (`posts/`,
`comments_and_reactions/` or `comments/`, `messages/inbox/`). docs/export_formats.md lists them.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import (
    explode,
    read_json_documents,
    records_expected,
    require_record_keys,
)
from ingestion.loaders.meta_json import message_thread_patterns, stage_messages
from ingestion.loaders.rows import (
    FACEBOOK_LAUNCHED,
    Rows,
    plausible_time,
    require_time,
    require_value,
)
from ingestion.loaders.sql import content_key, owner_key
from ingestion.loaders.timeformats import EPOCH_SECONDS

V = "VARCHAR"
PLATFORM = "Facebook"

POSTS_SHAPE = [
    {
        "timestamp": V,
        "data": [{"post": V}],
        "title": V,
        "attachments": [{"data": [{"external_context": {"url": V}, "media": {"uri": V}}]}],
        "post_id": V,
        "is_live": "BOOLEAN",
    }
]
COMMENT = {
    "timestamp": V,
    "comment": V,
    "author": V,
    "comment_id": V,
    "parent_comment_id": V,
    "post_id": V,
}
COMMENTS_SHAPE = {"comments_v2": [{"timestamp": V, "data": [{"comment": COMMENT}], "title": V}]}
POST_KEYS = ("timestamp", "data", "attachments")
POSTS_EXPECTED = records_expected("posts", POST_KEYS)
COMMENT_KEYS = ("data", "timestamp")
COMMENTS_EXPECTED = records_expected("comments", COMMENT_KEYS, ("comments_v2",))
# Real downloads give a post no id: it is derived from what identifies it across downloads
# (an edit changes the text, not these).
DERIVED_POST_ID = "'derived:' || " + content_key("timestamp", "title", "media_uri")


def _attachment_values(field: str) -> str:
    """The first non-null `attachments[].data[].<field>` of the post."""
    return f"""list_filter(
               flatten(list_transform(
                   e.item.attachments, a -> list_transform(a.data, x -> x.{field})
               )),
               value -> value IS NOT NULL
           )[1]"""


def stage_posts(batch: Batch) -> Mapping[str, str]:
    """Post text is the first `data` entry carrying `post`; the URL the first attachment link."""
    docs = read_json_documents(batch, POSTS_SHAPE, POSTS_EXPECTED)
    rows = explode(
        batch,
        docs,
        "d.doc",
        f"""nullif(trim(e.item.post_id), '') AS post_id,
           list_filter(e.item.data, x -> x.post IS NOT NULL)[1].post AS post,
           e.item.title AS title,
           {_attachment_values("external_context.url")} AS url,
           {_attachment_values("media.uri")} AS media_uri,
           e.item.is_live AS is_live, e.item.timestamp AS timestamp""",
        unit="post",
        keys=POST_KEYS,
    )
    require_value(batch.conn, rows, "timestamp")
    require_time(batch.conn, rows, "timestamp", EPOCH_SECONDS)
    created_at = plausible_time(
        batch, rows, "timestamp", EPOCH_SECONDS, earliest=FACEBOOK_LAUNCHED, platform=PLATFORM
    )
    _note_derived_ids(batch, rows)
    return {
        "facebook_posts": f"""
            SELECT post_id, post AS post_text, title, url AS post_url, is_live,
                   {created_at} AS created_at,
                   {LINEAGE}, {owner_key("post_id")} AS _row_key
            FROM (
                SELECT * REPLACE (coalesce(post_id, {DERIVED_POST_ID}) AS post_id)
                FROM {rows.table}
            )
        """
    }


def _note_derived_ids(batch: Batch, rows: Rows) -> None:
    found = batch.conn.execute(
        f"""SELECT _source_file, count(*) FROM {rows.table} WHERE post_id IS NULL
            GROUP BY ALL ORDER BY 1"""
    ).fetchall()
    for source_file, count in found:
        batch.note(
            source_file,
            f"no post_id on {count} post(s) (as in real downloads): id derived from time, "
            "title and first media ('derived:<md5>')",
        )


def stage_comments(batch: Batch) -> Mapping[str, str]:
    """Each `comments_v2` item wraps its comment in a `data` list; one row per wrapped comment.
    The post a comment is on (`post_id`) is required: comments are threaded by post."""
    docs = read_json_documents(batch, COMMENTS_SHAPE, COMMENTS_EXPECTED)
    require_record_keys(batch, docs, "d.doc.comments_v2", COMMENT_KEYS, "comment")
    table = batch.temp("facebook_comments")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        SELECT {LINEAGE},
               row_number() OVER (PARTITION BY _source_file ORDER BY e.i, x.i) AS _record,
               x.entry.comment.comment_id, x.entry.comment.post_id,
               x.entry.comment.parent_comment_id, x.entry.comment.author,
               x.entry.comment.comment,
               coalesce(x.entry.comment.timestamp, e.item.timestamp) AS timestamp
        FROM {docs} d,
             unnest(d.doc.comments_v2) WITH ORDINALITY AS e(item, i),
             unnest(e.item.data) WITH ORDINALITY AS x(entry, i)
        WHERE x.entry.comment IS NOT NULL
        """
    )
    rows = Rows(table, "comment")
    require_value(batch.conn, rows, "comment_id")
    require_value(batch.conn, rows, "post_id")
    require_time(batch.conn, rows, "timestamp", EPOCH_SECONDS)
    created_at = plausible_time(
        batch, rows, "timestamp", EPOCH_SECONDS, earliest=FACEBOOK_LAUNCHED, platform=PLATFORM
    )
    return {
        "facebook_comments": f"""
            SELECT comment_id, post_id, parent_comment_id, author, comment AS comment_text,
                   {created_at} AS created_at,
                   {LINEAGE}, {owner_key("comment_id")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_facebook_messages(batch: Batch) -> Mapping[str, str]:
    return stage_messages(batch, "facebook_messages", FACEBOOK_LAUNCHED, PLATFORM)


_ROOT = "facebook/*"  # older downloads: folders at the top
_ACTIVITY = f"{_ROOT}/your_facebook_activity"  # 2024+ downloads

_NOT_USED = "account, ads, activity or settings records Mutuality does not use"
_NOT_USED_FOLDERS = (
    "about_you", "activity_messages", "ads_and_businesses", "ads_information", "apps_and_websites",
    "apps_and_websites_off_of_facebook", "events", "facebook_gaming", "facebook_marketplace",
    "fundraisers", "groups", "likes_and_reactions", "location", "logged_information",
    "marketplace", "other_activity", "pages", "payment_history", "personal_information",
    "preferences", "profile_information", "saved_items_and_collections", "search_history",
    "security_and_login_information", "stories", "your_interactions_on_facebook", "your_places",
    "your_topics",
)  # fmt: skip
KNOWN_UNREAD: tuple[tuple[str, str], ...] = (
    ("facebook/*.html", "HTML download: request the JSON format"),
    (
        "facebook/*/messages/message_requests/*",
        "message request: a conversation the creator never accepted (not read)",
    ),
    ("facebook/*/messages/filtered_threads/*", "filtered (spam) conversation: not read"),
    *(
        (
            f"facebook/*/messages/{folder}/*",
            "message attachment (photo, video, audio, file): the messages are read from "
            "message_N.json",
        )
        for folder in ("inbox", "archived_threads", "e2ee_cutover")
    ),
    (
        "facebook/*/messages/*",
        "other Messenger file (photos, stickers, settings, secret conversations): "
        "not a conversation",
    ),
    (
        "facebook/*/comments_and_reactions/*",
        "comments and reactions the creator made (no comment or post id): not the comments "
        "received on the creator's posts",
    ),
    (
        "facebook/*/comments/*",
        "comments the creator made (no comment or post id): not the comments received on the "
        "creator's posts",
    ),
    (
        "facebook/*/posts/*",
        "other posts file (albums, media, check-ins, edits, posts by others on the timeline): "
        "not read as the creator's posts",
    ),
    ("facebook/*/photos_and_videos/*", "photos and videos (media files, albums): not read"),
    (
        "facebook/*/connections/*",
        "friends and followers lists: Mutuality reads no Facebook follower series",
    ),
    (
        "facebook/*/friends*/*",
        "friends and followers lists: Mutuality reads no Facebook follower series",
    ),
    (
        "facebook/*/following_and_followers/*",
        "friends and followers lists: Mutuality reads no Facebook follower series",
    ),
    *((f"facebook/*/{folder}/*", _NOT_USED) for folder in _NOT_USED_FOLDERS),
    ("facebook/*/your_facebook_activity/*", _NOT_USED),
)

LOADER = Loader(
    name="facebook",
    description="Facebook data download (posts, comments received, Messenger threads)",
    raw_tables=("facebook_posts", "facebook_comments", "facebook_messages"),
    file_sets=(
        FileSet(
            (f"{_ACTIVITY}/posts/your_posts_*.json", f"{_ROOT}/posts/your_posts_*.json"),
            stage_posts,
            kind="Facebook posts",
        ),
        FileSet(
            (
                f"{_ACTIVITY}/comments_and_reactions/comments_on_your_posts_*.json",
                f"{_ROOT}/comments_and_reactions/comments_on_your_posts_*.json",
                f"{_ROOT}/comments/comments_on_your_posts_*.json",
            ),
            stage_comments,
            kind="Facebook comments received",
        ),
        FileSet(
            message_thread_patterns(_ACTIVITY, _ROOT),
            stage_facebook_messages,
            kind="Facebook message threads",
        ),
    ),
    known_unread=KNOWN_UNREAD,
)
