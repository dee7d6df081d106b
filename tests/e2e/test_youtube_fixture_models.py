"""The YouTube fixtures through dbt: Data API threads of every era and Takeout outreach.

On the session's run of the whole job on the hand-written fixtures (`tests/e2e/conftest.py`)
it checks that the creator's Takeout comments on other channels' videos reach
`int_interactions_unioned` as outreach and count as creator-initiated conversations, that
comments on their own videos and community posts are not counted again, and that a 2019
response (no channel id, HTML text, a legacy author) still threads and attributes.
"""

from __future__ import annotations

from datetime import date

from tests.e2e.conftest import FixtureRun

MODELS = (
    "stg_youtube__comments",
    "stg_youtube__takeout_comments",
    "int_interactions_unioned",
    "int_conversation_threads_aggregated",
    "int_connectedness_measures_aggregated",
)


def test_the_youtube_models_pass_their_data_tests(fixture_run: FixtureRun) -> None:
    # staging tests only warn (dbt_project.yml): a warning here is a failure of ours
    statuses = fixture_run.dbt_test_statuses(MODELS)
    assert statuses, "the run built these models and tested them"
    assert {test for test, status in statuses.items() if status != "pass"} == set()


def test_outreach_comments_reach_the_interactions(fixture_run: FixtureRun) -> None:
    outreach = fixture_run.query(
        """
        select creator_id, interaction_id, direction, audience_member_key,
               in_reply_to_interaction_id, thread_id, post_id, comment_text
        from intermediate.int_interactions_unioned
        where kind = 'outreach_comment' and creator_id = 'cr_0004'
        order by occurred_at
        """
    )
    assert outreach == [
        ("cr_0004", "youtube:comment:UgyCarmenOldOutreach4AaABAg", "creator_to_audience",
         None, None, "youtube:thread:UgyCarmenOldOutreach4AaABAg", "trvOld00003",
         "Saved for my trip: rail pass guide"),
        ("cr_0004", "youtube:comment:UgxCarmenNightTrains4AaABAg", "creator_to_audience",
         None, None, "youtube:thread:UgxCarmenNightTrains4AaABAg", "trvNoor0001",
         "Loved the @nomadnoor bit about night trains!"),
        ("cr_0004", "youtube:comment:UgyNoorQuestion000004AaABAg.AC2CarmenPorto0001",
         "creator_to_audience", None, None, "youtube:thread:UgyNoorQuestion000004AaABAg",
         "trvNoor0001", "Thanks Noor!\nSee you in Porto"),
        ("cr_0004", "youtube:comment:UgzCarmenLisbonTram04AaABAg", "creator_to_audience",
         None, None, "youtube:thread:UgzCarmenLisbonTram04AaABAg", "trvTomas002",
         "Tram 28 at 7am is the only way 🚋"),
    ]  # fmt: skip
    per_creator = dict(
        fixture_run.query(
            """
            select creator_id, count(*) from intermediate.int_interactions_unioned
            where kind = 'outreach_comment' group by 1
            """
        )
    )
    # Alice: one of three (her reply is in the Data API, the other is on a community post);
    # Bruno: two of three (his reply on his own 2019 video is in the Data API)
    assert per_creator == {"cr_0001": 1, "cr_0003": 2, "cr_0004": 4}


def test_takeout_comments_on_own_videos_are_not_counted_again(fixture_run: FixtureRun) -> None:
    counted = {
        interaction_id: kind
        for interaction_id, kind in fixture_run.query(
            """
            select interaction_id, kind from intermediate.int_interactions_unioned
            where interaction_id in (
                'youtube:comment:UgwLuciaTrenPorto26a4AaABAg.AC1CarmenTren00001',
                'youtube:comment:UgxCarmenPinnedFaq004AaABAg',
                'youtube:comment:UgwCarmenAzoresPost4AaABAg',
                'youtube:comment:UgxInesRye2019cccc4AaABAg.8sBrunoRyeSwap02',
                'youtube:comment:UgxThread1.AAAA'
            )
            """
        )
    }
    assert counted == {
        "youtube:comment:UgwLuciaTrenPorto26a4AaABAg.AC1CarmenTren00001": "reply",
        "youtube:comment:UgxInesRye2019cccc4AaABAg.8sBrunoRyeSwap02": "reply",
        "youtube:comment:UgxThread1.AAAA": "reply",
    }


def test_outreach_counts_as_creator_initiated(fixture_run: FixtureRun) -> None:
    measures = fixture_run.query(
        """
        select period_kind, period_start, creator_initiated_conversations,
               inbound_dm_conversations, creator_initiated_share, creator_interactions
        from intermediate.int_connectedness_measures_aggregated
        where creator_id = 'cr_0004' and platform = 'youtube'
            and (period_kind = 'window' or period_start in ('2025-11-01', '2026-06-01'))
        order by period_kind, period_start
        """
    )
    # June: three outreach conversations (two comments under Noor's video are two threads:
    # her own top-level comment and her reply under someone else's) plus her one reply
    assert measures == [
        ("month", date(2025, 11, 1), 1, 0, 1.0, 1),
        ("month", date(2026, 6, 1), 3, 0, 1.0, 4),
        ("window", date(2026, 4, 2), 3, 0, 1.0, 4),
    ]
    threads = fixture_run.query(
        """
        select opener_kind, opened_by, is_creator_initiated, has_audience_turn
        from intermediate.int_conversation_threads_aggregated
        where thread_id = 'youtube:thread:UgyNoorQuestion000004AaABAg'
        """
    )
    assert threads == [("outreach_comment", "creator", True, False)]


def test_a_2019_response_threads_and_attributes(fixture_run: FixtureRun) -> None:
    rows = fixture_run.query(
        """
        select comment_id, channel_id is null, author_key is not null, comment_text_source
        from staging.stg_youtube__comments
        where owner_handle = 'brunosa' and source_file like 'youtube/brunosa/2019-03/%'
        order by comment_id
        """
    )
    assert len(rows) == 5
    assert {(no_channel, keyed, source) for _, no_channel, keyed, source in rows} == {
        (True, True, "textDisplay")
    }
    answered = fixture_run.query(
        """
        select interaction_id, direction, audience_member_key is not null
        from intermediate.int_interactions_unioned
        where creator_id = 'cr_0003' and platform = 'youtube' and kind = 'reply'
            and occurred_at < '2020-01-01'
        order by 1
        """
    )
    assert answered == [
        ("youtube:comment:UgxInesRye2019cccc4AaABAg.8sBrunoRyeSwap02", "creator_to_audience",
         True),
        ("youtube:comment:UgzMartaCrust2019aa4AaABAg.8sBrunoOvenTemp01", "creator_to_audience",
         True),
    ]  # fmt: skip
