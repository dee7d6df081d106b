"""TikTok Studio analytics CSVs: `tiktok_studio/<handle>/[any folders/]<Tab>.csv`.

Studio writes days without a year ("April 12"), in the language of the account ("8 de marzo",
"8 mars", "8. März", ...). The loader dates every row (`activity_date`) from the file's export
date:

- the export date is the date of the file name (`Overview_2026-06-28.csv`), else of the
  nearest folder named `YYYY-MM-DD` (`tiktok_studio/<handle>/2026-06-28/Overview.csv`), else
  the day (UTC) of the file's modification time; `export_date_source` and the load-log note
  say which;
- each row takes the latest year that puts it on or before the export date;
- a file written oldest first (as Studio does) whose rows that rule leaves out of calendar
  order spans more than a year: its last row keeps the rule and every earlier row is dated
  back from it, one year less at each New Year (a month-day not after the next row's).

A row dated before TikTok launched (an export date from a bogus modification time) lands
with a null `activity_date` and a note (plausible_time); a count that is not one is refused.

The tabs with daily rows the models use are read (Overview, FollowerHistory); the others are
listed in the load report with the reason they are not read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import PurePosixPath

from ingestion.errors import ExportFormatError
from ingestion.loaders.base import FileSet, Loader, SourceFile
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.rows import (
    TIKTOK_LAUNCHED,
    Rows,
    export_date_latest,
    plausible_time,
    require_count,
    require_time,
    require_value,
)
from ingestion.loaders.sql import content_key, ident
from ingestion.loaders.studio_columns import has_any, note_unread_columns
from ingestion.loaders.timeformats import ALREADY_TYPED, LOCALIZED_DAY_MONTH

# Studio's English header -> raw column; the spellings of other languages are aliases.
OVERVIEW_METRICS = {
    "Video Views": "video_views",
    "Profile Views": "profile_views",
    "Likes": "likes",
    "Comments": "comments",
    "Shares": "shares",
}
OVERVIEW_ALIASES = {
    "Date": ("Fecha", "Data"),
    "Video Views": (
        "Post views",
        "Visualizaciones de videos",
        "Visualizaciones de vídeos",
        "Visualizações de vídeo",
        "Visualizações de vídeos",
    ),
    "Profile Views": (
        "Visualizaciones del perfil",
        "Visualizaciones de perfil",
        "Visualizações do perfil",
    ),
    "Likes": ("Me gusta", "Curtidas"),
    "Comments": ("Comentarios", "Comentários"),
    "Shares": ("Veces compartido", "Compartidos", "Compartilhamentos"),
}
FOLLOWER_HISTORY_COLUMNS = {
    "Followers": "followers",
    "Difference in followers from previous day": "follower_difference",
}
FOLLOWER_HISTORY_ALIASES = {
    "Date": ("Fecha", "Data"),
    "Followers": ("Seguidores",),
    "Difference in followers from previous day": (
        "Diferença de seguidores em relação ao dia anterior",
    ),
}

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME_DAY = re.compile(r"_(\d{4}-\d{2}-\d{2})$")
FROM_FILE_NAME = "file name"
FROM_FOLDER_NAME = "folder name"
FROM_MODIFICATION_TIME = "file modification time"
# How far back a year-less day is looked for: far enough for "February 29".
_YEARS_BACK = 8


def _valid_day(source_file: str, text: str, where: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ExportFormatError.at(source_file, f"{where} '{text}' is not a valid date") from None


def export_date(file: SourceFile) -> tuple[date, str]:
    """The day the file was exported and where that came from (see the module docstring)."""
    path = PurePosixPath(file.source_file)
    named = _NAME_DAY.search(path.stem)
    from_name = _valid_day(file.source_file, named[1], "file name date") if named else None
    from_folder = next(
        (
            _valid_day(file.source_file, folder, "export folder")
            for folder in reversed(path.parts[2:-1])
            if _ISO_DAY.fullmatch(folder)
        ),
        None,
    )
    if from_name is not None and from_name != from_folder:
        return from_name, FROM_FILE_NAME
    if from_folder is not None:
        return from_folder, FROM_FOLDER_NAME
    modified = datetime.fromtimestamp(file.path.stat().st_mtime, UTC).date()
    return modified, FROM_MODIFICATION_TIME


def _export_dates(batch: Batch) -> str:
    """A temp table of each file's export date and its source; the load log notes both."""
    dates = {file.source_file: export_date(file) for file in batch.files}
    for source_file, (day, source) in dates.items():
        batch.note(source_file, f"export date {day.isoformat()} from the {source}")
    table = batch.temp("export_dates")
    batch.conn.execute(
        f"""CREATE TEMP TABLE {table} AS
            SELECT unnest($files) AS _source_file, unnest($days) AS export_date,
                   unnest($sources) AS export_date_source""",
        {
            "files": list(dates),
            "days": [day for day, _ in dates.values()],
            "sources": [source for _, source in dates.values()],
        },
    )
    return table


def _latest_on_or_before(month_day_sql: str, bound_sql: str) -> str:
    """The latest date with the month and day of `month_day_sql` on or before `bound_sql`."""
    candidate = (
        f"try(make_date(year({bound_sql}) - k, month({month_day_sql}), day({month_day_sql})))"
    )
    candidates = f"list_transform(range({_YEARS_BACK}), lambda k: {candidate})"
    return f"list_max(list_filter({candidates}, lambda d: d <= {bound_sql}))"


def _dated_rows(batch: Batch, rows: Rows) -> str:
    """The rows with export_date, export_date_source and activity_date.

    A file is `dated_back` when the per-row rule leaves its rows out of calendar order while
    its month-days mostly step forward (oldest first, as Studio writes them): it spans more
    than a year. A file whose month-days mostly step back (newest first) keeps the rule."""
    exports = _export_dates(batch)
    table = batch.temp("dated")
    batch.conn.execute(
        f"""
        CREATE TEMP TABLE {table} AS
        WITH parsed AS (
            SELECT r.*, e.export_date, e.export_date_source,
                   {LOCALIZED_DAY_MONTH.parse('r."Date"')} AS month_day
            FROM {rows.table} r JOIN {exports} e USING (_source_file)
        ),
        placed AS (
            SELECT *, {_latest_on_or_before("month_day", "export_date")} AS on_or_before
            FROM parsed
        ),
        stepped AS (
            SELECT *,
                   on_or_before - lag(on_or_before) OVER file_rows AS step_days,
                   coalesce(month_day <= lag(month_day) OVER file_rows, false) AS starts_year,
                   month_day > lag(month_day) OVER file_rows AS steps_forward,
                   month_day < lag(month_day) OVER file_rows AS steps_back,
                   arg_max(on_or_before, _row) OVER file AS last_on_or_before
            FROM placed
            WINDOW file AS (PARTITION BY _source_file),
                   file_rows AS (PARTITION BY _source_file ORDER BY _row)
        ),
        walked AS (
            SELECT *,
                   NOT bool_and(coalesce(step_days >= 0, true)) OVER file
                   AND count_if(steps_forward) OVER file > count_if(steps_back) OVER file
                   AS dated_back,
                   year(last_on_or_before) - coalesce(sum(CAST(starts_year AS INTEGER)) OVER (
                       PARTITION BY _source_file ORDER BY _row
                       ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING
                   ), 0) AS walked_year
            FROM stepped
            WINDOW file AS (PARTITION BY _source_file)
        )
        SELECT *,
               CASE WHEN NOT dated_back THEN on_or_before
                    ELSE try(make_date(
                        CAST(walked_year AS BIGINT), month(month_day), day(month_day)
                    ))
               END AS activity_date
        FROM walked
        """
    )
    _require_dated(batch, Rows(table, "row", position_column="_row"))
    return table


def _require_dated(batch: Batch, dated: Rows) -> None:
    bad = dated.first_bad(batch.conn, "activity_date IS NULL", '"Date"')
    if bad is not None:
        source_file, position, value = bad
        raise ExportFormatError.at(
            source_file,
            f"cannot date '{value}': the rows after it put it in a year without that day",
            position,
            "Date",
        )
    walked = batch.conn.execute(
        f"SELECT DISTINCT _source_file FROM {dated.table} WHERE dated_back"
    ).fetchall()
    for (source_file,) in walked:
        batch.note(
            source_file,
            "rows span more than a year: dated back from the last row, "
            "one year less at each New Year",
        )


def _stage(
    batch: Batch,
    table: str,
    metrics: Mapping[str, str],
    aliases: Mapping[str, tuple[str, ...]],
    required: tuple[str, ...],
) -> Mapping[str, str]:
    note_unread_columns(batch, ("Date", *metrics), aliases)
    optional = tuple(m for m in metrics if m not in required)
    rows = read_csv_rows(batch, required, optional, aliases=aliases, row_numbers=True)
    require_value(batch.conn, rows, "Date")
    require_time(batch.conn, rows, "Date", LOCALIZED_DAY_MONTH)
    for header in metrics:
        require_count(batch.conn, rows, header)
    dated = _dated_rows(batch, rows)
    activity_date = plausible_time(
        batch,
        Rows(dated, "row", position_column="_row"),
        "activity_date",
        ALREADY_TYPED,
        earliest=TIKTOK_LAUNCHED,
        platform="TikTok",
        latest=export_date_latest("export_date"),
    )
    named = ", ".join(f"{ident(header)} AS {column}" for header, column in metrics.items())
    values = [ident(header) for header in metrics]
    return {
        table: f"""
            SELECT export_date, _row AS row_number, "Date" AS date_text, {named},
                   {activity_date} AS activity_date, export_date_source,
                   {LINEAGE}, {content_key("activity_date", *values)} AS _row_key
            FROM {dated}
        """
    }


def stage_overview(batch: Batch) -> Mapping[str, str]:
    for file in batch.files:
        if not has_any(file, OVERVIEW_METRICS, OVERVIEW_ALIASES):
            listed = ", ".join(f"'{name}'" for name in OVERVIEW_METRICS)
            raise ExportFormatError.at(
                file.source_file, f"no metric column (expected one or more of {listed})"
            )
    return _stage(batch, "tiktok_studio_overview", OVERVIEW_METRICS, OVERVIEW_ALIASES, ("Date",))


def stage_follower_history(batch: Batch) -> Mapping[str, str]:
    return _stage(
        batch,
        "tiktok_studio_follower_history",
        FOLLOWER_HISTORY_COLUMNS,
        FOLLOWER_HISTORY_ALIASES,
        ("Date", "Followers"),
    )


_NOT_USED = "no model uses it yet"
LOADER = Loader(
    name="tiktok_studio",
    description="TikTok Studio analytics CSVs (daily overview and follower history)",
    raw_tables=("tiktok_studio_overview", "tiktok_studio_follower_history"),
    file_sets=(
        # In the creator's folder, in a dated export folder or in an unzipped tab folder;
        # `Overview_<YYYY-MM-DD>.csv` is a later export saved next to the first one.
        FileSet("tiktok_studio/*/**/Overview*.csv", stage_overview, kind="TikTok Studio overview"),
        FileSet(
            "tiktok_studio/*/**/FollowerHistory*.csv",
            stage_follower_history,
            kind="TikTok Studio follower history",
        ),
    ),
    known_unread=(
        (
            "tiktok_studio/*/Content*.csv",
            "TikTok Studio Content tab (per-post totals over the export period, year-less post "
            f"times); the data download dates the posts; {_NOT_USED}",
        ),
        (
            "tiktok_studio/*/Viewers*",
            f"TikTok Studio daily total / new / returning viewers; {_NOT_USED}",
        ),
        (
            "tiktok_studio/*/FollowerActivity*.csv",
            f"TikTok Studio active followers by hour; {_NOT_USED}",
        ),
        (
            "tiktok_studio/*/FollowerGender*.csv",
            f"TikTok Studio follower gender split; {_NOT_USED}",
        ),
        (
            "tiktok_studio/*/FollowerTopTerritories*.csv",
            f"TikTok Studio follower territories; {_NOT_USED}",
        ),
        ("tiktok_studio/*.zip", "a zip archive: unzip it into the creator's folder to load it"),
    ),
)
