"""Every test session gets its own data folder, so tests never touch ./data."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config) -> None:
    if "MUTUALITY_DATA_DIR" not in os.environ:
        os.environ["MUTUALITY_DATA_DIR"] = tempfile.mkdtemp(prefix="mutuality-test-")
    for name in ("MUTUALITY_EXPORTS_DIR", "MUTUALITY_WAREHOUSE_PATH", "DAGSTER_HOME"):
        os.environ.pop(name, None)
