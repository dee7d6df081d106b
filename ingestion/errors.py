"""Errors raised while reading platform exports."""

from __future__ import annotations


class ExportFormatError(ValueError):
    """A file does not have the shape docs/export_formats.md describes.

    The message starts with the file's path relative to the exports directory, then (where it
    applies) the row or record, then the problem: ``crm/deals.csv row 17: unparseable ...``.
    The parts are kept too (`source_file`, `position`, `field`, `problem`), for the load
    errors table and the run summary.
    """

    def __init__(
        self,
        message: str,
        source_file: str | None = None,
        *,
        position: str | None = None,
        field: str | None = None,
        problem: str | None = None,
    ) -> None:
        super().__init__(message)
        self.source_file = source_file
        self.position = position
        self.field = field
        self.problem = problem or message

    @classmethod
    def at(
        cls,
        source_file: str,
        problem: str,
        position: str | None = None,
        field: str | None = None,
    ) -> ExportFormatError:
        where = f"{source_file} {position}" if position else source_file
        return cls(
            f"{where}: {problem}", source_file, position=position, field=field, problem=problem
        )
