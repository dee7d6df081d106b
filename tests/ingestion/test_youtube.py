"""YouTube Studio CSVs (the Data API comment threads: test_youtube_data_api.py)."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import load_all, run_loader
from ingestion.loaders.timeformats import PUBLISH_DAY
from tests.ingestion.conftest import records

ALICE = "youtube_studio/alicekovac"
BRUNO_CONTENT = "youtube_studio/brunosa/Content 2026-06-01_2026-06-07 Bruno Sá"
BRUNO_SUBSCRIBERS = "youtube_studio/brunosa/Subscribers 2026-06-01_2026-06-07 Bruno Sá"
CARMEN = "youtube_studio/carmenruiz"
CARMEN_CONTENT = f"{CARMEN}/Content 2026-06-01_2026-06-28 Carmen Ruiz"
JUNE_22_TO_28 = [date(2026, 6, 22) + timedelta(days=n) for n in range(7)]


def _videos(conn: duckdb.DuckDBPyConnection, owner: str) -> dict[str, dict]:
    rows = records(conn, "SELECT * FROM raw.youtube_studio_videos WHERE _export_owner = ?", owner)
    return {row["video_id"]: row for row in rows}


def _daily(conn: duckdb.DuckDBPyConnection, source_file: str) -> list[dict]:
    return records(
        conn,
        """SELECT * FROM raw.youtube_studio_daily WHERE _source_file = ?
           ORDER BY activity_date, video_id""",
        source_file,
    )


def _logged(conn: duckdb.DuckDBPyConnection, source_file: str) -> dict:
    (logged,) = records(
        conn,
        "SELECT rows_in_file, rows_inserted, note FROM raw._load_log WHERE source_file = ?",
        source_file,
    )
    return logged


def _key(*values: str | None) -> str:
    """The content row key as the loaders compute it (md5 of the JSON list of the values)."""
    return hashlib.md5(
        json.dumps(list(values), separators=(",", ":"), ensure_ascii=False).encode()
    ).hexdigest()


# --- one export in the creator's folder (the sample generator's shape) ---------------------


def test_table_data_drops_the_total_row(loaded: duckdb.DuckDBPyConnection) -> None:
    videos = _videos(loaded, "alicekovac")
    assert set(videos) == {"abc123XYZ00", "shrt456QRS1", "live789LMN2"}
    recipe = videos["abc123XYZ00"]
    assert recipe["video_title"] == "Kovač family recipe, part 2 🍲"
    assert recipe["published_on"] == date(2023, 2, 18)
    assert (recipe["views"], recipe["impressions"]) == ("12,345", "100,000")
    assert recipe["content_type"] == "Videos"
    assert videos["shrt456QRS1"]["content_type"] == "Shorts"
    assert videos["live789LMN2"]["content_type"] == "Live"
    assert videos["live789LMN2"]["impressions_ctr"] == "N/A"
    assert videos["live789LMN2"]["published_on"] == date(2023, 3, 1)
    assert recipe["likes"] is None and recipe["subscribers_lost"] is None  # not exported


def test_chart_data_has_typed_days(loaded: duckdb.DuckDBPyConnection) -> None:
    days = _daily(loaded, f"{ALICE}/Chart data.csv")
    assert len(days) == 3
    day = days[1]
    assert (day["activity_date"], day["views"], day["subscribers"]) == (
        date(2023, 2, 19),
        "2100",
        "-3",
    )
    assert (day["total_subscribers"], day["video_id"], day["likes"]) == ("10022", None, None)


# --- report folders with a few selected metrics ---------------------------------------------


def test_selected_metrics_load_and_the_rest_are_null(loaded: duckdb.DuckDBPyConnection) -> None:
    videos = _videos(loaded, "brunosa")
    assert set(videos) == {"-AbC123xyz_", "q9Zr2LmPq0w"}  # Studio's leading space is gone
    cheese = videos["-AbC123xyz_"]
    assert (cheese["views"], cheese["subscribers"], cheese["likes"]) == ("1320", "4", "71")
    assert cheese["video_title"] == "Pão de queijo em 10 minutos"
    assert (cheese["published_on"], cheese["duration"]) == (date(2026, 6, 2), "481")
    for absent in ("content_type", "watch_time_hours", "impressions", "shares", "comments_added"):
        assert cheese[absent] is None
    cake = videos["q9Zr2LmPq0w"]
    assert cake["video_title"] == "Bolo de fubá da avó, versão sem glúten"
    assert cake["subscribers"] == "-5"  # more lost than gained
    assert cake["_source_file"] == f"{BRUNO_CONTENT}/Table data.csv"
    assert cheese["_row_key"] == _key(
        "brunosa", "-AbC123xyz_", "Pão de queijo em 10 minutos", "Jun 2, 2026", None, "481",
        "1320", None, "4", None, None, "71", None, None, None, None,
    )  # fmt: skip


def test_header_only_table_data_loads_no_rows(loaded: duckdb.DuckDBPyConnection) -> None:
    assert _logged(loaded, f"{BRUNO_SUBSCRIBERS}/Table data.csv") == {
        "rows_in_file": 0,
        "rows_inserted": 0,
        "note": None,
    }


def test_a_chart_split_by_video_lands_a_row_per_video_and_day(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    days = _daily(loaded, f"{BRUNO_CONTENT}/Chart data.csv")
    assert len(days) == 13
    assert {d["video_id"] for d in days} == {"-AbC123xyz_", "q9Zr2LmPq0w"}
    second = [(d["video_id"], d["views"]) for d in days if d["activity_date"] == date(2026, 6, 2)]
    assert second == [("-AbC123xyz_", "400"), ("q9Zr2LmPq0w", "75")]
    assert days[0]["video_title"] == "Bolo de fubá da avó, versão sem glúten"


def test_totals_are_the_channel_day(loaded: duckdb.DuckDBPyConnection) -> None:
    totals = _daily(loaded, f"{BRUNO_CONTENT}/Totals.csv")
    assert [(d["activity_date"], d["views"], d["video_id"]) for d in totals][:2] == [
        (date(2026, 6, 1), "80", None),
        (date(2026, 6, 2), "475", None),
    ]
    assert len(totals) == 7


def test_a_chart_and_its_totals_with_the_same_days_land_once(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    chart = _logged(loaded, f"{BRUNO_SUBSCRIBERS}/Chart data.csv")
    totals = _logged(loaded, f"{BRUNO_SUBSCRIBERS}/Totals.csv")
    assert (chart["rows_in_file"], chart["rows_inserted"]) == (7, 7)
    assert (totals["rows_in_file"], totals["rows_inserted"]) == (7, 0)
    losses = [d["subscribers"] for d in _daily(loaded, f"{BRUNO_SUBSCRIBERS}/Chart data.csv")]
    assert losses == ["3", "-2", "6", "1", "-4", "0", "-5"]


# --- many metrics, one metric per report ----------------------------------------------------


def test_every_known_table_metric_loads(loaded: duckdb.DuckDBPyConnection) -> None:
    lisbon = _videos(loaded, "carmenruiz")["Lx7uQ2mN0pA"]
    assert lisbon["video_title"] == "Lisboa em 24 horas: onde comer, o que ver 🇵🇹"
    assert lisbon["published_on"] == date(2026, 6, 14)
    assert {
        column: lisbon[column]
        for column in (
            "views", "watch_time_hours", "subscribers", "impressions", "impressions_ctr", "likes",
            "comments_added", "shares", "subscribers_gained", "subscribers_lost",
        )
    } == {
        "views": "41,200", "watch_time_hours": "3105.2", "subscribers": "268",
        "impressions": "455,000", "impressions_ctr": "7.4", "likes": "2,910",
        "comments_added": "311", "shares": "470", "subscribers_gained": "301",
        "subscribers_lost": "33",
    }  # fmt: skip
    assert _videos(loaded, "carmenruiz")["Ck3vR8sT1bE"]["published_on"] == date(2025, 12, 20)
    assert _logged(loaded, f"{CARMEN_CONTENT}/Table data.csv")["note"] == (
        "columns not read: 'Average view duration', 'Estimated revenue (USD)'"
    )


@pytest.mark.parametrize(
    ("report", "column", "values"),
    [
        ("Content 2026-06-01_2026-06-28", "views",
         ["1,900", "2,050", "2,210", "1,980", "2,400", "3,100", "2,750"]),
        ("Subscribers gained 2026-06-22_2026-06-28", "subscribers_gained",
         ["14", "16", "21", "12", "19", "30", "25"]),
        ("Subscribers lost 2026-06-22_2026-06-28", "subscribers_lost",
         ["3", "2", "4", "5", "1", "2", "6"]),
    ],
)  # fmt: skip
def test_one_metric_per_report_lands_in_its_column(
    loaded: duckdb.DuckDBPyConnection, report: str, column: str, values: list[str]
) -> None:
    days = _daily(loaded, f"{CARMEN}/{report} Carmen Ruiz/Chart data.csv")
    assert [d["activity_date"] for d in days] == JUNE_22_TO_28
    assert [d[column] for d in days] == values
    others = {"views", "subscribers_gained", "subscribers_lost", "subscribers"} - {column}
    assert all(d[other] is None for d in days for other in others)


def test_a_chart_of_metrics_not_read_loads_nothing(loaded: duckdb.DuckDBPyConnection) -> None:
    folder = f"{CARMEN}/Average view duration 2026-06-22_2026-06-28 Carmen Ruiz"
    for name in ("Chart data.csv", "Totals.csv"):
        assert _logged(loaded, f"{folder}/{name}") == {
            "rows_in_file": 0,
            "rows_inserted": 0,
            "note": "columns not read: 'Average view duration'; "
            "no metric Mutuality reads: no rows loaded",
        }


def test_every_studio_file_is_loaded(loaded: duckdb.DuckDBPyConnection) -> None:
    statuses = records(
        loaded,
        """SELECT status, file_set, count(*) AS files FROM raw._load_report
           WHERE source_file LIKE 'youtube_studio/%' GROUP BY ALL ORDER BY ALL""",
    )
    assert statuses == [
        {"status": "loaded", "file_set": "Studio chart data", "files": 7},
        {"status": "loaded", "file_set": "Studio table data", "files": 4},
        {"status": "loaded", "file_set": "Studio totals", "files": 6},
    ]


def test_a_zipped_report_is_listed_with_what_to_do(tmp_path: Path, exports: Path) -> None:
    (exports / "youtube_studio/brunosa/Content 2026-06-01_2026-06-07 Bruno Sá.zip").write_bytes(
        b"PK\x03\x04"
    )
    load_all(tmp_path / "w.duckdb", exports, ["youtube_studio"])
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as conn:
        (reason,) = conn.execute(
            "SELECT reason FROM raw._load_report WHERE source_file LIKE 'youtube_studio/%.zip'"
        ).fetchone()
    assert reason == (
        "no loader for this file: a zip archive: unzip it into the creator's folder to load it"
    )


# --- bad files and spellings ---------------------------------------------------------------


def _load_error(warehouse: duckdb.DuckDBPyConnection, exports: Path) -> str:
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "youtube_studio", exports, strict=True)
    return str(raised.value)


def test_table_data_needs_its_identity_columns(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    path = exports / BRUNO_SUBSCRIBERS / "Table data.csv"
    path.write_text("Content,Video title,Duration,Subscribers\n", encoding="utf-8")
    assert _load_error(warehouse, exports) == (
        f"{BRUNO_SUBSCRIBERS}/Table data.csv: missing required column 'Video publish time'"
    )


def test_a_chart_day_that_is_not_a_date(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    path = exports / BRUNO_SUBSCRIBERS / "Totals.csv"
    path.write_text("Date,Subscribers\n2026-06-01,3\nJun 2 2026,-2\n", encoding="utf-8")
    assert _load_error(warehouse, exports) == (
        f"{BRUNO_SUBSCRIBERS}/Totals.csv row 2: unparseable Date 'Jun 2 2026' (expected YYYY-MM-DD)"
    )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Feb 18, 2023", date(2023, 2, 18)),
        ("February 18, 2023", date(2023, 2, 18)),
        ("18 Feb 2023", date(2023, 2, 18)),
        ("18 de fev. de 2023", date(2023, 2, 18)),
        ("18 févr. 2023", date(2023, 2, 18)),
        ("18.02.2023", None),
        ("2023-02-18", date(2023, 2, 18)),
        ("20/02/2023", None),
        ("Feb 30, 2023", None),
    ],
)
def test_publish_day_spellings(text: str, day: date | None) -> None:
    (parsed,) = duckdb.sql(f"SELECT {PUBLISH_DAY.parse('$t')}", params={"t": text}).fetchone()
    assert parsed == day
