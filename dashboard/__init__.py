"""The Mutuality dashboard: a Streamlit app on the published BI file (`python -m dashboard`).

It reads only the published version (`$MUTUALITY_DATA_DIR/published/mutuality_bi.duckdb`),
opened read-only, so it never holds a lock on the working warehouse.
"""
