"""The raw tables of docs/export_formats.md, created empty so dbt sources always resolve."""

from __future__ import annotations

import duckdb

from ingestion.loaders.sql import ident
from mutuality import platforms

RAW_SCHEMA = "raw"
LOAD_LOG_TABLE = "_load_log"

Columns = tuple[tuple[str, str], ...]


def _typed(sql_type: str, *names: str) -> Columns:
    return tuple((name, sql_type) for name in names)


def _varchar(*names: str) -> Columns:
    return _typed("VARCHAR", *names)


_META_MESSAGES: Columns = (
    *_varchar("thread_folder", "thread_title"),
    ("participant_names", "VARCHAR[]"),
    *_varchar("sender_name", "content"),
    ("sent_at", "TIMESTAMPTZ"),
    # what tells a message from a reaction notice, an unsent message, a share, a call
    *_varchar("message_type", "share_link", "share_text"),
    ("is_unsent", "BOOLEAN"),
    ("call_duration", "BIGINT"),
    *_typed("INTEGER", "photo_count", "video_count", "audio_count", "other_media_count"),
    ("reaction_count", "INTEGER"),
)

RAW_TABLES: dict[str, Columns] = {
    "roster_creators": _varchar(
        "creator_id",
        "display_name",
        "niche",
        # one handle column per platform of the registry (dbt_project.yml, var `platforms`)
        *(f"{name}_handle" for name in platforms.names()),
        "youtube_channel_id",
        "linkedin_profile_url",
        "referral_code",
        "utm_source",
    ),
    "roster_partners": _varchar("name", "email", "profile_url", "consent_to_be_named"),
    "x_accounts": (
        *_varchar("account_id", "username", "account_display_name"),
        ("account_created_at", "TIMESTAMPTZ"),
        # added later: true for an account id inferred from the DM conversation ids
        ("is_inferred", "BOOLEAN"),
    ),
    "x_tweets": (
        *_varchar(
            "tweet_id",
            "full_text",
            "favorite_count",
            "retweet_count",
            "lang",
            "in_reply_to_status_id",
            "in_reply_to_user_id",
            "in_reply_to_screen_name",
        ),
        *_typed("VARCHAR[]", "mentioned_screen_names", "mentioned_user_ids"),
        ("created_at", "TIMESTAMPTZ"),
    ),
    "x_direct_messages": (
        *_varchar("conversation_id", "message_id", "sender_id", "recipient_id", "message_text"),
        ("created_at", "TIMESTAMPTZ"),
        # added later: attachments, links, reactions and edits of newer archives
        *_typed("VARCHAR[]", "media_urls", "expanded_urls", "reaction_sender_ids", "reaction_keys"),
        ("edit_history", "VARCHAR"),
    ),
    "x_followers": _varchar("follower_account_id", "user_link"),
    "x_following": _varchar("following_account_id", "user_link"),
    "instagram_posts": (
        *_varchar("media_uri", "caption"),
        ("media_count", "INTEGER"),
        ("created_at", "TIMESTAMPTZ"),
    ),
    "instagram_comments": (
        *_varchar("comment_id", "media_id", "parent_comment_id", "author", "comment_text"),
        ("created_at", "TIMESTAMPTZ"),
    ),
    "instagram_followers": (
        *_varchar("follower_username", "profile_href"),
        ("followed_at", "TIMESTAMPTZ"),
        ("followed_at_problem", "VARCHAR"),
    ),
    "instagram_messages": _META_MESSAGES,
    "meta_post_insights": (
        *_varchar(
            "post_id",
            "account_id",
            "account_username",
            "account_name",
            "description",
            "permalink",
            "post_type",
            "views",
            "reach",
            "likes",
            "shares",
            "follows",
            "comments",
            "saves",
        ),
        ("published_at", "TIMESTAMP"),
    ),
    "facebook_posts": (
        *_varchar("post_id", "post_text", "title", "post_url"),
        ("is_live", "BOOLEAN"),
        ("created_at", "TIMESTAMPTZ"),
    ),
    "facebook_comments": (
        *_varchar("comment_id", "post_id", "parent_comment_id", "author", "comment_text"),
        ("created_at", "TIMESTAMPTZ"),
    ),
    "facebook_messages": _META_MESSAGES,
    "tiktok_profiles": _varchar("user_name", "follower_count", "likes_received"),
    "tiktok_videos": (
        *_varchar("video_link", "likes", "sound", "who_can_view", "allow_comments", "is_live"),
        ("posted_at", "TIMESTAMP"),
    ),
    "tiktok_comments": (
        *_varchar(
            "comment_id", "video_link", "parent_comment_id", "username", "comment_text", "photo"
        ),
        ("commented_at", "TIMESTAMP"),
    ),
    "tiktok_messages": (*_varchar("chat_with", "sender", "content"), ("sent_at", "TIMESTAMP")),
    "tiktok_followers": (("username", "VARCHAR"), ("followed_at", "TIMESTAMP")),
    "tiktok_studio_overview": (
        ("export_date", "DATE"),
        ("row_number", "INTEGER"),
        *_varchar("date_text", "video_views", "profile_views", "likes", "comments", "shares"),
        ("activity_date", "DATE"),
        ("export_date_source", "VARCHAR"),
    ),
    "tiktok_studio_follower_history": (
        ("export_date", "DATE"),
        ("row_number", "INTEGER"),
        *_varchar("date_text", "followers", "follower_difference"),
        ("activity_date", "DATE"),
        ("export_date_source", "VARCHAR"),
    ),
    "youtube_studio_videos": (
        *_varchar(
            "video_id",
            "video_title",
            "content_type",
            "duration",
            "views",
            "watch_time_hours",
            "subscribers",
            "impressions",
            "impressions_ctr",
        ),
        ("published_on", "DATE"),
        # added later: Studio metrics the user may select (null when the export lacks them)
        *_varchar("likes", "comments_added", "shares", "subscribers_gained", "subscribers_lost"),
    ),
    "youtube_studio_daily": (
        *_varchar("views", "subscribers", "total_subscribers"),
        ("activity_date", "DATE"),
        # added later: the video of a per-video chart row (null for the channel's days) and
        # every other metric Studio may chart (null when the export lacks it)
        *_varchar(
            "video_id",
            "video_title",
            "watch_time_hours",
            "impressions",
            "impressions_ctr",
            "likes",
            "comments_added",
            "shares",
            "subscribers_gained",
            "subscribers_lost",
        ),
    ),
    "youtube_comments": (
        *_varchar(
            "comment_id",
            "thread_id",
            "video_id",
            "channel_id",
            "parent_comment_id",
            "author_display_name",
            "author_channel_id",
            "text_original",
            "text_source",
        ),
        ("like_count", "BIGINT"),
        *_typed("TIMESTAMPTZ", "published_at", "updated_at"),
    ),
    "youtube_takeout_comments": (
        *_varchar(
            "comment_id",
            "channel_id",
            "parent_comment_id",
            "post_id",
            "video_id",
            "price",
            "comment_text",
            "text_format",
        ),
        ("commented_at", "TIMESTAMPTZ"),
    ),
    "linkedin_connections": (
        *_varchar("first_name", "last_name", "profile_url", "email_address", "company", "position"),
        ("connected_on", "DATE"),
    ),
    "linkedin_messages": (
        *_varchar(
            "conversation_id",
            "conversation_title",
            "from_name",
            "sender_profile_url",
            "to_names",
            "recipient_profile_urls",
            "subject",
            "content",
            "folder",
        ),
        ("sent_at", "TIMESTAMPTZ"),
        *_varchar("attachments", "is_message_draft"),
    ),
    "linkedin_invitations": (
        *_varchar(
            "from_name",
            "to_name",
            "message",
            "direction",
            "inviter_profile_url",
            "invitee_profile_url",
        ),
        ("sent_at", "TIMESTAMP"),
    ),
    "crm_contacts": (
        *_varchar(
            "contact_id",
            "first_name",
            "last_name",
            "email",
            "company_name",
            "lifecycle_stage",
            "original_source",
            "original_source_drill_down_1",
            "original_source_drill_down_2",
            "latest_source",
            "referral_code",
            "how_did_you_hear",
        ),
        *_typed("TIMESTAMP", "created_at", "latest_source_at"),
        ("crm_system", "VARCHAR"),
    ),
    "crm_deals": (
        *_varchar(
            "deal_id",
            "deal_name",
            "deal_stage",
            "pipeline",
            "amount",
            "associated_contact_ids",
            "associated_company",
            "original_source",
            "original_source_drill_down_1",
        ),
        *_typed("TIMESTAMP", "created_at", "closed_at"),
        *_varchar("amount_currency", "crm_system"),
    ),
    "spend": (
        ("spent_on", "DATE"),
        *_varchar("channel", "person", "amount", "kind", "note"),
    ),
    "introductions_log": (
        *_varchar(
            "intro_id",
            "introducer",
            "introducer_email",
            "introduced_person",
            "introduced_person_email",
            "introduced_to",
            "introduced_to_email",
            "company",
            "note",
        ),
        ("introduced_on", "DATE"),
    ),
}

# Lineage columns every raw table carries after its own; a loader's staged rows carry all but
# _loaded_at, which the landing step stamps with the transaction's start time.
STAGED_LINEAGE: Columns = _varchar("_export_owner", "_source_file", "_file_hash", "_row_key")
LINEAGE: Columns = (*STAGED_LINEAGE, ("_loaded_at", "TIMESTAMPTZ"))

LOAD_LOG: Columns = (
    *_varchar("loader", "source_file", "file_hash"),
    *_typed("BIGINT", "rows_in_file", "rows_inserted"),
    ("loaded_at", "TIMESTAMPTZ"),
    # added later (ensure_raw_schema adds them to older warehouses): the kind of file it was
    # read as, and what the load log should say about how (an inferred value, a date's origin)
    *_varchar("file_set", "note"),
    # `loaded` (null in older rows), or `retracted`: the file's rows left raw (the file was
    # removed, replaced, forgotten, or reloaded with its owner's other files)
    ("event", "VARCHAR"),
)


LOAD_NOTES_TABLE = "_load_notes"
# A value the load left out of a row (set to null) and why, e.g. a follow time of 0.
LOAD_NOTES: Columns = (
    *_varchar("loader", "source_file", "file_hash", "position", "field", "value", "note"),
    ("loaded_at", "TIMESTAMPTZ"),
)


LOAD_ERRORS_TABLE = "_load_errors"
# The files the latest load of each loader quarantined: nothing of theirs is in raw.
LOAD_ERRORS: Columns = (
    *_varchar("loader", "source_file", "file_hash", "position", "field", "problem", "message"),
    ("quarantined_at", "TIMESTAMPTZ"),
)

FORGOTTEN_TABLE = "_forgotten"
# Files `python -m ingestion forget` retracted: not read again while their content is the same.
FORGOTTEN: Columns = (*_varchar("source_file", "file_hash"), ("forgotten_at", "TIMESTAMPTZ"))

PENDING_REBUILDS_TABLE = "_pending_rebuilds"
# Raw rows were retracted: the next dbt build must rebuild the incremental models in full.
PENDING_REBUILDS: Columns = (("requested_at", "TIMESTAMPTZ"), ("reason", "VARCHAR"))

BOOKKEEPING_TABLES: dict[str, Columns] = {
    LOAD_LOG_TABLE: LOAD_LOG,
    LOAD_NOTES_TABLE: LOAD_NOTES,
    LOAD_ERRORS_TABLE: LOAD_ERRORS,
    FORGOTTEN_TABLE: FORGOTTEN,
    PENDING_REBUILDS_TABLE: PENDING_REBUILDS,
}


def table_columns(table: str) -> Columns:
    """Every column of a raw table, lineage included, in table order."""
    return (*RAW_TABLES[table], *LINEAGE)


def _create_table_sql(name: str, columns: Columns) -> str:
    column_list = ", ".join(f"{ident(column)} {sql_type}" for column, sql_type in columns)
    return f"CREATE TABLE IF NOT EXISTS {RAW_SCHEMA}.{name} ({column_list})"


def _add_missing_columns_sql(name: str, columns: Columns) -> list[str]:
    return [
        f"ALTER TABLE {RAW_SCHEMA}.{name} ADD COLUMN IF NOT EXISTS {ident(column)} {sql_type}"
        for column, sql_type in columns
    ]


def ensure_raw_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create schema raw, every raw table (empty) and raw._load_log; a no-op when they exist.

    A warehouse made before a column was added to the contract gets the column (null in its
    older rows): loaders insert by name, so column order does not matter.
    """
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {RAW_SCHEMA}")
    tables = {**{table: table_columns(table) for table in RAW_TABLES}, **BOOKKEEPING_TABLES}
    present = conn.execute(
        "SELECT table_name, list(column_name) FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = $schema "
        "GROUP BY table_name",
        {"schema": RAW_SCHEMA},
    ).fetchall()
    existing = {name: set(columns) for name, columns in present}
    for name, columns in tables.items():
        if name not in existing:
            conn.execute(_create_table_sql(name, columns))
            continue
        missing = [(c, t) for c, t in columns if c not in existing[name]]
        for statement in _add_missing_columns_sql(name, tuple(missing)):
            conn.execute(statement)
