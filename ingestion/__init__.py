"""Platform exports -> DuckDB raw tables, and the sample-export generator."""
