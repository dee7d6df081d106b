"""Lower bound (a): DuckDB reading the same export files straight into tables, no repair.

Every file set of every loader becomes one `create table ... as select * from read_json(...)`
or `read_csv(...)` over the same files, with DuckDB's auto-detection and nothing else. X
archive files are JavaScript assignments, not JSON, so their bound is `read_text` (the bytes).
A file set the auto-detecting reader cannot take falls back to `read_text`, and says so.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from ingestion.loaders import LOADERS

_MIN_OBJECT_SIZE = 16 * 1024 * 1024


@dataclass(frozen=True)
class BareRead:
    loader: str
    pattern: str
    files: int
    bytes: int
    rows: int
    seconds: float
    reader: str


def _readers(files: list[Path]) -> list[tuple[str, str]]:
    """Auto-detecting reader first; `read_text` when it cannot take the files."""
    path = files[0]
    if path.suffix == ".json":
        # as the loaders do: room for the largest document, no more (DuckDB allocates it)
        largest = max(max(f.stat().st_size for f in files) + 1, _MIN_OBJECT_SIZE)
        auto = (
            "read_json",
            f"read_json($paths, union_by_name = true, maximum_object_size = {largest})",
        )
    elif path.suffix == ".csv":
        auto = ("read_csv", "read_csv($paths, union_by_name = true)")
    else:
        return [("read_text", "read_text($paths)")]
    return [auto, ("read_text", "read_text($paths)")]


def _create(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    paths: list[str],
    readers: list[tuple[str, str]],
    pattern: str,
) -> tuple[str, float]:
    """The first reader that can read the files: its name and the seconds it took."""
    for reader, source in readers:
        started = time.perf_counter()
        try:
            conn.execute(
                f"create or replace table {table} as select * from {source}", {"paths": paths}
            )
        except duckdb.Error:
            continue
        return reader, time.perf_counter() - started
    raise RuntimeError(f"no reader could read {pattern}")


def bare_read(conn: duckdb.DuckDBPyConnection, exports_dir: Path) -> list[BareRead]:
    results = []
    for loader in LOADERS.values():
        for number, (file_set, files) in enumerate(loader.discover(exports_dir)):
            if not files:
                continue
            table = f"bare_{loader.name}_{number}"
            paths = [str(p) for p in files]
            reader, seconds = _create(conn, table, paths, _readers(files), file_set.name)
            rows = conn.execute(f"select count(*) from {table}").fetchone()[0]
            results.append(
                BareRead(
                    loader=loader.name,
                    pattern=file_set.name,
                    files=len(files),
                    bytes=sum(p.stat().st_size for p in files),
                    rows=rows,
                    seconds=round(seconds, 3),
                    reader=reader,
                )
            )
            conn.execute(f"drop table {table}")
    return results


def as_dicts(results: list[BareRead]) -> list[dict[str, object]]:
    return [asdict(r) for r in results]
