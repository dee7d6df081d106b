"""The people the team declares: the creator roster `roster/creators.csv` and the partners
`roster/partners.csv` (name, e-mail and/or profile URL, consent to be named: yes or no).

Only declared people are published by name (README, Personal data): creators always, partners
when `consent_to_be_named` is `yes`. Without a partners file there are no partners.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import refuse_first, require_value
from ingestion.loaders.sql import columns, content_key
from mutuality import platforms

# A creator's handle on each platform of the registry (`<platform>_handle`), between the
# roster's own columns and the extra identifiers some platforms key the creator by.
HEADER = (
    "creator_id",
    "display_name",
    "niche",
    *(f"{name}_handle" for name in platforms.names()),
    "youtube_channel_id",
    "linkedin_profile_url",
    "referral_code",
    "utm_source",
)


def stage_creators(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, HEADER)
    require_value(batch.conn, rows, "creator_id")
    return {
        "roster_creators": f"""
            SELECT {", ".join(columns(HEADER))}, {LINEAGE},
                   {content_key(*columns(HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


PARTNER_HEADER = ("name", "email", "profile_url", "consent_to_be_named")
PARTNER_REQUIRED = ("name", "consent_to_be_named")
PARTNER_OPTIONAL = ("email", "profile_url")
CONSENT_VALUES = ("yes", "no")
# An e-mail address as people write one: something, one `@`, a domain with a dot.
EMAIL_PATTERN = r"[^@\s]+@[^@\s]+\.[^@\s]+"
PROFILE_URL_PATTERN = r"https?://\S+"


def stage_partners(batch: Batch) -> Mapping[str, str]:
    rows = read_csv_rows(batch, PARTNER_REQUIRED, PARTNER_OPTIONAL, row_numbers=True)
    require_value(batch.conn, rows, "name")
    allowed = ", ".join(f"'{value}'" for value in CONSENT_VALUES)
    refuse_first(
        batch.conn,
        rows,
        f"coalesce(lower(trim(consent_to_be_named)), '') NOT IN ({allowed})",
        "consent_to_be_named",
        "consent_to_be_named{value} is not yes or no (write yes to publish the partner's "
        "name, no to publish them under a pseudonymous id)",
    )
    refuse_first(
        batch.conn,
        rows,
        "nullif(trim(email), '') IS NULL AND nullif(trim(profile_url), '') IS NULL",
        "email",
        "neither an email nor a profile_url (a partner is recognised by one of them)",
    )
    refuse_first(
        batch.conn,
        rows,
        f"nullif(trim(email), '') IS NOT NULL "
        f"AND NOT regexp_full_match(trim(email), '{EMAIL_PATTERN}')",
        "email",
        "email{value} is not an e-mail address (expected like dana@example.com)",
    )
    refuse_first(
        batch.conn,
        rows,
        f"nullif(trim(profile_url), '') IS NOT NULL "
        f"AND NOT regexp_full_match(trim(profile_url), '{PROFILE_URL_PATTERN}')",
        "profile_url",
        "profile_url{value} is not a URL (expected like https://www.linkedin.com/in/dana)",
    )
    return {
        "roster_partners": f"""
            SELECT {", ".join(columns(PARTNER_HEADER))}, {LINEAGE},
                   {content_key(*columns(PARTNER_HEADER))} AS _row_key
            FROM {rows.table}
        """
    }


LOADER = Loader(
    name="roster",
    description="Roster of the people the team declares: creators (handles per platform, "
    "referral codes, UTM sources) and partners (consent to be named)",
    raw_tables=("roster_creators", "roster_partners"),
    file_sets=(
        FileSet("roster/creators.csv", stage_creators),
        FileSet("roster/partners.csv", stage_partners),
    ),
    owner_scoped=False,
)
