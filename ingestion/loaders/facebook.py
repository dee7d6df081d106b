"""Facebook "Download your information" JSON: `facebook/<handle>/your_facebook_activity/...`."""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import explode, read_json_documents
from ingestion.loaders.meta_json import inbox_message_patterns, stage_messages
from ingestion.loaders.rows import Rows, require_time, require_value
from ingestion.loaders.sql import owner_key
from ingestion.loaders.timeformats import EPOCH_SECONDS

V = "VARCHAR"

POSTS_SHAPE = [
    {
        "timestamp": V,
        "data": [{"post": V}],
        "title": V,
        "attachments": [{"data": [{"external_context": {"url": V}}]}],
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


def stage_posts(batch: Batch) -> Mapping[str, str]:
    """Post text is the first `data` entry carrying `post`; the URL the first attachment link."""
    docs = read_json_documents(batch, POSTS_SHAPE)
    rows = explode(
        batch,
        docs,
        "d.doc",
        """e.item.post_id AS post_id,
           list_filter(e.item.data, x -> x.post IS NOT NULL)[1].post AS post,
           e.item.title AS title,
           list_filter(
               flatten(list_transform(
                   e.item.attachments,
                   a -> list_transform(a.data, x -> x.external_context.url)
               )),
               url -> url IS NOT NULL
           )[1] AS url,
           e.item.is_live AS is_live, e.item.timestamp AS timestamp""",
        unit="post",
    )
    require_value(batch.conn, rows, "post_id")
    require_time(batch.conn, rows, "timestamp", EPOCH_SECONDS)
    return {
        "facebook_posts": f"""
            SELECT post_id, post AS post_text, title, url AS post_url, is_live,
                   {EPOCH_SECONDS.parse("timestamp")} AS created_at,
                   {LINEAGE}, {owner_key("post_id")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_comments(batch: Batch) -> Mapping[str, str]:
    """Each `comments_v2` item wraps its comment in a `data` list; one row per wrapped comment."""
    docs = read_json_documents(batch, COMMENTS_SHAPE)
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
    require_time(batch.conn, rows, "timestamp", EPOCH_SECONDS)
    return {
        "facebook_comments": f"""
            SELECT comment_id, post_id, parent_comment_id, author, comment AS comment_text,
                   {EPOCH_SECONDS.parse("timestamp")} AS created_at,
                   {LINEAGE}, {owner_key("comment_id")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_facebook_messages(batch: Batch) -> Mapping[str, str]:
    return stage_messages(batch, "facebook_messages")


_ROOT = "facebook/*/your_facebook_activity"

LOADER = Loader(
    name="facebook",
    description="Facebook data download (posts, comments received, Messenger threads)",
    raw_tables=("facebook_posts", "facebook_comments", "facebook_messages"),
    file_sets=(
        FileSet(f"{_ROOT}/posts/your_posts_*.json", stage_posts),
        FileSet(f"{_ROOT}/comments_and_reactions/comments_on_your_posts_*.json", stage_comments),
        FileSet(inbox_message_patterns(_ROOT), stage_facebook_messages),
    ),
)
