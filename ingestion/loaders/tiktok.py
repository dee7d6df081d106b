"""TikTok "Download your data": one `tiktok/<handle>/user_data_tiktok.json` per creator.

Counts are strings, missing values are "N/A", "" or null, and all are landed as exported; big
counts may be abbreviated ("1.2M", "12K"), which staging reads (parse_abbreviated_count), and
a count that is neither is refused. Direct messages sit under one key per chat, "Chat History
with <user>:", which becomes chat_with. Times before TikTok launched, or after the export,
land as null (plausible_time).
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import (
    Expected,
    explode,
    read_json_documents,
    require_columns_keys,
)
from ingestion.loaders.rows import (
    TIKTOK_LAUNCHED,
    Rows,
    plausible_time,
    require_count,
    require_time,
    require_value,
)
from ingestion.loaders.sql import content_key, duckdb_type, owner_key
from ingestion.loaders.timeformats import SECONDS_NO_ZONE

V = "VARCHAR"

CHAT_MESSAGE = {"Date": V, "From": V, "Content": V}
USER_DATA_SHAPE = {
    "Profile": {
        "Profile Information": {
            "ProfileMap": {"userName": V, "followerCount": V, "likesReceived": V}
        }
    },
    "Video": {
        "Videos": {
            "VideoList": [
                {
                    "Date": V,
                    "Link": V,
                    "Likes": V,
                    "Sound": V,
                    "WhoCanView": V,
                    "AllowComments": V,
                    "IsLive": V,
                }
            ]
        }
    },
    "Comment": {
        "Comments": {
            "CommentsList": [
                {
                    "date": V,
                    "comment": V,
                    "photo": V,
                    "url": V,
                    "username": V,
                    "commentId": V,
                    "parentCommentId": V,
                }
            ]
        }
    },
    "Direct Message": {
        "Direct Messages": {"ChatHistory": f"MAP(VARCHAR, {duckdb_type([CHAT_MESSAGE])})"}
    },
    "Activity": {"Follower List": {"FansList": [{"Date": V, "UserName": V}]}},
}

USER_DATA_EXPECTED = Expected(
    'a JSON object with the sections "Profile", "Video", "Comment", "Direct Message" and "Activity"'
)

_CHAT_KEY = r"^Chat History with (.+):$"


def _time(batch: Batch, rows: Rows, column: str) -> str:
    return plausible_time(
        batch, rows, column, SECONDS_NO_ZONE, earliest=TIKTOK_LAUNCHED, platform="TikTok"
    )


def _profiles(batch: Batch, docs: str) -> str:
    table = batch.temp("tiktok_profiles")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        SELECT {LINEAGE}, 1 AS _record, profile.userName AS "userName",
               profile.followerCount AS "followerCount", profile.likesReceived AS "likesReceived"
        FROM (
            SELECT {LINEAGE}, d.doc."Profile"."Profile Information"."ProfileMap" AS profile
            FROM {docs} d
        )
        WHERE profile IS NOT NULL
        """
    )
    rows = Rows(table, "ProfileMap")
    require_count(batch.conn, rows, "followerCount", abbreviated=True)
    require_count(batch.conn, rows, "likesReceived", abbreviated=True)
    return f"""
        SELECT "userName" AS user_name, "followerCount" AS follower_count,
               "likesReceived" AS likes_received,
               {LINEAGE},
               {content_key('"userName"', '"followerCount"', '"likesReceived"')} AS _row_key
        FROM {rows.table}
    """


def _videos(batch: Batch, docs: str) -> str:
    rows = explode(
        batch,
        docs,
        'd.doc."Video"."Videos"."VideoList"',
        """e.item."Date" AS "Date", e.item."Link" AS "Link", e.item."Likes" AS "Likes",
           e.item."Sound" AS "Sound", e.item."WhoCanView" AS "WhoCanView",
           e.item."AllowComments" AS "AllowComments", e.item."IsLive" AS "IsLive" """,
        unit="VideoList item",
        keys=("Link", "Date"),
    )
    require_value(batch.conn, rows, "Link")
    require_time(batch.conn, rows, "Date", SECONDS_NO_ZONE)
    require_count(batch.conn, rows, "Likes", abbreviated=True)
    posted_at = _time(batch, rows, "Date")
    return f"""
        SELECT "Link" AS video_link, "Likes" AS likes, "Sound" AS sound,
               "WhoCanView" AS who_can_view, "AllowComments" AS allow_comments,
               "IsLive" AS is_live, {posted_at} AS posted_at,
               {LINEAGE}, {owner_key('"Link"')} AS _row_key
        FROM {rows.table}
    """


def _comments(batch: Batch, docs: str) -> str:
    rows = explode(
        batch,
        docs,
        'd.doc."Comment"."Comments"."CommentsList"',
        """e.item.date AS date, e.item.comment AS comment, e.item.photo AS photo,
           e.item.url AS url, e.item.username AS username, e.item."commentId" AS "commentId",
           e.item."parentCommentId" AS "parentCommentId" """,
        unit="CommentsList item",
        keys=("commentId", "comment", "date"),
    )
    require_value(batch.conn, rows, "commentId")
    require_time(batch.conn, rows, "date", SECONDS_NO_ZONE)
    commented_at = _time(batch, rows, "date")
    return f"""
        SELECT "commentId" AS comment_id, url AS video_link,
               "parentCommentId" AS parent_comment_id, username, comment AS comment_text,
               photo, {commented_at} AS commented_at,
               {LINEAGE}, {owner_key('"commentId"')} AS _row_key
        FROM {rows.table}
    """


def _messages(batch: Batch, docs: str) -> str:
    chats = explode(
        batch,
        docs,
        """map_entries(d.doc."Direct Message"."Direct Messages"."ChatHistory")""",
        "e.item.key AS chat_key, e.item.value AS messages",
    )
    bad_key = batch.conn.execute(
        f"""SELECT _source_file, chat_key FROM {chats.table}
            WHERE NOT regexp_matches(chat_key, '{_CHAT_KEY}') ORDER BY _source_file LIMIT 1"""
    ).fetchone()
    if bad_key is not None:
        source_file, chat_key = bad_key
        raise ExportFormatError.at(
            source_file,
            f"unexpected ChatHistory key '{chat_key}' (expected 'Chat History with <user>:')",
            field="ChatHistory",
        )
    table = batch.temp("tiktok_messages")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        SELECT {LINEAGE},
               row_number() OVER (PARTITION BY _source_file ORDER BY c._record, m.i) AS _record,
               regexp_extract(c.chat_key, '{_CHAT_KEY}', 1) AS chat_with,
               m.message."From" AS "From", m.message."Content" AS "Content",
               m.message."Date" AS "Date"
        FROM {chats.table} c, unnest(c.messages) WITH ORDINALITY AS m(message, i)
        """
    )
    rows = Rows(table, "chat message")
    require_columns_keys(batch.conn, rows, ("Date", "From", "Content"))
    require_time(batch.conn, rows, "Date", SECONDS_NO_ZONE)
    sent_at = _time(batch, rows, "Date")
    return f"""
        SELECT chat_with, "From" AS sender, "Content" AS content,
               {sent_at} AS sent_at,
               {LINEAGE}, {content_key("chat_with", '"From"', '"Date"', '"Content"')} AS _row_key
        FROM {rows.table}
    """


def _followers(batch: Batch, docs: str) -> str:
    rows = explode(
        batch,
        docs,
        'd.doc."Activity"."Follower List"."FansList"',
        """e.item."Date" AS "Date", e.item."UserName" AS "UserName" """,
        unit="FansList item",
        keys=("UserName", "Date"),
    )
    require_value(batch.conn, rows, "UserName")
    require_time(batch.conn, rows, "Date", SECONDS_NO_ZONE)
    followed_at = _time(batch, rows, "Date")
    return f"""
        SELECT "UserName" AS username, {followed_at} AS followed_at,
               {LINEAGE}, {owner_key('"UserName"')} AS _row_key
        FROM {rows.table}
    """


def stage_user_data(batch: Batch) -> Mapping[str, str]:
    docs = read_json_documents(batch, USER_DATA_SHAPE, USER_DATA_EXPECTED)
    return {
        "tiktok_profiles": _profiles(batch, docs),
        "tiktok_videos": _videos(batch, docs),
        "tiktok_comments": _comments(batch, docs),
        "tiktok_messages": _messages(batch, docs),
        "tiktok_followers": _followers(batch, docs),
    }


LOADER = Loader(
    name="tiktok",
    description="TikTok data download (user_data_tiktok.json)",
    raw_tables=(
        "tiktok_profiles",
        "tiktok_videos",
        "tiktok_comments",
        "tiktok_messages",
        "tiktok_followers",
    ),
    # A later download saved next to the first one: user_data_tiktok_<YYYY-MM-DD>.json.
    file_sets=(FileSet("tiktok/*/user_data_tiktok*.json", stage_user_data),),
)
