"""Run loaders: find new or changed files, stage them, land new rows, log the files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb

from ingestion import warehouse
from ingestion.loaders.base import Loader, LoadResult, LoggedFile, SourceFile
from ingestion.loaders.batch import Batch
from ingestion.loaders.discovery import discover, file_sha256
from ingestion.loaders.registry import LOADERS
from ingestion.loaders.report import LoadReport, build_report, write_report
from ingestion.loaders.schema import (
    LOAD_LOG_TABLE,
    RAW_SCHEMA,
    RAW_TABLES,
    STAGED_LINEAGE,
    ensure_raw_schema,
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
    conn: duckdb.DuckDBPyConnection, loader: str | Loader, exports_dir: Path
) -> LoadResult:
    """Load one format's new or changed files in one transaction; nothing is written on error."""
    resolved = resolve_loader(loader)
    with transaction(conn):
        return _load(conn, resolved, Path(exports_dir))


def load_all(
    warehouse_path: Path, exports_dir: Path, loaders: Iterable[str] | None = None
) -> list[LoadResult]:
    """Run the given loaders (default: all) against a warehouse file, as one transaction,
    and replace raw._load_report with the status of every file under `exports_dir`."""
    selected = [resolve_loader(name) for name in (loaders if loaders is not None else LOADERS)]
    with warehouse.connect(warehouse_path) as conn, transaction(conn):
        (started,) = conn.execute("SELECT now()").fetchone()
        results = [_load(conn, loader, Path(exports_dir)) for loader in selected]
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


def _load(conn: duckdb.DuckDBPyConnection, loader: Loader, exports_dir: Path) -> LoadResult:
    if not exports_dir.is_dir():
        raise FileNotFoundError(f"exports directory {exports_dir} does not exist")
    ensure_raw_schema(conn)
    discovered = discover(loader, exports_dir).by_file_set()
    files_seen = sum(len(paths) for _, paths in discovered)
    rows_inserted = dict.fromkeys(loader.raw_tables, 0)
    logged: list[LoggedFile] = []
    for file_set, paths in discovered:
        files = [_source_file(loader, exports_dir, path) for path in paths]
        new_files = _not_yet_loaded(conn, files)
        for chunk in _chunks(new_files, BATCH_BYTES):
            batch = Batch(conn, chunk)
            in_file: Counter[str] = Counter()
            inserted_from_file: Counter[str] = Counter()
            for table, select_sql in file_set.stage(batch).items():
                staged_counts, new_counts = _land(batch, table, select_sql)
                in_file.update(staged_counts)
                inserted_from_file.update(new_counts)
                rows_inserted[table] += sum(new_counts.values())
            chunk_logged = [
                LoggedFile(
                    source_file=f.source_file,
                    file_hash=f.file_hash,
                    file_set=file_set.name,
                    rows_in_file=in_file[f.source_file],
                    rows_inserted=inserted_from_file[f.source_file],
                    note="; ".join(batch.notes.get(f.source_file, [])) or None,
                )
                for f in chunk
            ]
            _log_files(conn, loader.name, chunk_logged)
            logged.extend(chunk_logged)
            batch.drop_temps()
    return LoadResult(loader.name, files_seen, len(logged), rows_inserted, tuple(logged))


def _chunks(files: Sequence[SourceFile], max_bytes: int) -> Iterator[list[SourceFile]]:
    """Consecutive runs of files of at most `max_bytes` together (a larger file goes alone).

    Reading a file set in chunks bounds memory; landing is the same as in one go, because
    each chunk's anti-join sees the rows earlier chunks of the transaction inserted.
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


def _not_yet_loaded(
    conn: duckdb.DuckDBPyConnection, files: Sequence[SourceFile]
) -> list[SourceFile]:
    if not files:
        return []
    logged = conn.execute(
        f"""
        SELECT source_file, file_hash FROM {RAW_SCHEMA}.{LOAD_LOG_TABLE}
        WHERE source_file IN (SELECT unnest($source_files))
        """,
        {"source_files": [f.source_file for f in files]},
    ).fetchall()
    seen = set(logged)
    return [f for f in files if (f.source_file, f.file_hash) not in seen]


def _land(batch: Batch, table: str, select_sql: str) -> tuple[Counter[str], Counter[str]]:
    """Insert the staged rows whose _row_key the table lacks; row counts per source file.

    Within one load a key seen in several files lands once (from the first file by path).
    """
    conn = batch.conn
    _require_contract_columns(conn, table, select_sql)
    new_rows = batch.temp(f"new_{table}")
    conn.execute(
        f"""
        CREATE TEMP TABLE {new_rows} AS
        SELECT s.* FROM ({select_sql}) s
        ANTI JOIN {RAW_SCHEMA}.{table} r ON r._row_key = s._row_key
        QUALIFY row_number() OVER (PARTITION BY s._row_key ORDER BY s._source_file) = 1
        """
    )
    conn.execute(
        f"INSERT INTO {RAW_SCHEMA}.{table} BY NAME SELECT *, now() AS _loaded_at FROM {new_rows}"
    )
    return _count_by_file(conn, f"({select_sql})"), _count_by_file(conn, new_rows)


def _require_contract_columns(conn: duckdb.DuckDBPyConnection, table: str, select_sql: str) -> None:
    expected = [name for name, _ in (*RAW_TABLES[table], *STAGED_LINEAGE)]
    described = conn.execute(f"SELECT * FROM ({select_sql}) LIMIT 0").description
    actual = [column[0] for column in described]
    if actual != expected:
        raise RuntimeError(f"staged raw.{table} has columns {actual}, expected {expected}")


def _count_by_file(conn: duckdb.DuckDBPyConnection, relation: str) -> Counter[str]:
    """Rows per _source_file; over a staging SELECT only its lineage column is computed."""
    counts = conn.execute(f"SELECT _source_file, count(*) FROM {relation} s GROUP BY 1").fetchall()
    return Counter(dict(counts))


def _log_files(conn: duckdb.DuckDBPyConnection, loader: str, files: Sequence[LoggedFile]) -> None:
    conn.execute(
        f"""
        INSERT INTO {RAW_SCHEMA}.{LOAD_LOG_TABLE} BY NAME
        SELECT $loader AS loader, unnest($source_file) AS source_file,
               unnest($file_hash) AS file_hash, unnest($file_set) AS file_set,
               unnest($rows_in_file) AS rows_in_file, unnest($rows_inserted) AS rows_inserted,
               unnest($note) AS note, now() AS loaded_at
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
