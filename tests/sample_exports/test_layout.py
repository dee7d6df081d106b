"""Every file of the contract's folder layout exists, for every creator on every platform."""

from __future__ import annotations

import re

from tests.sample_exports.conftest import Sample
from tests.sample_exports.exports_reader import read_csv

LAYOUT = {
    "x": ["data/account.js", "data/tweets.js", "data/direct-messages.js", "data/follower.js"],
    "instagram": [
        "your_instagram_activity/content/posts_1.json",
        "your_instagram_activity/comments/comments_on_your_posts_1.json",
        "connections/followers_and_following/followers_1.json",
    ],
    "facebook": [
        "your_facebook_activity/posts/your_posts_1.json",
        "your_facebook_activity/comments_and_reactions/comments_on_your_posts_1.json",
    ],
    "tiktok": ["user_data_tiktok.json"],
    "youtube_studio": ["Table data.csv", "Chart data.csv"],
    "linkedin": ["Connections.csv", "messages.csv", "Invitations.csv"],
}
HANDLE_COLUMN = {
    "x": "x_handle", "instagram": "instagram_handle", "facebook": "facebook_handle",
    "tiktok": "tiktok_handle", "youtube_studio": "youtube_handle", "linkedin": "linkedin_handle",
}  # fmt: skip
THREAD_FOLDER = re.compile(r"^[a-z0-9]+_\d+$")


def test_every_platform_folder_holds_the_contract_files(sample: Sample) -> None:
    roster = read_csv(sample.root / "roster" / "creators.csv")
    assert len(roster) == 12
    for platform, files in LAYOUT.items():
        handles = [row[HANDLE_COLUMN[platform]] for row in roster if row[HANDLE_COLUMN[platform]]]
        assert handles, f"no creator on {platform}"
        assert sorted(p.name for p in (sample.root / platform).iterdir()) == sorted(handles)
        for handle in handles:
            for name in files:
                assert (sample.root / platform / handle / name).is_file(), (platform, handle, name)


def test_per_creator_side_files(sample: Sample) -> None:
    roster = read_csv(sample.root / "roster" / "creators.csv")
    for row in roster:
        if handle := row["instagram_handle"]:
            assert len(list((sample.root / "meta_business_suite" / handle).glob("*.csv"))) == 1
            threads = list((sample.root / "instagram" / handle / "messages" / "inbox").iterdir())
            assert threads and all(THREAD_FOLDER.match(t.name) for t in threads)
            assert all((t / "message_1.json").is_file() for t in threads)
        if handle := row["facebook_handle"]:
            inbox = sample.root / "facebook" / handle / "your_facebook_activity/messages/inbox"
            assert all(THREAD_FOLDER.match(t.name) for t in inbox.iterdir())
        if handle := row["tiktok_handle"]:
            exports = list((sample.root / "tiktok_studio" / handle).iterdir())
            assert [e.name for e in exports] == [sample.truth["end_date"]]
            assert {p.name for p in exports[0].iterdir()} == {"Overview.csv", "FollowerHistory.csv"}
        if handle := row["youtube_handle"]:
            assert list((sample.root / "youtube" / handle).glob("comment_threads*.json"))
    for name in ("crm/contacts.csv", "crm/deals.csv", "introductions/introductions_log.csv"):
        assert (sample.root / name).is_file()


def test_the_ground_truth_sits_outside_the_exports(sample: Sample) -> None:
    assert not sample.ground_truth_path.is_relative_to(sample.root)
    assert not list(sample.root.rglob(sample.ground_truth_path.name))
