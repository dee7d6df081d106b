"""Run loaders: find the files present, retract what left or changed, stage the new files one
chunk at a time, quarantine a file that fails, land the rest, log every file.

Two modes:

- default (fault isolation): a file that fails validation is quarantined (its rows are not
  loaded; it is listed in `raw._load_errors` and the load report) and every other file loads.
  Each chunk of files lands in its own transaction with its log entries, so a file is either
  wholly in raw and logged, or not at all.
- `strict`: all or nothing. The first bad file raises `ExportFormatError` and nothing from the
  load is written (one transaction).

Corrections: raw reflects the files present now. A logged file that is gone, replaced under
the same path, or forgotten retracts its owner group's rows, and the group's files present are
read again (`ingestion.loaders.state`); the next dbt build is then a full refresh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from ingestion import warehouse
from ingestion.errors import ExportFormatError
from ingestion.loaders.base import FileSet, Loader, LoadResult, LoggedFile, SourceFile
from ingestion.loaders.batch import Batch
from ingestion.loaders.diagnose import short_message
from ingestion.loaders.discovery import discover, file_sha256
from ingestion.loaders.owners import check_owners
from ingestion.loaders.registry import LOADERS
from ingestion.loaders.report import LoadReport, build_report, write_report
from ingestion.loaders.schema import (
    LOAD_LOG_TABLE,
    LOAD_NOTES_TABLE,
    RAW_SCHEMA,
    RAW_TABLES,
    STAGED_LINEAGE,
    ensure_raw_schema,
)
from ingestion.loaders.sql import ident
from ingestion.loaders.state import (
    Quarantined,
    current_files,
    forgotten_files,
    log_retracted,
    replace_errors,
    request_rebuild,
)

# Bytes of export files read by one DuckDB statement; bounds memory on large exports.
BATCH_BYTES = 512 * 1024 * 1024


def resolve_loader(loader: str | Loader) -> Loader:
    if isinstance(loader, Loader):
        return loader
    try:
        return LOADERS[loader]
    except KeyError:
        known = ", ".join(LOADERS)
        raise ValueError(f"unknown loader {loader!r} (known: {known})") from None


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[None]:
    conn.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def run_loader(
    conn: duckdb.DuckDBPyConnection,
    loader: str | Loader,
    exports_dir: Path,
    *,
    strict: bool = False,
) -> LoadResult:
    """Load one format's files present in `exports_dir` (see the module docstring)."""
    resolved = resolve_loader(loader)
    with transaction(conn) if strict else nullcontext():
        return _load(conn, resolved, Path(exports_dir), strict)


def load_all(
    warehouse_path: Path,
    exports_dir: Path,
    loaders: Iterable[str] | None = None,
    *,
    strict: bool = False,
) -> list[LoadResult]:
    """Run the given loaders (default: all) against a warehouse file, then replace
    raw._load_report with the status of every file under `exports_dir`."""
    selected = [resolve_loader(name) for name in (loaders if loaders is not None else LOADERS)]
    with warehouse.connect(warehouse_path) as conn, transaction(conn) if strict else nullcontext():
        (started,) = conn.execute("SELECT now()").fetchone()
        results = [_load(conn, loader, Path(exports_dir), strict) for loader in selected]
        with nullcontext() if strict else transaction(conn):
            report = build_report(
                conn,
                Path(exports_dir),
                list(LOADERS.values()),
                ran=[loader.name for loader in selected],
                since=started,
            )
            write_report(conn, report)
        return results


def report_load(
    conn: duckdb.DuckDBPyConnection, exports_dir: Path, since: datetime | None
) -> LoadReport:
    """Build and store the load report after every loader ran (the Dagster job's last
    ingestion step): files logged at or after `since` were loaded by this run."""
    ensure_raw_schema(conn)
    with transaction(conn):
        report = build_report(
            conn, Path(exports_dir), list(LOADERS.values()), ran=LOADERS, since=since
        )
        write_report(conn, report)
    return report


def _load(
    conn: duckdb.DuckDBPyConnection, loader: Loader, exports_dir: Path, strict: bool
) -> LoadResult:
    if not exports_dir.is_dir():
        raise FileNotFoundError(f"exports directory {exports_dir} does not exist")
    ensure_raw_schema(conn)
    by_file_set = {
        file_set: [_source_file(loader, exports_dir, path) for path in paths]
        for file_set, paths in discover(loader, exports_dir).by_file_set()
    }
    present = [file for files in by_file_set.values() for file in files]
    quarantined = check_owners(conn, loader, present)
    if strict and quarantined:
        first = quarantined[0]
        raise ExportFormatError.at(first.source_file, first.problem)
    refused = {q.source_file for q in quarantined}
    forgotten = forgotten_files(conn)
    wanted = {
        f.source_file: f.file_hash
        for f in present
        if f.source_file not in refused and (f.source_file, f.file_hash) not in forgotten
    }
    current = current_files(conn, loader.name)
    stale = _stale_files(current, wanted)
    stale_owners = {loader.export_owner(path) for path in stale}
    load = _Load(conn, loader, strict, quarantined)
    for owner in sorted(stale_owners, key=lambda owner: owner or ""):
        group = {
            file_set: [f for f in files if f.source_file in wanted and f.export_owner == owner]
            for file_set, files in by_file_set.items()
        }
        load.reload_group(owner, group, stale)
    for file_set, files in by_file_set.items():
        new_files = [
            f
            for f in files
            if f.source_file in wanted
            and f.export_owner not in stale_owners
            and current.get(f.source_file) != f.file_hash
        ]
        load.add_files(file_set, new_files)
    if not strict:
        with transaction(conn):
            replace_errors(conn, loader.name, quarantined)
    return LoadResult(
        loader.name,
        len(present),
        len(load.logged),
        load.rows_inserted,
        tuple(load.logged),
        quarantined=tuple(quarantined),
        retracted=tuple(load.retracted),
    )


def _stale_files(current: dict[str, str], wanted: dict[str, str]) -> dict[str, str]:
    """Logged files whose rows must leave raw (path -> why): gone, refused, forgotten or
    replaced under the same path."""
    stale = {}
    for path, digest in current.items():
        if path not in wanted:
            stale[path] = "no longer present (removed, forgotten or quarantined)"
        elif wanted[path] != digest:
            stale[path] = "replaced by a new version of the file"
    return stale


class _Load:
    """One loader's landing: new files chunk by chunk, and owner groups read again whole."""

    def __init__(
        self,
        conn: duckdb.DuckDBPyConnection,
        loader: Loader,
        strict: bool,
        quarantined: list[Quarantined],
    ) -> None:
        self.conn = conn
        self.loader = loader
        self.strict = strict
        self.quarantined = quarantined
        self.rows_inserted = dict.fromkeys(loader.raw_tables, 0)
        self.logged: list[LoggedFile] = []
        self.retracted: list[str] = []

    def _transaction(self) -> AbstractContextManager[None]:
        return nullcontext() if self.strict else transaction(self.conn)

    def _stage(self, file_set: FileSet, chunk: list[SourceFile]) -> _Staged | None:
        return _stage(self.conn, self.loader, file_set, chunk, self.strict, self.quarantined)

    def add_files(self, file_set: FileSet, files: list[SourceFile]) -> None:
        """New files of owners whose logged files are all still present: each chunk lands in
        its own transaction, adding the keys raw lacks."""
        for chunk in _chunks(files, BATCH_BYTES):
            staged = self._stage(file_set, chunk)
            if staged is None:
                continue
            with self._transaction():
                replaced = self._land(file_set, staged)
                if replaced:
                    request_rebuild(self.conn, f"{self.loader.name}: {replaced}")
            staged.batch.drop_temps()

    def reload_group(
        self, owner: str | None, group: dict[FileSet, list[SourceFile]], stale: dict[str, str]
    ) -> None:
        """An owner group with a file gone or replaced: read every file of the group present
        now, and in one transaction make raw hold exactly their rows (keys no file holds any
        more leave, changed rows are replaced, the rest stay as they are)."""
        staged_chunks = []
        for file_set, files in group.items():
            for chunk in _chunks(files, BATCH_BYTES):
                staged = self._stage(file_set, chunk)
                if staged is not None:
                    staged_chunks.append((file_set, staged))
        gone = sorted(path for path in stale if self.loader.export_owner(path) == owner)
        with self._transaction():
            changes = [self._land(fs, staged, replace=True) for fs, staged in staged_chunks]
            removed = _remove_unstaged(
                self.conn, self.loader, owner, [staged for _, staged in staged_chunks]
            )
            log_retracted(self.conn, self.loader.name, gone, stale)
            reasons = [change for change in changes if change]
            if removed:
                reasons.append(f"{removed} rows retracted")
            if reasons:
                scope = f"{self.loader.name} {owner}" if owner else self.loader.name
                request_rebuild(self.conn, f"{scope}: " + "; ".join(reasons))
        self.retracted.extend(gone)
        for _, staged in staged_chunks:
            staged.batch.drop_temps()

    def _land(self, file_set: FileSet, staged: _Staged, replace: bool = False) -> str | None:
        """Land a staged chunk and log its files; what changed in rows raw already held."""
        batch = staged.batch
        in_file: Counter[str] = Counter()
        inserted_from_file: Counter[str] = Counter()
        replaced = 0
        for table, staged_table in staged.tables.items():
            in_file.update(_count_by_file(batch.conn, staged_table))
            inserted, table_replaced = _land(batch, table, staged_table, replace)
            inserted_from_file.update(inserted)
            self.rows_inserted[table] += sum(inserted.values())
            replaced += table_replaced
        chunk_logged = [
            LoggedFile(
                source_file=f.source_file,
                file_hash=f.file_hash,
                file_set=file_set.name,
                rows_in_file=in_file[f.source_file],
                rows_inserted=inserted_from_file[f.source_file],
                note="; ".join(batch.notes.get(f.source_file, [])) or None,
            )
            for f in batch.files
        ]
        _log_files(batch.conn, self.loader.name, chunk_logged)
        if staged.notes:
            _insert_row_notes(batch, self.loader.name, staged.notes)
        self.logged.extend(chunk_logged)
        return f"{replaced} rows replaced by another file's version" if replaced else None


@dataclass
class _Staged:
    batch: Batch
    tables: dict[str, str]  # raw table -> temp table of its staged rows
    notes: str | None  # temp table of the batch's row notes


def _stage(
    conn: duckdb.DuckDBPyConnection,
    loader: Loader,
    file_set: FileSet,
    chunk: list[SourceFile],
    strict: bool,
    quarantined: list[Quarantined],
) -> _Staged | None:
    """Read and validate a chunk into temp tables. Outside strict mode a file that fails is
    quarantined and the chunk is read again without it (a failed statement only affects the
    temp tables; nothing in raw is touched before the chunk lands)."""
    remaining = list(chunk)
    while remaining:
        batch = Batch(conn, remaining)
        try:
            return _staged(batch, file_set)
        except ExportFormatError as error:
            if strict:
                raise  # the transaction is aborted: no more statements, the caller rolls back
            batch.drop_temps()
            culprit = next((f for f in remaining if f.source_file == error.source_file), None)
            if culprit is None:
                culprits = _failing_alone(conn, loader, file_set, remaining, quarantined)
                remaining = [f for f in remaining if f not in culprits]
                continue
            quarantined.append(_quarantine(loader, culprit, error))
            remaining.remove(culprit)
        except duckdb.Error:
            if strict:
                raise
            batch.drop_temps()
            culprits = _failing_alone(conn, loader, file_set, remaining, quarantined)
            remaining = [f for f in remaining if f not in culprits]
    return None


def _failing_alone(
    conn: duckdb.DuckDBPyConnection,
    loader: Loader,
    file_set: FileSet,
    files: list[SourceFile],
    quarantined: list[Quarantined],
) -> list[SourceFile]:
    """Stage each file on its own; the ones that fail are quarantined (at least one: if no
    file fails alone, the whole chunk is, so a load never loops)."""
    failing = []
    for file in files:
        batch = Batch(conn, [file])
        try:
            _staged(batch, file_set)
        except ExportFormatError as error:
            quarantined.append(_quarantine(loader, file, error))
            failing.append(file)
        except duckdb.Error as error:
            problem = f"could not be read: {short_message(error, file)}"
            quarantined.append(Quarantined(loader.name, file.source_file, file.file_hash, problem))
            failing.append(file)
        finally:
            batch.drop_temps()
    if failing:
        return failing
    for file in files:
        problem = "could not be read together with the other files of its kind"
        quarantined.append(Quarantined(loader.name, file.source_file, file.file_hash, problem))
    return list(files)


def _quarantine(loader: Loader, file: SourceFile, error: ExportFormatError) -> Quarantined:
    return Quarantined(
        loader.name,
        file.source_file,
        file.file_hash,
        error.problem,
        position=error.position,
        field=error.field,
    )


def _staged(batch: Batch, file_set: FileSet) -> _Staged:
    tables = {}
    for table, select_sql in file_set.stage(batch).items():
        _require_contract_columns(batch.conn, table, select_sql)
        staged = batch.temp(f"staged_{table}")
        batch.conn.execute(f"CREATE TEMP TABLE {staged} AS {select_sql}")
        tables[table] = staged
    notes = None
    if batch.row_note_selects:
        notes = batch.temp("row_notes")
        union = " UNION ALL ".join(
            "SELECT _source_file, CAST(position AS VARCHAR) AS position, "
            "CAST(field AS VARCHAR) AS field, CAST(value AS VARCHAR) AS value, "
            f"CAST(note AS VARCHAR) AS note FROM ({select_sql})"
            for select_sql in batch.row_note_selects
        )
        batch.conn.execute(f"CREATE TEMP TABLE {notes} AS {union}")
    return _Staged(batch, tables, notes)


def _chunks(files: Sequence[SourceFile], max_bytes: int) -> Iterator[list[SourceFile]]:
    """Consecutive runs of files of at most `max_bytes` together (a larger file goes alone).

    Reading a file set in chunks bounds memory; landing is the same as in one go, because
    each chunk sees the rows earlier chunks landed.
    """
    chunk: list[SourceFile] = []
    size = 0
    for file in files:
        file_size = file.path.stat().st_size
        if chunk and size + file_size > max_bytes:
            yield chunk
            chunk, size = [], 0
        chunk.append(file)
        size += file_size
    if chunk:
        yield chunk


def _source_file(loader: Loader, exports_dir: Path, path: Path) -> SourceFile:
    relative = path.relative_to(exports_dir).as_posix()
    return SourceFile(path, relative, loader.export_owner(relative), file_sha256(path))


def _land(batch: Batch, table: str, staged: str, replace: bool) -> tuple[Counter[str], int]:
    """Land the staged rows: (rows inserted per source file, rows of raw replaced).

    A key lands once, from the first file by path that holds it. A staged row whose key raw
    already holds replaces that row only when its content differs and it wins: it comes from
    an earlier file by path, or (`replace`: a group read again whole) always. With the same
    content the row stays as it is (a group read again moves its lineage to the staged file).
    So the order files arrive in does not matter: a load from scratch of the same files gives
    the same rows.
    """
    conn = batch.conn
    first = batch.temp(f"first_{table}")
    conn.execute(
        f"""CREATE TEMP TABLE {first} AS SELECT * FROM {staged} s
            QUALIFY row_number() OVER (PARTITION BY s._row_key ORDER BY s._source_file) = 1"""
    )
    names = [ident(name) for name, _ in RAW_TABLES[table]]
    differs = (
        f"({', '.join(f's.{n}' for n in names)}) IS DISTINCT FROM "
        f"({', '.join(f'r.{n}' for n in names)})"
    )
    wins = "true" if replace else "s._source_file < r._source_file"
    collisions = batch.temp(f"collisions_{table}")
    conn.execute(
        f"""
        CREATE TEMP TABLE {collisions} AS
        SELECT s._row_key, s._source_file, s._file_hash,
               {differs} AND {wins} AS replaces, NOT {differs} AS same_content
        FROM {first} s JOIN {RAW_SCHEMA}.{table} r ON r._row_key = s._row_key
        """
    )
    (replaced,) = conn.execute(f"SELECT count(*) FROM {collisions} WHERE replaces").fetchone()
    if replaced:
        conn.execute(
            f"""DELETE FROM {RAW_SCHEMA}.{table}
                WHERE _row_key IN (SELECT _row_key FROM {collisions} WHERE replaces)"""
        )
    if replace:
        conn.execute(
            f"""
            UPDATE {RAW_SCHEMA}.{table} SET _source_file = c._source_file,
                _file_hash = c._file_hash
            FROM {collisions} c
            WHERE c.same_content AND {RAW_SCHEMA}.{table}._row_key = c._row_key
            """
        )
    new_rows = batch.temp(f"new_{table}")
    conn.execute(
        f"""
        CREATE TEMP TABLE {new_rows} AS
        SELECT s.* FROM {first} s
        ANTI JOIN (SELECT _row_key FROM {collisions} WHERE NOT replaces) kept
            ON kept._row_key = s._row_key
        """
    )
    conn.execute(
        f"INSERT INTO {RAW_SCHEMA}.{table} BY NAME SELECT *, now() AS _loaded_at FROM {new_rows}"
    )
    return _count_by_file(conn, new_rows), replaced


def _remove_unstaged(
    conn: duckdb.DuckDBPyConnection, loader: Loader, owner: str | None, staged: Sequence[_Staged]
) -> int:
    """Delete the owner group's rows whose key no staged file holds; how many."""
    removed = 0
    for table in loader.raw_tables:
        held = [f"SELECT _row_key FROM {s.tables[table]}" for s in staged if table in s.tables]
        kept = " UNION ALL ".join(held) or "SELECT NULL::VARCHAR AS _row_key WHERE false"
        scope = f"_export_owner IS NOT DISTINCT FROM $owner AND _row_key NOT IN ({kept})"
        (count,) = conn.execute(
            f"SELECT count(*) FROM {RAW_SCHEMA}.{table} WHERE {scope}", {"owner": owner}
        ).fetchone()
        if count:
            conn.execute(f"DELETE FROM {RAW_SCHEMA}.{table} WHERE {scope}", {"owner": owner})
            removed += count
    return removed


def _require_contract_columns(conn: duckdb.DuckDBPyConnection, table: str, select_sql: str) -> None:
    expected = [name for name, _ in (*RAW_TABLES[table], *STAGED_LINEAGE)]
    described = conn.execute(f"SELECT * FROM ({select_sql}) LIMIT 0").description
    actual = [column[0] for column in described]
    if actual != expected:
        raise RuntimeError(f"staged raw.{table} has columns {actual}, expected {expected}")


def _count_by_file(conn: duckdb.DuckDBPyConnection, relation: str) -> Counter[str]:
    counts = conn.execute(f"SELECT _source_file, count(*) FROM {relation} s GROUP BY 1").fetchall()
    return Counter(dict(counts))


def _insert_row_notes(batch: Batch, loader: str, notes: str) -> None:
    batch.conn.execute(
        f"""
        INSERT INTO {RAW_SCHEMA}.{LOAD_NOTES_TABLE} BY NAME
        SELECT $loader AS loader, n._source_file AS source_file, f.file_hash, n.position,
               n.field, n.value, n.note, now() AS loaded_at
        FROM {notes} n JOIN {batch.files_table} f ON f.source_file = n._source_file
        """,
        {"loader": loader},
    )


def _log_files(conn: duckdb.DuckDBPyConnection, loader: str, files: Sequence[LoggedFile]) -> None:
    conn.execute(
        f"""
        INSERT INTO {RAW_SCHEMA}.{LOAD_LOG_TABLE} BY NAME
        SELECT $loader AS loader, unnest($source_file) AS source_file,
               unnest($file_hash) AS file_hash, unnest($file_set) AS file_set,
               unnest($rows_in_file) AS rows_in_file, unnest($rows_inserted) AS rows_inserted,
               unnest($note) AS note, 'loaded' AS event, now() AS loaded_at
        """,
        {
            "loader": loader,
            "source_file": [f.source_file for f in files],
            "file_hash": [f.file_hash for f in files],
            "file_set": [f.file_set for f in files],
            "rows_in_file": [f.rows_in_file for f in files],
            "rows_inserted": [f.rows_inserted for f in files],
            "note": [f.note for f in files],
        },
    )
