"""LinkedIn personal data export: `linkedin/<handle>/{Connections,messages,Invitations}.csv`.

Connections.csv starts with a `Notes:` preamble, which the CSV reader skips.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import require_time, require_value
from ingestion.loaders.sql import columns, content_key, owner_key
from ingestion.loaders.timeformats import DAY_MONTH_YEAR, SECONDS_UTC_SUFFIX, SHORT_US_TIME

CONNECTIONS_HEADER = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
MESSAGES_HEADER = (
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
)
INVITATIONS_HEADER = (
    "From",
    "To",
    "Sent At",
    "Message",
    "Direction",
    "inviterProfileUrl",
    "inviteeProfileUrl",
)


def stage_connections(batch: Batch) -> Mapping[str, str]:
    """Keyed by profile URL; a connection whose URL is hidden is keyed by its names."""
    rows = read_csv_rows(batch, CONNECTIONS_HEADER)
    require_time(batch.conn, rows, "Connected On", DAY_MONTH_YEAR)
    names_md5 = """md5(CAST(to_json(["First Name", "Last Name"]) AS VARCHAR))"""
    url_or_names = f"""coalesce(nullif("URL", ''), {names_md5})"""
    return {
        "linkedin_connections": f"""
            SELECT "First Name" AS first_name, "Last Name" AS last_name, "URL" AS profile_url,
                   "Email Address" AS email_address, "Company" AS company,
                   "Position" AS position,
                   {DAY_MONTH_YEAR.parse('"Connected On"')} AS connected_on,
                   {LINEAGE},
                   {owner_key(url_or_names)} AS _row_key
            FROM {rows.table}
        """
    }


def stage_messages(batch: Batch) -> Mapping[str, str]:
    """CONTENT may span lines; TO lists several people, comma-separated, for an introduction."""
    rows = read_csv_rows(batch, MESSAGES_HEADER)
    require_value(batch.conn, rows, "CONVERSATION ID")
    require_time(batch.conn, rows, "DATE", SECONDS_UTC_SUFFIX)
    key = content_key('"CONVERSATION ID"', '"SENDER PROFILE URL"', '"DATE"', '"CONTENT"')
    return {
        "linkedin_messages": f"""
            SELECT "CONVERSATION ID" AS conversation_id,
                   "CONVERSATION TITLE" AS conversation_title, "FROM" AS from_name,
                   "SENDER PROFILE URL" AS sender_profile_url, "TO" AS to_names,
                   "RECIPIENT PROFILE URLS" AS recipient_profile_urls, "SUBJECT" AS subject,
                   "CONTENT" AS content, "FOLDER" AS folder,
                   {SECONDS_UTC_SUFFIX.parse('"DATE"')} AS sent_at,
                   {LINEAGE}, {key} AS _row_key
            FROM {rows.table}
        """
    }


def stage_invitations(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, INVITATIONS_HEADER)
    require_time(batch.conn, rows, "Sent At", SHORT_US_TIME)
    return {
        "linkedin_invitations": f"""
            SELECT "From" AS from_name, "To" AS to_name, "Message" AS message,
                   "Direction" AS direction, "inviterProfileUrl" AS inviter_profile_url,
                   "inviteeProfileUrl" AS invitee_profile_url,
                   {SHORT_US_TIME.parse('"Sent At"')} AS sent_at,
                   {LINEAGE}, {content_key(*columns(INVITATIONS_HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="linkedin",
    description="LinkedIn personal export (connections, messages, invitations)",
    raw_tables=("linkedin_connections", "linkedin_messages", "linkedin_invitations"),
    file_sets=(
        # `Connections_<YYYY-MM-DD>.csv` ...: a later export saved next to the first one.
        FileSet("linkedin/*/Connections*.csv", stage_connections),
        FileSet("linkedin/*/messages*.csv", stage_messages),
        FileSet("linkedin/*/Invitations*.csv", stage_invitations),
    ),
)
