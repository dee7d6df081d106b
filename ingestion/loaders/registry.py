"""Every loader, by name, in the order `load_all` runs them.

The roster comes first (it says who the creators are), then each platform's loaders as the
platform registry lists them (dbt_project/dbt_project.yml, var `platforms`: `loaders`), then
the business files. A platform loader is named by its module: `x_archive` is
`ingestion.loaders.x_archive`; a dotted name (`my_package.bluesky`) is imported as it is. The
module's `LOADER` is the loader; raw tables it brings (`Loader.contract`) join the raw-table
contract.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from ingestion.loaders import crm, introductions_log, roster, spend
from ingestion.loaders.base import Loader
from ingestion.loaders.schema import RAW_TABLES
from mutuality import platforms


def platform_loader(name: str) -> Loader:
    module_name = name if "." in name else f"ingestion.loaders.{name}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        raise ValueError(
            f"the platform registry names loader {name!r}, but module {module_name} "
            f"cannot be imported: {error}"
        ) from error
    loader = getattr(module, "LOADER", None)
    if not isinstance(loader, Loader):
        raise ValueError(f"loader module {module_name} (platform registry) has no LOADER")
    return loader


def register_contract(loader: Loader) -> None:
    """Add the raw tables a loader brings to the contract; one table has one owner."""
    for table, columns in loader.contract.items():
        if table in RAW_TABLES and RAW_TABLES[table] != tuple(columns):
            raise ValueError(
                f"loader {loader.name!r} declares raw table {table!r}, "
                "which the contract already has with other columns"
            )
        RAW_TABLES[table] = tuple(columns)
    missing = [table for table in loader.raw_tables if table not in RAW_TABLES]
    if missing:
        raise ValueError(f"loader {loader.name!r} writes raw tables without a contract: {missing}")


def build_loaders(registry: Iterable[platforms.Platform]) -> dict[str, Loader]:
    platform_loaders = [platform_loader(name) for platform in registry for name in platform.loaders]
    ordered = (roster.LOADER, *platform_loaders, crm.LOADER, introductions_log.LOADER, spend.LOADER)
    loaders: dict[str, Loader] = {}
    for loader in ordered:
        if loader.name in loaders:
            raise ValueError(f"two loaders are named {loader.name!r} (platform registry)")
        register_contract(loader)
        loaders[loader.name] = loader
    return loaders


LOADERS: dict[str, Loader] = build_loaders(platforms.registry())
