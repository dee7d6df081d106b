"""Undo by fixing the files: forget a file, or re-derive every raw table from the files present.

Both work through the same load as every run (`runner.load_all`): raw reflects the files
present, so a forgotten file's rows leave with its owner group read again, and a rebuild
retracts every file and reads them all. No SQL against the warehouse by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ingestion import warehouse
from ingestion.loaders.base import LoadResult
from ingestion.loaders.discovery import file_sha256
from ingestion.loaders.registry import LOADERS
from ingestion.loaders.runner import load_all, transaction
from ingestion.loaders.schema import (
    FORGOTTEN_TABLE,
    LOAD_ERRORS_TABLE,
    LOAD_NOTES_TABLE,
    RAW_SCHEMA,
    RAW_TABLES,
    ensure_raw_schema,
)
from ingestion.loaders.state import current_files, log_retracted, request_rebuild


def relative_to_exports(exports_dir: Path, path: str | Path) -> str:
    """A path as the load names it (relative to the exports folder), from a path relative to
    the exports folder, to the working directory, or absolute."""
    candidate = Path(path)
    for absolute in (candidate, Path.cwd() / candidate, exports_dir / candidate):
        try:
            return absolute.resolve().relative_to(exports_dir.resolve()).as_posix()
        except ValueError:
            continue
    raise ValueError(f"{path} is not inside the exports folder {exports_dir}")


def forget(
    warehouse_path: Path, exports_dir: Path, paths: Iterable[str | Path]
) -> list[LoadResult]:
    """Retract these files: their rows leave raw, and they are not read again while their
    content stays the same (a changed file, or one added again with other content, loads)."""
    exports_dir = Path(exports_dir)
    names = [relative_to_exports(exports_dir, path) for path in paths]
    with warehouse.connect(warehouse_path) as conn:
        ensure_raw_schema(conn)
        with transaction(conn):
            for name in names:
                file = exports_dir / name
                if file.is_file():
                    conn.execute(
                        f"INSERT INTO {RAW_SCHEMA}.{FORGOTTEN_TABLE} VALUES ($f, $h, now())",
                        {"f": name, "h": file_sha256(file)},
                    )
    return load_all(warehouse_path, exports_dir)


def rebuild(warehouse_path: Path, exports_dir: Path) -> list[LoadResult]:
    """Re-derive every raw table from the files present: every file's rows leave raw and
    every file is read again (forgotten files stay forgotten)."""
    with warehouse.connect(warehouse_path) as conn:
        ensure_raw_schema(conn)
        with transaction(conn):
            for table in RAW_TABLES:
                conn.execute(f"DELETE FROM {RAW_SCHEMA}.{table}")
            for table in (LOAD_NOTES_TABLE, LOAD_ERRORS_TABLE):
                conn.execute(f"DELETE FROM {RAW_SCHEMA}.{table}")
            for loader in LOADERS.values():
                files = sorted(current_files(conn, loader.name))
                log_retracted(
                    conn, loader.name, files, dict.fromkeys(files, "retracted by a rebuild")
                )
            request_rebuild(conn, "raw re-derived from the files present (ingestion rebuild)")
    return load_all(warehouse_path, exports_dir)
