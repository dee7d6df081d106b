"""Fixtures for loader tests: the hand-written fixture exports and tmp_path warehouses."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from ingestion.loaders import load_all
from ingestion.loaders.sql import ident

FIXTURE_EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"


def mojibake(text: str) -> str:
    """How Meta's JSON stores `text`: every UTF-8 byte as its own character."""
    return text.encode("utf-8").decode("latin-1")


def records(conn: duckdb.DuckDBPyConnection, sql: str, *params: Any) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, list(params))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def raw_snapshot(conn: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    """Every raw table's rows (the load log included), sorted, for before/after comparisons.

    The load report is left out: it describes the files as of the latest load (a file
    `loaded` by one load is `unchanged` in the next)."""
    tables = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw' "
        "AND table_name <> '_load_report' ORDER BY 1"
    ).fetchall()
    return {
        name: conn.execute(f"SELECT * FROM raw.{ident(name)} ORDER BY ALL").fetchall()
        for (name,) in tables
    }


@pytest.fixture
def exports(tmp_path: Path) -> Path:
    """A private copy of the fixture exports that a test may edit."""
    target = tmp_path / "exports"
    shutil.copytree(FIXTURE_EXPORTS, target)
    return target


@pytest.fixture
def warehouse(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A warehouse holding every fixture export, loaded once per session; read it, don't write."""
    path = tmp_path_factory.mktemp("loaded") / "warehouse.duckdb"
    load_all(path, FIXTURE_EXPORTS)
    conn = duckdb.connect(str(path), read_only=True)
    yield conn
    conn.close()
