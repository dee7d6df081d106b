"""Ingestion: one multi-asset per export format, landing its `raw.*` tables in DuckDB, then the
load report: every file under the exports folder, loaded or listed with the reason it was not."""

from datetime import UTC, datetime

import dagster as dg

from ingestion.loaders import LOADERS, Loader, run_loader
from ingestion.loaders.report import LOAD_REPORT_TABLE, LoadReport
from ingestion.loaders.runner import report_load
from orchestration.assets.exports import export_asset_key
from orchestration.resources import ExportsResource, WarehouseResource

RAW_GROUP = "raw"
LOAD_REPORT_KEY = dg.AssetKey(["raw", LOAD_REPORT_TABLE])
FOLDERS_READ_CHECK = "every_export_folder_read"


def raw_asset_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["raw", table])


def _files_markdown(result) -> str:
    if not result.files:
        return "no new or changed files"
    lines = [
        f"- `{f.source_file}` ({f.file_set}): {f.rows_in_file} rows, {f.rows_inserted} new"
        + (f"; {f.note}" if f.note else "")
        for f in result.files
    ]
    return "\n".join(lines)


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
        for logged in result.files:
            if logged.note:
                context.log.info(f"{logged.source_file}: {logged.note}")
        for table in loader.raw_tables:
            yield dg.MaterializeResult(
                asset_key=raw_asset_key(table),
                metadata={
                    "dagster/row_count": row_counts[table],
                    "rows_inserted": result.rows_inserted.get(table, 0),
                    "files_seen": result.files_seen,
                    "files_loaded": result.files_loaded,
                    "files_read": dg.MetadataValue.md(_files_markdown(result)),
                },
            )

    return _load


loader_assets = [build_loader_asset(loader) for loader in LOADERS.values()]


def _run_started(context: dg.AssetExecutionContext) -> datetime | None:
    record = context.instance.get_run_record_by_id(context.run_id)
    started = record.start_time if record else None
    return datetime.fromtimestamp(started, UTC) if started else None


def report_metadata(report: LoadReport) -> dict[str, object]:
    return {
        **{f"files_{status}": n for status, n in report.counts().items()},
        "files": dg.MetadataValue.md(report.markdown()),
    }


@dg.asset(
    key=LOAD_REPORT_KEY,
    deps=[raw_asset_key(table) for loader in LOADERS.values() for table in loader.raw_tables],
    group_name=RAW_GROUP,
    kinds={"duckdb"},
    # Before dbt (which also waits only on the raw tables): one writer at a time, and the
    # report is the run's first word on what was read.
    op_tags={"dagster/priority": "10"},
    description=(
        "Every file under the exports folder: loaded by this run, unchanged since an earlier "
        "run, or not read and why (no loader for it, empty, a system file, ...)."
    ),
    check_specs=[
        dg.AssetCheckSpec(
            FOLDERS_READ_CHECK,
            asset=LOAD_REPORT_KEY,
            description=(
                "Every platform folder that holds files has at least one file a loader reads "
                "(otherwise the export is in a layout we do not know: the files are named)."
            ),
        )
    ],
)
def load_report(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, exports: ExportsResource
):
    with warehouse.connect() as conn:
        report = report_load(conn, exports.directory, since=_run_started(context))
    context.log.info(report.summary())
    for problem in report.problems:
        context.log.error(problem.describe())
    for line in report.lines(("not_read",)):
        context.log.info(line)
    yield dg.MaterializeResult(
        metadata=report_metadata(report),
        check_results=[
            dg.AssetCheckResult(
                check_name=FOLDERS_READ_CHECK,
                passed=not report.problems,
                severity=dg.AssetCheckSeverity.ERROR,
                metadata={
                    "problems": dg.MetadataValue.md(
                        "\n".join(f"- {p.describe()}" for p in report.problems) or "none"
                    )
                },
            )
        ],
    )
