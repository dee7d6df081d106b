"""X (Twitter) account archive: `x/<handle>/data/*.js`, each `window.YTD.<type>.part0 = [...]`.

Tweets and direct messages may continue in `tweets-part1.js`, `direct-messages-part1.js`, ...
(`window.YTD.<type>.part1 = [...]`), as X splits large archives.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import explode, read_x_documents
from ingestion.loaders.rows import Rows, require_time, require_value
from ingestion.loaders.sql import owner_key
from ingestion.loaders.timeformats import ISO_UTC, X_TWEET_TIME

V = "VARCHAR"

ACCOUNT_SHAPE = [
    {"account": {"accountId": V, "username": V, "accountDisplayName": V, "createdAt": V}}
]
TWEETS_SHAPE = [
    {
        "tweet": {
            "id_str": V,
            "id": V,
            "created_at": V,
            "full_text": V,
            "favorite_count": V,
            "retweet_count": V,
            "lang": V,
            "in_reply_to_status_id_str": V,
            "in_reply_to_user_id_str": V,
            "in_reply_to_screen_name": V,
            "entities": {"user_mentions": [{"screen_name": V, "id_str": V}]},
        }
    }
]
DIRECT_MESSAGES_SHAPE = [
    {
        "dmConversation": {
            "conversationId": V,
            "messages": [
                {
                    "messageCreate": {
                        "id": V,
                        "senderId": V,
                        "recipientId": V,
                        "text": V,
                        "createdAt": V,
                    }
                }
            ],
        }
    }
]
FOLLOWER_SHAPE = [{"follower": {"accountId": V, "userLink": V}}]


def stage_accounts(batch: Batch) -> Mapping[str, str]:
    docs = read_x_documents(batch, "account", ACCOUNT_SHAPE)
    rows = explode(
        batch,
        docs,
        "d.doc",
        """e.item.account.accountId AS "accountId", e.item.account.username AS username,
           e.item.account.accountDisplayName AS "accountDisplayName",
           e.item.account.createdAt AS "createdAt" """,
    )
    require_value(batch.conn, rows, "accountId")
    require_time(batch.conn, rows, "createdAt", ISO_UTC)
    return {
        "x_accounts": f"""
            SELECT "accountId" AS account_id, username,
                   "accountDisplayName" AS account_display_name,
                   {ISO_UTC.parse('"createdAt"')} AS account_created_at,
                   {LINEAGE}, "accountId" AS _row_key
            FROM {rows.table}
        """
    }


def stage_tweets(batch: Batch) -> Mapping[str, str]:
    docs = read_x_documents(batch, "tweets", TWEETS_SHAPE)
    rows = explode(
        batch,
        docs,
        "d.doc",
        """coalesce(e.item.tweet.id_str, e.item.tweet.id) AS id_str,
           e.item.tweet.created_at AS created_at, e.item.tweet.full_text AS full_text,
           e.item.tweet.favorite_count AS favorite_count,
           e.item.tweet.retweet_count AS retweet_count, e.item.tweet.lang AS lang,
           e.item.tweet.in_reply_to_status_id_str AS in_reply_to_status_id_str,
           e.item.tweet.in_reply_to_user_id_str AS in_reply_to_user_id_str,
           e.item.tweet.in_reply_to_screen_name AS in_reply_to_screen_name,
           coalesce(e.item.tweet.entities.user_mentions, []) AS user_mentions""",
    )
    require_value(batch.conn, rows, "id_str")
    require_time(batch.conn, rows, "created_at", X_TWEET_TIME)
    return {
        "x_tweets": f"""
            SELECT id_str AS tweet_id, full_text, favorite_count, retweet_count, lang,
                   in_reply_to_status_id_str AS in_reply_to_status_id,
                   in_reply_to_user_id_str AS in_reply_to_user_id,
                   in_reply_to_screen_name,
                   list_transform(user_mentions, m -> m.screen_name) AS mentioned_screen_names,
                   list_transform(user_mentions, m -> m.id_str) AS mentioned_user_ids,
                   {X_TWEET_TIME.parse("created_at")} AS created_at,
                   {LINEAGE}, {owner_key("id_str")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_direct_messages(batch: Batch) -> Mapping[str, str]:
    docs = read_x_documents(batch, "direct_messages", DIRECT_MESSAGES_SHAPE)
    table = batch.temp("x_dm")
    # Conversations hold messages newest first; the record number counts messages in file order.
    # Events other than messageCreate (joins, leaves) have no message and are not records.
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        WITH conversations AS (
            SELECT {LINEAGE}, c.i AS conversation_index, c.item.dmConversation AS conversation
            FROM {docs} d, unnest(d.doc) WITH ORDINALITY AS c(item, i)
        )
        SELECT {LINEAGE},
               row_number() OVER (
                   PARTITION BY _source_file ORDER BY conversation_index, m.i
               ) AS _record,
               conversation.conversationId AS "conversationId",
               m.event.messageCreate.id AS id, m.event.messageCreate.senderId AS "senderId",
               m.event.messageCreate.recipientId AS "recipientId",
               m.event.messageCreate.text AS text, m.event.messageCreate.createdAt AS "createdAt"
        FROM conversations, unnest(conversation.messages) WITH ORDINALITY AS m(event, i)
        WHERE m.event.messageCreate IS NOT NULL
        """
    )
    rows = Rows(table, "message")
    require_value(batch.conn, rows, "id")
    require_time(batch.conn, rows, "createdAt", ISO_UTC)
    return {
        "x_direct_messages": f"""
            SELECT "conversationId" AS conversation_id, id AS message_id, "senderId" AS sender_id,
                   "recipientId" AS recipient_id, text AS message_text,
                   {ISO_UTC.parse('"createdAt"')} AS created_at,
                   {LINEAGE}, {owner_key("id")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_followers(batch: Batch) -> Mapping[str, str]:
    docs = read_x_documents(batch, "follower", FOLLOWER_SHAPE)
    rows = explode(
        batch,
        docs,
        "d.doc",
        """e.item.follower.accountId AS "accountId", e.item.follower.userLink AS "userLink" """,
    )
    require_value(batch.conn, rows, "accountId")
    return {
        "x_followers": f"""
            SELECT "accountId" AS follower_account_id, "userLink" AS user_link,
                   {LINEAGE}, {owner_key('"accountId"')} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="x_archive",
    description="X account archive (window.YTD.*.part0 JavaScript files)",
    raw_tables=("x_accounts", "x_tweets", "x_direct_messages", "x_followers"),
    file_sets=(
        FileSet("x/*/data/account.js", stage_accounts),
        FileSet("x/*/data/tweets.js", stage_tweets),
        FileSet("x/*/data/tweets-part*.js", stage_tweets),
        FileSet("x/*/data/direct-messages.js", stage_direct_messages),
        FileSet("x/*/data/direct-messages-part*.js", stage_direct_messages),
        FileSet("x/*/data/follower.js", stage_followers),
    ),
)
