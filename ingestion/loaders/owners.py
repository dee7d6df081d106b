"""Whose export a file is: the owner folder must be a creator on the roster, and an export
copied under a second owner folder is not loaded twice.

Both are quarantines (the files are listed with the reason, nothing of theirs is loaded),
decided before any file is read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import duckdb

from ingestion.loaders.base import Loader, SourceFile
from ingestion.loaders.state import Quarantined, current_files


def roster_columns() -> dict[str, str]:
    """The roster column that names a creator's handle in each platform folder: the folders
    of a platform's loaders (the platform registry) take its `<platform>_handle`."""
    from ingestion.loaders.registry import platform_loader
    from mutuality import platforms

    return {
        folder: f"{platform.name}_handle"
        for platform in platforms.registry()
        for name in platform.loaders
        for folder in platform_loader(name).folders
    }


# Identical files this small (an empty list, a bare header) are common to many creators'
# exports and prove no copy.
MIN_COPY_BYTES = 128


def roster_handles(conn: duckdb.DuckDBPyConnection) -> dict[str, set[str]] | None:
    """Lower-cased handles per roster column; None when no roster is loaded."""
    columns = sorted(set(roster_columns().values()))
    found = conn.execute(f"SELECT {', '.join(columns)} FROM raw.roster_creators").fetchall()
    if not found:
        return None
    return {
        column: {row[i].strip().lower() for row in found if row[i] and row[i].strip()}
        for i, column in enumerate(columns)
    }


def check_owners(
    conn: duckdb.DuckDBPyConnection, loader: Loader, files: Sequence[SourceFile]
) -> list[Quarantined]:
    """Files to quarantine because of their owner folder, before anything is read."""
    if not loader.owner_scoped:
        return []
    quarantined = _not_on_roster(conn, loader, files)
    refused = {q.source_file for q in quarantined}
    quarantined += _copies(conn, loader, [f for f in files if f.source_file not in refused])
    return quarantined


def _not_on_roster(
    conn: duckdb.DuckDBPyConnection, loader: Loader, files: Sequence[SourceFile]
) -> list[Quarantined]:
    handles = roster_handles(conn)
    if handles is None:
        return []  # no roster at all: the load report says so
    quarantined = []
    for file in files:
        folder = file.source_file.split("/")[0]
        column = roster_columns().get(folder)
        owner = file.export_owner or ""
        if column is None or owner.lower() in handles[column]:
            continue
        problem = (
            f"the owner folder {folder}/{owner}/ is not a creator on the roster: add "
            f"{owner} as the {column} of a creator in roster/creators.csv (or move the "
            f"export to the folder of the creator's {column})"
        )
        quarantined.append(Quarantined(loader.name, file.source_file, file.file_hash, problem))
    return quarantined


def _copies(
    conn: duckdb.DuckDBPyConnection, loader: Loader, files: Sequence[SourceFile]
) -> list[Quarantined]:
    """A file whose content is already in raw, or in an earlier folder of this load, under
    another owner: a copy of another creator's export."""
    loaded = current_files(conn, loader.name)
    first_by_hash: dict[str, str] = {}
    for path, digest in sorted(loaded.items()):
        first_by_hash.setdefault(digest, path)
    by_hash: dict[str, list[SourceFile]] = defaultdict(list)
    for file in sorted(files, key=lambda f: f.source_file):
        by_hash[file.file_hash].append(file)
    quarantined = []
    for digest, same in by_hash.items():
        if same[0].path.stat().st_size < MIN_COPY_BYTES:
            continue
        original = first_by_hash.get(digest) or same[0].source_file
        original_owner = loader.export_owner(original)
        for file in same:
            if file.export_owner == original_owner:
                continue
            folder = file.source_file.split("/")[0]
            problem = (
                f"same content as {original} (the export of {original_owner}): the export in "
                f"{folder}/{file.export_owner}/ repeats {folder}/{original_owner}/; remove the "
                f"copy, or if {file.export_owner} is a creator of its own, give it its own "
                f"export (and its line in roster/creators.csv)"
            )
            quarantined.append(Quarantined(loader.name, file.source_file, file.file_hash, problem))
    return quarantined
