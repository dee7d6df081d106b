"""The shapes every loader is built from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ingestion.loaders.batch import Batch
    from ingestion.loaders.state import Quarantined


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source_file: str  # posix path relative to the exports directory
    export_owner: str | None
    file_hash: str


# Reads a batch of new or changed files of one kind and returns, per raw table, a SELECT that
# yields the table's content columns followed by _export_owner, _source_file, _file_hash, _row_key.
StageFunction = Callable[["Batch"], Mapping[str, str]]

# Looks at a candidate file (usually its first bytes) and says whether it is this kind of file:
# None when it is, otherwise the reason it is not (it goes into the load report).
Recognizer = Callable[[Path], str | None]


@dataclass(frozen=True)
class FileSet:
    """One kind of file a loader reads, e.g. every X `tweets.js`, wherever the archive era put it.

    `pattern` is one glob or several, relative to the exports directory. A file matching a
    pattern is this kind when `recognize` (if given) accepts it: real exports name files
    loosely (API responses saved under any name), so some kinds are told apart by content.
    """

    pattern: str | tuple[str, ...]
    stage: StageFunction
    kind: str = ""
    recognize: Recognizer | None = None

    @property
    def patterns(self) -> tuple[str, ...]:
        return (self.pattern,) if isinstance(self.pattern, str) else self.pattern

    @property
    def name(self) -> str:
        return self.kind or self.patterns[0]


@dataclass(frozen=True)
class Loader:
    name: str
    description: str
    raw_tables: tuple[str, ...]
    file_sets: tuple[FileSet, ...]
    # True when files sit under <platform>/<handle>/..., so the handle is the export owner.
    owner_scoped: bool = True
    # Files of this loader's folders that are known and deliberately not read: (glob over the
    # path relative to the exports folder, reason shown in the load report).
    known_unread: tuple[tuple[str, str], ...] = ()
    # The contract of raw tables this loader brings (name -> (column, SQL type) pairs), for a
    # loader outside ingestion/ (a new platform's); ours are in ingestion/loaders/schema.py.
    contract: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    @property
    def folders(self) -> tuple[str, ...]:
        """The top-level export folders this loader reads (`x`, `crm`, ...)."""
        patterns = (pattern for file_set in self.file_sets for pattern in file_set.patterns)
        return tuple(dict.fromkeys(pattern.split("/")[0] for pattern in patterns))

    def discover(self, exports_dir: Path) -> list[tuple[FileSet, list[Path]]]:
        """Every file set with the files it claims (each file is claimed once, by the first
        file set whose pattern matches and whose recognizer accepts it)."""
        from ingestion.loaders.discovery import discover

        return discover(self, exports_dir).by_file_set()

    def export_owner(self, source_file: str) -> str | None:
        return source_file.split("/")[1] if self.owner_scoped else None


@dataclass(frozen=True)
class LoggedFile:
    """One file read by a load, as written to raw._load_log."""

    source_file: str
    file_hash: str
    file_set: str
    rows_in_file: int
    rows_inserted: int
    note: str | None = None


@dataclass(frozen=True)
class LoadResult:
    loader: str
    files_seen: int
    files_loaded: int  # new or changed files actually read
    rows_inserted: dict[str, int]  # raw table -> rows added by this load
    files: tuple[LoggedFile, ...] = field(default=())
    quarantined: tuple[Quarantined, ...] = field(default=())  # refused files, nothing loaded
    retracted: tuple[str, ...] = field(default=())  # files whose earlier rows left raw

    def summary(self) -> str:
        tables = ", ".join(f"{table} +{rows}" for table, rows in self.rows_inserted.items())
        summary = (
            f"{self.loader}: {self.files_seen} files seen, {self.files_loaded} loaded; "
            f"{tables or 'no tables'}"
        )
        if self.retracted:
            summary += f"; {len(self.retracted)} retracted"
        if self.quarantined:
            summary += f"; {len(self.quarantined)} QUARANTINED"
        return summary
