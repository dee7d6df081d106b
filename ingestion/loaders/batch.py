"""A batch: the new or changed files of one file set, registered in DuckDB for lineage joins."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import duckdb

from ingestion.loaders.base import SourceFile

_temp_counter = itertools.count()

# Columns a reader joins onto every row it reads; `f` is the batch's files table.
LINEAGE_FROM_FILES = (
    "f.export_owner AS _export_owner, f.source_file AS _source_file, f.file_hash AS _file_hash"
)
# The same three columns, carried through later SELECTs over a reader's output.
LINEAGE = "_export_owner, _source_file, _file_hash"


class Batch:
    def __init__(self, conn: duckdb.DuckDBPyConnection, files: Sequence[SourceFile]) -> None:
        self.conn = conn
        self.files = list(files)
        self._temps: list[str] = []
        self.notes: dict[str, list[str]] = {}
        self.row_note_selects: list[str] = []
        self.files_table = self.temp("files")
        conn.execute(
            f"""
            CREATE TEMP TABLE {self.files_table} AS
            SELECT unnest($path) AS path, unnest($source_file) AS source_file,
                   unnest($export_owner) AS export_owner, unnest($file_hash) AS file_hash
            """,
            {
                "path": [str(f.path) for f in self.files],
                "source_file": [f.source_file for f in self.files],
                "export_owner": [f.export_owner for f in self.files],
                "file_hash": [f.file_hash for f in self.files],
            },
        )

    @property
    def paths(self) -> list[str]:
        return [str(f.path) for f in self.files]

    def note(self, source_file: str, text: str) -> None:
        """Something the load log should say about how a file was read (an inferred value,
        where a date came from)."""
        notes = self.notes.setdefault(source_file, [])
        if text not in notes:
            notes.append(text)

    def note_rows(self, select_sql: str) -> None:
        """Values the load set aside, row by row: a SELECT of `_source_file`, `position`
        ('row 3', 'comment 2'), `field`, `value` (as exported, text) and `note` (why: "before
        Instagram existed", ...). They land in raw._load_notes with the file, and go when the
        file's rows go."""
        self.row_note_selects.append(select_sql)

    def temp(self, stem: str) -> str:
        """A fresh temp-table name, dropped by drop_temps()."""
        name = f"_load_{stem}_{next(_temp_counter)}"
        self._temps.append(name)
        return name

    def drop_temps(self) -> None:
        for name in reversed(self._temps):
            self.conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        self._temps.clear()
