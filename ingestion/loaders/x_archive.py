"""X (Twitter) account archive: `x/<handle>/...`, each file `window.YTD.<type>.partN = [...]`.

Every era is read (docs/export_formats.md lists them):

- 2019 and earlier: the `.js` files at the archive root, singular names (`tweet.js` =
  `window.YTD.tweet.part0`, `direct-message.js` = `window.YTD.direct_message.part0`), tweets
  as bare objects, pretty-printed `[ {` ... `"key" : value`;
- 2020-2022: the same singular names under `data/`, each tweet wrapped as `{"tweet": {...}}`;
- 2022 and later: plural names under `data/` (`tweets.js` = `window.YTD.tweets.part0`,
  `direct-messages.js` = `window.YTD.direct_messages.part0`).

Big files continue in `<name>-part1.js`, ... (`window.YTD.<type>.part1`). When an archive has
no `account.js`, the owner's account id is inferred from the one-to-one conversation ids
(`<id>-<id>`: the owner is the side common to all of them) and landed as an `x_accounts` row
marked `is_inferred`, with a note in the load log.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import (
    explode,
    read_x_documents,
    records_expected,
    require_record_keys,
)
from ingestion.loaders.rows import (
    X_LAUNCHED,
    Rows,
    plausible_time,
    require_count,
    require_time,
    require_value,
)
from ingestion.loaders.sql import Shape, owner_key
from ingestion.loaders.timeformats import ISO_UTC, X_TWEET_TIME

V = "VARCHAR"

ACCOUNT_SHAPE = [
    {"account": {"accountId": V, "username": V, "accountDisplayName": V, "createdAt": V}}
]
_TWEET: dict[str, Shape] = {
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
# Archives since 2020 wrap each tweet as {"tweet": {...}}; older ones list the tweets bare.
TWEETS_SHAPE = [{"tweet": _TWEET, **_TWEET}]
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
                        "mediaUrls": [V],
                        "urls": [{"url": V, "expanded": V, "display": V}],
                        "reactions": [{"senderId": V, "reactionKey": V}],
                        "editHistory": "JSON",
                    }
                }
            ],
        }
    }
]
FOLLOWER_SHAPE = [{"follower": {"accountId": V, "userLink": V}}]
FOLLOWING_SHAPE = [{"following": {"accountId": V, "userLink": V}}]

# A one-to-one conversation id: the two participants' account ids.
_ONE_TO_ONE = r"^[0-9]+-[0-9]+$"


def _archive_files(*names: str) -> tuple[str, ...]:
    """Each name at the archive root (2019 and earlier) and under `data/` (since 2020)."""
    return tuple(f"x/*/{folder}{name}" for folder in ("", "data/") for name in names)


def stage_accounts(batch: Batch) -> Mapping[str, str]:
    docs = read_x_documents(
        batch, "account", ACCOUNT_SHAPE, records_expected("accounts", ("account",))
    )
    rows = explode(
        batch,
        docs,
        "d.doc",
        """e.item.account.accountId AS "accountId", e.item.account.username AS username,
           e.item.account.accountDisplayName AS "accountDisplayName",
           e.item.account.createdAt AS "createdAt" """,
        keys=("account",),
    )
    require_value(batch.conn, rows, "accountId")
    require_time(batch.conn, rows, "createdAt", ISO_UTC)
    created_at = plausible_time(
        batch, rows, "createdAt", ISO_UTC, earliest=X_LAUNCHED, platform="X"
    )
    return {
        "x_accounts": f"""
            SELECT "accountId" AS account_id, username,
                   "accountDisplayName" AS account_display_name,
                   {created_at} AS account_created_at,
                   false AS is_inferred,
                   {LINEAGE}, {owner_key('"accountId"')} AS _row_key
            FROM {rows.table}
        """
    }


def _tweet_field(path: str) -> str:
    """A tweet field, from the `{"tweet": {...}}` wrapper or the bare tweet."""
    return f"coalesce(e.item.tweet.{path}, e.item.{path})"


def stage_tweets(batch: Batch, ytd_type: str) -> Mapping[str, str]:
    """Counts are text; one that is not a count is refused (staging casts them)."""
    expected = records_expected("tweets", ("tweet", "id_str", "id"))
    docs = read_x_documents(batch, ytd_type, TWEETS_SHAPE, expected)
    rows = explode(
        batch,
        docs,
        "d.doc",
        f"""coalesce({_tweet_field("id_str")}, {_tweet_field("id")}) AS id_str,
           {_tweet_field("created_at")} AS created_at,
           {_tweet_field("full_text")} AS full_text,
           {_tweet_field("favorite_count")} AS favorite_count,
           {_tweet_field("retweet_count")} AS retweet_count,
           {_tweet_field("lang")} AS lang,
           {_tweet_field("in_reply_to_status_id_str")} AS in_reply_to_status_id_str,
           {_tweet_field("in_reply_to_user_id_str")} AS in_reply_to_user_id_str,
           {_tweet_field("in_reply_to_screen_name")} AS in_reply_to_screen_name,
           coalesce({_tweet_field("entities.user_mentions")}, []) AS user_mentions""",
        unit="tweet",
        keys=("tweet", "id_str", "id"),
    )
    require_value(batch.conn, rows, "id_str")
    require_time(batch.conn, rows, "created_at", X_TWEET_TIME)
    require_count(batch.conn, rows, "favorite_count")
    require_count(batch.conn, rows, "retweet_count")
    created_at = plausible_time(
        batch, rows, "created_at", X_TWEET_TIME, earliest=X_LAUNCHED, platform="X"
    )
    return {
        "x_tweets": f"""
            SELECT id_str AS tweet_id, full_text, favorite_count, retweet_count, lang,
                   in_reply_to_status_id_str AS in_reply_to_status_id,
                   in_reply_to_user_id_str AS in_reply_to_user_id,
                   in_reply_to_screen_name,
                   list_transform(user_mentions, m -> m.screen_name) AS mentioned_screen_names,
                   list_transform(user_mentions, m -> m.id_str) AS mentioned_user_ids,
                   {created_at} AS created_at,
                   {LINEAGE}, {owner_key("id_str")} AS _row_key
            FROM {rows.table}
        """
    }


def stage_direct_messages(batch: Batch, ytd_type: str) -> Mapping[str, str]:
    """The conversation and the sender of every message are required: staging keys the
    thread and tells the creator's messages from the audience's by them."""
    expected = records_expected("conversations", ("dmConversation",))
    docs = read_x_documents(batch, ytd_type, DIRECT_MESSAGES_SHAPE, expected)
    require_record_keys(batch, docs, "d.doc", ("dmConversation",), "conversation")
    table = batch.temp("x_dm")
    # Conversations hold messages newest first; the record number counts messages in file order.
    # Events other than messageCreate (joins, renames, participants added) are not messages.
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        WITH conversations AS (
            SELECT {LINEAGE}, c.i AS conversation_index, c.item.dmConversation AS conversation
            FROM {docs} d, unnest(d.doc) WITH ORDINALITY AS c(item, i)
        ),
        events AS (
            SELECT {LINEAGE}, conversation_index, m.i AS event_index,
                   conversation.conversationId AS "conversationId",
                   m.event.messageCreate AS message
            FROM conversations, unnest(conversation.messages) WITH ORDINALITY AS m(event, i)
        )
        SELECT {LINEAGE},
               row_number() OVER (
                   PARTITION BY _source_file ORDER BY conversation_index, event_index
               ) AS _record,
               "conversationId", message.id AS id, message.senderId AS "senderId",
               message.recipientId AS "recipientId", message.text AS text,
               message.createdAt AS "createdAt",
               coalesce(message.mediaUrls, []) AS media_urls,
               list_transform(coalesce(message.urls, []), u -> u.expanded) AS expanded_urls,
               list_transform(coalesce(message.reactions, []), r -> r.senderId)
                   AS reaction_sender_ids,
               list_transform(coalesce(message.reactions, []), r -> r.reactionKey)
                   AS reaction_keys,
               CAST(message.editHistory AS VARCHAR) AS edit_history
        FROM events
        WHERE message IS NOT NULL
        """
    )
    rows = Rows(table, "message")
    require_value(batch.conn, rows, "id")
    require_value(batch.conn, rows, "conversationId")
    require_value(batch.conn, rows, "senderId")
    require_time(batch.conn, rows, "createdAt", ISO_UTC)
    created_at = plausible_time(
        batch, rows, "createdAt", ISO_UTC, earliest=X_LAUNCHED, platform="X"
    )
    staged = {
        "x_direct_messages": f"""
            SELECT "conversationId" AS conversation_id, id AS message_id, "senderId" AS sender_id,
                   "recipientId" AS recipient_id, text AS message_text,
                   {created_at} AS created_at,
                   media_urls, expanded_urls, reaction_sender_ids, reaction_keys, edit_history,
                   {LINEAGE}, {owner_key("id")} AS _row_key
            FROM {rows.table}
        """
    }
    inferred = _infer_owner_accounts(batch, rows)
    if inferred is not None:
        staged["x_accounts"] = inferred
    return staged


def _infer_owner_accounts(batch: Batch, rows: Rows) -> str | None:
    """For owners without a loaded `account.js`: the side common to all their one-to-one
    conversations (this batch's and those already landed) is the owner's account id.

    Every such file gets a load-log note saying what was inferred or why nothing could be.
    Returns the SELECT of the inferred `x_accounts` rows, or None when every owner has one.
    """
    table = batch.temp("x_owner")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        WITH owners AS (
            SELECT export_owner AS _export_owner, min(source_file) AS _source_file,
                   arg_min(file_hash, source_file) AS _file_hash
            FROM {batch.files_table} GROUP BY export_owner
        ),
        declared AS (
            SELECT DISTINCT _export_owner FROM raw.x_accounts
            WHERE NOT coalesce(is_inferred, false)
        ),
        undeclared AS (
            SELECT * FROM owners ANTI JOIN declared USING (_export_owner)
        ),
        conversations AS (
            SELECT _export_owner, "conversationId" AS conversation_id FROM {rows.table}
            UNION
            SELECT _export_owner, conversation_id FROM raw.x_direct_messages
            WHERE _export_owner IN (SELECT _export_owner FROM undeclared)
        ),
        one_to_one AS (
            SELECT _export_owner, conversation_id FROM conversations
            WHERE regexp_matches(conversation_id, '{_ONE_TO_ONE}')
        ),
        sides AS (
            SELECT _export_owner, side, count(DISTINCT conversation_id) AS conversations
            FROM one_to_one, unnest(list_distinct(string_split(conversation_id, '-'))) AS s(side)
            GROUP BY ALL
        ),
        totals AS (
            SELECT _export_owner, count(DISTINCT conversation_id) AS conversations,
                   min(conversation_id) AS example
            FROM one_to_one GROUP BY ALL
        ),
        judged AS (
            SELECT undeclared.*, coalesce(totals.conversations, 0) AS conversations,
                   totals.example,
                   coalesce(
                       list(sides.side ORDER BY sides.side)
                           FILTER (WHERE sides.conversations = totals.conversations),
                       []
                   ) AS common_sides
            FROM undeclared
            LEFT JOIN totals USING (_export_owner)
            LEFT JOIN sides USING (_export_owner)
            GROUP BY ALL
        )
        SELECT *,
               CASE WHEN conversations >= 2 AND len(common_sides) = 1 THEN common_sides[1] END
                   AS inferred_account_id
        FROM judged
        """
    )
    judged = batch.conn.execute(
        f"""SELECT _export_owner, conversations, example, common_sides, inferred_account_id
            FROM {table} ORDER BY 1"""
    ).fetchall()
    if not judged:
        return None
    for owner, conversations, example, common_sides, inferred in judged:
        note = _inference_note(owner, conversations, example, common_sides, inferred)
        for file in batch.files:
            if file.export_owner == owner:
                batch.note(file.source_file, note)
    return f"""
        SELECT inferred_account_id AS account_id, CAST(NULL AS VARCHAR) AS username,
               CAST(NULL AS VARCHAR) AS account_display_name,
               CAST(NULL AS TIMESTAMPTZ) AS account_created_at, true AS is_inferred,
               {LINEAGE}, {owner_key("'inferred/' || inferred_account_id")} AS _row_key
        FROM {table}
        WHERE inferred_account_id IS NOT NULL
    """


def _inference_note(
    owner: str,
    conversations: int,
    example: str | None,
    common_sides: list[str],
    inferred: str | None,
) -> str:
    missing = f"no account.js in x/{owner}"
    if inferred is not None:
        return (
            f"{missing}: owner account id {inferred} inferred from the conversation ids "
            f"(the one side common to all {conversations} one-to-one conversations)"
        )
    left_out = "not inferred, so the direction of these messages is unknown and they are left out"
    if conversations == 0:
        return f"{missing} and no one-to-one conversation ids: owner account id {left_out}"
    if conversations == 1:
        return (
            f"{missing} and one one-to-one conversation only ({example}): either side could "
            f"be the owner; owner account id {left_out}"
        )
    if not common_sides:
        return (
            f"{missing} and no side common to all {conversations} one-to-one conversations: "
            f"owner account id {left_out}"
        )
    return (
        f"{missing} and the sides {', '.join(common_sides)} are common to all "
        f"{conversations} one-to-one conversations: owner account id {left_out}"
    )


def _stage_follows(batch: Batch, ytd_type: str, table: str, id_column: str) -> Mapping[str, str]:
    """follower.js / following.js: `[{"<type>": {"accountId": ..., "userLink": ...}}]`
    (archives before 2020 have no `userLink`)."""
    shape = [{ytd_type: {"accountId": V, "userLink": V}}]
    noun = "followers" if ytd_type == "follower" else "accounts followed"
    docs = read_x_documents(batch, ytd_type, shape, records_expected(noun, (ytd_type,)))
    rows = explode(
        batch,
        docs,
        "d.doc",
        f"""e.item.{ytd_type}.accountId AS "accountId",
            e.item.{ytd_type}.userLink AS "userLink" """,
        keys=(ytd_type,),
    )
    require_value(batch.conn, rows, "accountId")
    return {
        table: f"""
            SELECT "accountId" AS {id_column}, "userLink" AS user_link,
                   {LINEAGE}, {owner_key('"accountId"')} AS _row_key
            FROM {rows.table}
        """
    }


def stage_followers(batch: Batch) -> Mapping[str, str]:
    return _stage_follows(batch, "follower", "x_followers", "follower_account_id")


def stage_following(batch: Batch) -> Mapping[str, str]:
    return _stage_follows(batch, "following", "x_following", "following_account_id")


# Files of an X archive that are deliberately not read (fnmatch: `*` spans folders, so each
# glob covers the archive root and `data/`). The first matching glob gives the reason.
KNOWN_UNREAD: tuple[tuple[str, str], ...] = (
    ("x/*/Your archive.html", "the archive's offline viewer page, not data"),
    ("x/*/assets/*", "the offline viewer's scripts, styles and images, not data"),
    ("x/*/README.txt", "the archive's read-me text, not data"),
    ("x/*/manifest.js", "the archive's table of contents (file list, record counts): no records"),
    (
        "x/*_media/*",
        "media attached to tweets, messages or the profile: the records are read from the "
        ".js files",
    ),
    (
        "x/*/direct-message*-group*.js",
        "group conversations (several participants, no single recipient, ids not <id>-<id>): "
        "the DM measures are of one-to-one conversations, so they are not read",
    ),
    (
        "x/*/direct-message-headers*.js",
        "message ids and times only: the messages are read from direct-messages.js",
    ),
    ("x/*/tweet-headers*.js", "tweet ids and times only: the tweets are read from tweets.js"),
    ("x/*/deleted-tweet*.js", "tweets the creator deleted (no longer public): not read"),
    (
        "x/*/note-tweet*.js",
        "full text of long tweets: tweet texts are not used past staging, tweets.js is read",
    ),
    ("x/*/community-tweet*.js", "tweets posted in Communities: not read"),
    ("x/*/like*.js", "tweets the creator liked (no time, no reply): not an exchange"),
    (
        "x/*/direct-message-mute*.js",
        "muted conversations (a setting): the messages are read from direct-messages.js",
    ),
    ("x/*/block*.js", "accounts the creator blocked (a moderation list): not read"),
    ("x/*/mute*.js", "accounts the creator muted (a moderation list): not read"),
    ("x/*/ad-*.js", "advertising data (ads seen, engaged with, conversions): not audience data"),
    (
        "x/*/lists-*.js",
        "lists the creator made, follows or is on: not read (follows come from following.js)",
    ),
    (
        "x/*.js",
        "account settings, history or product data (not tweets, messages, followers, "
        "following or the account): not read",
    ),
)

LOADER = Loader(
    name="x_archive",
    description="X account archive (window.YTD.*.partN JavaScript files, every era)",
    raw_tables=("x_accounts", "x_tweets", "x_direct_messages", "x_followers", "x_following"),
    file_sets=(
        # First: the direct-message file sets infer the owner only when no account.js is loaded.
        FileSet(_archive_files("account.js"), stage_accounts, kind="X account"),
        FileSet(
            _archive_files("tweets.js", "tweets-part*.js"),
            partial(stage_tweets, ytd_type="tweets"),
            kind="X tweets (tweets.js, 2022+)",
        ),
        FileSet(
            _archive_files("tweet.js", "tweet-part*.js"),
            partial(stage_tweets, ytd_type="tweet"),
            kind="X tweets (tweet.js, before 2022)",
        ),
        FileSet(
            _archive_files("direct-messages.js", "direct-messages-part*.js"),
            partial(stage_direct_messages, ytd_type="direct_messages"),
            kind="X direct messages (direct-messages.js, 2022+)",
        ),
        FileSet(
            _archive_files("direct-message.js", "direct-message-part*.js"),
            partial(stage_direct_messages, ytd_type="direct_message"),
            kind="X direct messages (direct-message.js, before 2022)",
        ),
        FileSet(
            _archive_files("follower.js", "follower-part*.js"),
            stage_followers,
            kind="X followers",
        ),
        FileSet(
            _archive_files("following.js", "following-part*.js"),
            stage_following,
            kind="X following",
        ),
    ),
    known_unread=KNOWN_UNREAD,
)
