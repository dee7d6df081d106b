"""YouTube Data API `commentThreads.list` responses: `youtube/<handle>/comment_threads*.json`.

Each thread is flattened into its top-level comment plus one row per reply.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import read_json_documents
from ingestion.loaders.rows import Rows, require_time, require_value
from ingestion.loaders.sql import owner_key
from ingestion.loaders.timeformats import ISO_UTC

V = "VARCHAR"
RESPONSE_KIND = "youtube#commentThreadListResponse"

COMMENT_SNIPPET = {
    "parentId": V,
    "authorDisplayName": V,
    "authorChannelId": {"value": V},
    "textOriginal": V,
    "likeCount": "BIGINT",
    "publishedAt": V,
    "updatedAt": V,
}
COMMENT_THREADS_SHAPE = {
    "kind": V,
    "items": [
        {
            "id": V,
            "snippet": {
                "channelId": V,
                "videoId": V,
                "topLevelComment": {"id": V, "snippet": COMMENT_SNIPPET},
                "totalReplyCount": "BIGINT",
            },
            "replies": {"comments": [{"id": V, "snippet": COMMENT_SNIPPET}]},
        }
    ],
}


def _require_kind(batch: Batch, docs: str) -> None:
    wrong = batch.conn.execute(
        f"""SELECT _source_file, doc.kind FROM {docs}
            WHERE doc.kind IS DISTINCT FROM '{RESPONSE_KIND}' ORDER BY 1 LIMIT 1"""
    ).fetchone()
    if wrong is not None:
        raise ExportFormatError.at(wrong[0], f"kind is {wrong[1]!r}, expected '{RESPONSE_KIND}'")


def stage_comment_threads(batch: Batch) -> Mapping[str, str]:
    docs = read_json_documents(batch, COMMENT_THREADS_SHAPE)
    _require_kind(batch, docs)
    table = batch.temp("youtube_comments")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        WITH threads AS (
            SELECT {LINEAGE}, t.i AS thread_index, t.item.id AS thread_id,
                   t.item.snippet."videoId" AS "videoId",
                   t.item.snippet."channelId" AS "channelId",
                   t.item.snippet."topLevelComment" AS top_level,
                   t.item.replies.comments AS replies
            FROM {docs} d, unnest(d.doc.items) WITH ORDINALITY AS t(item, i)
        ),
        comments AS (
            SELECT {LINEAGE}, thread_index, 0 AS reply_index, thread_id, "videoId", "channelId",
                   top_level.id AS comment_id, top_level.snippet AS snippet
            FROM threads
            UNION ALL
            SELECT {LINEAGE}, thread_index, r.i AS reply_index, thread_id, "videoId", "channelId",
                   r.reply.id AS comment_id, r.reply.snippet AS snippet
            FROM threads, unnest(replies) WITH ORDINALITY AS r(reply, i)
        )
        SELECT {LINEAGE},
               row_number() OVER (
                   PARTITION BY _source_file ORDER BY thread_index, reply_index
               ) AS _record,
               comment_id AS id, thread_id, "videoId", "channelId",
               snippet."parentId" AS "parentId",
               snippet."authorDisplayName" AS "authorDisplayName",
               snippet."authorChannelId".value AS "authorChannelId",
               snippet."textOriginal" AS "textOriginal", snippet."likeCount" AS "likeCount",
               snippet."publishedAt" AS "publishedAt", snippet."updatedAt" AS "updatedAt"
        FROM comments
        """
    )
    rows = Rows(table, "comment")
    require_value(batch.conn, rows, "id", "comment id")
    require_time(batch.conn, rows, "publishedAt", ISO_UTC)
    require_time(batch.conn, rows, "updatedAt", ISO_UTC)
    return {
        "youtube_comments": f"""
            SELECT id AS comment_id, thread_id, "videoId" AS video_id,
                   "channelId" AS channel_id, "parentId" AS parent_comment_id,
                   "authorDisplayName" AS author_display_name,
                   "authorChannelId" AS author_channel_id, "textOriginal" AS text_original,
                   "likeCount" AS like_count,
                   {ISO_UTC.parse('"publishedAt"')} AS published_at,
                   {ISO_UTC.parse('"updatedAt"')} AS updated_at,
                   {LINEAGE}, {owner_key("id")} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="youtube_data_api",
    description="YouTube Data API commentThreads responses (top-level comments and replies)",
    raw_tables=("youtube_comments",),
    file_sets=(FileSet("youtube/*/comment_threads*.json", stage_comment_threads),),
)
