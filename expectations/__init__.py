"""The quality gate: Great Expectations suites that must pass before marts reach BI."""

import os

# No usage statistics: the network is closed and the gate must not wait on it.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
