"""TikTok Studio CSVs: every layout, language and era of the fixtures, and how rows are dated."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import load_all, run_loader
from ingestion.loaders.timeformats import LOCALIZED_DAY_MONTH
from tests.ingestion.conftest import records

ALICE = "tiktok_studio/alicekovac/2024-01-02"
BRUNO = "tiktok_studio/brunosa"
CARMEN = "tiktok_studio/carmenruiz"
OVERVIEW_HEADER = '"Date","Video Views","Profile Views","Likes","Comments","Shares"\n'


def _days(conn: duckdb.DuckDBPyConnection, table: str, source_file: str) -> list[dict]:
    return records(
        conn,
        f"""SELECT row_number, date_text, activity_date, export_date, export_date_source, *
            FROM raw.{table} WHERE _source_file = ? ORDER BY row_number""",
        source_file,
    )


def _note(conn: duckdb.DuckDBPyConnection, source_file: str) -> str | None:
    (note,) = conn.execute(
        "SELECT note FROM raw._load_log WHERE source_file = ?", [source_file]
    ).fetchone()
    return note


def _key(*values: str) -> str:
    """The content row key as the loaders compute it (md5 of the JSON list of the values)."""
    return hashlib.md5(json.dumps(list(values), separators=(",", ":")).encode()).hexdigest()


def _set_mtime(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


# --- English dates in a dated export folder (the sample generator's layout) -------------------


def test_dated_folder_rows_cross_new_year(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = _days(loaded, "tiktok_studio_overview", f"{ALICE}/Overview.csv")
    assert [(r["row_number"], r["date_text"], r["activity_date"]) for r in rows] == [
        (1, "December 30", date(2023, 12, 30)),
        (2, "December 31", date(2023, 12, 31)),
        (3, "January 1", date(2024, 1, 1)),
        (4, "January 2", date(2024, 1, 2)),
    ]
    assert {(r["export_date"], r["export_date_source"]) for r in rows} == {
        (date(2024, 1, 2), "folder name")
    }
    assert rows[2]["video_views"] == "2,400"
    assert (rows[2]["profile_views"], rows[2]["likes"], rows[2]["shares"]) == ("61", "300", "11")
    assert rows[2]["_row_key"] == _key("alicekovac", "2024-01-01", "2,400", "61", "300", "25", "11")
    assert _note(loaded, f"{ALICE}/Overview.csv") == "export date 2024-01-02 from the folder name"


def test_follower_history_keeps_signed_differences(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = _days(loaded, "tiktok_studio_follower_history", f"{ALICE}/FollowerHistory.csv")
    assert len(rows) == 4
    last = rows[-1]
    assert (last["activity_date"], last["followers"], last["follower_difference"]) == (
        date(2024, 1, 2),
        "10238",
        "-2",
    )


# --- older era: files straight in the creator's folder, Spanish, export date from the mtime ---


@pytest.fixture
def bruno_exported_on_5_june(exports: Path) -> Path:
    for name in ("Overview.csv", "FollowerHistory.csv"):
        _set_mtime(exports / BRUNO / name, datetime(2026, 6, 5, 23, 30, tzinfo=UTC))
    return exports


def test_spanish_files_in_the_creator_folder_date_from_the_modification_time(
    warehouse: duckdb.DuckDBPyConnection, bruno_exported_on_5_june: Path
) -> None:
    run_loader(warehouse, "tiktok_studio", bruno_exported_on_5_june)
    rows = _days(warehouse, "tiktok_studio_overview", f"{BRUNO}/Overview.csv")
    assert len(rows) == 8
    assert [r["date_text"] for r in rows[3:5]] == ["31 de mayo", "1 de junio"]
    assert [r["activity_date"] for r in rows] == [
        date(2026, 5, 28) + timedelta(days=n) for n in range(8)
    ]
    assert {(r["export_date"], r["export_date_source"]) for r in rows} == {
        (date(2026, 6, 5), "file modification time")
    }
    # Spanish headers ("Visualizaciones de videos", "Me gusta", ...) land in the same columns.
    first = rows[0]
    assert (first["video_views"], first["profile_views"], first["likes"]) == ("310", "12", "25")
    assert (first["comments"], first["shares"]) == ("3", "1")
    assert _note(warehouse, f"{BRUNO}/Overview.csv") == (
        "export date 2026-06-05 from the file modification time"
    )
    history = _days(warehouse, "tiktok_studio_follower_history", f"{BRUNO}/FollowerHistory.csv")
    assert [(r["activity_date"], r["followers"], r["follower_difference"]) for r in history][3] == (
        date(2026, 5, 31),
        "4129",
        "-1",
    )


def test_an_earlier_modification_time_puts_later_days_in_the_year_before(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """Exported (by its mtime) on 30 May: "31 de mayo" .. "4 de junio" cannot be this year's,
    so the rows that follow them in the file are the year before's too (row order kept)."""
    _set_mtime(exports / BRUNO / "Overview.csv", datetime(2026, 5, 30, 8, 0, tzinfo=UTC))
    run_loader(warehouse, "tiktok_studio", exports)
    rows = _days(warehouse, "tiktok_studio_overview", f"{BRUNO}/Overview.csv")
    assert [r["activity_date"] for r in rows] == [
        date(2025, 5, 28) + timedelta(days=n) for n in range(8)
    ]


# --- newest era: BOM, all quoted, no trailing newline, dated names and folders, 4 languages ---


@pytest.mark.parametrize(
    ("table", "source_file", "first", "last", "export_date", "source"),
    [
        ("tiktok_studio_overview", f"{CARMEN}/2026-01-03/Overview.csv",
         ("28 de dezembro", date(2025, 12, 28)), ("3 de janeiro", date(2026, 1, 3)),
         date(2026, 1, 3), "folder name"),
        ("tiktok_studio_follower_history", f"{CARMEN}/2026-01-03/FollowerHistory.csv",
         ("28 décembre", date(2025, 12, 28)), ("3 janvier", date(2026, 1, 3)),
         date(2026, 1, 3), "folder name"),
        ("tiktok_studio_overview", f"{CARMEN}/Overview_2026-06-28.csv",
         ("22. Juni", date(2026, 6, 22)), ("28. Juni", date(2026, 6, 28)),
         date(2026, 6, 28), "file name"),
        ("tiktok_studio_follower_history", f"{CARMEN}/FollowerHistory_2026-06-28.csv",
         ("22 giugno", date(2026, 6, 22)), ("28 giugno", date(2026, 6, 28)),
         date(2026, 6, 28), "file name"),
    ],
)  # fmt: skip
def test_localized_days_in_dated_folders_and_names(
    loaded: duckdb.DuckDBPyConnection,
    table: str,
    source_file: str,
    first: tuple[str, date],
    last: tuple[str, date],
    export_date: date,
    source: str,
) -> None:
    rows = _days(loaded, table, source_file)
    assert len(rows) == 7
    assert [(r["date_text"], r["activity_date"]) for r in (rows[0], rows[-1])] == [first, last]
    assert [r["activity_date"] for r in rows] == [first[1] + timedelta(days=n) for n in range(7)]
    assert {(r["export_date"], r["export_date_source"]) for r in rows} == {(export_date, source)}
    assert _note(loaded, source_file) == f"export date {export_date} from the {source}"


def test_newest_era_values_and_the_first_of_january(loaded: duckdb.DuckDBPyConnection) -> None:
    overview = _days(loaded, "tiktok_studio_overview", f"{CARMEN}/2026-01-03/Overview.csv")
    assert overview[-1]["video_views"] == "1,030"  # no trailing newline: the last row is whole
    assert overview[-1]["shares"] == "4"
    history = _days(
        loaded, "tiktok_studio_follower_history", f"{CARMEN}/2026-01-03/FollowerHistory.csv"
    )
    new_year = history[4]
    assert (new_year["date_text"], new_year["activity_date"]) == ("1er janvier", date(2026, 1, 1))
    assert (new_year["followers"], new_year["follower_difference"]) == ("52,040", "52")
    assert history[0]["date_text"] == "28 décembre"  # the BOM is not part of the header


def test_header_only_follower_history_loads_no_rows(loaded: duckdb.DuckDBPyConnection) -> None:
    source_file = f"{CARMEN}/Followers_carmenruiz/FollowerHistory.csv"
    (logged,) = records(
        loaded, "SELECT rows_in_file, note FROM raw._load_log WHERE source_file = ?", source_file
    )
    assert logged["rows_in_file"] == 0
    assert logged["note"].endswith("from the file modification time")


def test_the_other_studio_tabs_are_listed_with_a_reason(loaded: duckdb.DuckDBPyConnection) -> None:
    report = {
        r["source_file"]: r
        for r in records(
            loaded, "SELECT * FROM raw._load_report WHERE source_file LIKE 'tiktok_studio/%'"
        )
    }
    unread = {name: r["reason"] for name, r in report.items() if r["status"] == "not_read"}
    assert set(unread) == {
        f"{CARMEN}/Content_2026-06-28.csv",
        f"{CARMEN}/Viewers_2026-06-28.csv",
        f"{CARMEN}/Followers_carmenruiz/FollowerActivity.csv",
        f"{CARMEN}/Followers_carmenruiz/FollowerGender.csv",
        f"{CARMEN}/Followers_carmenruiz/FollowerTopTerritories.csv",
    }
    assert "per-post totals" in unread[f"{CARMEN}/Content_2026-06-28.csv"]
    assert (
        "active followers by hour" in unread[f"{CARMEN}/Followers_carmenruiz/FollowerActivity.csv"]
    )
    assert all(r["status"] == "loaded" for name, r in report.items() if name not in unread)


def test_a_zipped_download_is_listed_with_what_to_do(tmp_path: Path, exports: Path) -> None:
    (exports / f"{CARMEN}/Overview_2026-06-01_1782661574_carmenruiz.zip").write_bytes(b"PK\x03\x04")
    load_all(tmp_path / "w.duckdb", exports, ["tiktok_studio"])
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as conn:
        (reason,) = conn.execute(
            "SELECT reason FROM raw._load_report WHERE source_file LIKE '%.zip'"
        ).fetchone()
    assert (
        reason
        == "no loader for this file: a zip archive: unzip it into the creator's folder to load it"
    )


# --- how rows are dated -------------------------------------------------------------------


def _write_overview(path: Path, days: list[str], newline: str = "\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = "".join(f'"{day}","{n}","0","0","0","0"{newline}' for n, day in enumerate(days))
    path.write_text(OVERVIEW_HEADER + rows, encoding="utf-8")


def _english(day: date) -> str:
    return f"{day:%B} {day.day}"


def test_a_file_spanning_more_than_a_year_keeps_its_row_order(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """400 days ending on the export date: the per-row rule alone would fold the first 35
    days onto the last 35; they are dated back from the last row instead, and the log says so."""
    end = date(2026, 6, 28)
    days = [end - timedelta(days=399 - n) for n in range(400)]
    source_file = f"{CARMEN}/long/2026-06-28/Overview.csv"
    _write_overview(exports / source_file, [_english(d) for d in days])
    run_loader(warehouse, "tiktok_studio", exports)
    assert [
        r["activity_date"] for r in _days(warehouse, "tiktok_studio_overview", source_file)
    ] == days
    assert _note(warehouse, source_file) == (
        "export date 2026-06-28 from the folder name; rows span more than a year: dated back "
        "from the last row, one year less at each New Year"
    )


def test_rows_after_the_export_day_belong_to_the_year_before(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """The last row need not be the export day: exported on 5 January, December rows are last
    year's; a February 29 goes back to the last leap year."""
    _write_overview(exports / f"{CARMEN}/Overview_2027-01-05.csv", ["December 29", "December 30"])
    _write_overview(exports / f"{CARMEN}/leap/Overview_2027-03-10.csv", ["Feb 28", "February 29"])
    run_loader(warehouse, "tiktok_studio", exports)
    december = _days(warehouse, "tiktok_studio_overview", f"{CARMEN}/Overview_2027-01-05.csv")
    assert [r["activity_date"] for r in december] == [date(2026, 12, 29), date(2026, 12, 30)]
    leap = _days(warehouse, "tiktok_studio_overview", f"{CARMEN}/leap/Overview_2027-03-10.csv")
    # per row: Feb 28 -> 2027, Feb 29 -> 2024; out of order, so dated back from the last row
    assert [r["activity_date"] for r in leap] == [date(2024, 2, 28), date(2024, 2, 29)]


def test_a_newest_first_file_within_a_year_keeps_the_per_row_rule(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    days = ["3 de enero", "2 de enero", "1 de enero", "31 de diciembre", "30 de diciembre"]
    _write_overview(exports / f"{CARMEN}/Overview_2026-01-03.csv", days)
    run_loader(warehouse, "tiktok_studio", exports)
    rows = _days(warehouse, "tiktok_studio_overview", f"{CARMEN}/Overview_2026-01-03.csv")
    assert [r["activity_date"] for r in rows] == [
        date(2026, 1, 3) - timedelta(days=n) for n in range(5)
    ]
    assert "rows span" not in _note(warehouse, f"{CARMEN}/Overview_2026-01-03.csv")


def test_a_dated_name_wins_over_an_older_dated_folder(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """A later export saved into the first export's folder: its name has the later date."""
    _write_overview(exports / f"{ALICE}/Overview_2024-01-04.csv", ["January 3", "January 4"])
    run_loader(warehouse, "tiktok_studio", exports)
    rows = _days(warehouse, "tiktok_studio_overview", f"{ALICE}/Overview_2024-01-04.csv")
    assert [(r["activity_date"], r["export_date_source"]) for r in rows] == [
        (date(2024, 1, 3), "file name"),
        (date(2024, 1, 4), "file name"),
    ]


def test_the_same_day_in_a_later_export_lands_once(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    """The row key is the owner, the day and the numbers: a re-export repeating a day with the
    same numbers adds nothing, a changed number is a new row (staging keeps the newest)."""
    (exports / f"{ALICE}/Overview_2024-01-04.csv").write_text(
        OVERVIEW_HEADER
        + '"January 2","1500","40","180","14","6"\n"January 3","900","1","1","1","1"'
    )
    result = run_loader(warehouse, "tiktok_studio", exports)
    logged = {f.source_file: f for f in result.files}
    assert logged[f"{ALICE}/Overview_2024-01-04.csv"].rows_in_file == 2
    assert logged[f"{ALICE}/Overview_2024-01-04.csv"].rows_inserted == 1


def test_columns_the_loader_does_not_know_are_named_in_the_log(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    path = exports / f"{BRUNO}/Overview.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    text = [
        line + (',"Recompensas estimadas"' if i == 0 else ',"0.12"') for i, line in enumerate(text)
    ]
    path.write_text("\n".join(text), encoding="utf-8")
    run_loader(warehouse, "tiktok_studio", exports)
    assert "columns not read: 'Recompensas estimadas'" in _note(warehouse, f"{BRUNO}/Overview.csv")


# --- bad files ---------------------------------------------------------------------------


def _load_error(warehouse: duckdb.DuckDBPyConnection, exports: Path) -> str:
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "tiktok_studio", exports, strict=True)
    return str(raised.value)


def test_a_day_that_does_not_exist_names_file_and_row(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    _write_overview(
        exports / f"{BRUNO}/Overview.csv", ["28 de febrero", "29 de febrero", "30 de febrero"]
    )
    assert _load_error(warehouse, exports) == (
        f"{BRUNO}/Overview.csv row 3: unparseable Date '30 de febrero' (expected like "
        "'April 12', '8 de marzo', '8 mars' or '8. März' (a day and month, no year))"
    )


def test_a_file_name_date_that_is_none(warehouse: duckdb.DuckDBPyConnection, exports: Path) -> None:
    _write_overview(exports / f"{CARMEN}/Overview_2026-02-30.csv", ["28. Februar"])
    assert _load_error(warehouse, exports) == (
        f"{CARMEN}/Overview_2026-02-30.csv: file name date '2026-02-30' is not a valid date"
    )


def test_an_overview_without_any_metric_column(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    (exports / f"{BRUNO}/Overview.csv").write_text('"Fecha","Recompensas"\n"1 de junio","3"\n')
    assert _load_error(warehouse, exports) == (
        f"{BRUNO}/Overview.csv: no metric column (expected one or more of 'Video Views', "
        "'Profile Views', 'Likes', 'Comments', 'Shares')"
    )


def test_follower_history_needs_the_followers_column(
    warehouse: duckdb.DuckDBPyConnection, exports: Path
) -> None:
    (exports / f"{BRUNO}/FollowerHistory.csv").write_text('"Date","Abonnés"\n"1 juin","3"\n')
    assert _load_error(warehouse, exports) == (
        f"{BRUNO}/FollowerHistory.csv: missing required column 'Followers'"
    )


# --- the localized month-day lookup --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "month", "day"),
    [
        ("April 12", 4, 12), ("Apr 12", 4, 12), ("12 April", 4, 12), ("28 August", 8, 28),
        ("Sept 3", 9, 3), ("8 de marzo", 3, 8), ("1 de ene.", 1, 1), ("5 de septiembre", 9, 5),
        ("12 de dic.", 12, 12), ("8 de março", 3, 8), ("8 de mar.", 3, 8), ("3 de fev.", 2, 3),
        ("17 de setembro", 9, 17), ("2 de out.", 10, 2), ("8 mars", 3, 8), ("1er janvier", 1, 1),
        ("3 févr.", 2, 3), ("15 août", 8, 15), ("31 déc.", 12, 31), ("8. März", 3, 8),
        ("8. Mär.", 3, 8), ("1. Jänner", 1, 1), ("3. Okt.", 10, 3), ("24. Dezember", 12, 24),
        ("8 marzo", 3, 8), ("8 mar", 3, 8), ("6 gennaio", 1, 6), ("2 giu", 6, 2),
        ("29 February", 2, 29), ("  22. JUNI ", 6, 22),
    ],
)  # fmt: skip
def test_localized_month_days_parse(text: str, month: int, day: int) -> None:
    (parsed,) = duckdb.sql(
        f"SELECT {LOCALIZED_DAY_MONTH.parse('$t')}", params={"t": text}
    ).fetchone()
    assert (parsed.month, parsed.day) == (month, day)


@pytest.mark.parametrize(
    "text", ["February 30", "31 de abril", "12", "Smarch 3", "8 de marzo de 2024", "2024-03-08", ""]
)
def test_other_texts_are_not_month_days(text: str) -> None:
    (parsed,) = duckdb.sql(
        f"SELECT {LOCALIZED_DAY_MONTH.parse('$t')}", params={"t": text}
    ).fetchone()
    assert parsed is None
