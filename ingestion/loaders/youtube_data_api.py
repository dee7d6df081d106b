"""YouTube Data API `commentThreads` responses: `youtube/<handle>/**/*.json`, under any name.

People save API responses under whatever name their tool or browser gives them
(`comment_threads_1.json`, `response (3).json`, `2019-03/page2.json`), so a file is one of
these by its content: a `youtube#commentThreadListResponse` (a page of threads) or a bare
`youtube#commentThread` (one thread, from `commentThreads.list?id=...`). Other API responses
saved next to them (`youtube#videoListResponse`, ...) are listed in the load report, not read.

Each thread is flattened into its top-level comment plus one row per reply. Responses fetched
with `textFormat=html` (the API's default) and older ones may lack `textOriginal`: the text is
then `textDisplay` with its HTML taken out (in SQL), and `text_source` says which was used.
Responses from 2019 carry no `snippet.channelId` on the thread, and a deleted account's
comment no `authorChannelId`; both land as null. A `likeCount` that is not a count is refused;
a time before YouTube launched, or after the export, lands as null (plausible_time).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.discovery import read_head
from ingestion.loaders.json_files import Expected, read_json_documents, require_record_keys
from ingestion.loaders.rows import (
    YOUTUBE_LAUNCHED,
    Rows,
    count_sql,
    plausible_time,
    require_count,
    require_time,
    require_value,
)
from ingestion.loaders.sql import literal, owner_key
from ingestion.loaders.timeformats import ISO_UTC

V = "VARCHAR"
RESPONSE_KIND = "youtube#commentThreadListResponse"
THREAD_KIND = "youtube#commentThread"
_KIND = re.compile(r'"kind"\s*:\s*"([^"]*)"')
# A Takeout folder holds Google's own files, never Data API responses (its comments are CSV).
_TAKEOUT_FOLDER = "Takeout"

COMMENT_SNIPPET = {
    "parentId": V,
    "channelId": V,
    "authorDisplayName": V,
    "authorChannelId": {"value": V},
    "textOriginal": V,
    "textDisplay": V,
    "likeCount": V,
    "publishedAt": V,
    "updatedAt": V,
}
THREAD = {
    "id": V,
    "snippet": {
        "channelId": V,
        "videoId": V,
        "topLevelComment": {"id": V, "snippet": COMMENT_SNIPPET},
        "totalReplyCount": V,
    },
    "replies": {"comments": [{"id": V, "snippet": COMMENT_SNIPPET}]},
}
# A page of threads (`items`) or one bare thread (its fields at the top level).
COMMENT_THREADS_SHAPE = {"kind": V, "items": [THREAD], **THREAD}
COMMENT_THREADS_EXPECTED = Expected(
    f'a {RESPONSE_KIND} object (a page of comment threads, in its "items") or a '
    f"{THREAD_KIND} object"
)
THREAD_KEYS = ("snippet",)

# The character references textDisplay uses, besides numeric ones (&#39; &#x27;).
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": "\u00a0"}


def recognize_comment_threads(path: Path) -> str | None:
    """None for a commentThreads response, else why this JSON file is not one."""
    if _TAKEOUT_FOLDER in path.parts:
        return (
            "a Google Takeout file, not a Data API response (from a Takeout only "
            "YouTube and YouTube Music/comments/*.csv is read)"
        )
    head = read_head(path)
    if head.lstrip().startswith("["):
        return "a JSON array, not a Data API response (save the whole commentThreads response)"
    kinds = _KIND.findall(head)
    if RESPONSE_KIND in kinds or (kinds and kinds[0] == THREAD_KIND):
        return None
    if not kinds:
        return 'not a YouTube Data API response (no "kind" near the top)'
    return f"a {kinds[0]}, not comment threads"


def html_to_text(value_sql: str) -> str:
    """SQL turning `textDisplay` HTML into plain text: `<br>` is a line break, other tags
    (`<a href=...>`, `<b>`) go and their text stays, character references are unescaped
    once (`&amp;#39;` is the text `&#39;`)."""
    breaks = f"regexp_replace({value_sql}, '<br\\s*/?>', chr(10), 'gi')"
    untagged = f"regexp_replace({breaks}, '<[^>]*>', '', 'g')"
    named = " ".join(
        f"WHEN {literal(name)} THEN {literal(text)}" for name, text in _NAMED_ENTITIES.items()
    )
    names = "|".join(_NAMED_ENTITIES)
    # Split at every '&': each piece after the first starts with what followed an '&'.
    decoded_piece = f"""CASE
        WHEN i = 1 THEN piece
        WHEN regexp_matches(piece, '^#[0-9]{{1,7}};') THEN coalesce(
            try(chr(CAST(regexp_extract(piece, '^#([0-9]+);', 1) AS INTEGER)))
                || regexp_replace(piece, '^#[0-9]+;', ''),
            '&' || piece)
        WHEN regexp_matches(piece, '^#[xX][0-9a-fA-F]{{1,6}};') THEN coalesce(
            try(chr(CAST('0x' || regexp_extract(piece, '^#[xX]([0-9a-fA-F]+);', 1) AS INTEGER)))
                || regexp_replace(piece, '^#[xX][0-9a-fA-F]+;', ''),
            '&' || piece)
        WHEN regexp_matches(piece, '^({names});')
            THEN (CASE regexp_extract(piece, '^([a-z]+);', 1) {named} END)
                || regexp_replace(piece, '^[a-z]+;', '')
        ELSE '&' || piece
    END"""
    return f"""array_to_string(list_transform(string_split({untagged}, '&'),
        lambda piece, i: {decoded_piece}), '')"""


def _require_kind(batch: Batch, docs: str) -> None:
    wrong = batch.conn.execute(
        f"""SELECT _source_file, doc.kind FROM {docs}
            WHERE doc.kind IS DISTINCT FROM '{RESPONSE_KIND}'
              AND doc.kind IS DISTINCT FROM '{THREAD_KIND}'
            ORDER BY 1 LIMIT 1"""
    ).fetchone()
    if wrong is not None:
        raise ExportFormatError.at(
            wrong[0],
            f"kind is {wrong[1]!r}, expected '{RESPONSE_KIND}' or '{THREAD_KIND}'",
            field="kind",
        )
    without_items = batch.conn.execute(
        f"""SELECT _source_file FROM {docs}
            WHERE doc.kind = '{RESPONSE_KIND}' AND doc.items IS NULL ORDER BY 1 LIMIT 1"""
    ).fetchone()
    if without_items is not None:
        raise ExportFormatError.at(
            without_items[0],
            f'expected {COMMENT_THREADS_EXPECTED.what}, found a {RESPONSE_KIND} without "items"',
            field="items",
        )


# The threads of a file's document: a page's items, or a bare thread as a page of one.
_ITEMS_SQL = f"""CASE WHEN d.doc.kind = '{RESPONSE_KIND}' THEN d.doc.items
    ELSE [{{'id': d.doc.id, 'snippet': d.doc.snippet, 'replies': d.doc.replies}}]
END"""


def _threads_sql(docs: str) -> str:
    """One row per thread of every file, a bare thread being a page of one."""
    return f"SELECT {LINEAGE}, {_ITEMS_SQL} AS items FROM {docs} d"


def stage_comment_threads(batch: Batch) -> Mapping[str, str]:
    docs = read_json_documents(batch, COMMENT_THREADS_SHAPE, COMMENT_THREADS_EXPECTED)
    _require_kind(batch, docs)
    require_record_keys(batch, docs, _ITEMS_SQL, THREAD_KEYS, "thread")
    table = batch.temp("youtube_comments")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        WITH pages AS ({_threads_sql(docs)}),
        threads AS (
            SELECT {LINEAGE}, t.i AS thread_index, t.item.id AS thread_id,
                   t.item.snippet."videoId" AS "videoId",
                   coalesce(t.item.snippet."channelId",
                            t.item.snippet."topLevelComment".snippet."channelId") AS "channelId",
                   t.item.snippet."topLevelComment" AS top_level,
                   t.item.replies.comments AS replies
            FROM pages, unnest(pages.items) WITH ORDINALITY AS t(item, i)
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
               snippet."textOriginal" AS "textOriginal",
               snippet."textDisplay" AS "textDisplay",
               snippet."likeCount" AS "likeCount",
               snippet."publishedAt" AS "publishedAt", snippet."updatedAt" AS "updatedAt"
        FROM comments
        """
    )
    rows = Rows(table, "comment")
    require_value(batch.conn, rows, "id", "comment id")
    require_time(batch.conn, rows, "publishedAt", ISO_UTC)
    require_time(batch.conn, rows, "updatedAt", ISO_UTC)
    require_count(batch.conn, rows, "likeCount")
    published_at, updated_at = (
        plausible_time(batch, rows, column, ISO_UTC, earliest=YOUTUBE_LAUNCHED, platform="YouTube")
        for column in ("publishedAt", "updatedAt")
    )
    return {
        "youtube_comments": f"""
            SELECT id AS comment_id, thread_id, "videoId" AS video_id,
                   "channelId" AS channel_id, "parentId" AS parent_comment_id,
                   "authorDisplayName" AS author_display_name,
                   "authorChannelId" AS author_channel_id,
                   coalesce("textOriginal", {html_to_text('"textDisplay"')}) AS text_original,
                   CASE WHEN "textOriginal" IS NOT NULL THEN 'textOriginal'
                        WHEN "textDisplay" IS NOT NULL THEN 'textDisplay'
                   END AS text_source,
                   {count_sql("likeCount")} AS like_count,
                   {published_at} AS published_at,
                   {updated_at} AS updated_at,
                   {LINEAGE}, {owner_key("id")} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="youtube_data_api",
    description="YouTube Data API commentThreads responses (top-level comments and replies)",
    raw_tables=("youtube_comments",),
    file_sets=(
        FileSet(
            "youtube/*/**/*.json",
            stage_comment_threads,
            kind="YouTube Data API comment threads",
            recognize=recognize_comment_threads,
        ),
    ),
)
