"""`pip install .` ships a working Mutuality: the wheel holds the Python packages, the whole
dbt project and the committed GX project, and installed (no checkout anywhere) the code finds
them, dbt parses the project and the `mutuality` command answers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from expectations.suites import ALL_SUITES
from ingestion.loaders import RAW_TABLES
from mutuality import settings
from orchestration.cli import INGESTION, ORCHESTRATION
from orchestration.manifest import build_manifest

# what a checkout holds besides the sources: never part of the wheel
_NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv", "data", "build", "dist", "*.egg-info", "target", "logs", "__pycache__",
    ".user.yml", ".pytest_cache", ".ruff_cache", ".hypothesis", "uncommitted", "*.duckdb*",
)  # fmt: skip


def _project_files(root: Path) -> set[str]:
    """What dbt and GX read at run time, as paths inside the wheel."""
    dbt = settings.dbt_project_dir()
    files = {f"dbt_project/{name}" for name in ("dbt_project.yml", "profiles.yml")}
    for folder in ("models", "macros", "tests"):
        files |= {
            f"dbt_project/{p.relative_to(dbt)}"
            for p in (dbt / folder).rglob("*")
            if p.is_file() and p.suffix in (".sql", ".yml", ".py") and "__pycache__" not in p.parts
        }
    gx = root / "expectations" / "gx"
    for folder in ("expectations", "validation_definitions", "checkpoints", "plugins"):
        files |= {
            f"expectations/gx/{p.relative_to(gx)}" for p in (gx / folder).rglob("*") if p.is_file()
        }
    return files | {"expectations/gx/great_expectations.yml"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source") / "mutuality"
    shutil.copytree(settings.REPO_ROOT, source, ignore=_NOT_SOURCES)
    out = tmp_path_factory.mktemp("dist")
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or "uv"
    built = subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(out), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = out.glob("mutuality-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel installed (not editable); its dependencies are this
    environment's, on its path (a .pth), so nothing is downloaded."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    uv = shutil.which("uv", path=str(Path(sys.executable).parent)) or "uv"
    subprocess.run(
        [uv, "pip", "install", "--python", str(python), "--no-deps", str(wheel)],
        capture_output=True,
        check=True,
    )
    # dbt is a dependency's console script: this environment's
    (venv / "bin" / "dbt").symlink_to(Path(sys.executable).with_name("dbt"))
    return venv


def _environment(tmp: Path, venv: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("MUTUALITY_", "DBT_"))}
    keep.pop("DAGSTER_HOME", None)
    keep.pop("XDG_DATA_HOME", None)
    return {**keep, "HOME": str(tmp / "home"), "PATH": f"{venv / 'bin'}:{os.environ['PATH']}"}


def test_the_wheel_holds_the_packages_the_dbt_project_and_the_gx_project(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {
        "mutuality",
        "ingestion",
        "orchestration",
        "dashboard",
        "expectations",
        "dbt_project",
        "sample_exports",  # `mutuality run` makes the bundled sample
    }
    expected = _project_files(settings.REPO_ROOT)
    assert len(expected) > 150
    assert expected - names == set()
    shipped = {n for n in names if n.startswith(("dbt_project/", "expectations/gx/"))}
    assert shipped - expected == set()  # no target/, logs/, .user.yml, uncommitted/
    for package in ("ingestion", "orchestration", "dashboard", "expectations"):
        sources = {
            f"{package}/{p.relative_to(settings.REPO_ROOT / package)}"
            for p in (settings.REPO_ROOT / package).rglob("*.py")
        }
        assert sources - names == set(), package
    assert "mutuality = orchestration.cli:main" in scripts


def test_installed_mutuality_finds_its_projects_and_parses(installed: Path, tmp_path: Path) -> None:
    env = _environment(tmp_path, installed)
    env["MUTUALITY_DATA_DIR"] = str(tmp_path / "data")
    probe = """
import json
from mutuality import settings
from expectations.context import PROJECT_ROOT, runtime_context
from orchestration.manifest import build_manifest
from ingestion.loaders import RAW_TABLES
manifest = json.loads(build_manifest().read_text())
context = runtime_context()
print(json.dumps({
    "root": str(settings.REPO_ROOT), "checkout": settings.checkout() is not None,
    "dbt_project": str(settings.dbt_project_dir()), "gx": str(PROJECT_ROOT),
    "nodes": sorted(manifest["nodes"]), "exposures": sorted(manifest["exposures"]),
    "suites": len(context.suites.all()), "raw_tables": sorted(RAW_TABLES),
}))
"""
    done = subprocess.run(
        [installed / "bin" / "python", "-c", probe],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    site = Path(found["root"])
    assert site.is_relative_to(installed) and not found["checkout"]
    assert Path(found["dbt_project"]) == site / "dbt_project"
    assert Path(found["gx"]) == site / "expectations"
    ours = json.loads(build_manifest().read_text())
    assert found["nodes"] == sorted(ours["nodes"]) and len(found["nodes"]) > 300
    assert found["exposures"] == sorted(ours["exposures"])
    assert found["suites"] == len(ALL_SUITES)
    assert found["raw_tables"] == sorted(RAW_TABLES)  # the contract file ships


def test_installed_the_data_folder_is_the_users(installed: Path, tmp_path: Path) -> None:
    env = _environment(tmp_path, installed)
    done = subprocess.run(
        [
            installed / "bin" / "python",
            "-c",
            "from mutuality import settings; print(settings.data_dir())",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(done.stdout.strip()) == tmp_path / "home" / ".local" / "share" / "mutuality"


@pytest.mark.parametrize("command", [None, *ORCHESTRATION, *INGESTION, "dashboard"])
def test_the_installed_command_and_each_subcommand_have_help(
    installed: Path, tmp_path: Path, command: str | None
) -> None:
    words = ["mutuality", *([command] if command else []), "--help"]
    done = subprocess.run(
        words,
        cwd=tmp_path,
        env=_environment(tmp_path, installed),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: {' '.join(words[:-1])} ")
