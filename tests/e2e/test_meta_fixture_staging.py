"""The Meta fixtures through staging and the models that read them (dbt on the real files).

What the loaders land for Instagram and Facebook is classified in staging: each thread record
gets a `message_kind` (after mojibake repair), placeholder follow times an unknown-date reason.
On the session's run of the whole job on the hand-written fixtures (`tests/e2e/conftest.py`;
several eras of download) it checks
the kinds, that only real messages become conversation turns, and that no follower calendar
starts from an unknown date.
"""

from __future__ import annotations

from datetime import date, datetime

from tests.e2e.conftest import FixtureRun

MODELS = (
    "stg_instagram__messages",
    "stg_facebook__messages",
    "stg_instagram__followers",
    "int_direct_messages_sequenced",
    "int_follower_days_unioned",
    "int_follower_counts_latest",
)


def test_the_staged_meta_models_pass_their_data_tests(fixture_run: FixtureRun) -> None:
    statuses = fixture_run.dbt_test_statuses(MODELS)
    assert statuses, "the run built these models and tested them"
    assert {test for test, status in statuses.items() if status != "pass"} == set()


def test_every_thread_record_gets_its_kind(fixture_run: FixtureRun) -> None:
    kinds = fixture_run.query(
        """
        select owner_handle, message_kind, count(*) from (
            select owner_handle, message_kind from staging.stg_instagram__messages
            union all
            select owner_handle, message_kind from staging.stg_facebook__messages
        )
        where owner_handle in ('carmen.ruiz', 'bruno.sa', 'bruno.sa.bakes')
        group by all order by all
        """
    )
    assert kinds == [
        ("bruno.sa", "message", 5),
        ("bruno.sa", "reaction", 2),  # "Liked a message", "Reacted 👍 to your message"
        ("bruno.sa.bakes", "call", 1),  # type Call, "The video chat ended."
        ("bruno.sa.bakes", "message", 7),  # text, a photo, a sticker
        ("bruno.sa.bakes", "reaction", 1),
        ("bruno.sa.bakes", "share", 1),  # type Share, just the link
        ("bruno.sa.bakes", "system", 5),  # connected, Subscribe, Unsubscribe, named, can now
        ("bruno.sa.bakes", "unsent", 1),  # "Bruno Sá unsent a message."
        ("carmen.ruiz", "call", 2),  # "Audio call ended", "Missed video call"
        ("carmen.ruiz", "message", 6),  # text, a photo, a voice message
        ("carmen.ruiz", "reaction", 2),  # "Reacted ❤️ to your message", "Liked a message"
        ("carmen.ruiz", "share", 2),  # a bare post link, "<name> sent an attachment."
        ("carmen.ruiz", "system", 3),  # named / added to / left the group
        ("carmen.ruiz", "unsent", 1),  # is_unsent
    ]


def test_only_real_messages_become_conversation_turns(fixture_run: FixtureRun) -> None:
    turns = dict(
        (owner, count)
        for owner, count in fixture_run.query(
            """select owner_handle, count(*) from intermediate.int_direct_messages_sequenced
               where platform in ('instagram', 'facebook') group by 1"""
        )
    )
    assert turns == {
        "alice.kovac": 3,
        "alice.kovac.fit": 2,
        "bruno.sa": 5,
        "bruno.sa.bakes": 7,
        "carmen.ruiz": 6,
    }
    # Carmen's replies answer Marta's and Luis's messages, not her own reaction notice or
    # Marta's share: the pairs (reply sent at, answered message sent at)
    answered = fixture_run.query(
        """
        select reply.sent_at, answered.sent_at
        from intermediate.int_direct_messages_sequenced reply
        inner join intermediate.int_direct_messages_sequenced answered
            on reply.answers_message_id = answered.message_id
        where reply.owner_handle = 'carmen.ruiz' and reply.is_by_creator
        order by 1
        """
    )
    assert answered == [
        (datetime(2026, 6, 14, 9, 6, 30), datetime(2026, 6, 14, 9, 0, 0, 250000)),
        (datetime(2026, 6, 15, 10, 0), datetime(2026, 6, 14, 9, 12)),  # Marta's photo
        (datetime(2026, 6, 18, 8, 30), datetime(2026, 6, 18, 8, 0)),
    ]


def test_unknown_follow_dates_start_no_calendar(fixture_run: FixtureRun) -> None:
    unknown = fixture_run.query(
        """select owner_handle, followed_at_unknown_reason from staging.stg_instagram__followers
           where followed_at is null order by all"""
    )
    assert [owner for owner, _ in unknown] == [
        "bruno.sa",
        "carmen.ruiz",
        "carmen.ruiz",
        "carmen.ruiz",
    ]
    assert all(reason.startswith("placeholder timestamp ") for _, reason in unknown)
    spans = fixture_run.query(
        """select creator_id, min(activity_on), max(activity_on), arg_max(followers, activity_on)
           from intermediate.int_follower_days_unioned where platform = 'instagram'
           group by 1 order by 1"""
    )
    assert spans == [
        ("cr_0001", date(2022, 12, 2), date(2026, 6, 30), 2),
        ("cr_0003", date(2021, 8, 20), date(2026, 6, 30), 3),  # 1 of them undated
        ("cr_0004", date(2026, 6, 10), date(2026, 6, 30), 5),  # 3 of them undated
    ]
