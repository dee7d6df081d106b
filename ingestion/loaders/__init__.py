"""One loader per export format, landing `raw.*` tables in DuckDB (docs/export_formats.md)."""

from ingestion.loaders.base import FileSet, Loader, LoadResult, SourceFile
from ingestion.loaders.registry import LOADERS
from ingestion.loaders.runner import load_all, run_loader
from ingestion.loaders.schema import RAW_TABLES, ensure_raw_schema

__all__ = [
    "LOADERS",
    "RAW_TABLES",
    "FileSet",
    "LoadResult",
    "Loader",
    "SourceFile",
    "ensure_raw_schema",
    "load_all",
    "run_loader",
]
