"""Instagram "Download your information" JSON: `instagram/<handle>/...`."""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import explode, read_json_documents
from ingestion.loaders.meta_json import inbox_message_patterns, stage_messages
from ingestion.loaders.rows import require_time, require_value
from ingestion.loaders.sql import owner_key
from ingestion.loaders.timeformats import EPOCH_SECONDS

V = "VARCHAR"

POSTS_SHAPE = [
    {
        "media": [{"uri": V, "creation_timestamp": V, "title": V}],
        "title": V,
        "creation_timestamp": V,
    }
]
# Meta's string_map_data: a label -> {value | timestamp | href} object per field.
STRING_MAP_VALUE = {"value": V, "timestamp": V, "href": V}
COMMENT_LABELS = ("Comment ID", "Media ID", "Parent Comment ID", "Author", "Comment", "Time")
COMMENTS_SHAPE = {
    "comments_media_comments": [
        {"title": V, "string_map_data": dict.fromkeys(COMMENT_LABELS, STRING_MAP_VALUE)}
    ]
}
FOLLOWERS_SHAPE = [{"title": V, "string_list_data": [{"href": V, "value": V, "timestamp": V}]}]


def stage_posts(batch: Batch) -> Mapping[str, str]:
    """A single-media post keeps caption and time on its media item; an album has them on top."""
    docs = read_json_documents(batch, POSTS_SHAPE)
    rows = explode(
        batch,
        docs,
        "d.doc",
        """e.item.media[1].uri AS uri,
           coalesce(e.item.title, e.item.media[1].title) AS title,
           coalesce(len(e.item.media), 0) AS media_count,
           coalesce(e.item.creation_timestamp, e.item.media[1].creation_timestamp)
               AS creation_timestamp""",
    )
    require_value(batch.conn, rows, "uri", "media uri")
    require_time(batch.conn, rows, "creation_timestamp", EPOCH_SECONDS)
    return {
        "instagram_posts": f"""
            SELECT uri AS media_uri, title AS caption, media_count,
                   {EPOCH_SECONDS.parse("creation_timestamp")} AS created_at,
                   {LINEAGE}, {owner_key("uri")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_comments(batch: Batch) -> Mapping[str, str]:
    docs = read_json_documents(batch, COMMENTS_SHAPE)
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
    )
    require_value(batch.conn, rows, "Comment ID")
    require_time(batch.conn, rows, "Time", EPOCH_SECONDS)
    return {
        "instagram_comments": f"""
            SELECT "Comment ID" AS comment_id, "Media ID" AS media_id,
                   "Parent Comment ID" AS parent_comment_id, "Author" AS author,
                   "Comment" AS comment_text, {EPOCH_SECONDS.parse('"Time"')} AS created_at,
                   {LINEAGE}, {owner_key('"Comment ID"')} AS _row_key
            FROM {rows.table}
        """
    }


def stage_followers(batch: Batch) -> Mapping[str, str]:
    docs = read_json_documents(batch, FOLLOWERS_SHAPE)
    rows = explode(
        batch,
        docs,
        "d.doc",
        """e.item.string_list_data[1].value AS value, e.item.string_list_data[1].href AS href,
           e.item.string_list_data[1].timestamp AS timestamp""",
        unit="follower",
    )
    require_value(batch.conn, rows, "value", "follower value")
    require_time(batch.conn, rows, "timestamp", EPOCH_SECONDS)
    return {
        "instagram_followers": f"""
            SELECT value AS follower_username, href AS profile_href,
                   {EPOCH_SECONDS.parse("timestamp")} AS followed_at,
                   {LINEAGE}, {owner_key("value")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_instagram_messages(batch: Batch) -> Mapping[str, str]:
    return stage_messages(batch, "instagram_messages")


_ROOT = "instagram/*"

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
        FileSet(f"{_ROOT}/your_instagram_activity/content/posts_*.json", stage_posts),
        FileSet(
            f"{_ROOT}/your_instagram_activity/comments/comments_on_your_posts_*.json",
            stage_comments,
        ),
        FileSet(f"{_ROOT}/connections/followers_and_following/followers_*.json", stage_followers),
        FileSet(inbox_message_patterns(_ROOT), stage_instagram_messages),
    ),
)
