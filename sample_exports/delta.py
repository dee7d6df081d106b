"""A held-out day arriving: copy a generated delta into an exports directory, never over a file."""

from __future__ import annotations

import shutil
from pathlib import Path


def arrive(delta_dir: Path, exports_dir: Path) -> list[Path]:
    """Copy every file under ``delta_dir`` to the same relative path under ``exports_dir``.

    Refuses (``ValueError`` naming the file) when any target already exists, before copying
    anything. Returns the copied files' paths in ``exports_dir``, sorted.
    """
    delta_dir, exports_dir = Path(delta_dir), Path(exports_dir)
    if not delta_dir.is_dir():
        raise FileNotFoundError(f"delta directory {delta_dir} does not exist")
    sources = sorted(path for path in delta_dir.rglob("*") if path.is_file())
    targets = [exports_dir / path.relative_to(delta_dir) for path in sources]
    for target in targets:
        if target.exists() or target.is_symlink():
            relative = target.relative_to(exports_dir).as_posix()
            raise ValueError(
                f"{relative} already exists in {exports_dir}; a delta never overwrites"
            )
    for source, target in zip(sources, targets, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        with source.open("rb") as reader, target.open("xb") as writer:
            shutil.copyfileobj(reader, writer)
    return targets
