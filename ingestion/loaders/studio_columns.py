"""Which header columns of an analytics-app CSV (TikTok Studio, YouTube Studio) a loader reads.

The Studio apps write only the metrics the user selected, under names that vary with the
language and the era. A loader names every spelling it knows; the rest of a file's header is
said in the load log (`columns not read: ...`), so a metric is never dropped in silence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ingestion.loaders.base import SourceFile
from ingestion.loaders.batch import Batch
from ingestion.loaders.csv_files import csv_layout

# canonical column name -> its other spellings (as `read_csv_rows(aliases=...)` takes them)
Aliases = Mapping[str, Sequence[str]]


def spellings(names: Iterable[str], aliases: Aliases) -> set[str]:
    """Every spelling of `names`, folded as the CSV reader compares headers."""
    return {_fold(s) for name in names for s in (name, *aliases.get(name, ()))}


def header(file: SourceFile) -> tuple[str, ...]:
    """The file's header names as written (blanks stripped); only its first bytes are read."""
    return csv_layout(file).header


def has_any(file: SourceFile, names: Iterable[str], aliases: Aliases) -> bool:
    known = spellings(names, aliases)
    return any(_fold(name) in known for name in header(file))


def note_unread_columns(batch: Batch, names: Iterable[str], aliases: Aliases) -> None:
    """Note, per file, the header columns that are none of `names` (in any spelling)."""
    known = spellings(names, aliases)
    for file in batch.files:
        unread = [name for name in header(file) if _fold(name) not in known]
        if unread:
            listed = ", ".join(f"'{name}'" for name in unread)
            batch.note(file.source_file, f"columns not read: {listed}")


def _fold(name: str) -> str:
    return name.strip().lower()
