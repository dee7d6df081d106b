from __future__ import annotations

import dagster as dg

# Everything that can be materialised: raw loaders and the dbt project (external export
# assets are observed, not built). Steps run in one process, one after another: DuckDB allows
# a single writing process, and both the loaders and dbt write the same warehouse file.
mutuality_job = dg.define_asset_job(
    name="mutuality_daily",
    description="Ingest every platform export, then build and test the dbt project.",
    selection=dg.AssetSelection.all() | dg.AssetSelection.all_asset_checks(),
    executor_def=dg.in_process_executor,
)
