"""The dbt project as Dagster sees it, with every generated file under the data folder.

Importing this module parses nothing and changes no environment: the manifest is built by
`orchestration.manifest.build_manifest()`, which the Dagster definitions
(`orchestration.definitions`), the run command and the tests call first.
"""

from __future__ import annotations

from dagster_dbt import DbtProject

from mutuality import settings


def dbt_project() -> DbtProject:
    """The configured dbt project (mutuality.settings), its artifacts in the data folder."""
    return DbtProject(
        project_dir=settings.dbt_project_dir(),
        profiles_dir=settings.dbt_project_dir(),
        target_path=settings.dbt_target_dir(),
    )
