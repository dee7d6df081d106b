"""Hold-out mode: the base exports, then the delta arriving, load exactly the full generation.

The full generation is the session's small sample (seed 7). Each hold-out is generated and
loaded once per module: base first, then again after `arrive` copies the delta in.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.loaders import LOADERS, RAW_TABLES, LoadResult, load_all
from sample_exports import arrive, generate
from sample_exports.__main__ import main
from tests.sample_exports.conftest import Sample

# Rows without a date of their own: exported as of the last day, in the base only.
SNAPSHOTS = ("roster_creators", "roster_partners", "x_accounts", "x_followers", "tiktok_profiles")
# Tables of real-export variants the sample generator writes no files for (always empty here).
NOT_GENERATED = ("youtube_takeout_comments", "x_following")
# A Studio row's day: the export date, less one day per row after it in its file.
STUDIO_DAY = (
    "export_date - CAST(max(row_number) OVER (PARTITION BY _file_hash) - row_number AS INTEGER)"
)
# Every other raw table: the column that dates a row (UTC).
EVENT_DAY = {
    "x_tweets": "created_at",
    "x_direct_messages": "created_at",
    "instagram_posts": "created_at",
    "instagram_comments": "created_at",
    "instagram_followers": "followed_at",
    "instagram_messages": "sent_at",
    "meta_post_insights": "published_at",
    "facebook_posts": "created_at",
    "facebook_comments": "created_at",
    "facebook_messages": "sent_at",
    "tiktok_videos": "posted_at",
    "tiktok_comments": "commented_at",
    "tiktok_messages": "sent_at",
    "tiktok_followers": "followed_at",
    "tiktok_studio_overview": STUDIO_DAY,
    "tiktok_studio_follower_history": STUDIO_DAY,
    "youtube_studio_videos": "published_on",
    "youtube_studio_daily": "activity_date",
    "youtube_comments": "published_at",
    "linkedin_connections": "connected_on",
    "linkedin_messages": "sent_at",
    "linkedin_invitations": "sent_at",
    "crm_contacts": "created_at",
    "crm_deals": "created_at",
    "introductions_log": "introduced_on",
    "spend": "spent_on",
}
# Dated, but once a month (payments on the first): a few days' delta may hold none.
MONTHLY_EVENTS = ("spend",)
# Tables with rows on the small sample's last day, so even a one-day delta brings some.
ON_THE_LAST_DAY = (
    "x_tweets", "instagram_posts", "instagram_comments", "instagram_followers",
    "instagram_messages", "meta_post_insights", "facebook_posts", "facebook_comments",
    "tiktok_videos", "tiktok_comments", "tiktok_messages", "tiktok_followers",
    "tiktok_studio_overview", "tiktok_studio_follower_history", "youtube_studio_videos",
    "youtube_studio_daily", "youtube_comments", "linkedin_connections", "crm_contacts",
)  # fmt: skip
HOLD_OUTS = (1, 4)  # four days: every event table of the small sample has rows in the delta

Row = tuple[Any, ...]


def dated_rows(warehouse: Path) -> dict[str, list[tuple[Row, date | None]]]:
    """Per raw table: (row, day) for every row; the row is its content columns, owner and key
    (not the file it came from nor when it was loaded); the day is None for snapshots."""
    tables: dict[str, list[tuple[Row, date | None]]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        conn.execute("SET TimeZone = 'UTC'")
        for table, columns in RAW_TABLES.items():
            names = [name for name, _ in columns] + ["_export_owner", "_row_key"]
            day = f"CAST({EVENT_DAY[table]} AS DATE)" if table in EVENT_DAY else "NULL"
            selected = ", ".join(f'"{name}"' for name in names)
            found = conn.execute(f"SELECT {selected}, {day} FROM raw.{table}").fetchall()
            tables[table] = [(_hashable(values[:-1]), values[-1]) for values in found]
    return tables


def _hashable(values: tuple[Any, ...]) -> Row:
    return tuple(tuple(v) if isinstance(v, list) else v for v in values)


def multisets(dated: dict[str, list[tuple[Row, date | None]]]) -> dict[str, Counter[Row]]:
    return {table: Counter(row for row, _ in rows) for table, rows in dated.items()}


def inserted(results: list[LoadResult]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for result in results:
        counts.update(result.rows_inserted)
    return counts


@dataclass(frozen=True)
class Full:
    dated: dict[str, list[tuple[Row, date | None]]]
    rows: dict[str, Counter[Row]]


@dataclass(frozen=True)
class HeldOut:
    days: int
    first_day: date
    truth: dict[str, Any]
    base: Path
    delta: Path
    delta_files: list[str]
    base_rows: dict[str, Counter[Row]]
    rows: dict[str, Counter[Row]]
    delta_inserted: Counter[str]
    delta_log: list[tuple[str, int, int]]  # (source_file, rows_in_file, rows_inserted)


@pytest.fixture(scope="module")
def full(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Full:
    warehouse = tmp_path_factory.mktemp("full") / "warehouse.duckdb"
    load_all(warehouse, sample.root)
    dated = dated_rows(warehouse)
    return Full(dated, multisets(dated))


@pytest.fixture(scope="module", params=HOLD_OUTS, ids=lambda days: f"{days}day")
def held(
    request: pytest.FixtureRequest, sample: Sample, tmp_path_factory: pytest.TempPathFactory
) -> HeldOut:
    days: int = request.param
    root = tmp_path_factory.mktemp(f"held_out_{days}")
    base, delta, warehouse = root / "exports", root / "delta", root / "warehouse.duckdb"
    truth = generate(
        base, root / "ground_truth.json", seed=7, scale="small", hold_out_days=days, delta_dir=delta
    )
    delta_files = sorted(p.relative_to(delta).as_posix() for p in delta.rglob("*") if p.is_file())
    load_all(warehouse, base)
    base_rows = multisets(dated_rows(warehouse))
    copied = arrive(delta, base)
    assert sorted(p.relative_to(base).as_posix() for p in copied) == delta_files
    results = load_all(warehouse, base)
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        delta_log = conn.execute(
            "SELECT source_file, rows_in_file, rows_inserted FROM raw._load_log "
            "WHERE source_file IN (SELECT unnest($files)) ORDER BY 1",
            {"files": delta_files},
        ).fetchall()
    end = date.fromisoformat(sample.truth["end_date"])
    return HeldOut(
        days=days,
        first_day=end - timedelta(days=days - 1),
        truth=truth,
        base=base,
        delta=delta,
        delta_files=delta_files,
        base_rows=base_rows,
        rows=multisets(dated_rows(warehouse)),
        delta_inserted=inserted(results),
        delta_log=delta_log,
    )


def test_every_raw_table_is_classified() -> None:
    assert sorted((*SNAPSHOTS, *EVENT_DAY, *NOT_GENERATED)) == sorted(RAW_TABLES)


def test_base_then_delta_lands_exactly_the_full_generations_rows(full: Full, held: HeldOut) -> None:
    different = {
        table: (sum(full.rows[table].values()), sum(held.rows[table].values()))
        for table in RAW_TABLES
        if held.rows[table] != full.rows[table]
    }
    assert not different, f"(full rows, base + delta rows) per differing table: {different}"


def test_the_base_lacks_exactly_the_rows_of_the_held_out_days(full: Full, held: HeldOut) -> None:
    for table in RAW_TABLES:
        expected = Counter(
            row for row, day in full.dated[table] if day is not None and day >= held.first_day
        )
        assert held.base_rows[table] - full.rows[table] == Counter(), f"{table}: rows not in full"
        missing = full.rows[table] - held.base_rows[table]
        assert missing == expected, (
            f"{table}: base lacks {sum(missing.values())} rows, "
            f"{sum(expected.values())} are dated from {held.first_day}"
        )
        assert held.delta_inserted[table] == sum(expected.values()), table


def test_the_delta_brings_rows_of_every_busy_event_table(held: HeldOut) -> None:
    tables = EVENT_DAY if held.days > 1 else ON_THE_LAST_DAY
    empty = [
        table for table in tables if held.delta_inserted[table] == 0 and table not in MONTHLY_EVENTS
    ]
    assert not empty, f"no rows in the {held.days}-day delta for {empty}"
    assert all(held.delta_inserted[table] == 0 for table in SNAPSHOTS)


def test_the_delta_holds_only_new_files_that_the_loaders_read(held: HeldOut) -> None:
    """Checked before anything is copied: `arrive` in the fixture refuses to overwrite."""
    read = {
        path.relative_to(held.delta).as_posix()
        for loader in LOADERS.values()
        for _, paths in loader.discover(held.delta)
        for path in paths
    }
    assert held.delta_files and read == set(held.delta_files)
    assert {source for source, _, _ in held.delta_log} == set(held.delta_files)


def test_the_delta_repeats_some_rows_the_base_already_has(held: HeldOut) -> None:
    """Like real exports, delta files overlap the base (TikTok profile and Studio re-exports,
    whole YouTube threads, Studio's last 7 days); the loaders' row keys drop the repeats."""
    repeated = {source: in_file - new for source, in_file, new in held.delta_log if in_file > new}
    assert any(source.startswith("tiktok/") for source in repeated)
    assert any(source.startswith("youtube_studio/") for source in repeated)
    assert any(source.startswith("tiktok_studio/") for source in repeated)


def test_the_ground_truth_is_the_full_generations(sample: Sample, held: HeldOut) -> None:
    written = ("files_written", "bytes_written")
    assert {k: v for k, v in held.truth.items() if k not in written} == {
        k: v for k, v in sample.truth.items() if k not in written
    }
    assert held.truth["files_written"] > sample.truth["files_written"]


def test_arrive_copies_new_files_and_refuses_to_overwrite(tmp_path: Path) -> None:
    delta, exports = tmp_path / "delta", tmp_path / "exports"
    (delta / "crm").mkdir(parents=True)
    (delta / "crm" / "deals_2026-10-31.csv").write_text("new deals")
    (exports / "crm").mkdir(parents=True)
    (exports / "crm" / "deals.csv").write_text("old deals")

    assert arrive(delta, exports) == [exports / "crm" / "deals_2026-10-31.csv"]
    assert (exports / "crm" / "deals_2026-10-31.csv").read_text() == "new deals"

    (delta / "crm" / "contacts_2026-10-31.csv").write_text("new contacts")
    with pytest.raises(ValueError, match=re.escape("crm/deals_2026-10-31.csv")):
        arrive(delta, exports)
    assert not (exports / "crm" / "contacts_2026-10-31.csv").exists(), "nothing copied"
    assert (exports / "crm" / "deals.csv").read_text() == "old deals"


def test_hold_out_arguments_are_checked(tmp_path: Path) -> None:
    out, truth = tmp_path / "exports", tmp_path / "truth.json"
    with pytest.raises(ValueError, match="needs a delta_dir"):
        generate(out, truth, hold_out_days=1)
    with pytest.raises(ValueError, match="only written with hold_out_days"):
        generate(out, truth, delta_dir=tmp_path / "delta")
    with pytest.raises(ValueError, match="must not overlap"):
        generate(out, truth, hold_out_days=1, delta_dir=out / "delta")
    with pytest.raises(ValueError, match="between 0 and 364"):
        generate(out, truth, hold_out_days=365, delta_dir=tmp_path / "delta")
    with pytest.raises(SystemExit):
        main(["--out", str(out), "--ground-truth", str(truth), "--hold-out-days", "1"])
    assert not any(tmp_path.iterdir())
