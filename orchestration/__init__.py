"""Dagster code location for Mutuality: exports -> raw -> staging -> intermediate -> marts."""
