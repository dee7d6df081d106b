"""The shapes every loader is built from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingestion.loaders.batch import Batch


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source_file: str  # posix path relative to the exports directory
    export_owner: str | None
    file_hash: str


# Reads a batch of new or changed files of one kind and returns, per raw table, a SELECT that
# yields the table's content columns followed by _export_owner, _source_file, _file_hash, _row_key.
StageFunction = Callable[["Batch"], Mapping[str, str]]


@dataclass(frozen=True)
class FileSet:
    """One kind of file a loader reads, e.g. every ``x/*/data/tweets.js``."""

    pattern: str  # glob relative to the exports directory
    stage: StageFunction


@dataclass(frozen=True)
class Loader:
    name: str
    description: str
    raw_tables: tuple[str, ...]
    file_sets: tuple[FileSet, ...]
    # True when files sit under <platform>/<handle>/..., so the handle is the export owner.
    owner_scoped: bool = True

    def discover(self, exports_dir: Path) -> list[tuple[FileSet, list[Path]]]:
        return [
            (file_set, sorted(p for p in exports_dir.glob(file_set.pattern) if p.is_file()))
            for file_set in self.file_sets
        ]

    def export_owner(self, source_file: str) -> str | None:
        return source_file.split("/")[1] if self.owner_scoped else None


@dataclass(frozen=True)
class LoadResult:
    loader: str
    files_seen: int
    files_loaded: int  # new or changed files actually read
    rows_inserted: dict[str, int]  # raw table -> rows added by this load

    def summary(self) -> str:
        tables = ", ".join(f"{table} +{rows}" for table, rows in self.rows_inserted.items())
        return (
            f"{self.loader}: {self.files_seen} files seen, {self.files_loaded} loaded; "
            f"{tables or 'no tables'}"
        )
