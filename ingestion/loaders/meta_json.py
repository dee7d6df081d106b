"""Shapes shared by Meta's "Download your information" JSON (Instagram and Facebook).

Strings are Meta mojibake (each UTF-8 byte escaped as \\u00XX); they are landed as decoded by
the JSON reader, still mojibake, and staging repairs them.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.json_files import explode, read_json_documents
from ingestion.loaders.rows import require_time, require_value
from ingestion.loaders.sql import content_key
from ingestion.loaders.timeformats import EPOCH_MILLISECONDS

V = "VARCHAR"

MESSAGE_THREAD_SHAPE = {
    "participants": [{"name": V}],
    "messages": [{"sender_name": V, "timestamp_ms": V, "content": V}],
    "title": V,
    "thread_path": V,
}


def inbox_message_patterns(platform_root: str) -> str:
    return f"{platform_root}/messages/inbox/*/message_*.json"


def stage_messages(batch: Batch, table: str) -> Mapping[str, str]:
    """`messages/inbox/<thread>/message_N.json` (newest first; some messages have no content)."""
    docs = read_json_documents(batch, MESSAGE_THREAD_SHAPE)
    rows = explode(
        batch,
        docs,
        "d.doc.messages",
        """regexp_extract(d._source_file, '/inbox/([^/]+)/[^/]+$', 1) AS thread_folder,
           d.doc.title AS thread_title,
           list_transform(d.doc.participants, p -> p.name) AS participant_names,
           e.item.sender_name AS sender_name, e.item.content AS content,
           e.item.timestamp_ms AS timestamp_ms""",
        unit="message",
    )
    require_value(batch.conn, rows, "timestamp_ms")
    require_time(batch.conn, rows, "timestamp_ms", EPOCH_MILLISECONDS)
    return {
        table: f"""
            SELECT thread_folder, thread_title, participant_names, sender_name, content,
                   {EPOCH_MILLISECONDS.parse("timestamp_ms")} AS sent_at,
                   {LINEAGE},
                   {content_key("thread_folder", "timestamp_ms", "sender_name", "content")}
                       AS _row_key
            FROM {rows.table}
        """
    }
