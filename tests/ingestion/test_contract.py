"""The raw-table contract (ingestion/loaders/raw_tables.yml) is the one place raw tables are
described: the loaders' tables, the dbt sources and the docs are generated from it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ingestion.loaders import RAW_TABLES, contract
from ingestion.loaders.schema import LINEAGE
from mutuality import platforms


def test_the_generated_files_are_current() -> None:
    stale = [str(path) for path in contract.stale_files()]
    assert stale == [], "run `python -m ingestion contract --write`"


def test_the_loaders_tables_are_the_contracts() -> None:
    assert contract.raw_tables() == RAW_TABLES
    assert RAW_TABLES["facebook_messages"] == RAW_TABLES["instagram_messages"]
    handles = [f"{name}_handle" for name in platforms.names()]
    assert [c for c, _ in RAW_TABLES["roster_creators"] if c.endswith("_handle")] == handles


def test_the_dbt_sources_declare_every_column_typed_with_a_tested_key() -> None:
    (source,) = yaml.safe_load(contract.sources_yaml())["sources"]
    tables = {table["name"]: table for table in source["tables"]}
    assert set(tables) == {*RAW_TABLES, "_load_log"}
    for name, columns in RAW_TABLES.items():
        declared = [(c["name"], c["data_type"].upper()) for c in tables[name]["columns"]]
        assert declared == [*columns, *LINEAGE], name
        (key,) = [c for c in tables[name]["columns"] if c["name"] == "_row_key"]
        assert key["data_tests"] == ["unique", "not_null"], name
        assert tables[name]["description"].strip(), name


def _edited_contract(tmp_path: Path, edit) -> contract.Contract:
    document = yaml.safe_load(contract.CONTRACT_PATH.read_text())
    edit(document)
    path = tmp_path / "raw_tables.yml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return contract.load_contract(path)


def test_a_column_added_to_the_contract_reaches_the_tables_the_sources_and_the_docs(
    tmp_path: Path,
) -> None:
    def add_column(document: dict) -> None:
        document["tables"]["spend"]["columns"].append(
            {"name": "invoice_id", "type": "varchar", "description": "The invoice paid."}
        )

    edited = _edited_contract(tmp_path, add_column)
    assert contract.raw_tables(edited)["spend"][-1] == ("invoice_id", "VARCHAR")
    assert "invoice_id" in contract.sources_yaml(edited)
    assert "kind, note, invoice_id varchar |" in contract.docs_section(edited)
    assert contract.sources_yaml(edited) != contract.sources_yaml()


def test_a_column_without_a_type_is_refused_naming_the_table(tmp_path: Path) -> None:
    def untyped(document: dict) -> None:
        document["tables"]["spend"]["columns"].append({"name": "invoice_id"})

    with pytest.raises(ValueError, match=r"raw_tables.yml: table spend: column .*invoice_id"):
        _edited_contract(tmp_path, untyped)


def test_the_docs_section_types_each_run_of_columns() -> None:
    columns = (
        contract.Column("a", "varchar"),
        contract.Column("b", "varchar"),
        contract.Column("tags", "varchar[]"),
        contract.Column("at", "timestamptz"),
    )
    assert contract._column_spec(columns) == "a, b varchar, tags varchar[], at timestamptz"
    assert contract._column_spec(columns[:2]) == "a, b (all varchar)"
