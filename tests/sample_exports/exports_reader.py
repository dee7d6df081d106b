"""Reads generated exports with the standard library only, independently of the generator, and
counts what the loaders must land: distinct ``_row_key`` values per raw table and unified
interactions per (creator, platform, kind, direction)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

YTD_PREFIX = "window.YTD."


def read_ytd(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """The ``<type>`` and the array of an X archive file."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition(" = ")
    assert head.startswith(YTD_PREFIX) and head.endswith(".part0"), head
    return head[len(YTD_PREFIX) : -len(".part0")], json.loads(body)


def read_csv(path: Path, skip_lines: int = 0) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    for _ in range(skip_lines):
        text = text.split("\n", 1)[1]
    return list(csv.DictReader(io.StringIO(text, newline="")))


def linkedin_connections(path: Path) -> list[dict[str, str]]:
    """Skips the ``Notes:`` preamble (a line, a quoted note, a blank line)."""
    return read_csv(path, skip_lines=3)


def unmojibake(value: str) -> str:
    return value.encode("latin-1").decode("utf-8")


class ExportCounts:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.keys: dict[str, set[Any]] = defaultdict(set)
        self.interactions: Counter[tuple[str, str, str, str]] = Counter()
        self.roster = read_csv(root / "roster" / "creators.csv")
        self.creator_by_handle = {
            (platform, row[f"{platform}_handle"].lower()): row
            for row in self.roster
            for platform in ("x", "instagram", "facebook", "tiktok", "youtube", "linkedin")
            if row[f"{platform}_handle"]
        }

    def creator(self, platform: str, owner: str) -> dict[str, str]:
        return self.creator_by_handle[(platform, owner.lower())]

    def interact(self, creator: dict[str, str], platform: str, kind: str, by_creator: bool) -> None:
        direction = "creator_to_audience" if by_creator else "audience_to_creator"
        self.interactions[(creator["creator_id"], platform, kind, direction)] += 1

    def count(self) -> ExportCounts:
        for row in self.roster:
            self.keys["roster_creators"].add(tuple(row.values()))
        for row in read_csv(self.root / "roster" / "partners.csv"):
            self.keys["roster_partners"].add(tuple(row.values()))
        for folder in sorted((self.root / "x").iterdir()):
            self.x(folder)
        for folder in sorted((self.root / "instagram").iterdir()):
            self.instagram(folder)
        for folder in sorted((self.root / "meta_business_suite").iterdir()):
            for path in sorted(folder.glob("*.csv")):
                for row in read_csv(path):
                    self.keys["meta_post_insights"].add((folder.name, *row.values()))
        for folder in sorted((self.root / "facebook").iterdir()):
            self.facebook(folder)
        for folder in sorted((self.root / "tiktok").iterdir()):
            self.tiktok(folder)
        for folder in sorted((self.root / "tiktok_studio").iterdir()):
            self.tiktok_studio(folder)
        for folder in sorted((self.root / "youtube_studio").iterdir()):
            self.youtube_studio(folder)
        for folder in sorted((self.root / "youtube").iterdir()):
            self.youtube(folder)
        for folder in sorted((self.root / "linkedin").iterdir()):
            self.linkedin(folder)
        for row in read_csv(self.root / "crm" / "contacts.csv"):
            self.keys["crm_contacts"].add(tuple(row.values()))
        for row in read_csv(self.root / "crm" / "deals.csv"):
            self.keys["crm_deals"].add(tuple(row.values()))
        for row in read_csv(self.root / "introductions" / "introductions_log.csv"):
            self.keys["introductions_log"].add(row["Intro ID"])
        for row in read_csv(self.root / "spend" / "spend.csv"):
            self.keys["spend"].add(tuple(row.values()))
        return self

    def row_counts(self) -> dict[str, int]:
        return {table: len(keys) for table, keys in sorted(self.keys.items())}

    # --- per platform ---------------------------------------------------------------------

    def x(self, folder: Path) -> None:
        owner = folder.name
        creator = self.creator("x", owner)
        data = folder / "data"
        _, accounts = read_ytd(data / "account.js")
        me = accounts[0]["account"]["accountId"]
        self.keys["x_accounts"].add(me)
        _, tweets = read_ytd(data / "tweets.js")
        for record in tweets:
            tweet = record["tweet"]
            self.keys["x_tweets"].add((owner, tweet["id_str"]))
            if tweet.get("in_reply_to_status_id_str"):
                self.interact(creator, "x", "reply", True)
            else:
                for _mention in tweet["entities"]["user_mentions"]:
                    self.interact(creator, "x", "mention", True)
        _, conversations = read_ytd(data / "direct-messages.js")
        for conversation in conversations:
            for message in conversation["dmConversation"]["messages"]:
                body = message["messageCreate"]
                self.keys["x_direct_messages"].add((owner, body["id"]))
                self.interact(creator, "x", "dm", body["senderId"] == me)
        _, followers = read_ytd(data / "follower.js")
        for follower in followers:
            self.keys["x_followers"].add((owner, follower["follower"]["accountId"]))

    def meta_messages(
        self, inbox: Path, owner: str, table: str, platform: str, creator: dict[str, str]
    ) -> None:
        me = creator["display_name"]
        for thread in sorted(inbox.iterdir()):
            document = json.loads((thread / "message_1.json").read_text(encoding="utf-8"))
            for message in document["messages"]:
                sender = unmojibake(message["sender_name"])
                content = message.get("content")
                key = (owner, thread.name, message["timestamp_ms"], sender, content)
                self.keys[table].add(key)
                self.interact(creator, platform, "dm", sender == me)

    def instagram(self, folder: Path) -> None:
        owner = folder.name
        creator = self.creator("instagram", owner)
        own_names = {creator["instagram_handle"].lower(), creator["display_name"].lower()}
        activity = folder / "your_instagram_activity"
        posts = json.loads((activity / "content" / "posts_1.json").read_text(encoding="utf-8"))
        for post in posts:
            self.keys["instagram_posts"].add((owner, post["media"][0]["uri"]))
        path = activity / "comments" / "comments_on_your_posts_1.json"
        comments = json.loads(path.read_text(encoding="utf-8"))["comments_media_comments"]
        for comment in comments:
            data = comment["string_map_data"]
            self.keys["instagram_comments"].add((owner, data["Comment ID"]["value"]))
            kind = "reply" if data["Parent Comment ID"]["value"] else "comment"
            author = unmojibake(data["Author"]["value"]).lower()
            self.interact(creator, "instagram", kind, author in own_names)
        path = folder / "connections" / "followers_and_following" / "followers_1.json"
        for follower in json.loads(path.read_text(encoding="utf-8")):
            username = follower["string_list_data"][0]["value"]
            self.keys["instagram_followers"].add((owner, username))
        inbox = folder / "messages" / "inbox"
        self.meta_messages(inbox, owner, "instagram_messages", "instagram", creator)

    def facebook(self, folder: Path) -> None:
        owner = folder.name
        creator = self.creator("facebook", owner)
        own_names = {creator["facebook_handle"].lower(), creator["display_name"].lower()}
        activity = folder / "your_facebook_activity"
        posts = json.loads((activity / "posts" / "your_posts_1.json").read_text(encoding="utf-8"))
        for post in posts:
            self.keys["facebook_posts"].add((owner, post["post_id"]))
        path = activity / "comments_and_reactions" / "comments_on_your_posts_1.json"
        for record in json.loads(path.read_text(encoding="utf-8"))["comments_v2"]:
            for item in record["data"]:
                comment = item["comment"]
                self.keys["facebook_comments"].add((owner, comment["comment_id"]))
                kind = "reply" if comment["parent_comment_id"] else "comment"
                author = unmojibake(comment["author"]).lower()
                self.interact(creator, "facebook", kind, author in own_names)
        inbox = activity / "messages" / "inbox"
        self.meta_messages(inbox, owner, "facebook_messages", "facebook", creator)

    def tiktok(self, folder: Path) -> None:
        owner = folder.name
        creator = self.creator("tiktok", owner)
        me = creator["tiktok_handle"].lower()
        document = json.loads((folder / "user_data_tiktok.json").read_text(encoding="utf-8"))
        profile = document["Profile"]["Profile Information"]["ProfileMap"]
        self.keys["tiktok_profiles"].add(
            (owner, profile["userName"], profile["followerCount"], profile["likesReceived"])
        )
        for video in document["Video"]["Videos"]["VideoList"]:
            self.keys["tiktok_videos"].add((owner, video["Link"]))
        for comment in document["Comment"]["Comments"]["CommentsList"]:
            self.keys["tiktok_comments"].add((owner, comment["commentId"]))
            parent = comment["parentCommentId"]
            kind = "comment" if parent in (None, "", "N/A") else "reply"
            self.interact(creator, "tiktok", kind, comment["username"].lower() == me)
        chats = document["Direct Message"]["Direct Messages"]["ChatHistory"]
        for chat, messages in chats.items():
            for message in messages:
                self.keys["tiktok_messages"].add(
                    (owner, chat, message["From"], message["Date"], message["Content"])
                )
                self.interact(creator, "tiktok", "dm", message["From"].lower() == me)
        for fan in document["Activity"]["Follower List"]["FansList"]:
            self.keys["tiktok_followers"].add((owner, fan["UserName"]))

    def tiktok_studio(self, folder: Path) -> None:
        for export in sorted(folder.iterdir()):
            for name, table in (
                ("Overview.csv", "tiktok_studio_overview"),
                ("FollowerHistory.csv", "tiktok_studio_follower_history"),
            ):
                for row in read_csv(export / name):
                    self.keys[table].add((folder.name, export.name, *row.values()))

    def youtube_studio(self, folder: Path) -> None:
        rows = read_csv(folder / "Table data.csv")
        assert rows[0]["Content"] == "Total"
        for row in rows[1:]:
            self.keys["youtube_studio_videos"].add((folder.name, *row.values()))
        for row in read_csv(folder / "Chart data.csv"):
            self.keys["youtube_studio_daily"].add((folder.name, *row.values()))

    def youtube(self, folder: Path) -> None:
        owner = folder.name
        creator = self.creator("youtube", owner)
        channel = creator["youtube_channel_id"]
        for path in sorted(folder.glob("comment_threads*.json")):
            response = json.loads(path.read_text(encoding="utf-8"))
            for thread in response["items"]:
                top = thread["snippet"]["topLevelComment"]
                self.keys["youtube_comments"].add((owner, top["id"]))
                by_creator = top["snippet"]["authorChannelId"]["value"] == channel
                self.interact(creator, "youtube", "comment", by_creator)
                for reply in thread.get("replies", {}).get("comments", []):
                    self.keys["youtube_comments"].add((owner, reply["id"]))
                    by_creator = reply["snippet"]["authorChannelId"]["value"] == channel
                    self.interact(creator, "youtube", "reply", by_creator)

    def linkedin(self, folder: Path) -> None:
        owner = folder.name
        creator = self.creator("linkedin", owner)
        me = creator["linkedin_profile_url"]
        for row in linkedin_connections(folder / "Connections.csv"):
            self.keys["linkedin_connections"].add((owner, row["URL"]))
        for row in read_csv(folder / "messages.csv"):
            key = (owner, row["CONVERSATION ID"], row["SENDER PROFILE URL"], row["DATE"])
            self.keys["linkedin_messages"].add((*key, row["CONTENT"]))
            self.interact(creator, "linkedin", "dm", row["SENDER PROFILE URL"] == me)
        for row in read_csv(folder / "Invitations.csv"):
            self.keys["linkedin_invitations"].add((owner, *row.values()))
