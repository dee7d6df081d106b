"""Publish validated marts to BI: a separate DuckDB file and Parquet files, written aside and
swapped in atomically, so a BI reader never sees a half-written file and never holds a lock
on the working warehouse. The previous version is kept for rollback.

Layout under $MUTUALITY_DATA_DIR/published/:

    mutuality_bi.duckdb            the current BI database (open it read-only)
    mutuality_bi.previous.duckdb   the version before it
    parquet -> versions/<id>/      <schema>.<table>.parquet per mart (symlink, swapped atomically)
    parquet.previous -> versions/<id>/
    manifest.json                  run id, time, row counts and validation results
    manifest.previous.json
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ingestion import paths


@dataclass(frozen=True)
class PublishLayout:
    root: Path

    @property
    def bi_database(self) -> Path:
        return self.root / "mutuality_bi.duckdb"

    @property
    def previous_bi_database(self) -> Path:
        return self.root / "mutuality_bi.previous.duckdb"

    @property
    def parquet(self) -> Path:
        return self.root / "parquet"

    @property
    def previous_parquet(self) -> Path:
        return self.root / "parquet.previous"

    @property
    def versions(self) -> Path:
        return self.root / "versions"

    @property
    def manifest(self) -> Path:
        return self.root / "manifest.json"

    @property
    def previous_manifest(self) -> Path:
        return self.root / "manifest.previous.json"

    @property
    def incoming(self) -> Path:
        return self.root / ".incoming"


def default_layout() -> PublishLayout:
    return PublishLayout(paths.data_dir() / "published")


def read_manifest(layout: PublishLayout) -> dict[str, Any] | None:
    if not layout.manifest.exists():
        return None
    return json.loads(layout.manifest.read_text())


def last_published_row_counts(layout: PublishLayout) -> dict[str, int]:
    """The row counts the volume checks compare with: none when the last version was built
    while export files were quarantined (it is partial: fixing them may grow any mart)."""
    manifest = read_manifest(layout)
    if not manifest or manifest.get("quarantined_files"):
        return {}
    return dict(manifest["row_counts"])


def _quote(relation: str) -> str:
    return ".".join(f'"{part}"' for part in relation.split("."))


def _write_aside(warehouse: Path, relations: list[str], workdir: Path, parquet_dir: Path):
    database = workdir / "mutuality_bi.duckdb"
    parquet_dir.mkdir(parents=True)
    row_counts: dict[str, int] = {}
    with duckdb.connect(str(database)) as conn:
        conn.execute(f"attach '{warehouse}' as warehouse (read_only)")
        for relation in relations:
            schema = relation.split(".")[0]
            conn.execute(f'create schema if not exists "{schema}"')
            conn.execute(
                f"create table {_quote(relation)} as select * from warehouse.{_quote(relation)}"
            )
            row_counts[relation] = conn.execute(
                f"select count(*) from {_quote(relation)}"
            ).fetchone()[0]
            target = parquet_dir / f"{relation}.parquet"
            conn.execute(f"copy {_quote(relation)} to '{target}' (format parquet)")
        conn.execute("detach warehouse")
        conn.execute("checkpoint")
    return database, row_counts


def _swap_file(new: Path, current: Path, previous: Path) -> None:
    """current -> previous, new -> current; `current` exists at every instant."""
    if current.exists():
        keep = previous.with_name(previous.name + ".tmp")
        keep.unlink(missing_ok=True)
        os.link(current, keep)
        os.replace(keep, previous)
    os.replace(new, current)


def _swap_link(target: Path, link: Path, previous_link: Path) -> None:
    relative = os.path.relpath(target, link.parent)
    if link.is_symlink():
        old = os.readlink(link)
        tmp_previous = previous_link.with_name(previous_link.name + ".tmp")
        tmp_previous.unlink(missing_ok=True)
        tmp_previous.symlink_to(old)
        os.replace(tmp_previous, previous_link)
    tmp = link.with_name(link.name + ".tmp")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(relative)
    os.replace(tmp, link)


def _write_json(path: Path, content: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(content, indent=2, sort_keys=True, default=str))
    os.replace(tmp, path)


def _prune_versions(layout: PublishLayout) -> None:
    keep = {
        Path(os.readlink(link)).name
        for link in (layout.parquet, layout.previous_parquet)
        if link.is_symlink()
    }
    for version in layout.versions.iterdir():
        if version.name not in keep:
            shutil.rmtree(version)


def publish(
    warehouse: Path,
    relations: list[str],
    run_id: str,
    validations: dict[str, Any],
    layout: PublishLayout | None = None,
    quarantined_files: list[str] | None = None,
) -> dict[str, Any]:
    """Copy `relations` (schema.table) from the warehouse to the BI database and Parquet,
    then swap them in. Returns the manifest written."""
    layout = layout or default_layout()
    published_at = datetime.now(UTC)
    version = f"{published_at:%Y%m%dT%H%M%S%fZ}-{run_id[:8]}"
    workdir = layout.incoming / version
    workdir.mkdir(parents=True)
    try:
        database, row_counts = _write_aside(
            warehouse, sorted(relations), workdir, layout.versions / version
        )
        manifest = {
            "version": version,
            "run_id": run_id,
            "published_at": published_at.isoformat(),
            "row_counts": row_counts,
            "validations": validations,
            # export files left out of this version (quarantined when it was built)
            "quarantined_files": sorted(quarantined_files or []),
            "bi_database": str(layout.bi_database),
            "parquet": str(layout.parquet),
        }
        if layout.manifest.exists():
            shutil.copy2(layout.manifest, layout.previous_manifest)
        _swap_file(database, layout.bi_database, layout.previous_bi_database)
        _swap_link(layout.versions / version, layout.parquet, layout.previous_parquet)
        _write_json(layout.manifest, manifest)
    except BaseException:
        shutil.rmtree(layout.versions / version, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    _prune_versions(layout)
    return manifest


def rollback(layout: PublishLayout | None = None) -> dict[str, Any]:
    """Make the previous published version current again (and the current one previous)."""
    layout = layout or default_layout()
    if not (layout.previous_bi_database.exists() and layout.previous_manifest.exists()):
        raise FileNotFoundError(f"no previous published version in {layout.root}")
    swap = layout.root / "mutuality_bi.swap.duckdb"
    os.link(layout.previous_bi_database, swap)
    _swap_file(swap, layout.bi_database, layout.previous_bi_database)
    previous_target = layout.root / os.readlink(layout.previous_parquet)
    _swap_link(previous_target, layout.parquet, layout.previous_parquet)
    current = json.loads(layout.manifest.read_text())
    restored = json.loads(layout.previous_manifest.read_text())
    _write_json(layout.previous_manifest, current)
    _write_json(layout.manifest, restored)
    return restored
