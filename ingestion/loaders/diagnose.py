"""Error-path helpers: a failed DuckDB statement aborts the load transaction, so the failing
file is found by re-reading file by file on a scratch in-memory connection."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from ingestion.loaders.base import SourceFile

_DUCKDB_HINTS = ("\n\nLINE ", "\nPossible fixes:", "\nTry setting ")


def short_message(error: Exception, file: SourceFile) -> str:
    """DuckDB's message on one line, without its hints, naming the file by its relative path."""
    message = str(error)
    for hint in _DUCKDB_HINTS:
        message = message.split(hint)[0]
    lines = (
        line.strip() for line in message.replace(str(file.path), file.source_file).splitlines()
    )
    return "; ".join(line for line in lines if line)


def first_failing_file(files: Sequence[SourceFile], query: str) -> tuple[SourceFile, Exception]:
    """Run `query` (with $path, reading every column) for each file alone; the first failure."""
    with duckdb.connect() as scratch:
        for file in sorted(files, key=lambda f: f.source_file):
            try:
                scratch.execute(query, {"path": str(file.path)}).fetchall()
            except duckdb.Error as error:
                return file, error
    raise LookupError("no single file fails")


def is_valid_json(file: SourceFile) -> bool:
    with duckdb.connect() as scratch:
        found = scratch.execute(
            "SELECT json_valid(content) FROM read_text($path)", {"path": str(file.path)}
        ).fetchone()
    return bool(found and found[0])
