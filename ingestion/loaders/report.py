"""The load report: every file under the exports folder, loaded or not, and why not.

No file is skipped in silence. Each file is one of:

- `loaded`: read by this load (its rows are in raw, `rows_inserted` of them new);
- `unchanged`: read by an earlier load and not changed since (same path and content hash);
- `not_read`: no loader reads it, with the reason (no loader for this file or folder, empty,
  a system file, a file that looks like a known kind but is not);
- `pending`: a loader reads it, but that loader did not run in this load (`--only`);
- `quarantined`: a loader reads it, but it failed validation (or its owner folder is not on
  the roster, or it copies another creator's export): none of its rows are in raw, and
  `reason` says file, row, field and problem (also in `raw._load_errors`);
- `error`: a problem with a whole folder (files there, none of them readable).

The report is written to `raw._load_report` (replaced by each load; `raw._load_log` keeps the
history of every file read) and shown in the Dagster asset's metadata and the run summary.
"""

from __future__ import annotations

import fnmatch
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

import duckdb

from ingestion.loaders.base import Loader
from ingestion.loaders.discovery import (
    Discovery,
    discover,
    export_files,
    file_sha256,
    is_hidden,
)
from ingestion.loaders.schema import LOAD_LOG_TABLE, RAW_SCHEMA
from ingestion.loaders.state import forgotten_files, load_errors

LOAD_REPORT_TABLE = "_load_report"
STATUSES = ("loaded", "unchanged", "pending", "quarantined", "not_read", "error")
# How many folder-problem examples a message names.
_EXAMPLES = 3


@dataclass(frozen=True)
class FileStatus:
    source_file: str
    status: str
    loader: str | None = None
    file_set: str | None = None
    reason: str | None = None
    rows_in_file: int | None = None
    rows_inserted: int | None = None
    note: str | None = None
    loaded_at: datetime | None = None

    def describe(self) -> str:
        if self.status in ("loaded", "unchanged"):
            rows = f"{self.rows_in_file} rows"
            if self.status == "loaded":
                rows += f", {self.rows_inserted} new"
            detail = f"{self.status} by {self.loader} as {self.file_set} ({rows})"
            return f"{self.source_file}: {detail}" + (f"; {self.note}" if self.note else "")
        if self.status == "pending":
            return f"{self.source_file}: not loaded yet ({self.loader} did not run)"
        return f"{self.source_file}: {self.status.replace('_', ' ')}: {self.reason}"


@dataclass(frozen=True)
class LoadReport:
    files: tuple[FileStatus, ...]

    @property
    def problems(self) -> tuple[FileStatus, ...]:
        return tuple(f for f in self.files if f.status == "error")

    @property
    def quarantined(self) -> tuple[FileStatus, ...]:
        return tuple(f for f in self.files if f.status == "quarantined")

    @property
    def not_read(self) -> tuple[FileStatus, ...]:
        return tuple(f for f in self.files if f.status == "not_read")

    def counts(self) -> dict[str, int]:
        counted = Counter(f.status for f in self.files)
        return {status: counted[status] for status in STATUSES if counted[status]}

    def summary(self) -> str:
        counts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in self.counts().items())
        return f"load report: {len([f for f in self.files if f.status != 'error'])} files; {counts}"

    def lines(
        self, statuses: Iterable[str] = ("error", "quarantined", "not_read", "pending")
    ) -> list[str]:
        wanted = tuple(statuses)
        return [f.describe() for s in wanted for f in self.files if f.status == s]

    def markdown(self, limit: int = 200) -> str:
        """A table of every file, problems and unread files first, at most `limit` rows."""
        first = ("error", "quarantined", "not_read", "pending")
        order = {status: i for i, status in enumerate(first)}
        ordered = sorted(self.files, key=lambda f: (order.get(f.status, 9), f.source_file))
        rows = [
            "| file | status | loader / kind | rows (new) | reason or note |",
            "| --- | --- | --- | --- | --- |",
        ]
        for f in ordered[:limit]:
            kind = f"{f.loader} / {f.file_set}" if f.loader else ""
            counted = f.rows_in_file is not None
            rows_cell = f"{f.rows_in_file} ({f.rows_inserted})" if counted else ""
            text = (f.reason or f.note or "").replace("|", "\\|")
            rows.append(f"| `{f.source_file}` | {f.status} | {kind} | {rows_cell} | {text} |")
        if len(ordered) > limit:
            rows.append(f"\n... and {len(ordered) - limit} more files (raw.{LOAD_REPORT_TABLE})")
        return "\n".join(rows)

    def to_json(self) -> str:
        return json.dumps([asdict(f) for f in self.files], default=str, indent=1)


def build_report(
    conn: duckdb.DuckDBPyConnection,
    exports_dir: Path,
    loaders: Sequence[Loader],
    ran: Iterable[str],
    since: datetime | None,
) -> LoadReport:
    """The status of every file under `exports_dir`.

    `ran` names the loaders that ran in this load; a file logged at or after `since` was read
    by it (`loaded`), one logged before is `unchanged`.
    """
    ran = set(ran)
    discoveries = [discover(loader, exports_dir) for loader in loaders]
    claims: dict[str, tuple[Loader, str]] = {}
    rejections: dict[str, list[str]] = {}
    for found in discoveries:
        for source_file, file_set in found.claimed.items():
            claims.setdefault(source_file, (found.loader, file_set.name))
        for source_file, reasons in found.rejected.items():
            rejections.setdefault(source_file, []).extend(reasons)
    logged = _latest_log_entries(conn, list(claims))
    refused = load_errors(conn)
    errors = {
        (q.source_file, q.file_hash): f"{q.position}: {q.problem}" if q.position else q.problem
        for q in refused
        if q.file_hash
    }
    failed_loaders = {q.loader: q for q in refused if q.file_hash is None}
    forgotten = forgotten_files(conn)
    folders: dict[str, list[Loader]] = {}
    for loader in loaders:
        for folder in loader.folders:
            folders.setdefault(folder, []).append(loader)
    statuses: list[FileStatus] = []
    for source_file in export_files(exports_dir):
        claim = claims.get(source_file)
        if claim is None:
            reason = _why_not_read(exports_dir, source_file, rejections, folders)
            statuses.append(FileStatus(source_file, "not_read", reason=reason))
            continue
        loader, file_set = claim
        digest = file_sha256(exports_dir / source_file)
        if (source_file, digest) in errors:
            reason = errors[(source_file, digest)]
            statuses.append(FileStatus(source_file, "quarantined", loader.name, file_set, reason))
            continue
        if (source_file, digest) in forgotten:
            reason = (
                "forgotten (python -m ingestion forget): not read while its content stays the same"
            )
            statuses.append(FileStatus(source_file, "not_read", loader.name, file_set, reason))
            continue
        entry = logged.get((source_file, digest))
        if entry is None and loader.name in failed_loaders:
            reason = f"not loaded: {failed_loaders[loader.name].problem}"
            statuses.append(FileStatus(source_file, "not_read", loader.name, file_set, reason))
            continue
        if entry is None:
            statuses.append(FileStatus(source_file, "pending", loader.name, file_set))
            continue
        rows_in_file, rows_inserted, note, loaded_at = entry
        fresh = since is not None and loaded_at >= since and loader.name in ran
        statuses.append(
            FileStatus(
                source_file,
                "loaded" if fresh else "unchanged",
                loader.name,
                file_set,
                rows_in_file=rows_in_file,
                rows_inserted=rows_inserted if fresh else 0,
                note=note,
                loaded_at=loaded_at,
            )
        )
    statuses.extend(_folder_problems(discoveries, statuses))
    statuses.extend(
        FileStatus(q.source_file, "error", q.loader, reason=q.problem)
        for q in failed_loaders.values()
    )
    return LoadReport(tuple(statuses))


def _latest_log_entries(
    conn: duckdb.DuckDBPyConnection, source_files: list[str]
) -> dict[tuple[str, str], tuple[int, int, str | None, datetime]]:
    """The current entry of each file whose rows are in raw (its latest event is `loaded`)."""
    if not source_files:
        return {}
    found = conn.execute(
        f"""
        SELECT source_file, file_hash, rows_in_file, rows_inserted, note, loaded_at
        FROM {RAW_SCHEMA}.{LOAD_LOG_TABLE}
        WHERE source_file IN (SELECT unnest($files))
        QUALIFY row_number() OVER (PARTITION BY source_file ORDER BY loaded_at DESC) = 1
            AND coalesce(event, 'loaded') = 'loaded'
        """,
        {"files": source_files},
    ).fetchall()
    return {(row[0], row[1]): tuple(row[2:]) for row in found}


def _why_not_read(
    exports_dir: Path,
    source_file: str,
    rejections: dict[str, list[str]],
    folders: dict[str, list[Loader]],
) -> str:
    if is_hidden(source_file):
        return "hidden or system file (not an export)"
    if (exports_dir / source_file).stat().st_size == 0:
        return "empty file (0 bytes)"
    if source_file in rejections:
        return "; ".join(dict.fromkeys(rejections[source_file]))
    parts = PurePosixPath(source_file).parts
    known = ", ".join(sorted(folders))
    if len(parts) == 1:
        return f"not in an export folder (exports go in one of: {known})"
    readers = folders.get(parts[0])
    if readers is None:
        return f"no loader for this folder ({parts[0]}/; export folders: {known})"
    for loader in readers:
        for pattern, reason in loader.known_unread:
            if fnmatch.fnmatchcase(source_file, pattern):
                return f"no loader for this file: {reason}"
    return "no loader for this file"


def _folder_problems(
    discoveries: Sequence[Discovery], statuses: Sequence[FileStatus]
) -> list[FileStatus]:
    """A platform folder that holds files of which no loader reads any: most likely an export
    layout we do not know, so it is an error naming the files, never '0 files seen'."""
    by_folder: dict[str, list[Loader]] = {}
    for found in discoveries:
        for folder in found.loader.folders:
            by_folder.setdefault(folder, []).append(found.loader)
    problems: list[FileStatus] = []
    for folder, loaders in sorted(by_folder.items()):
        inside = [s for s in statuses if s.source_file.startswith(f"{folder}/")]
        unread = [s for s in inside if s.status == "not_read" and not is_hidden(s.source_file)]
        if not unread or len(unread) < len(inside):
            continue
        names = ", ".join(f"'{s.source_file}'" for s in unread[:_EXAMPLES])
        more = f" and {len(unread) - _EXAMPLES} more" if len(unread) > _EXAMPLES else ""
        readers = " / ".join(loader.name for loader in loaders)
        problems.append(
            FileStatus(
                f"{folder}/",
                "error",
                reason=(
                    f"{len(unread)} files under {folder}/ and {readers} reads none of them: "
                    f"{names}{more}; docs/export_formats.md lists the layouts it reads"
                ),
            )
        )
    return problems


def write_report(conn: duckdb.DuckDBPyConnection, report: LoadReport) -> None:
    """Replace raw._load_report with this report."""
    conn.execute(
        f"""
        CREATE OR REPLACE TABLE {RAW_SCHEMA}.{LOAD_REPORT_TABLE} (
            source_file VARCHAR, status VARCHAR, loader VARCHAR, file_set VARCHAR,
            reason VARCHAR, rows_in_file BIGINT, rows_inserted BIGINT, note VARCHAR,
            loaded_at TIMESTAMPTZ, reported_at TIMESTAMPTZ
        )
        """
    )
    if not report.files:
        return
    columns = {
        name: [getattr(f, name) for f in report.files]
        for name in (
            "source_file",
            "status",
            "loader",
            "file_set",
            "reason",
            "rows_in_file",
            "rows_inserted",
            "note",
            "loaded_at",
        )
    }
    selects = ", ".join(f"unnest(${name}) AS {name}" for name in columns)
    conn.execute(
        f"INSERT INTO {RAW_SCHEMA}.{LOAD_REPORT_TABLE} BY NAME "
        f"SELECT {selects}, now() AS reported_at",
        columns,
    )


def read_report(conn: duckdb.DuckDBPyConnection) -> LoadReport:
    exists = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = $s AND table_name = $t",
        {"s": RAW_SCHEMA, "t": LOAD_REPORT_TABLE},
    ).fetchone()[0]
    if not exists:
        return LoadReport(())
    rows = conn.execute(
        f"""SELECT source_file, status, loader, file_set, reason, rows_in_file, rows_inserted,
                   note, loaded_at
            FROM {RAW_SCHEMA}.{LOAD_REPORT_TABLE} ORDER BY source_file"""
    ).fetchall()
    return LoadReport(tuple(FileStatus(*row) for row in rows))
