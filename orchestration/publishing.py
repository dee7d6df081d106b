"""Publish validated marts to BI as one version: a folder holding the BI DuckDB file, the
Parquet files and the manifest, named by one pointer that is swapped atomically.

Layout under $MUTUALITY_DATA_DIR/published/:

    versions/<id>/mutuality_bi.duckdb      the BI database of that version
    versions/<id>/parquet/<schema>.<table>.parquet
    versions/<id>/manifest.json            run id, row counts, fingerprints, validations
    current -> versions/<id>               the one pointer (a symlink, swapped with os.replace)
    previous -> versions/<id>              the version before it, for rollback
    mutuality_bi.duckdb -> current/mutuality_bi.duckdb    the stable paths a BI tool opens
    parquet -> current/parquet
    manifest.json -> current/manifest.json
    .incoming/<id>/                        a version being built (a killed publish's leftover
                                           is removed by the next one)

A version is built aside from the working warehouse (rows ordered by their keys, floats
rounded to 12 significant digits, so the same marts always give the same Parquet bytes), then
validated *there* by the caller, and only then made current. Each table of the BI database is
created with the shape of its warehouse table (column types, NOT NULL and CHECK constraints of
the dbt contracts, primary and unique keys) and keeps its documentation: the table and column
comments dbt persists from the model YAML. (Parquet has no place for either.)
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ingestion.loaders.sql import ident, literal
from mutuality import settings

BI_DATABASE = "mutuality_bi.duckdb"
PARQUET = "parquet"
MANIFEST = "manifest.json"
SIGNIFICANT_DIGITS = 12
FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")


@dataclass(frozen=True)
class PublishLayout:
    root: Path

    @property
    def versions(self) -> Path:
        return self.root / "versions"

    @property
    def current(self) -> Path:
        return self.root / "current"

    @property
    def previous(self) -> Path:
        return self.root / "previous"

    @property
    def incoming(self) -> Path:
        return self.root / ".incoming"

    @property
    def bi_database(self) -> Path:
        return self.root / BI_DATABASE

    @property
    def parquet(self) -> Path:
        return self.root / PARQUET

    @property
    def manifest(self) -> Path:
        return self.root / MANIFEST

    @property
    def previous_bi_database(self) -> Path:
        return self.previous / BI_DATABASE

    @property
    def previous_parquet(self) -> Path:
        return self.previous / PARQUET


def default_layout() -> PublishLayout:
    return PublishLayout(settings.data_dir() / "published")


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


# -- what a published table holds ----------------------------------------------------------


def _relation_sql(relation: str, catalog: str | None = None) -> str:
    parts = ([catalog] if catalog else []) + relation.split(".")
    return ".".join(ident(part) for part in parts)


def _columns(conn: duckdb.DuckDBPyConnection, relation: str, catalog: str | None):
    schema, table = relation.split(".")
    return conn.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? "
        "and (? is null or table_catalog = ?) order by ordinal_position",
        [schema, table, catalog, catalog],
    ).fetchall()


def _rounded(column: str) -> str:
    """A float to SIGNIFICANT_DIGITS significant digits: sums that differ in their last bits
    with the order rows were added in publish the same value."""
    c = ident(column)
    return (
        f"case when {c} is null or {c} = 0 or isinf({c}) or isnan({c}) then {c} "
        f"else round({c}, cast({SIGNIFICANT_DIGITS} - ceil(log10(abs({c}))) as integer)) end "
        f"as {c}"
    )


def publication_sql(
    conn: duckdb.DuckDBPyConnection,
    relation: str,
    key: Sequence[str],
    catalog: str | None = None,
) -> str:
    """The rows of `relation` as published: floats rounded, ordered by the key (then every
    other column, so even a duplicated key has one order)."""
    columns = _columns(conn, relation, catalog)
    if not columns:
        raise LookupError(f"{relation} does not exist in the warehouse")
    selected = ", ".join(
        _rounded(name) if data_type in FLOAT_TYPES else ident(name) for name, data_type in columns
    )
    order = [*key, *(name for name, _ in columns if name not in key)]
    return (
        f"select {selected} from {_relation_sql(relation, catalog)} "
        f"order by {', '.join(ident(name) for name in order)}"
    )


def fingerprint(
    conn: duckdb.DuckDBPyConnection,
    relation: str,
    key: Sequence[str],
    catalog: str | None = None,
) -> str:
    """A content fingerprint of the table as it would be published: row count and an
    order-independent sum of row hashes (any changed, added or removed row changes it)."""
    query = publication_sql(conn, relation, key, catalog)
    rows, total = conn.execute(
        f"select count(*), coalesce(sum(hash(p)::hugeint), 0) from ({query}) p"
    ).fetchone()
    return f"{rows}:{total}"


# -- a published table's shape and documentation -------------------------------------------

# Constraints copied from the warehouse table (NOT NULL is part of each column's definition;
# a FOREIGN KEY would name tables of the warehouse).
_COPIED_CONSTRAINTS = ("CHECK", "PRIMARY KEY", "UNIQUE")


def _table_definition(conn: duckdb.DuckDBPyConnection, relation: str, catalog: str) -> str:
    """`create table` for `relation` as the warehouse defines it: every column with its type
    and NOT NULL, then its CHECK, PRIMARY KEY and UNIQUE constraints."""
    schema, table = relation.split(".")
    where = "database_name = ? and schema_name = ? and table_name = ?"
    columns = conn.execute(
        f"select column_name, data_type, is_nullable from duckdb_columns() where {where} "
        "order by column_index",
        [catalog, schema, table],
    ).fetchall()
    if not columns:
        raise LookupError(f"{relation} does not exist in the warehouse")
    constraints = conn.execute(
        f"select constraint_text from duckdb_constraints() where {where} "
        "and constraint_type in ? order by constraint_index",
        [catalog, schema, table, list(_COPIED_CONSTRAINTS)],
    ).fetchall()
    definitions = [
        f"{ident(name)} {data_type}{'' if nullable else ' not null'}"
        for name, data_type, nullable in columns
    ] + [text for (text,) in constraints]
    return f"create table {_relation_sql(relation)} ({', '.join(definitions)})"


def _documentation(conn: duckdb.DuckDBPyConnection, relation: str, catalog: str) -> list[str]:
    """`comment on` statements giving the table and its columns the warehouse's comments."""
    schema, table = relation.split(".")
    where = "database_name = ? and schema_name = ? and table_name = ?"
    (table_comment,) = conn.execute(
        f"select comment from duckdb_tables() where {where}", [catalog, schema, table]
    ).fetchone()
    column_comments = conn.execute(
        f"select column_name, comment from duckdb_columns() where {where} "
        "and comment is not null order by column_index",
        [catalog, schema, table],
    ).fetchall()
    target = _relation_sql(relation)
    statements = [f"comment on table {target} is {literal(table_comment)}"] if table_comment else []
    statements += [
        f"comment on column {target}.{ident(column)} is {literal(comment)}"
        for column, comment in column_comments
    ]
    return statements


# -- building a version aside ---------------------------------------------------------------


@dataclass(frozen=True)
class StagedVersion:
    """A version built aside in .incoming, not yet visible to BI."""

    layout: PublishLayout
    version: str
    run_id: str
    row_counts: dict[str, int]
    fingerprints: dict[str, str]

    @property
    def folder(self) -> Path:
        return self.layout.incoming / self.version

    @property
    def bi_database(self) -> Path:
        return self.folder / BI_DATABASE


def _checkpoint(step: str) -> None:
    """Between the steps of a publish; tests replace it to simulate a crash at each step."""


def build_version(
    warehouse: Path,
    keys: Mapping[str, Sequence[str]],
    run_id: str,
    layout: PublishLayout | None = None,
) -> StagedVersion:
    """Copy every relation of `keys` (schema.table -> key columns) from the warehouse into a
    new version folder under .incoming: the BI database (each table defined and documented as
    in the warehouse, its rows as published), then Parquet files written from it."""
    layout = layout or default_layout()
    clean_leftovers(layout)
    version = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{run_id[:8]}"
    folder = layout.incoming / version
    (folder / PARQUET).mkdir(parents=True)
    row_counts: dict[str, int] = {}
    fingerprints: dict[str, str] = {}
    try:
        with duckdb.connect(str(folder / BI_DATABASE)) as conn:
            conn.execute(f"attach {literal(str(warehouse))} as warehouse (read_only)")
            for relation in sorted(keys):
                schema = relation.split(".")[0]
                conn.execute(f"create schema if not exists {ident(schema)}")
                conn.execute(_table_definition(conn, relation, "warehouse"))
                query = publication_sql(conn, relation, keys[relation], catalog="warehouse")
                conn.execute(f"insert into {_relation_sql(relation)} by name {query}")
                for statement in _documentation(conn, relation, "warehouse"):
                    conn.execute(statement)
            conn.execute("detach warehouse")
            for relation in sorted(keys):
                row_counts[relation] = conn.execute(
                    f"select count(*) from {_relation_sql(relation)}"
                ).fetchone()[0]
                fingerprints[relation] = fingerprint(conn, relation, keys[relation])
                target = folder / PARQUET / f"{relation}.parquet"
                query = publication_sql(conn, relation, keys[relation])
                conn.execute(f"copy ({query}) to {literal(str(target))} (format parquet)")
            conn.execute("checkpoint")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _checkpoint("built")
    return StagedVersion(layout, version, run_id, row_counts, fingerprints)


def discard(staged: StagedVersion) -> None:
    shutil.rmtree(staged.folder, ignore_errors=True)


# -- making a version current ---------------------------------------------------------------


def _replace_link(link: Path, target: str) -> None:
    tmp = link.with_name(f".{link.name}.tmp")
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(target)
    os.replace(tmp, link)


def _version_target(name: str) -> str:
    return f"versions/{name}"


def _pointed(link: Path) -> str | None:
    """The version a pointer names, or None."""
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def _ensure_stable_paths(layout: PublishLayout) -> None:
    """The paths a BI tool opens name the current version's files through `current`."""
    for name in (BI_DATABASE, PARQUET, MANIFEST):
        link = layout.root / name
        target = f"current/{name}"
        if link.is_symlink() and os.readlink(link) == target:
            continue
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)
        _replace_link(link, target)


_OLD_LAYOUT = (
    "mutuality_bi.previous.duckdb",
    "parquet.previous",
    "manifest.previous.json",
)


def clean_leftovers(layout: PublishLayout) -> None:
    """Remove what a killed publish left: half-built versions, versions no pointer names, and
    the files of the layout before versions were folders."""
    shutil.rmtree(layout.incoming, ignore_errors=True)
    if layout.current.is_symlink():
        _ensure_stable_paths(layout)
        for name in _OLD_LAYOUT:
            old = layout.root / name
            if old.is_symlink() or old.is_file():
                old.unlink()
    for stray in layout.root.glob(".*.tmp"):
        stray.unlink()
    if not layout.versions.is_dir():
        return
    keep = {_pointed(layout.current), _pointed(layout.previous), _rollback_target(layout)}
    # before the first pointer exists (an older layout), its parquet link names the version
    if layout.current.is_symlink() is False and layout.parquet.is_symlink():
        keep.add(Path(os.readlink(layout.parquet)).name)
    for version in layout.versions.iterdir():
        if version.name not in keep:
            shutil.rmtree(version) if version.is_dir() else version.unlink()


def _write_json(path: Path, content: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(content, indent=2, sort_keys=True, default=str))
    os.replace(tmp, path)


def activate(
    staged: StagedVersion,
    validations: dict[str, Any],
    quarantined_files: Sequence[str] = (),
) -> dict[str, Any]:
    """Write the manifest into the staged version, move it under versions/ and make it
    current (the version that was current becomes previous). Returns the manifest."""
    layout = staged.layout
    manifest = {
        "version": staged.version,
        "run_id": staged.run_id,
        "published_at": datetime.now(UTC).isoformat(),
        "previous_version": _pointed(layout.current),
        "row_counts": staged.row_counts,
        "fingerprints": staged.fingerprints,
        "validations": validations,
        # export files left out of this version (quarantined when it was built)
        "quarantined_files": sorted(quarantined_files),
        "bi_database": str(layout.bi_database),
        "parquet": str(layout.parquet),
    }
    _write_json(staged.folder / MANIFEST, manifest)
    _checkpoint("manifest written")
    layout.versions.mkdir(parents=True, exist_ok=True)
    os.replace(staged.folder, layout.versions / staged.version)
    _checkpoint("moved into versions")
    current = _pointed(layout.current)
    if current is not None:
        _replace_link(layout.previous, _version_target(current))
    _checkpoint("previous pointer set")
    _replace_link(layout.current, _version_target(staged.version))
    _checkpoint("current pointer set")
    clean_leftovers(layout)
    return manifest


def publish(
    warehouse: Path,
    keys: Mapping[str, Sequence[str]],
    run_id: str,
    validate: Callable[[StagedVersion], dict[str, Any]],
    layout: PublishLayout | None = None,
    quarantined_files: Sequence[str] = (),
) -> dict[str, Any]:
    """Build a version aside, have `validate` check it (it returns the validations to record,
    or raises to refuse), then make it current."""
    staged = build_version(warehouse, keys, run_id, layout)
    try:
        validations = validate(staged)
    except BaseException:
        discard(staged)
        raise
    return activate(staged, validations, quarantined_files)


def _manifest_of(layout: PublishLayout, version: str | None) -> dict[str, Any] | None:
    manifest = layout.versions / str(version) / MANIFEST
    return json.loads(manifest.read_text()) if version and manifest.exists() else None


def _rollback_target(layout: PublishLayout) -> str | None:
    """The `previous` pointer; when a publish died between setting it and swapping `current`
    both name the same version, and the current manifest's predecessor is the one."""
    current, previous = _pointed(layout.current), _pointed(layout.previous)
    if previous is not None and previous != current and _manifest_of(layout, previous):
        return previous
    predecessor = (_manifest_of(layout, current) or {}).get("previous_version")
    return predecessor if _manifest_of(layout, predecessor) else None


def rollback(layout: PublishLayout | None = None) -> dict[str, Any]:
    """Make the previous published version current again (and the current one previous)."""
    layout = layout or default_layout()
    target, current = _rollback_target(layout), _pointed(layout.current)
    if target is None:
        raise FileNotFoundError(f"no previous published version in {layout.root}")
    _replace_link(layout.current, _version_target(target))
    if current is not None:
        _replace_link(layout.previous, _version_target(current))
    _ensure_stable_paths(layout)
    return _manifest_of(layout, target)
