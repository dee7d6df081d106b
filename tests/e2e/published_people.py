"""Who appears in the exports, and whose names reach the published files.

The people are read from the raw tables (exactly what the export files hold): introducers,
people introduced and introduced to in the introductions log, CRM contacts, LinkedIn
connections, message and invitation parties, and the audience of every platform (comment
authors, followers, message senders). Everyone is *undeclared* except the roster's creators
and the partners who consent to be named (roster/partners.csv).

Every text value of every published table (the BI DuckDB file and each Parquet file) is
searched for them: a value that is one of their identifiers (handle, id, e-mail, profile URL,
name), or whose words hold one of their full names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import duckdb

from ingestion.loaders.sql import literal
from orchestration.publishing import PublishLayout

# Every identifier of a person in the raw tables (SQL over the raw schema, one text column).
PEOPLE_SQL = """
    select introducer from raw.introductions_log
    union all select introducer_email from raw.introductions_log
    union all select introduced_person from raw.introductions_log
    union all select introduced_person_email from raw.introductions_log
    union all select introduced_to from raw.introductions_log
    union all select introduced_to_email from raw.introductions_log
    union all select concat_ws(' ', first_name, last_name) from raw.crm_contacts
    union all select email from raw.crm_contacts
    union all select concat_ws(' ', first_name, last_name) from raw.linkedin_connections
    union all select email_address from raw.linkedin_connections
    union all select profile_url from raw.linkedin_connections
    union all select from_name from raw.linkedin_messages
    union all select unnest(string_split(to_names, ',')) from raw.linkedin_messages
    union all select sender_profile_url from raw.linkedin_messages
    union all select from_name from raw.linkedin_invitations
    union all select to_name from raw.linkedin_invitations
    union all select author from raw.instagram_comments
    union all select follower_username from raw.instagram_followers
    union all select sender_name from raw.instagram_messages
    union all select unnest(participant_names) from raw.instagram_messages
    union all select author from raw.facebook_comments
    union all select sender_name from raw.facebook_messages
    union all select unnest(participant_names) from raw.facebook_messages
    union all select username from raw.tiktok_comments
    union all select username from raw.tiktok_followers
    union all select sender from raw.tiktok_messages
    union all select chat_with from raw.tiktok_messages
    union all select author_display_name from raw.youtube_comments
    union all select author_channel_id from raw.youtube_comments
    union all select sender_id from raw.x_direct_messages
    union all select recipient_id from raw.x_direct_messages
    union all select follower_account_id from raw.x_followers
"""
# Whom the marts may name: the roster's creators (any of their identifiers) and consenting
# partners.
DECLARED_SQL = """
    select unnest([
        display_name, x_handle, instagram_handle, facebook_handle, tiktok_handle,
        youtube_handle, youtube_channel_id, linkedin_handle, linkedin_profile_url
    ]) from raw.roster_creators
    union all select account_id from raw.x_accounts
    union all select name from raw.roster_partners
    where lower(trim(consent_to_be_named)) = 'yes'
"""
# Placeholders the platforms write instead of a person.
NOT_PEOPLE = {"linkedin member", "instagram user", "facebook user", "tiktok user"}


def words(text: str) -> tuple[str, ...]:
    """Lower case, accents folded, split into words of letters and digits."""
    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return tuple(re.findall(r"[^\W_]+", plain))


@dataclass(frozen=True)
class People:
    identifiers: frozenset[str]  # lower-cased values a published cell must not be
    full_names: frozenset[tuple[str, ...]]  # names of two words or more, as words

    @classmethod
    def of(cls, values: Iterable[str | None], excluded: Iterable[str | None] = ()) -> People:
        out = {value.strip().lower() for value in excluded if value and value.strip()}
        out_names = {words(value) for value in out}
        not_them = out | NOT_PEOPLE
        kept = {
            value.strip().lower()
            for value in values
            if value and value.strip() and value.strip().lower() not in not_them
        }
        names = {words(value) for value in kept if len(words(value)) >= 2} - out_names
        return cls(frozenset(kept), frozenset(names))

    @cached_property
    def name_lengths(self) -> frozenset[int]:
        """How many words the full names have."""
        return frozenset(len(name) for name in self.full_names)

    def found_in(self, value: str) -> str | None:
        """The identifier or name of one of these people that `value` is or holds."""
        if value.strip().lower() in self.identifiers:
            return value.strip().lower()
        tokens = words(value)
        for length in self.name_lengths:
            for start in range(len(tokens) - length + 1):
                if tokens[start : start + length] in self.full_names:
                    return " ".join(tokens[start : start + length])
        return None


def undeclared_people(warehouse: Path) -> People:
    """Everyone in the exports the marts must not name."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        people = [value for (value,) in conn.execute(PEOPLE_SQL).fetchall()]
        declared = [value for (value,) in conn.execute(DECLARED_SQL).fetchall()]
    return People.of(people, excluded=declared)


def _text_values(conn: duckdb.DuckDBPyConnection, relation: str) -> dict[str, set[str]]:
    """Every distinct text value of each text (or text list) column of a relation."""
    columns = conn.execute(f"describe select * from {relation}").fetchall()
    values: dict[str, set[str]] = {}
    for name, data_type, *_ in columns:
        if data_type not in ("VARCHAR", "VARCHAR[]"):
            continue
        cell = f'unnest("{name}")' if data_type == "VARCHAR[]" else f'"{name}"'
        rows = conn.execute(f"select distinct {cell} from {relation}").fetchall()
        values[name] = {value for (value,) in rows if value is not None}
    return values


def published_text(layout: PublishLayout) -> dict[str, set[str]]:
    """`<file>:<table>.<column>` -> its distinct text values, over the BI database and every
    Parquet file of the published version."""
    found: dict[str, set[str]] = {}
    with duckdb.connect(str(layout.bi_database), read_only=True) as bi:
        tables = bi.execute(
            "select table_schema, table_name from information_schema.tables order by all"
        ).fetchall()
        for schema, table in tables:
            for column, values in _text_values(bi, f'"{schema}"."{table}"').items():
                found[f"{layout.bi_database.name}:{schema}.{table}.{column}"] = values
        for parquet in sorted(layout.parquet.glob("*.parquet")):
            relation = f"read_parquet({literal(str(parquet))})"
            for column, values in _text_values(bi, relation).items():
                found[f"parquet/{parquet.name}:{column}"] = values
    return found


def leaks(people: People, published: dict[str, set[str]]) -> dict[str, set[str]]:
    """Where in the published files one of `people` is named, and whom."""
    found: dict[str, set[str]] = {}
    for location, values in published.items():
        hits = {hit for value in values if (hit := people.found_in(value)) is not None}
        if hits:
            found[location] = hits
    return found
