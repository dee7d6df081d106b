"""Values staging casts are validated at load, implausible times land as null with a reason,
and JSON of the wrong shape is refused naming what was expected.

Each case edits a private copy of the fixture exports (`exports`) the way a broken or odd
download would. Errors are asserted with `strict=True` (all or nothing: the load raises);
implausible times load, with the value null and its reason in raw._load_notes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import run_loader
from tests.ingestion import edits

X_TWEETS = f"{edits.X_DATA}/tweets.js"
X_DMS = f"{edits.X_DATA}/direct-messages.js"
X_FOLLOWERS = f"{edits.X_DATA}/follower.js"
IG_MESSAGES = f"{edits.IG}/messages/inbox/bobk_1234567890/message_1.json"
FB_POSTS = f"{edits.FB}/posts/your_posts_1.json"
FB_MESSAGES = f"{edits.FB}/messages/inbox/bobk_987654321/message_1.json"
STUDIO_BRUNO = "tiktok_studio/brunosa/Overview.csv"
STUDIO_OVERVIEW = f"{edits.STUDIO}/2024-01-02/Overview.csv"
YT_TABLE = f"{edits.YT_STUDIO}/Table data.csv"
YT_CHART = f"{edits.YT_STUDIO}/Chart data.csv"
TAKEOUT = "youtube/alicekovac/comments/comments.csv"
LINKEDIN_CONNECTIONS = f"{edits.LINKEDIN}/Connections.csv"
LINKEDIN_MESSAGES_LATER = f"{edits.LINKEDIN}/messages_2026-06-28.csv"
HUBSPOT_DEALS = "crm/hubspot-crm-exports-all-deals-2026-06-15.csv"
INTRODUCTIONS = "introductions/introductions_log.csv"
INTRODUCTIONS_LATER = "introductions/introductions_log_2026-06-30.csv"
PARTNERS = "roster/partners.csv"

LOAD_TIME = "after the load (more than a day after it: no export date known)"
COUNT = "expected a whole number like 1234 or 1,234"


def _records(conn: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return conn.execute(sql, list(params)).fetchall()


def _replace(relative: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda exports: edits.replace_text(exports / relative, old, new)


def _json(relative: str, change: Callable[[Any], None]) -> Callable[[Path], None]:
    return lambda exports: edits.edit_json(exports / relative, change)


def _write(relative: str, text: str) -> Callable[[Path], None]:
    return lambda exports: (exports / relative).write_text(text, encoding="utf-8")


def _set_post_time(posts: list[dict[str, Any]]) -> None:
    posts[0]["media"][0]["creation_timestamp"] = 1000000000  # 2001-09-09
    posts[0].pop("creation_timestamp", None)


def _tiktok(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    return _json(edits.TIKTOK, change)


def _studio_exported_in_2015(exports: Path) -> None:
    """A file without a date in its name or folders, whose modification time says 2015."""
    stamp = datetime(2015, 6, 15, 12, tzinfo=UTC).timestamp()
    os.utime(exports / STUDIO_BRUNO, (stamp, stamp))


# --- implausible times: null, with the reason in raw._load_notes ------------------------------


@dataclass(frozen=True)
class Implausible:
    loader: str
    edit: Callable[[Path], None]
    table: str
    row: str  # SQL predicate of the one raw row the edit made implausible
    column: str  # its time column, null now
    note: tuple[str, str, str, str, str]  # source_file, position, field, value, note


IMPLAUSIBLE = {
    "x tweet before X": Implausible(
        "x_archive",
        _replace(X_TWEETS, "Sat Feb 18 19:45:15 +0000 2023", "Wed Feb 01 10:00:00 +0000 2006"),
        "x_tweets",
        "tweet_id = '1626999000000000001'",
        "created_at",
        (
            X_TWEETS,
            "tweet 1",
            "created_at",
            "Wed Feb 01 10:00:00 +0000 2006",
            "before X launched on 2006-03-21",
        ),
    ),
    "x message in 2099": Implausible(
        "x_archive",
        _replace(X_DMS, "2023-02-19T21:05:00.456Z", "2099-02-19T21:05:00.456Z"),
        "x_direct_messages",
        "message_id = '1627200000000000012'",
        "created_at",
        (X_DMS, "message 1", "createdAt", "2099-02-19T21:05:00.456Z", LOAD_TIME),
    ),
    "instagram post before Instagram": Implausible(
        "instagram",
        _json(edits.IG_POSTS, _set_post_time),
        "instagram_posts",
        "media_uri = 'media/posts/202302/17912345678901234.jpg'",
        "created_at",
        (
            edits.IG_POSTS,
            "post 1",
            "creation_timestamp",
            "1000000000",
            "before Instagram launched on 2010-10-06",
        ),
    ),
    "instagram message in 2100": Implausible(
        "instagram",
        _replace(IG_MESSAGES, "1676749600456", "4102444800000"),
        "instagram_messages",
        f"_source_file = '{IG_MESSAGES}' AND content LIKE 'Deal%'",
        "sent_at",
        (IG_MESSAGES, "message 1", "timestamp_ms", "4102444800000", LOAD_TIME),
    ),
    "facebook post before Facebook": Implausible(
        "facebook",
        _json(FB_POSTS, lambda posts: posts[0].update(timestamp=1000000000)),
        "facebook_posts",
        "post_id = 'pfbid0123'",
        "created_at",
        (FB_POSTS, "post 1", "timestamp", "1000000000", "before Facebook launched on 2004-02-04"),
    ),
    "facebook comment in 2100": Implausible(
        "facebook",
        _json(
            edits.FB_COMMENTS,
            lambda doc: doc["comments_v2"][0]["data"][0]["comment"].update(timestamp=4102444800),
        ),
        "facebook_comments",
        "comment_id = 'c_1'",
        "created_at",
        (edits.FB_COMMENTS, "comment 1", "timestamp", "4102444800", LOAD_TIME),
    ),
    "business suite post before Instagram": Implausible(
        "meta_business_suite",
        _replace(edits.META_BS, "02/18/2023 19:45", "02/18/2009 19:45"),
        "meta_post_insights",
        "post_id = '17912345678901234'",
        "published_at",
        (
            edits.META_BS,
            "row 1",
            "Publish time",
            "02/18/2009 19:45",
            "before Instagram launched on 2010-10-06",
        ),
    ),
    "business suite post in 2099": Implausible(
        "meta_business_suite",
        _replace(edits.META_BS, "02/19/2023 20:06", "02/19/2099 20:06"),
        "meta_post_insights",
        "post_id = '17912345678905678'",
        "published_at",
        (edits.META_BS, "row 2", "Publish time", "02/19/2099 20:06", LOAD_TIME),
    ),
    "tiktok video before TikTok": Implausible(
        "tiktok",
        _tiktok(
            lambda doc: doc["Video"]["Videos"]["VideoList"][0].update(Date="2015-02-18 19:45:15")
        ),
        "tiktok_videos",
        "video_link LIKE '%/7201234567890123456/'",
        "posted_at",
        (
            edits.TIKTOK,
            "VideoList item 1",
            "Date",
            "2015-02-18 19:45:15",
            "before TikTok launched on 2016-09-01",
        ),
    ),
    "tiktok comment in 2099": Implausible(
        "tiktok",
        _tiktok(
            lambda doc: doc["Comment"]["Comments"]["CommentsList"][0].update(
                date="2099-02-18 20:01:00"
            )
        ),
        "tiktok_comments",
        "comment_id = '7201234567890200001'",
        "commented_at",
        (edits.TIKTOK, "CommentsList item 1", "date", "2099-02-18 20:01:00", LOAD_TIME),
    ),
    "tiktok studio days before TikTok": Implausible(
        "tiktok_studio",
        _studio_exported_in_2015,
        "tiktok_studio_overview",
        f"_source_file = '{STUDIO_BRUNO}' AND row_number = 1",
        "activity_date",
        (
            STUDIO_BRUNO,
            "row 1",
            "activity_date",
            "2015-05-28",
            "before TikTok launched on 2016-09-01",
        ),
    ),
    "youtube studio video before YouTube": Implausible(
        "youtube_studio",
        _replace(YT_TABLE, '"Feb 18, 2023"', '"Feb 18, 2004"'),
        "youtube_studio_videos",
        "video_id = 'abc123XYZ00'",
        "published_on",
        (
            YT_TABLE,
            "row 2",
            "Video publish time",
            "Feb 18, 2004",
            "before YouTube launched on 2005-02-14",
        ),
    ),
    "youtube studio day in 2099": Implausible(
        "youtube_studio",
        _replace(YT_CHART, "2023-02-18,", "2099-02-18,"),
        "youtube_studio_daily",
        f"_source_file = '{YT_CHART}' AND views = '3400'",
        "activity_date",
        (YT_CHART, "row 1", "Date", "2099-02-18", LOAD_TIME),
    ),
    "youtube comment before YouTube": Implausible(
        "youtube_data_api",
        _replace(edits.YOUTUBE_THREADS, "2023-02-18T19:45:15Z", "2004-02-18T19:45:15Z"),
        "youtube_comments",
        "comment_id = 'UgxThread1'",
        "published_at",
        (
            edits.YOUTUBE_THREADS,
            "comment 1",
            "publishedAt",
            "2004-02-18T19:45:15Z",
            "before YouTube launched on 2005-02-14",
        ),
    ),
    "youtube comment edited in 2099": Implausible(
        "youtube_data_api",
        _replace(edits.YOUTUBE_THREADS, "2023-02-18T19:50:00Z", "2099-02-18T19:50:00Z"),
        "youtube_comments",
        "comment_id = 'UgxThread1'",
        "updated_at",
        (edits.YOUTUBE_THREADS, "comment 1", "updatedAt", "2099-02-18T19:50:00Z", LOAD_TIME),
    ),
    "takeout comment before YouTube": Implausible(
        "youtube_takeout",
        _replace(TAKEOUT, "2023-02-18T20:00:00.000+00:00", "2004-02-18T20:00:00.000+00:00"),
        "youtube_takeout_comments",
        "comment_id = 'UgxThread1.AAAA'",
        "commented_at",
        (
            TAKEOUT,
            "row 1",
            "Comment Create Timestamp",
            "2004-02-18T20:00:00.000+00:00",
            "before YouTube launched on 2005-02-14",
        ),
    ),
    "takeout comment in 2099": Implausible(
        "youtube_takeout",
        _replace(TAKEOUT, "2024-10-01T06:30:00.000+00:00", "2099-10-01T06:30:00.000+00:00"),
        "youtube_takeout_comments",
        "comment_id = 'UgxAlicePacingTips04AaABAg'",
        "commented_at",
        (TAKEOUT, "row 2", "Comment Create Timestamp", "2099-10-01T06:30:00.000+00:00", LOAD_TIME),
    ),
    "linkedin connection before LinkedIn": Implausible(
        "linkedin",
        _replace(LINKEDIN_CONNECTIONS, "08 Feb 2023", "08 Feb 2002"),
        "linkedin_connections",
        f"_source_file = '{LINKEDIN_CONNECTIONS}' AND last_name = 'Kline'",
        "connected_on",
        (
            LINKEDIN_CONNECTIONS,
            "row 1",
            "Connected On",
            "08 Feb 2002",
            "before LinkedIn launched on 2003-05-05",
        ),
    ),
    "linkedin message after the export date in the name": Implausible(
        "linkedin",
        _replace(LINKEDIN_MESSAGES_LATER, "2026-06-12 18:30:00 UTC", "2026-07-12 18:30:00 UTC"),
        "linkedin_messages",
        f"_source_file = '{LINKEDIN_MESSAGES_LATER}' AND content LIKE 'Yes!%'",
        "sent_at",
        (
            LINKEDIN_MESSAGES_LATER,
            "row 1",
            "DATE",
            "2026-07-12 18:30:00 UTC",
            "after the export date 2026-06-28 (in the file name)",
        ),
    ),
    "crm contact before 1990": Implausible(
        "crm",
        _replace("crm/contacts.csv", "2023-03-02 09:15", "1985-03-02 09:15"),
        "crm_contacts",
        "_source_file = 'crm/contacts.csv' AND contact_id = '101'",
        "created_at",
        (
            "crm/contacts.csv",
            "row 1",
            "Create Date",
            "1985-03-02 09:15",
            "before 1990-01-01 (earlier than any such record)",
        ),
    ),
    "crm deal closed after the export date in the name": Implausible(
        "crm",
        _replace(HUBSPOT_DEALS, "closedwon,2026-06-12,", "closedwon,2026-06-20,"),
        "crm_deals",
        f"_source_file = '{HUBSPOT_DEALS}' AND deal_id = '9101'",
        "closed_at",
        (
            HUBSPOT_DEALS,
            "row 2",
            "Close Date",
            "2026-06-20",
            "after the export date 2026-06-15 (in the file name)",
        ),
    ),
    "introduction before 1990": Implausible(
        "introductions_log",
        _replace(INTRODUCTIONS, "INT-0001,2023-03-01", "INT-0001,1989-12-31"),
        "introductions_log",
        "intro_id = 'INT-0001'",
        "introduced_on",
        (
            INTRODUCTIONS,
            "row 1",
            "Date",
            "1989-12-31",
            "before 1990-01-01 (earlier than any such record)",
        ),
    ),
    "introduction after the export date in the name": Implausible(
        "introductions_log",
        _replace(INTRODUCTIONS_LATER, "INT-0103,2026-06-20", "INT-0103,2026-07-20"),
        "introductions_log",
        "intro_id = 'INT-0103'",
        "introduced_on",
        (
            INTRODUCTIONS_LATER,
            "row 3",
            "Date",
            "2026-07-20",
            "after the export date 2026-06-30 (in the file name)",
        ),
    ),
}


@pytest.mark.parametrize("case", IMPLAUSIBLE.values(), ids=list(IMPLAUSIBLE))
def test_an_implausible_time_lands_null_with_its_reason(
    case: Implausible, warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    case.edit(exports)
    run_loader(warehouse, case.loader, exports, strict=True)

    landed = _records(warehouse, f"SELECT {case.column} FROM raw.{case.table} WHERE {case.row}")
    assert landed == [(None,)]  # the row landed, without its time
    source_file = case.note[0]
    notes = _records(
        warehouse,
        "SELECT source_file, position, field, value, note FROM raw._load_notes "
        "WHERE loader = ? AND source_file = ?",
        case.loader,
        source_file,
    )
    assert case.note in notes
    (log_note,) = _records(
        warehouse, "SELECT note FROM raw._load_log WHERE source_file = ?", source_file
    )[0]
    assert f"{case.note[2]} value" in log_note
    assert f"{case.note[4]}: set to null (raw._load_notes)" in log_note


def test_an_open_deal_may_close_after_the_export(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """An open deal's Close Date is its expected close: after the export date is plausible."""
    edits.replace_text(
        exports / HUBSPOT_DEALS, "closedwon,2026-06-12,", "appointmentscheduled,2026-09-30,"
    )
    run_loader(warehouse, "crm", exports, strict=True)
    closed_at = _records(
        warehouse,
        "SELECT closed_at FROM raw.crm_deals WHERE _source_file = ? AND deal_id = '9101'",
        HUBSPOT_DEALS,
    )
    assert closed_at == [(datetime(2026, 9, 30),)]
    assert _records(warehouse, "SELECT * FROM raw._load_notes") == []


def test_every_studio_day_of_a_file_exported_before_tiktok_is_null(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    _studio_exported_in_2015(exports)
    run_loader(warehouse, "tiktok_studio", exports, strict=True)
    days = _records(
        warehouse,
        "SELECT count(*), count(activity_date) FROM raw.tiktok_studio_overview "
        "WHERE _source_file = ?",
        STUDIO_BRUNO,
    )
    (notes,) = _records(
        warehouse, "SELECT count(*) FROM raw._load_notes WHERE source_file = ?", STUDIO_BRUNO
    )[0]
    assert days[0][0] > 1
    assert days == [(days[0][0], 0)]
    assert notes == days[0][0]


# --- values staging casts: refused, naming file, row, field and value --------------------------


@dataclass(frozen=True)
class BadValue:
    loader: str
    edit: Callable[[Path], None]
    message: str
    field: str


BAD_VALUES = {
    "x favorite count": BadValue(
        "x_archive",
        _replace(X_TWEETS, '"favorite_count" : "12"', '"favorite_count" : "12x"'),
        f"{X_TWEETS} tweet 1: favorite_count '12x' is not a count ({COUNT})",
        "favorite_count",
    ),
    "x message without sender": BadValue(
        "x_archive",
        _replace(X_DMS, '"senderId" : "1001"', '"senderId" : ""'),
        f"{X_DMS} message 1: empty senderId",
        "senderId",
    ),
    "instagram comment without post": BadValue(
        "instagram",
        _json(
            edits.IG_COMMENTS,
            lambda doc: doc["comments_media_comments"][0]["string_map_data"]["Media ID"].update(
                value=""
            ),
        ),
        f"{edits.IG_COMMENTS} comment 1: empty Media ID",
        "Media ID",
    ),
    "facebook call duration": BadValue(
        "facebook",
        _json(FB_MESSAGES, lambda doc: doc["messages"][0].update(call_duration="1 min")),
        f"{FB_MESSAGES} message 1: unparseable call_duration '1 min' (expected seconds)",
        "call_duration",
    ),
    "facebook comment without post": BadValue(
        "facebook",
        _json(
            edits.FB_COMMENTS,
            lambda doc: doc["comments_v2"][0]["data"][0]["comment"].update(post_id=""),
        ),
        f"{edits.FB_COMMENTS} comment 1: empty post_id",
        "post_id",
    ),
    "business suite views": BadValue(
        "meta_business_suite",
        _replace(edits.META_BS, '"15,000"', '"15.000"'),
        f"{edits.META_BS} row 1: Views '15.000' is not a count ({COUNT})",
        "Views",
    ),
    "tiktok likes": BadValue(
        "tiktok",
        _tiktok(lambda doc: doc["Video"]["Videos"]["VideoList"][0].update(Likes="12O")),
        f"{edits.TIKTOK} VideoList item 1: Likes '12O' is not a count "
        f"({COUNT}, or like 12K or 1.2M)",
        "Likes",
    ),
    "tiktok follower count": BadValue(
        "tiktok",
        _tiktok(
            lambda doc: doc["Profile"]["Profile Information"]["ProfileMap"].update(
                followerCount="about 1k"
            )
        ),
        f"{edits.TIKTOK} ProfileMap 1: followerCount 'about 1k' is not a count "
        f"({COUNT}, or like 12K or 1.2M)",
        "followerCount",
    ),
    "tiktok studio views": BadValue(
        "tiktok_studio",
        _replace(STUDIO_OVERVIEW, '"December 30","1200"', '"December 30","1,2OO"'),
        f"{STUDIO_OVERVIEW} row 1: Video Views '1,2OO' is not a count ({COUNT})",
        "Video Views",
    ),
    "youtube studio watch time": BadValue(
        "youtube_studio",
        _replace(YT_TABLE, ",701.2,", ',"701,2",'),
        f"{YT_TABLE} row 2: Watch time (hours) '701,2' is not a number "
        "(expected a number like 12.5, 1,234.5 or 4.2%)",
        "Watch time (hours)",
    ),
    "youtube studio duration": BadValue(
        "youtube_studio",
        _replace(YT_TABLE, "Videos,612,", "Videos,10 min,"),
        f"{YT_TABLE} row 2: Duration '10 min' is not a duration "
        "(expected seconds like 754, or M:SS or H:MM:SS)",
        "Duration",
    ),
    "youtube like count": BadValue(
        "youtube_data_api",
        _replace(edits.YOUTUBE_THREADS, '"likeCount": 3', '"likeCount": "lots"'),
        f"{edits.YOUTUBE_THREADS} comment 1: likeCount 'lots' is not a count ({COUNT})",
        "likeCount",
    ),
    "takeout comment without id": BadValue(
        "youtube_takeout",
        _replace(TAKEOUT, "UgxThread1.AAAA,", ","),
        f"{TAKEOUT} row 1: empty Comment ID",
        "Comment ID",
    ),
    "linkedin message without conversation": BadValue(
        "linkedin",
        _replace(LINKEDIN_MESSAGES_LATER, '"2-abc==","","Alice', '"","","Alice'),
        f"{LINKEDIN_MESSAGES_LATER} row 1: empty CONVERSATION ID",
        "CONVERSATION ID",
    ),
    "crm amount": BadValue(
        "crm",
        _replace("crm/deals.csv", ",12500.00,", ',"12,5O0.00",'),
        "crm/deals.csv row 1: Amount '12,5O0.00' is not a number "
        "(expected like 12500.00, $12,500.00 or 12.500,00 €)",
        "Amount",
    ),
    "roster without creator id": BadValue(
        "roster",
        _replace("roster/creators.csv", "cr_0002,", ","),
        "roster/creators.csv row 2: empty creator_id",
        "creator_id",
    ),
    "partner consent neither yes nor no": BadValue(
        "roster",
        _replace(PARTNERS, "northbound.example,,yes", "northbound.example,,maybe"),
        f"{PARTNERS} row 2: consent_to_be_named 'maybe' is not yes or no (write yes to "
        "publish the partner's name, no to publish them under a pseudonymous id)",
        "consent_to_be_named",
    ),
    "partner consent empty": BadValue(
        "roster",
        _replace(PARTNERS, "dana-whitfield,no", "dana-whitfield,"),
        f"{PARTNERS} row 1: consent_to_be_named is not yes or no (write yes to "
        "publish the partner's name, no to publish them under a pseudonymous id)",
        "consent_to_be_named",
    ),
    "partner without email or profile url": BadValue(
        "roster",
        _replace(PARTNERS, ",https://www.linkedin.com/in/tomas-ferreira,", ",,"),
        f"{PARTNERS} row 3: neither an email nor a profile_url "
        "(a partner is recognised by one of them)",
        "email",
    ),
    "partner email not an address": BadValue(
        "roster",
        _replace(PARTNERS, "Marta.Lindqvist@northbound.example", "Marta Lindqvist"),
        f"{PARTNERS} row 2: email 'Marta Lindqvist' is not an e-mail address "
        "(expected like dana@example.com)",
        "email",
    ),
    "partner profile url not a url": BadValue(
        "roster",
        _replace(PARTNERS, "https://www.linkedin.com/in/tomas-ferreira", "tomas-ferreira"),
        f"{PARTNERS} row 3: profile_url 'tomas-ferreira' is not a URL "
        "(expected like https://www.linkedin.com/in/dana)",
        "profile_url",
    ),
    "partner without name": BadValue(
        "roster",
        _replace(PARTNERS, "Marta Lindqvist,", ","),
        f"{PARTNERS} row 2: empty name",
        "name",
    ),
    "introduction without id": BadValue(
        "introductions_log",
        _replace(INTRODUCTIONS, "INT-0001,", ","),
        f"{INTRODUCTIONS} row 1: empty Intro ID",
        "Intro ID",
    ),
}


@pytest.mark.parametrize("case", BAD_VALUES.values(), ids=list(BAD_VALUES))
def test_a_value_staging_could_not_cast_is_refused_naming_file_row_field_and_value(
    case: BadValue, warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    case.edit(exports)
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, case.loader, exports, strict=True)
    assert str(raised.value) == case.message
    assert raised.value.field == case.field


@pytest.mark.parametrize("value", ["12K", "1.2M", "3 B", "1,234", "N/A"])
def test_abbreviated_tiktok_counts_load_as_exported(
    value: str, warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """Real TikTok downloads abbreviate big counts: they land as text, and staging reads them
    (parse_abbreviated_count, unit-tested in dbt)."""
    edits.edit_json(
        exports / edits.TIKTOK,
        lambda doc: doc["Video"]["Videos"]["VideoList"][0].update(Likes=value),
    )
    run_loader(warehouse, "tiktok", exports, strict=True)
    likes = _records(
        warehouse,
        "SELECT likes FROM raw.tiktok_videos WHERE video_link LIKE '%/7201234567890123456/'",
    )
    assert likes == [(value,)]


# --- JSON of the wrong shape ------------------------------------------------------------------


POSTS_EXPECTED = 'a JSON array of posts (objects with "media" or "creation_timestamp")'
COMMENTS_EXPECTED = (
    'a JSON object with a "comments_media_comments" list of comments '
    '(objects with "string_map_data")'
)
WRONG_SHAPES = {
    "object for a list": (
        "instagram",
        _write(edits.IG_POSTS, '{"media": []}'),
        f"{edits.IG_POSTS}: expected {POSTS_EXPECTED}, found an object",
    ),
    "list for an object": (
        "instagram",
        _write(edits.IG_COMMENTS, "[]"),
        f"{edits.IG_COMMENTS}: expected {COMMENTS_EXPECTED}, found an array",
    ),
    "a scalar": (
        "instagram",
        _write(edits.IG_FOLLOWERS, "5"),
        f"{edits.IG_FOLLOWERS}: expected a JSON array of followers "
        '(objects with "string_list_data" or "title"), found a number',
    ),
    "null": (
        "instagram",
        _write(edits.IG_POSTS, "null"),
        f"{edits.IG_POSTS}: expected {POSTS_EXPECTED}, found null",
    ),
    "object without its records list": (
        "instagram",
        _write(edits.IG_COMMENTS, '{"comments": []}'),
        f"{edits.IG_COMMENTS}: expected {COMMENTS_EXPECTED}, found an object without "
        '"comments_media_comments"',
    ),
    "records without the required keys": (
        "instagram",
        _write(edits.IG_POSTS, '[{"uri": "media/posts/1.jpg", "taken_at": 1676749515}]'),
        f'{edits.IG_POSTS} post 1: has none of the keys "media", "creation_timestamp"',
    ),
    "a list for a tiktok download": (
        "tiktok",
        _write(edits.TIKTOK, "[]"),
        f'{edits.TIKTOK}: expected a JSON object with the sections "Profile", "Video", '
        '"Comment", "Direct Message" and "Activity", found an array',
    ),
    "tiktok fans without the required keys": (
        "tiktok",
        _tiktok(lambda doc: doc["Activity"]["Follower List"]["FansList"].insert(0, {"Name": "x"})),
        f'{edits.TIKTOK} FansList item 1: has none of the keys "UserName", "Date"',
    ),
    "tiktok chat messages without the required keys": (
        "tiktok",
        _tiktok(
            lambda doc: doc["Direct Message"]["Direct Messages"]["ChatHistory"][
                "Chat History with bob:"
            ].insert(0, {"Sticker": "x"})
        ),
        f'{edits.TIKTOK} chat message 1: has none of the keys "Date", "From", "Content"',
    ),
    "facebook thread without messages": (
        "facebook",
        _write(FB_MESSAGES, '{"participants": [{"name": "Bob K"}], "title": "Bob K"}'),
        f'{FB_MESSAGES}: expected a JSON object with a "messages" list of messages '
        '(objects with "timestamp_ms" or "sender_name" or "content"), found an object without '
        '"messages"',
    ),
    "x object for a list": (
        "x_archive",
        _write(X_TWEETS, 'window.YTD.tweets.part0 = {"tweet": {}}'),
        f"{X_TWEETS}: expected a JSON array of tweets "
        '(objects with "tweet" or "id_str" or "id"), found an object',
    ),
    "x records of another kind": (
        "x_archive",
        _write(X_FOLLOWERS, 'window.YTD.follower.part0 = [{"like": {"tweetId": "1"}}]'),
        f'{X_FOLLOWERS} record 1: has no "follower" key',
    ),
    "youtube page without items": (
        "youtube_data_api",
        _write(edits.YOUTUBE_THREADS, '{"kind": "youtube#commentThreadListResponse"}'),
        f"{edits.YOUTUBE_THREADS}: expected a youtube#commentThreadListResponse object (a page "
        'of comment threads, in its "items") or a youtube#commentThread object, found a '
        'youtube#commentThreadListResponse without "items"',
    ),
}


@pytest.mark.parametrize(
    ("loader", "edit", "message"), WRONG_SHAPES.values(), ids=list(WRONG_SHAPES)
)
def test_json_of_the_wrong_shape_is_refused_saying_what_was_expected(
    loader: str,
    edit: Callable[[Path], None],
    message: str,
    warehouse: duckdb.DuckDBPyConnection,
    exports: Path,
) -> None:
    edit(exports)
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, loader, exports, strict=True)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("loader", "relative", "text", "table"),
    [
        ("instagram", edits.IG_POSTS, "[]", "instagram_posts"),
        ("instagram", edits.IG_COMMENTS, '{"comments_media_comments": []}', "instagram_comments"),
        ("x_archive", X_TWEETS, "window.YTD.tweets.part0 = [ ]", "x_tweets"),
        ("facebook", FB_POSTS, "[]", "facebook_posts"),
    ],
)
def test_an_empty_list_is_an_export_without_records(
    loader: str,
    relative: str,
    text: str,
    table: str,
    warehouse: duckdb.DuckDBPyConnection,
    exports: Path,
) -> None:
    (exports / relative).write_text(text, encoding="utf-8")
    run_loader(warehouse, loader, exports, strict=True)
    assert _records(
        warehouse, f"SELECT count(*) FROM raw.{table} WHERE _source_file = ?", relative
    ) == [(0,)]
    logged = _records(
        warehouse, "SELECT rows_in_file FROM raw._load_log WHERE source_file = ?", relative
    )
    assert logged == [(0,)]
