from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from orchestration.resources import ExportsResource
from orchestration.sensors import new_exports_sensor


def evaluate(exports: Path, cursor: str | None):
    context = dg.build_sensor_context(
        cursor=cursor, resources={"exports": ExportsResource(path=str(exports))}
    )
    return new_exports_sensor(context), context.cursor


def test_sensor_requests_a_run_for_new_files_and_skips_when_nothing_changed(tmp_path: Path) -> None:
    tweets = tmp_path / "x" / "alice" / "data" / "tweets.js"
    tweets.parent.mkdir(parents=True)
    tweets.write_text("window.YTD.tweets.part0 = []")

    first, cursor = evaluate(tmp_path, None)
    assert isinstance(first, dg.RunRequest)
    assert first.tags["mutuality/changed_exports"] == "x"

    again, same_cursor = evaluate(tmp_path, cursor)
    assert isinstance(again, dg.SkipReason)
    assert same_cursor == cursor

    deals = tmp_path / "crm" / "deals.csv"
    deals.parent.mkdir()
    deals.write_text("Record ID\n1\n")
    os.utime(tweets, ns=(1, 1))  # a re-exported file with a new timestamp counts as changed
    changed, new_cursor = evaluate(tmp_path, cursor)
    assert isinstance(changed, dg.RunRequest)
    assert changed.tags["mutuality/changed_exports"] == "crm,x"
    assert changed.run_key != first.run_key
    assert new_cursor != cursor


def test_sensor_skips_when_the_exports_folder_is_missing(tmp_path: Path) -> None:
    result, _ = evaluate(tmp_path / "nowhere", None)
    assert isinstance(result, dg.SkipReason)
