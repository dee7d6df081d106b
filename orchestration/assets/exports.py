"""Platform exports as external assets: files that people drop in, not something we build."""

from __future__ import annotations

import dagster as dg

from ingestion.loaders import LOADERS

EXPORTS_GROUP = "exports"


def export_asset_key(loader_name: str) -> dg.AssetKey:
    return dg.AssetKey(["exports", loader_name])


export_specs = [
    dg.AssetSpec(
        key=export_asset_key(loader.name),
        description=loader.description,
        group_name=EXPORTS_GROUP,
        kinds={"file"},
    )
    for loader in LOADERS.values()
]
