"""Every loader, by name, in the order `load_all` runs them."""

from __future__ import annotations

from ingestion.loaders import x_archive
from ingestion.loaders.base import Loader

LOADERS: dict[str, Loader] = {loader.name: loader for loader in (x_archive.LOADER,)}
