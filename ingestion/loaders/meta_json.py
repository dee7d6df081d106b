"""Shapes shared by Meta's "Download your information" JSON (Instagram and Facebook).

Strings are Meta mojibake (each UTF-8 byte escaped as \\u00XX); they are landed as decoded by
the JSON reader, still mojibake, and staging repairs them.

Message threads look the same on both platforms and in every era; only the folders move
(`messages/inbox/` at the top of older downloads, under `your_<platform>_activity/` since 2024).
Besides what people wrote, a thread holds records that are not messages: reaction notices
("Reacted ❤ to your message"), unsent messages, shares, calls and system notices ("You are now
connected on Messenger"). The fields that tell them apart are landed as they are; staging
classifies each record (`message_kind`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import Recognizer
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.discovery import read_head
from ingestion.loaders.json_files import explode, read_json_documents, records_expected
from ingestion.loaders.rows import Rows, plausible_time, require_time, require_value
from ingestion.loaders.sql import content_key
from ingestion.loaders.timeformats import EPOCH_MILLISECONDS

V = "VARCHAR"

_MEDIA = [{"uri": V}]
MESSAGE_SHAPE = {
    "sender_name": V,
    "timestamp_ms": V,
    "content": V,
    "type": V,  # "Generic", "Share", "Call", "Subscribe", "Unsubscribe" (older Facebook)
    "is_unsent": "BOOLEAN",
    "share": {"link": V, "share_text": V},
    "call_duration": V,
    "photos": _MEDIA,
    "videos": _MEDIA,
    "audio_files": _MEDIA,
    "gifs": _MEDIA,
    "files": _MEDIA,
    "sticker": {"uri": V},
    "reactions": [{"reaction": V, "actor": V}],
}
MESSAGE_THREAD_SHAPE = {
    "participants": [{"name": V}],
    "messages": [MESSAGE_SHAPE],
    "title": V,
    "thread_path": V,
}

MESSAGE_KEYS = ("timestamp_ms", "sender_name", "content")
MESSAGE_THREAD_EXPECTED = records_expected("messages", MESSAGE_KEYS, ("messages",))

# The thread folders whose conversations are read. `message_requests/` (conversations the
# creator never accepted) and `filtered_threads/` (Messenger's spam folder) are left out.
THREAD_FOLDERS = ("inbox", "archived_threads", "e2ee_cutover")


def message_thread_patterns(*platform_roots: str) -> tuple[str, ...]:
    """`<root>/messages/<inbox|archived_threads|e2ee_cutover>/<thread>/message_N.json`."""
    return tuple(
        f"{root}/messages/{folder}/*/message_*.json"
        for root in platform_roots
        for folder in THREAD_FOLDERS
    )


def _media_count(*fields: str) -> str:
    return " + ".join(f"coalesce(len(e.item.{field}), 0)" for field in fields)


def stage_messages(batch: Batch, table: str, launched_on: date, platform: str) -> Mapping[str, str]:
    """`messages/<folder>/<thread>/message_N.json` (newest first; some have no content).

    A time before `platform` launched on `launched_on`, or after the export, lands as null
    (plausible_time)."""
    docs = read_json_documents(batch, MESSAGE_THREAD_SHAPE, MESSAGE_THREAD_EXPECTED)
    rows = explode(
        batch,
        docs,
        "d.doc.messages",
        f"""regexp_extract(d._source_file, '/messages/[^/]+/([^/]+)/[^/]+$', 1) AS thread_folder,
           d.doc.title AS thread_title,
           list_transform(d.doc.participants, p -> p.name) AS participant_names,
           e.item.sender_name AS sender_name, e.item.content AS content,
           e.item.type AS message_type,
           e.item.share.link AS share_link, e.item.share.share_text AS share_text,
           e.item.is_unsent AS is_unsent, e.item.call_duration AS call_duration,
           {_media_count("photos")} AS photo_count,
           {_media_count("videos")} AS video_count,
           {_media_count("audio_files")} AS audio_count,
           {_media_count("gifs", "files")} + CASE WHEN e.item.sticker.uri IS NULL THEN 0 ELSE 1 END
               AS other_media_count,
           coalesce(len(e.item.reactions), 0) AS reaction_count,
           e.item.timestamp_ms AS timestamp_ms""",
        unit="message",
        keys=MESSAGE_KEYS,
    )
    require_value(batch.conn, rows, "timestamp_ms")
    require_time(batch.conn, rows, "timestamp_ms", EPOCH_MILLISECONDS)
    _require_seconds(batch, rows, "call_duration")
    sent_at = plausible_time(
        batch, rows, "timestamp_ms", EPOCH_MILLISECONDS, earliest=launched_on, platform=platform
    )
    return {
        table: f"""
            SELECT thread_folder, thread_title, participant_names, sender_name, content,
                   {sent_at} AS sent_at,
                   message_type, share_link, share_text, is_unsent,
                   CAST(nullif(trim(call_duration), '') AS BIGINT) AS call_duration,
                   photo_count, video_count, audio_count, other_media_count, reaction_count,
                   {LINEAGE},
                   {content_key("thread_folder", "timestamp_ms", "sender_name", "content")}
                       AS _row_key
            FROM {rows.table}
        """
    }


def _require_seconds(batch: Batch, rows: Rows, column: str) -> None:
    """Fail on the first record whose non-blank `column` is not a whole number of seconds."""
    bad = rows.first_bad(
        batch.conn,
        f"nullif(trim({column}), '') IS NOT NULL AND try_cast(trim({column}) AS BIGINT) IS NULL",
        column,
    )
    if bad is not None:
        source_file, position, value = bad
        raise ExportFormatError.at(
            source_file, f"unparseable {column} '{value}' (expected seconds)", position, column
        )


def recognize_json_key(key: str, what: str) -> Recognizer:
    """A recognizer accepting a JSON file whose first bytes open an object with `key`."""

    def recognize(path: Path) -> str | None:
        head = read_head(path).lstrip()
        if head.startswith("{") and f'"{key}"' in head:
            return None
        return f"not {what} (no {key!r} object at the start of the file)"

    return recognize
