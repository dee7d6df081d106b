"""Spot checks of each format's quirks on the written files."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from tests.sample_exports.conftest import Sample
from tests.sample_exports.exports_reader import (
    linkedin_connections,
    read_csv,
    read_ytd,
    unmojibake,
)

X_DATE = re.compile(
    r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} \+0000 \d{4}$"
)
ZONELESS = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
META_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
YTD_FILES = (
    ("account.js", "account"),
    ("tweets.js", "tweets"),
    ("direct-messages.js", "direct_messages"),
    ("follower.js", "follower"),
)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip


def folders(sample: Sample, platform: str) -> list[Path]:
    return sorted((sample.root / platform).iterdir())


def test_x_files_are_ytd_assignments_with_numbers_as_strings(sample: Sample) -> None:
    replies = originals = 0
    for folder in folders(sample, "x"):
        for name, kind in YTD_FILES:
            text = (folder / "data" / name).read_text(encoding="utf-8")
            assert text.startswith(f"window.YTD.{kind}.part0 = [")
            assert read_ytd(folder / "data" / name)[0] == kind
        for record in read_ytd(folder / "data" / "tweets.js")[1]:
            tweet = record["tweet"]
            for field in ("id", "id_str", "favorite_count", "retweet_count"):
                assert isinstance(tweet[field], str) and tweet[field].isdigit()
            assert X_DATE.match(tweet["created_at"]), tweet["created_at"]
            parsed = datetime.strptime(tweet["created_at"], "%a %b %d %H:%M:%S %z %Y")
            assert parsed.strftime("%a") == tweet["created_at"][:3]
            reply_fields = {k for k in tweet if k.startswith("in_reply_to_")}
            if reply_fields:
                replies += 1
                assert {"in_reply_to_status_id_str", "in_reply_to_user_id_str",
                        "in_reply_to_screen_name"} <= reply_fields  # fmt: skip
            else:
                originals += 1
        for record in read_ytd(folder / "data" / "direct-messages.js")[1]:
            stamps = [m["messageCreate"]["createdAt"] for m in record["dmConversation"]["messages"]]
            assert stamps == sorted(stamps, reverse=True), "X DMs are newest first"
            assert all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", s) for s in stamps)
        for record in read_ytd(folder / "data" / "follower.js")[1]:
            assert set(record["follower"]) == {"accountId", "userLink"}
    assert replies > 100 and originals > 100


def test_x_handles_use_only_letters_digits_and_underscores(sample: Sample) -> None:
    for folder in folders(sample, "x"):
        for record in read_ytd(folder / "data" / "tweets.js")[1]:
            for mention in record["tweet"]["entities"]["user_mentions"]:
                assert re.match(r"^\w+$", mention["screen_name"], re.ASCII)


def test_meta_json_is_ascii_mojibake_that_round_trips(sample: Sample) -> None:
    decoded_texts: list[str] = []
    raw_text = ""
    paths = [
        *(sample.root / "instagram").rglob("*.json"),
        *(sample.root / "facebook").rglob("*.json"),
    ]
    for path in paths:
        raw = path.read_bytes()
        raw_text += raw.decode("ascii", errors="replace")
        assert raw.isascii(), f"{path}: Meta writes every non-ASCII byte as an escape"
        escapes = {int(code, 16) for code in META_ESCAPE.findall(raw.decode("ascii"))}
        assert all(code <= 0xFF for code in escapes), f"{path}: escapes are single bytes"

        def walk(value: object) -> None:
            if isinstance(value, str):
                decoded_texts.append(unmojibake(value))  # raises if not valid UTF-8 bytes
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(json.loads(raw))
    non_ascii = [t for t in decoded_texts if not t.isascii()]
    assert any(re.search(r"[čüøéóöåñ]", t) for t in non_ascii), "diacritics survive the round trip"
    assert any(any(ord(ch) > 0xFFFF for ch in t) for t in non_ascii), "emoji survive it too"
    # "č" is written as its two UTF-8 bytes, "ü" likewise, an emoji as four
    assert "\\u00c4\\u008d" in raw_text and "\\u00c3\\u00bc" in raw_text
    assert re.search(r"\\u00f0\\u009f\\u00[89][0-9a-f]\\u00[89ab][0-9a-f]", raw_text)


def test_meta_timestamps_are_epoch_seconds_and_message_milliseconds(sample: Sample) -> None:
    start = datetime.fromisoformat(sample.truth["start_date"] + "T00:00:00+00:00").timestamp()
    end = start + 366 * 86_400
    for folder in folders(sample, "instagram"):
        posts = json.loads((folder / "your_instagram_activity/content/posts_1.json").read_text())
        assert all(start <= p["creation_timestamp"] < end for p in posts)
        for thread in (folder / "messages" / "inbox").iterdir():
            document = json.loads((thread / "message_1.json").read_text())
            stamps = [m["timestamp_ms"] for m in document["messages"]]
            assert all(start * 1000 <= s < end * 1000 for s in stamps)
            assert stamps == sorted(stamps, reverse=True), "Meta messages are newest first"
            assert document["thread_path"] == f"inbox/{thread.name}"


def test_instagram_live_posts_and_business_suite_rows_agree(sample: Sample) -> None:
    lives = 0
    for folder in folders(sample, "instagram"):
        posts = json.loads((folder / "your_instagram_activity/content/posts_1.json").read_text())
        uris = {Path(p["media"][0]["uri"]).stem: p["media"][0]["uri"] for p in posts}
        (insights_path,) = (sample.root / "meta_business_suite" / folder.name).glob("*.csv")
        rows = read_csv(insights_path)
        assert {r["Post ID"] for r in rows} == set(uris)
        for row in rows:
            assert re.match(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$", row["Publish time"])
            assert row["Post type"] in {"IG image", "IG carousel", "IG reel", "IG live"}
            is_live = uris[row["Post ID"]].startswith("media/live/")
            assert (row["Post type"] == "IG live") == is_live
            lives += is_live
            for metric in ("Views", "Reach", "Likes", "Comments"):
                assert re.match(r"^(\d{1,3}(,\d{3})*)?$", row[metric]), row[metric]
        assert re.search(r',"\d{1,3},\d{3}",', insights_path.read_text()), "quoted thousands"
    community = sample.creator(sample.archetype("community_builder"))
    assert lives >= community["platforms"]["instagram"]["live_posts"] > 0


def test_tiktok_placeholders_zoneless_dates_and_live_flags(sample: Sample) -> None:
    parents: set[object] = set()
    for folder in folders(sample, "tiktok"):
        document = json.loads((folder / "user_data_tiktok.json").read_text(encoding="utf-8"))
        assert document["Profile"]["Profile Information"]["ProfileMap"]["likesReceived"] == "N/A"
        for video in document["Video"]["Videos"]["VideoList"]:
            assert ZONELESS.match(video["Date"]) and video["IsLive"] in {"Yes", "No"}
            assert isinstance(video["Likes"], str)
        for comment in document["Comment"]["Comments"]["CommentsList"]:
            assert ZONELESS.match(comment["date"])
            parents.add(
                comment["parentCommentId"] if comment["parentCommentId"] in (None, "N/A") else "id"
            )
        for messages in document["Direct Message"]["Direct Messages"]["ChatHistory"].values():
            dates = [m["Date"] for m in messages]
            assert dates == sorted(dates), "TikTok chats are oldest first"
        fans = document["Activity"]["Follower List"]["FansList"]
        assert len(fans) <= sample.truth["notes"]["tiktok_fans_list_cap"]
    assert parents == {None, "N/A", "id"}
    community = sample.creator(sample.archetype("community_builder"))
    handle = community["handles"]["tiktok"]
    videos = json.loads((sample.root / "tiktok" / handle / "user_data_tiktok.json").read_text())
    assert any(v["IsLive"] == "Yes" for v in videos["Video"]["Videos"]["VideoList"])


def test_tiktok_studio_csvs_are_all_quoted_with_yearless_consecutive_days(sample: Sample) -> None:
    end = date.fromisoformat(sample.truth["end_date"])
    start = date.fromisoformat(sample.truth["start_date"])
    expected = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    expected_text = [f"{MONTH_NAMES[d.month - 1]} {d.day}" for d in expected]
    for folder in folders(sample, "tiktok_studio"):
        (export,) = folder.iterdir()
        assert export.name == end.isoformat()
        for name in ("Overview.csv", "FollowerHistory.csv"):
            lines = (export / name).read_text(encoding="utf-8").splitlines()
            assert all(re.match(r'^"[^"]*"(,"[^"]*")*$', line) for line in lines)
            assert [row["Date"] for row in read_csv(export / name)] == expected_text


def test_youtube_studio_total_row_and_data_api_threads(sample: Sample) -> None:
    for folder in folders(sample, "youtube_studio"):
        lines = (folder / "Table data.csv").read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("Content,Video title,Video publish time,Content type")
        assert lines[1].startswith("Total,")
        rows = read_csv(folder / "Table data.csv")
        assert int(rows[0]["Views"]) == sum(int(r["Views"]) for r in rows[1:])
        for row in rows[1:]:
            assert row["Content type"] in {"Videos", "Shorts", "Live"}
            assert re.match(r"^[A-Z][a-z]{2} \d{1,2}, \d{4}$", row["Video publish time"])
        chart = read_csv(folder / "Chart data.csv")
        assert all(re.match(r"^\d{4}-\d{2}-\d{2}$", r["Date"]) for r in chart)
        totals = [int(r["Total subscribers"]) for r in chart]
        diffs = [int(r["Subscribers"]) for r in chart]
        assert all(b - a == d for a, b, d in zip(totals, totals[1:], diffs[1:], strict=False))
    for folder in folders(sample, "youtube"):
        for path in folder.glob("comment_threads*.json"):
            response = json.loads(path.read_text(encoding="utf-8"))
            assert response["kind"] == "youtube#commentThreadListResponse"
            for item in response["items"]:
                assert item["snippet"]["topLevelComment"]["id"] == item["id"]
                if "replies" in item:
                    replies = item["replies"]["comments"]
                    assert replies and all(r["snippet"]["parentId"] == item["id"] for r in replies)
                    assert item["snippet"]["totalReplyCount"] == len(replies)


def test_linkedin_preamble_dates_and_introductions(sample: Sample) -> None:
    multi_line = introductions = 0
    for folder in folders(sample, "linkedin"):
        lines = (folder / "Connections.csv").read_text(encoding="utf-8").split("\n")
        assert lines[0] == "Notes:" and lines[1].startswith('"') and lines[2] == ""
        assert lines[3] == "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
        for row in linkedin_connections(folder / "Connections.csv"):
            assert re.match(r"^\d{2} [A-Z][a-z]{2} \d{4}$", row["Connected On"])
        for row in read_csv(folder / "messages.csv"):
            assert re.match(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$", row["DATE"])
            multi_line += "\n" in row["CONTENT"]
            if "," in row["TO"]:
                introductions += 1
                assert len(row["RECIPIENT PROFILE URLS"].split(",")) == 2
        for row in read_csv(folder / "Invitations.csv"):
            assert re.match(r"^\d{1,2}/\d{1,2}/\d{2}, \d{1,2}:\d{2} (AM|PM)$", row["Sent At"])
            assert row["Direction"] in {"INCOMING", "OUTGOING"}
    assert multi_line > 10 and introductions > 10


def test_crm_and_introduction_log_formats(sample: Sample) -> None:
    stages = {"Appointment Scheduled", "Qualified To Buy", "Presentation Scheduled",
              "Decision Maker Bought-In", "Contract Sent", "Closed Won", "Closed Lost"}  # fmt: skip
    sources = {"Organic Search", "Paid Search", "Paid Social", "Organic Social",
               "Email Marketing", "Referrals", "Direct Traffic", "Offline Sources",
               "Other Campaigns"}  # fmt: skip
    minute = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")
    contacts = read_csv(sample.root / "crm" / "contacts.csv")
    contact_ids = {c["Record ID"] for c in contacts}
    assert len(contact_ids) == len(contacts)
    for contact in contacts:
        assert minute.match(contact["Create Date"]) and contact["Original Source"] in sources
    for deal in read_csv(sample.root / "crm" / "deals.csv"):
        assert deal["Deal Stage"] in stages
        assert minute.match(deal["Create Date"])
        closed = deal["Deal Stage"].startswith("Closed")
        assert bool(deal["Close Date"]) == closed and (
            not closed or minute.match(deal["Close Date"])
        )
        assert re.match(r"^(\d+\.\d{2})?$", deal["Amount"])
        assert set(deal["Associated Contact IDs"].split(";")) <= contact_ids
    for intro in read_csv(sample.root / "introductions" / "introductions_log.csv"):
        assert re.match(r"^INT-\d{5}$", intro["Intro ID"])
        date.fromisoformat(intro["Date"])


def test_content_reads_like_real_people(sample: Sample) -> None:
    texts: list[str] = []
    for folder in folders(sample, "tiktok"):
        document = json.loads((folder / "user_data_tiktok.json").read_text(encoding="utf-8"))
        texts += [c["comment"] for c in document["Comment"]["Comments"]["CommentsList"]]
    assert any(t.endswith("?") for t in texts)
    assert any(any(ord(ch) > 0xFFFF for ch in t) for t in texts), "emoji in comments"
    roster_names = " ".join(
        r["display_name"] for r in read_csv(sample.root / "roster/creators.csv")
    )
    names = roster_names + (sample.root / "crm" / "contacts.csv").read_text(encoding="utf-8")
    assert sum(name in names for name in ("Kovač", "Müller", "Søren", "José", "Łukasz", "Zoë")) >= 3
