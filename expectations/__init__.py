"""The quality gate: Great Expectations suites that must pass before marts reach BI."""
