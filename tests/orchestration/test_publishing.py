"""Publishing as one atomic version: built aside, made current by one pointer, rolled back
by moving it; a crash at any step leaves one consistent version; the same marts publish the
same bytes; a hostile data folder path is only a path."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from orchestration import publishing
from orchestration.publishing import (
    PublishLayout,
    StagedVersion,
    publish,
    read_manifest,
    rollback,
)

KEYS = {"marts.creators": ("creator_id",), "marts.rates": ("creator_id", "month")}
STEPS = ("built", "manifest written", "moved into versions", "previous pointer set")


def _warehouse(path: Path, creators: int, noise: float = 0.0, reverse: bool = False) -> Path:
    """A warehouse with two marts; `noise` perturbs floats in their last bits, `reverse`
    stores the rows in the other order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    order = "desc" if reverse else "asc"
    with duckdb.connect(str(path)) as conn:
        conn.execute("create schema if not exists marts")
        conn.execute(
            f"""create or replace table marts.creators as
            select 'cr_' || lpad(i::varchar, 4, '0') as creator_id, 'Creator ' || i as name
            from range({creators}) t(i) order by i {order}"""
        )
        conn.execute(
            f"""create or replace table marts.rates as
            select 'cr_' || lpad(i::varchar, 4, '0') as creator_id, m as month,
                   (i + 1) / 3.0 + {noise} as reply_rate, (i * 10 + m)::bigint as replies
            from range({creators}) t(i), range(3) s(m) order by i {order}, m {order}"""
        )
    return path


def _accept(staged: StagedVersion) -> dict:
    return {name: {"passed": True} for name in staged.row_counts}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _assert_consistent(layout: PublishLayout) -> dict:
    """BI file, Parquet and manifest at the stable paths are one version."""
    manifest = read_manifest(layout)
    assert manifest is not None
    assert layout.current.resolve().name == manifest["version"]
    with duckdb.connect(str(layout.bi_database), read_only=True) as bi:
        for relation, rows in manifest["row_counts"].items():
            assert bi.execute(f"select count(*) from {relation}").fetchone()[0] == rows
            parquet = layout.parquet / f"{relation}.parquet"
            assert (
                bi.execute("select count(*) from read_parquet(?)", [str(parquet)]).fetchone()[0]
                == rows
            )
    return manifest


@pytest.fixture
def layout(tmp_path: Path) -> PublishLayout:
    return PublishLayout(tmp_path / "published")


def test_a_version_is_one_folder_named_by_one_pointer(tmp_path: Path, layout) -> None:
    warehouse = _warehouse(tmp_path / "wh" / "mutuality.duckdb", 5)
    first = publish(warehouse, KEYS, "run-one", _accept, layout)
    second = publish(_warehouse(warehouse, 6), KEYS, "run-two", _accept, layout)

    version = layout.versions / second["version"]
    assert sorted(p.name for p in version.iterdir()) == [
        "manifest.json",
        "mutuality_bi.duckdb",
        "parquet",
    ]
    assert layout.current.readlink() == Path(f"versions/{second['version']}")
    assert layout.previous.readlink() == Path(f"versions/{first['version']}")
    for stable in (layout.bi_database, layout.parquet, layout.manifest):
        assert stable.is_symlink() and str(stable.readlink()).startswith("current/")
    assert _assert_consistent(layout)["row_counts"]["marts.creators"] == 6
    assert second["previous_version"] == first["version"]
    assert sorted(p.name for p in layout.versions.iterdir()) == sorted(
        [first["version"], second["version"]]
    )


def test_a_refused_version_leaves_bi_as_it_was(tmp_path: Path, layout) -> None:
    warehouse = _warehouse(tmp_path / "wh" / "mutuality.duckdb", 5)
    publish(warehouse, KEYS, "run-one", _accept, layout)
    before = (_digest(layout.bi_database), layout.manifest.read_text())

    def refuse(staged: StagedVersion) -> dict:
        raise RuntimeError("a suite failed")

    with pytest.raises(RuntimeError):
        publish(_warehouse(warehouse, 9), KEYS, "run-two", refuse, layout)
    assert (_digest(layout.bi_database), layout.manifest.read_text()) == before
    assert not layout.incoming.exists() or not any(layout.incoming.iterdir())


def test_validation_sees_the_version_that_is_published(tmp_path: Path, layout) -> None:
    warehouse = _warehouse(tmp_path / "wh" / "mutuality.duckdb", 5)
    seen: dict[str, int] = {}

    def look(staged: StagedVersion) -> dict:
        with duckdb.connect(str(staged.bi_database), read_only=True) as conn:
            seen["rows"] = conn.execute("select count(*) from marts.creators").fetchone()[0]
        return _accept(staged)

    manifest = publish(warehouse, KEYS, "run-one", look, layout)
    assert seen["rows"] == manifest["row_counts"]["marts.creators"] == 5
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        expected = publishing.fingerprint(conn, "marts.creators", KEYS["marts.creators"])
    assert manifest["fingerprints"]["marts.creators"] == expected


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_at_any_step_leaves_one_consistent_version(
    tmp_path: Path, layout, step: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = _warehouse(tmp_path / "wh" / "mutuality.duckdb", 4)
    publish(warehouse, KEYS, "run-one", _accept, layout)
    publish(_warehouse(warehouse, 5), KEYS, "run-two", _accept, layout)
    before = _assert_consistent(layout)

    def crash(at: str) -> None:
        if at == step:
            raise KeyboardInterrupt(f"killed after {at}")

    monkeypatch.setattr(publishing, "_checkpoint", crash)
    with pytest.raises(KeyboardInterrupt):
        publish(_warehouse(warehouse, 7), KEYS, "run-three", _accept, layout)
    monkeypatch.undo()

    # BI still sees the version before, whole; the one before that is still there to roll to
    assert _assert_consistent(layout)["version"] == before["version"]
    restored = rollback(layout)
    assert (
        _assert_consistent(layout)["version"] == restored["version"] == before["previous_version"]
    )
    rollback(layout)
    # the next publish removes the leftovers and works
    after = publish(_warehouse(warehouse, 8), KEYS, "run-four", _accept, layout)
    assert _assert_consistent(layout)["row_counts"]["marts.creators"] == 8
    assert not layout.incoming.exists()
    assert sorted(p.name for p in layout.versions.iterdir()) == sorted(
        [before["version"], after["version"]]
    )


def test_a_crash_after_the_pointer_swap_publishes_the_new_version(
    tmp_path: Path, layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = _warehouse(tmp_path / "wh" / "mutuality.duckdb", 4)
    first = publish(warehouse, KEYS, "run-one", _accept, layout)

    def crash(at: str) -> None:
        if at == "current pointer set":
            raise KeyboardInterrupt(at)

    monkeypatch.setattr(publishing, "_checkpoint", crash)
    with pytest.raises(KeyboardInterrupt):
        publish(_warehouse(warehouse, 6), KEYS, "run-two", _accept, layout)
    manifest = _assert_consistent(layout)
    assert manifest["row_counts"]["marts.creators"] == 6
    assert rollback(layout)["version"] == first["version"]


def test_rollback_moves_the_pointer_both_ways(tmp_path: Path, layout) -> None:
    warehouse = _warehouse(tmp_path / "wh" / "mutuality.duckdb", 3)
    first = publish(warehouse, KEYS, "run-one", _accept, layout)
    first_bytes = _digest(layout.bi_database)
    second = publish(_warehouse(warehouse, 4), KEYS, "run-two", _accept, layout)
    assert _digest(layout.previous_bi_database) == first_bytes

    assert rollback(layout)["version"] == first["version"]
    assert _digest(layout.bi_database) == first_bytes
    assert rollback(layout)["version"] == second["version"]
    assert _assert_consistent(layout)["row_counts"]["marts.creators"] == 4


def test_no_previous_version_no_rollback(tmp_path: Path, layout) -> None:
    publish(_warehouse(tmp_path / "wh" / "m.duckdb", 3), KEYS, "run-one", _accept, layout)
    with pytest.raises(FileNotFoundError, match="no previous published version"):
        rollback(layout)


def test_the_same_marts_publish_the_same_bytes(tmp_path: Path) -> None:
    """Rows stored in another order and floats that differ in their last bits (sums added in
    another order) publish byte-identical Parquet and equal tables."""
    one, other = PublishLayout(tmp_path / "one"), PublishLayout(tmp_path / "other")
    publish(_warehouse(tmp_path / "a" / "m.duckdb", 50), KEYS, "run-a", _accept, one)
    publish(
        _warehouse(tmp_path / "b" / "m.duckdb", 50, noise=1e-16, reverse=True),
        KEYS,
        "run-b",
        _accept,
        other,
    )
    for relation in KEYS:
        name = f"{relation}.parquet"
        assert _digest(one.parquet / name) == _digest(other.parquet / name), relation
    assert read_manifest(one)["fingerprints"] == read_manifest(other)["fingerprints"]


def _documentation(conn: duckdb.DuckDBPyConnection, relation: str) -> dict:
    """A table's comment, its columns' (type, nullable, comment) and its constraints."""
    schema, table = relation.split(".")
    where = "schema_name = ? and table_name = ? and database_name = current_database()"
    (comment,) = conn.execute(
        f"select comment from duckdb_tables() where {where}", [schema, table]
    ).fetchone()
    columns = conn.execute(
        f"select column_name, data_type, is_nullable, comment from duckdb_columns() "
        f"where {where} order by column_index",
        [schema, table],
    ).fetchall()
    constraints = conn.execute(
        f"select constraint_type, constraint_text from duckdb_constraints() where {where} "
        "order by all",
        [schema, table],
    ).fetchall()
    return {"comment": comment, "columns": columns, "constraints": constraints}


def test_the_bi_database_keeps_the_tables_definition_and_documentation(
    tmp_path: Path, layout
) -> None:
    """Column types, NOT NULL, CHECK and key constraints and every comment of the warehouse
    table reach the BI file (a table without comments too); rows stay ordered and rounded."""
    warehouse = _warehouse(tmp_path / "wh" / "m.duckdb", 4, noise=1e-16, reverse=True)
    with duckdb.connect(str(warehouse)) as conn:
        conn.execute("create table marts.rates_typed as select * from marts.rates limit 0")
        conn.execute(
            """create or replace table marts.rates (
                creator_id varchar not null, month bigint not null,
                reply_rate double check (reply_rate >= 0), replies bigint,
                primary key (creator_id, month))"""
        )
        conn.execute("insert into marts.rates select * from marts.rates_typed")
        conn.execute(
            "insert into marts.rates select 'cr_' || lpad(i::varchar, 4, '0'), m, "
            "(i + 1) / 3.0 + 1e-16, i * 10 + m from range(4) t(i), range(3) s(m) "
            "order by i desc, m desc"
        )
        conn.execute("drop table marts.rates_typed")
        conn.execute("comment on table marts.rates is 'Reply rates per creator and month.'")
        conn.execute("comment on column marts.rates.creator_id is 'Roster id (`cr_0001`).'")
        conn.execute("comment on column marts.rates.reply_rate is 'It''s a share; \\ ok.'")
        expected = {relation: _documentation(conn, relation) for relation in KEYS}
    assert expected["marts.rates"]["comment"] and expected["marts.rates"]["constraints"]

    publish(warehouse, KEYS, "run-one", _accept, layout)
    with duckdb.connect(str(layout.bi_database), read_only=True) as bi:
        for relation in KEYS:
            assert _documentation(bi, relation) == expected[relation], relation
        rows = bi.execute("select creator_id, month, reply_rate from marts.rates").fetchall()
    assert rows == sorted(rows) and rows[0] == ("cr_0000", 0, round(1 / 3, 12))


def test_an_older_layout_is_taken_over(tmp_path: Path, layout) -> None:
    """Data folders published before versions were folders: regular BI file and manifest,
    a parquet link into versions/<id>, *.previous files."""
    warehouse = _warehouse(tmp_path / "wh" / "m.duckdb", 3)
    old = layout.versions / "20260101T000000000000Z-oldrun00"
    old.mkdir(parents=True)
    (old / "marts.creators.parquet").write_bytes(b"old")
    layout.bi_database.write_bytes(b"old bi")
    (layout.root / "mutuality_bi.previous.duckdb").write_bytes(b"older bi")
    layout.manifest.write_text(json.dumps({"version": "old", "row_counts": {}}))
    (layout.root / "manifest.previous.json").write_text("{}")
    layout.parquet.symlink_to(f"versions/{old.name}")

    publish(warehouse, KEYS, "run-one", _accept, layout)
    _assert_consistent(layout)
    assert sorted(p.name for p in layout.root.iterdir()) == [
        "current",
        "manifest.json",
        "mutuality_bi.duckdb",
        "parquet",
        "versions",
    ]


def test_a_hostile_data_folder_path_is_only_a_path(tmp_path: Path) -> None:
    root = tmp_path / 'o\'brien "data"; drop table x; --'
    layout = PublishLayout(root / "published")
    warehouse = _warehouse(root / "warehouse" / "it's.duckdb", 3)
    manifest = publish(warehouse, KEYS, "run'one", _accept, layout)
    assert _assert_consistent(layout)["version"] == manifest["version"]
