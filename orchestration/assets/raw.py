"""Ingestion: one multi-asset per export format, landing its `raw.*` tables in DuckDB, then the
load report: every file under the exports folder, loaded or listed with the reason it was not."""

from datetime import UTC, datetime

import dagster as dg

from ingestion.loaders import LOADERS, Loader, LoadResult, run_loader
from ingestion.loaders.report import LOAD_REPORT_TABLE, LoadReport
from ingestion.loaders.runner import report_load, transaction
from ingestion.loaders.state import Quarantined, replace_errors
from orchestration.assets.exports import export_asset_key
from orchestration.resources import ExportsResource, RunSettingsResource, WarehouseResource

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


def _quarantined_markdown(quarantined: tuple[Quarantined, ...]) -> str:
    return "\n".join(f"- {q.message}" for q in quarantined) or "none"


def _load_or_quarantine(
    context: dg.AssetExecutionContext, conn, loader: Loader, exports_dir, strict: bool
) -> LoadResult:
    """Run the loader. Outside strict mode a failure of the loader itself (not of one file,
    which the loader quarantines) is recorded as the loader's error and the run goes on: the
    other platforms' data still builds, and the load report fails the run."""
    try:
        return run_loader(conn, loader, exports_dir, strict=strict)
    except Exception as error:
        if strict:
            raise
        folder = f"{loader.folders[0]}/"
        problem = f"{loader.name} failed: {type(error).__name__}: {error}"
        context.log.error(problem)
        failure = Quarantined(loader.name, folder, None, problem)
        with transaction(conn):
            replace_errors(conn, loader.name, [failure])
        return LoadResult(loader.name, 0, 0, dict.fromkeys(loader.raw_tables, 0), (), (failure,))


def build_loader_asset(loader: Loader) -> dg.AssetsDefinition:
    # Owner folders are checked against the roster, so the roster loads first.
    roster_deps = [raw_asset_key("roster_creators")] if loader.owner_scoped else []

    @dg.multi_asset(
        name=f"load_{loader.name}",
        description=f"Load {loader.description} into the raw schema.",
        specs=[
            dg.AssetSpec(
                key=raw_asset_key(table),
                deps=[export_asset_key(loader.name), *roster_deps],
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
        run_settings: RunSettingsResource,
    ):
        with warehouse.connect() as conn:
            result = _load_or_quarantine(
                context, conn, loader, exports.directory, run_settings.strict
            )
            row_counts = {
                table: conn.execute(f"select count(*) from raw.{table}").fetchone()[0]
                for table in loader.raw_tables
            }
        context.log.info(result.summary())
        for logged in result.files:
            if logged.note:
                context.log.info(f"{logged.source_file}: {logged.note}")
        for item in result.quarantined:
            context.log.error(f"quarantined {item.message}")
        for table in loader.raw_tables:
            yield dg.MaterializeResult(
                asset_key=raw_asset_key(table),
                metadata={
                    "dagster/row_count": row_counts[table],
                    "rows_inserted": result.rows_inserted.get(table, 0),
                    "files_seen": result.files_seen,
                    "files_loaded": result.files_loaded,
                    "files_retracted": len(result.retracted),
                    "files_quarantined": len(result.quarantined),
                    "files_read": dg.MetadataValue.md(_files_markdown(result)),
                    "quarantined": dg.MetadataValue.md(_quarantined_markdown(result.quarantined)),
                },
            )

    return _load


loader_assets = [build_loader_asset(loader) for loader in LOADERS.values()]


def _run_started(context: dg.AssetExecutionContext) -> datetime | None:
    record = context.instance.get_run_record_by_id(context.run.run_id)
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
    for item in report.quarantined:
        context.log.error(item.describe())
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
    if report.quarantined or report.problems:
        # after the report is stored: dbt builds what loaded, the run ends as a failure
        raise dg.Failure(
            description=(
                f"{len(report.quarantined)} export files quarantined, "
                f"{len(report.problems)} folders unread: see raw._load_errors"
            ),
            metadata={
                "quarantined": dg.MetadataValue.md(
                    "\n".join(f"- {f.describe()}" for f in (*report.problems, *report.quarantined))
                )
            },
        )
