"""Which files a loader claims: glob patterns first, then (for some kinds) a look at the content.

A file is claimed by at most one file set of a loader: the first whose pattern matches and
whose recognizer accepts it. A file that matches a pattern but that no recognizer accepts is
remembered with the reasons, for the load report.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ingestion.loaders.base import FileSet, Loader

# Files an unzip or a desktop leaves behind, never an export: macOS metadata, dot files.
_SYSTEM_FOLDERS = frozenset({"__MACOSX"})


def is_hidden(relative: str) -> bool:
    """A dot file, a file in a dot folder, or macOS archive metadata (`__MACOSX/`, `._x`)."""
    parts = PurePosixPath(relative).parts
    return any(part.startswith(".") or part in _SYSTEM_FOLDERS for part in parts)


def export_files(exports_dir: Path) -> Iterator[str]:
    """Every file under the exports directory, as sorted posix paths relative to it."""
    found: list[str] = []
    for root, dirs, files in os.walk(exports_dir):
        dirs.sort()
        for name in files:
            found.append(Path(root, name).relative_to(exports_dir).as_posix())
    yield from sorted(found)


@dataclass
class Discovery:
    loader: Loader
    claimed: dict[str, FileSet] = field(default_factory=dict)  # source_file -> its file set
    rejected: dict[str, list[str]] = field(default_factory=dict)  # source_file -> reasons
    paths: dict[str, Path] = field(default_factory=dict)

    def by_file_set(self) -> list[tuple[FileSet, list[Path]]]:
        return [
            (file_set, sorted(self.paths[name] for name in self._claimed_by(file_set)))
            for file_set in self.loader.file_sets
        ]

    def _claimed_by(self, file_set: FileSet) -> list[str]:
        return [name for name, claimed in self.claimed.items() if claimed is file_set]


def discover(loader: Loader, exports_dir: Path) -> Discovery:
    found = Discovery(loader)
    for file_set in loader.file_sets:
        for path in _matches(exports_dir, file_set):
            relative = path.relative_to(exports_dir).as_posix()
            if relative in found.claimed or is_hidden(relative) or path.stat().st_size == 0:
                continue
            reason = file_set.recognize(path) if file_set.recognize else None
            if reason is None:
                found.claimed[relative] = file_set
                found.paths[relative] = path
                found.rejected.pop(relative, None)
            else:
                found.rejected.setdefault(relative, []).append(reason)
    return found


def _matches(exports_dir: Path, file_set: FileSet) -> list[Path]:
    matched: dict[Path, None] = {}
    for pattern in file_set.patterns:
        for path in sorted(exports_dir.glob(pattern)):
            if path.is_file():
                matched[path] = None
    return list(matched)


# (path, size, mtime) -> sha256: the load and its report hash each file once per process.
_HASHES: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _HASHES:
        with path.open("rb") as handle:
            _HASHES[key] = hashlib.file_digest(handle, "sha256").hexdigest()
    return _HASHES[key]


def read_head(path: Path, size: int = 4096) -> str:
    """The file's first bytes as text (BOM and undecodable bytes tolerated), for recognizers."""
    with path.open("rb") as handle:
        head = handle.read(size)
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="replace").removeprefix("\ufeff")
