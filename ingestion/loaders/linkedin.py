"""LinkedIn personal data export: `linkedin/<handle>/{Connections,messages,Invitations}*.csv`.

The columns changed from era to era (docs/export_formats.md lists them); every file is read
by column name, and a column an era does not have lands as null:

- `Connections.csv`: the `Notes:` preamble (skipped by the CSV reader); no `URL` column in
  2021-2023 exports; connections who hide their profile are rows with only `Connected On`.
- `messages.csv`: 10, 11 or 12 columns (`RECIPIENT PROFILE URLS`, `ATTACHMENTS`,
  `IS MESSAGE DRAFT` came and went), every field quoted in newer exports, CRLF inside
  multi-line `CONTENT`.
- `Invitations.csv`: no profile URL columns in older exports; newer ones put a narrow no-break
  space (U+202F) before AM/PM in `Sent At`.

A time before LinkedIn launched, or after the export, lands as null (plausible_time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import csv_layout, read_csv_rows
from ingestion.loaders.rows import (
    LINKEDIN_LAUNCHED,
    Rows,
    plausible_time,
    require_time,
    require_value,
)
from ingestion.loaders.sql import columns, content_key
from ingestion.loaders.timeformats import DAY_MONTH_YEAR, SECONDS_UTC_SUFFIX, TimeFormat

CONNECTIONS_REQUIRED = ("First Name", "Last Name", "Company", "Position", "Connected On")
# No URL column before 2024; Email Address is in every era we know but costs nothing to allow.
CONNECTIONS_OPTIONAL = ("URL", "Email Address")
# The content a connection row is keyed by, in a fixed order whatever the file's column order.
CONNECTIONS_CONTENT = (
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
)
MESSAGES_REQUIRED = ("CONVERSATION ID", "FROM", "SENDER PROFILE URL", "TO", "DATE", "CONTENT")
MESSAGES_OPTIONAL = (
    "CONVERSATION TITLE",
    "RECIPIENT PROFILE URLS",
    "SUBJECT",
    "FOLDER",
    "ATTACHMENTS",
    "IS MESSAGE DRAFT",
)
INVITATIONS_REQUIRED = ("From", "To", "Sent At", "Direction")
INVITATIONS_OPTIONAL = ("Message", "inviterProfileUrl", "inviteeProfileUrl")

# `2/8/23, 10:21 AM`; newer exports write a narrow no-break space (U+202F) or a no-break space
# before AM/PM, which is read as a plain space.
INVITATION_TIME = TimeFormat(
    "like '2/8/23, 10:21 AM'",
    "try_strptime(regexp_replace(trim({value}), '[\u00a0\u202f]', ' ', 'g'), '%m/%d/%y, %I:%M %p')",
)


def _time(batch: Batch, rows: Rows, column: str, time_format: TimeFormat) -> str:
    return plausible_time(
        batch, rows, column, time_format, earliest=LINKEDIN_LAUNCHED, platform="LinkedIn"
    )


def note_missing_columns(batch: Batch, wanted: Sequence[str], note: str) -> None:
    """Say in the load log which files are of an era without the `wanted` columns."""
    for file in batch.files:
        header = {name.lower() for name in csv_layout(file).header}
        if not any(name.lower() in header for name in wanted):
            batch.note(file.source_file, note)


def stage_connections(batch: Batch) -> Mapping[str, str]:
    """A changed connection (a new position, say) in a later export is a new row.

    The key is the row's content plus its occurrence among identical rows of its file: rows
    of hidden profiles (only `Connected On`) do not collide, and re-exporting the same rows
    gives the same keys. Staging keeps each connection's latest version.
    """
    rows = read_csv_rows(batch, CONNECTIONS_REQUIRED, CONNECTIONS_OPTIONAL, row_numbers=True)
    note_missing_columns(
        batch, ("URL",), "no URL column (a 2021-2023 export): connections are told apart by name"
    )
    require_time(batch.conn, rows, "Connected On", DAY_MONTH_YEAR)
    connected_on = _time(batch, rows, "Connected On", DAY_MONTH_YEAR)
    content = columns(CONNECTIONS_CONTENT)
    listed = ", ".join(content)
    return {
        "linkedin_connections": f"""
            WITH numbered AS (
                SELECT *, row_number() OVER (
                    PARTITION BY _source_file, {listed} ORDER BY _row
                ) AS occurrence
                FROM {rows.table}
            )
            SELECT "First Name" AS first_name, "Last Name" AS last_name, "URL" AS profile_url,
                   "Email Address" AS email_address, "Company" AS company,
                   "Position" AS position,
                   {connected_on} AS connected_on,
                   {LINEAGE},
                   (_export_owner || '/' || {content_key(*content, "occurrence")}) AS _row_key
            FROM numbered
        """
    }


def stage_messages(batch: Batch) -> Mapping[str, str]:
    """CONTENT may span lines; TO lists several people, comma-separated, for an introduction.

    The key leaves out the columns some eras lack (and reads CRLF in CONTENT as LF), so a
    message repeated in a later export with more columns lands once.
    """
    rows = read_csv_rows(batch, MESSAGES_REQUIRED, MESSAGES_OPTIONAL, row_numbers=True)
    note_missing_columns(
        batch,
        ("RECIPIENT PROFILE URLS",),
        "no RECIPIENT PROFILE URLS column (a 2022 or older export): recipients are not keyed",
    )
    require_value(batch.conn, rows, "CONVERSATION ID")
    require_time(batch.conn, rows, "DATE", SECONDS_UTC_SUFFIX)
    sent_at = _time(batch, rows, "DATE", SECONDS_UTC_SUFFIX)
    # newer exports write CRLF inside CONTENT where older ones wrote LF: the same message
    content = """replace("CONTENT", chr(13) || chr(10), chr(10))"""
    key = content_key('"CONVERSATION ID"', '"SENDER PROFILE URL"', '"DATE"', content)
    return {
        "linkedin_messages": f"""
            SELECT "CONVERSATION ID" AS conversation_id,
                   "CONVERSATION TITLE" AS conversation_title, "FROM" AS from_name,
                   "SENDER PROFILE URL" AS sender_profile_url, "TO" AS to_names,
                   "RECIPIENT PROFILE URLS" AS recipient_profile_urls, "SUBJECT" AS subject,
                   "CONTENT" AS content, "FOLDER" AS folder,
                   {sent_at} AS sent_at,
                   "ATTACHMENTS" AS attachments, "IS MESSAGE DRAFT" AS is_message_draft,
                   {LINEAGE}, {key} AS _row_key
            FROM {rows.table}
        """
    }


def stage_invitations(batch: Batch) -> Mapping[str, str]:
    """Keyed by who, when (the parsed time), note and direction: an older export without the
    profile URL columns and a newer one with them land the same invitation once."""
    rows = read_csv_rows(batch, INVITATIONS_REQUIRED, INVITATIONS_OPTIONAL, row_numbers=True)
    note_missing_columns(
        batch,
        ("inviterProfileUrl", "inviteeProfileUrl"),
        "no profile URL columns (a 2022 or older export)",
    )
    require_time(batch.conn, rows, "Sent At", INVITATION_TIME)
    # the key is of the time as exported: an implausible one is still the same invitation
    parsed = INVITATION_TIME.parse('"Sent At"')
    key = content_key('"From"', '"To"', parsed, '"Message"', '"Direction"')
    sent_at = _time(batch, rows, "Sent At", INVITATION_TIME)
    return {
        "linkedin_invitations": f"""
            SELECT "From" AS from_name, "To" AS to_name, "Message" AS message,
                   "Direction" AS direction, "inviterProfileUrl" AS inviter_profile_url,
                   "inviteeProfileUrl" AS invitee_profile_url,
                   {sent_at} AS sent_at,
                   {LINEAGE}, {key} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="linkedin",
    description="LinkedIn personal export (connections, messages, invitations)",
    raw_tables=("linkedin_connections", "linkedin_messages", "linkedin_invitations"),
    file_sets=(
        # `Connections_<YYYY-MM-DD>.csv` ...: a later export saved next to the first one.
        FileSet("linkedin/*/Connections*.csv", stage_connections, kind="LinkedIn connections"),
        FileSet("linkedin/*/messages*.csv", stage_messages, kind="LinkedIn messages"),
        FileSet("linkedin/*/Invitations*.csv", stage_invitations, kind="LinkedIn invitations"),
    ),
    known_unread=(
        (
            "linkedin/*",
            "a LinkedIn export file Mutuality does not use (it reads Connections*.csv, "
            "messages*.csv and Invitations*.csv of each linkedin/<handle>/ folder)",
        ),
    ),
)
