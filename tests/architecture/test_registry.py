"""The platform registry as the Python side reads it (mutuality.platforms) and what it drives:
the loaders that run and the roster's handle columns."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingestion.loaders import registry as loader_registry
from ingestion.loaders import roster
from ingestion.loaders.base import Loader
from ingestion.loaders.schema import RAW_TABLES
from mutuality import platforms

REPO_ROOT = Path(__file__).resolve().parents[2]


def _project_with(tmp_path: Path, replace: tuple[str, str]) -> Path:
    project = tmp_path / "dbt_project"
    project.mkdir()
    shutil.copy(REPO_ROOT / "dbt_project" / "dbt_project.yml", project / "dbt_project.yml")
    config = project / "dbt_project.yml"
    text = config.read_text(encoding="utf-8")
    assert replace[0] in text
    config.write_text(text.replace(replace[0], replace[1], 1), encoding="utf-8")
    return project


def test_every_platform_has_loaders_and_the_loaders_run_in_registry_order() -> None:
    names = list(loader_registry.LOADERS)
    expected = [name for platform in platforms.registry() for name in platform.loaders]
    assert all(platform.loaders for platform in platforms.registry())
    assert [name for name in names if name in expected] == expected
    assert names[0] == "roster"


def test_the_roster_has_a_handle_column_per_platform() -> None:
    handles = [column for column in roster.HEADER if column.endswith("_handle")]
    assert handles == [f"{name}_handle" for name in platforms.names()]


def test_an_unknown_registry_field_is_refused_with_the_platform(tmp_path: Path) -> None:
    project = _project_with(tmp_path, ("    facebook:\n", "    facebook:\n      comentz: []\n"))
    with pytest.raises(ValueError, match=r"platform 'facebook'.*comentz"):
        platforms.load_registry(project)


def test_a_registry_read_from_another_project_sees_its_platforms(tmp_path: Path) -> None:
    project = _project_with(
        tmp_path, ("\n  platforms:\n", "\n  platforms:\n    toy:\n      label: Toy\n")
    )
    registry = platforms.load_registry(project)
    assert registry[0].name == "toy" and not registry[0].provides("comments")
    assert [p.name for p in registry[1:]] == list(platforms.names())


def test_providing_names_the_platforms_with_a_source_of_the_entity() -> None:
    comments = platforms.providing("comments")
    assert comments and all(platforms.get(name).sources["comments"] for name in comments)
    assert "linkedin" not in comments  # LinkedIn exports no comments
    with pytest.raises(ValueError, match="unknown entity"):
        platforms.providing("likes")


def test_a_loader_named_in_the_registry_must_import(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no_such_loader"):
        loader_registry.platform_loader("no_such_loader")


def test_a_loader_contract_cannot_redefine_a_raw_table() -> None:
    clash = Loader(
        name="clash",
        description="declares x_tweets with other columns",
        raw_tables=("x_tweets",),
        file_sets=(),
        contract={"x_tweets": (("only", "VARCHAR"),)},
    )
    with pytest.raises(ValueError, match="x_tweets"):
        loader_registry.register_contract(clash)
    assert RAW_TABLES["x_tweets"] != (("only", "VARCHAR"),)


def test_a_loader_writing_a_table_without_contract_is_refused() -> None:
    orphan = Loader(name="orphan", description="", raw_tables=("nowhere",), file_sets=())
    with pytest.raises(ValueError, match="nowhere"):
        loader_registry.register_contract(orphan)


def test_every_registry_platform_has_a_sample_writer() -> None:
    from sample_exports.generator import WRITERS

    assert list(WRITERS) == list(platforms.names())


def test_the_generator_refuses_a_registry_platform_without_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sample_exports import generator

    monkeypatch.setattr(generator, "PLATFORMS", (*generator.PLATFORMS, "bluesky"))
    with pytest.raises(ValueError, match=r"bluesky.*no writer"):
        generator.generate(tmp_path / "exports", tmp_path / "truth.json")


def test_each_platform_folder_is_checked_against_its_roster_handles() -> None:
    from ingestion.loaders.owners import roster_columns

    columns = roster_columns()
    assert columns["meta_business_suite"] == "instagram_handle"  # Instagram's insights export
    for platform in platforms.registry():
        for name in platform.loaders:
            for folder in loader_registry.platform_loader(name).folders:
                assert columns[folder] == f"{platform.name}_handle"
