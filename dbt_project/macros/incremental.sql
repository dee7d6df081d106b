{#-
    When this dbt invocation started (UTC, as a timestamp): stamped on the rows an incremental
    model (re)builds, so the models downstream can pick up exactly those rows.
-#}
{% macro built_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp)
{%- endmacro %}

{#-
    The latest value of `column` in this incremental model: rows past it are new. A table built
    before the column existed cannot be continued; say how to rebuild it.
-#}
{% macro incremental_watermark(column) -%}
    {%- if execute -%}
        {%- set existing = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- if column not in existing -%}
            {{ exceptions.raise_compiler_error(
                this ~ " has no column " ~ column ~ " (built by an older version): rebuild it once "
                ~ "with `python -m orchestration run --full-refresh` (or dbt build --full-refresh)."
            ) }}
        {%- endif -%}
    {%- endif -%}
    (select max({{ column }}) from {{ this }})
{%- endmacro %}

{#-
    For a staging model materialized incrementally (the high-volume event tables): on an
    incremental run, only the raw rows loaded since its last build. Raw tables are append-only
    and deduplicated by the loaders, so appending these rows equals rebuilding the view.
-#}
{% macro loaded_since_last_build() -%}
    {%- if is_incremental() -%}
        where {{ to_utc_timestamp('_loaded_at') }} > {{ incremental_watermark('loaded_at') }}
    {%- endif -%}
{%- endmacro %}
