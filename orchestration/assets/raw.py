"""Ingestion: one multi-asset per export format, landing its `raw.*` tables in DuckDB."""

import dagster as dg

from ingestion.loaders import LOADERS, Loader, run_loader
from orchestration.assets.exports import export_asset_key
from orchestration.resources import ExportsResource, WarehouseResource

RAW_GROUP = "raw"


def raw_asset_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", table])


def build_loader_asset(loader: Loader) -> dg.AssetsDefinition:
    @dg.multi_asset(
        name=f"load_{loader.name}",
        description=f"Load {loader.description} into the raw schema.",
        specs=[
            dg.AssetSpec(
                key=raw_asset_key(table),
                deps=[export_asset_key(loader.name)],
                group_name=RAW_GROUP,
                kinds={"duckdb"},
            )
            for table in loader.raw_tables
        ],
        op_tags={"mutuality/loader": loader.name},
    )
    def _load(
        context: dg.AssetExecutionContext,
        warehouse: WarehouseResource,
        exports: ExportsResource,
    ):
        with warehouse.connect() as conn:
            result = run_loader(conn, loader, exports.directory)
            row_counts = {
                table: conn.execute(f"select count(*) from raw.{table}").fetchone()[0]
                for table in loader.raw_tables
            }
        context.log.info(
            f"{loader.name}: {result.files_loaded} of {result.files_seen} files read, "
            f"{sum(result.rows_inserted.values())} rows inserted"
        )
        for table in loader.raw_tables:
            yield dg.MaterializeResult(
                asset_key=raw_asset_key(table),
                metadata={
                    "dagster/row_count": row_counts[table],
                    "rows_inserted": result.rows_inserted.get(table, 0),
                    "files_seen": result.files_seen,
                    "files_loaded": result.files_loaded,
                },
            )

    return _load


loader_assets = [build_loader_asset(loader) for loader in LOADERS.values()]
