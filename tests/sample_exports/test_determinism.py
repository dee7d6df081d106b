"""Same seed, same bytes (whatever the process's hash seed); another seed, another sample."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sample_exports import generate
from tests.sample_exports.conftest import Sample

REPO_ROOT = Path(__file__).resolve().parents[2]


def digest_tree(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_the_cli_rewrites_identical_bytes_with_two_workers_and_another_hash_seed(
    sample: Sample, tmp_path: Path
) -> None:
    out = tmp_path / "exports"
    stale = out / "x" / "someone_old" / "data" / "tweets.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("window.YTD.tweets.part0 = []")
    unrelated = out / "README.txt"
    unrelated.write_text("kept")
    ground_truth = tmp_path / "truth" / "ground_truth.json"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    completed = subprocess.run(
        [sys.executable, "-m", "sample_exports", "--seed", "7", "--scale", "small",
         "--out", str(out), "--ground-truth", str(ground_truth), "--workers", "2"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    assert "wrote" in completed.stdout
    assert not stale.exists(), "a previous generation's files must be removed"
    assert unrelated.read_text() == "kept", "files outside the layout are not ours to delete"
    unrelated.unlink()
    assert digest_tree(out) == digest_tree(sample.root)
    assert ground_truth.read_bytes() == sample.ground_truth_path.read_bytes()


def test_another_seed_gives_other_exports_and_another_plant(sample: Sample, tmp_path: Path) -> None:
    truth = generate(tmp_path / "exports", tmp_path / "truth.json", seed=8, scale="small")
    ours, theirs = digest_tree(sample.root), digest_tree(tmp_path / "exports")
    shared = set(ours) & set(theirs)
    assert ours != theirs
    assert sum(ours[name] != theirs[name] for name in shared) >= 0.9 * len(shared)
    assert truth["expected_rows"] != sample.truth["expected_rows"]
    assert truth["seed"] == 8 and sample.truth["seed"] == 7


def test_the_ground_truth_is_never_written_inside_the_exports(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="ground truth"):
        generate(tmp_path, tmp_path / "roster" / "truth.json")
    with pytest.raises(ValueError, match="unknown scale"):
        generate(tmp_path / "out", tmp_path / "truth.json", scale="huge")
    assert not any(tmp_path.iterdir())
