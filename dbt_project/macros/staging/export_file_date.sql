{#- The export date a file's name carries, or null: the last `YYYY-MM-DD` in the name
    (`Connections_2023-05-02.csv`, `hubspot-crm-exports-all-deals-2026-06-15.csv`) or the
    epoch milliseconds of a Salesforce `report<ms>.csv` / `.xls`. Staging orders the versions
    of a record loaded together by it: a file without a date in its name counts as the first
    download (docs/export_formats.md: a later export is saved next to it with a date). -#}
{% macro export_file_date(source_file_expr) -%}
    coalesce(
        try_strptime(
            regexp_extract(
                regexp_extract({{ source_file_expr }}, '[^/]*$'),
                '.*(\d{4}-\d{2}-\d{2})',
                1
            ),
            '%Y-%m-%d'
        )::date,
        try(
            make_timestamp(
                1000 * cast(
                    nullif(
                        regexp_extract(
                            regexp_extract({{ source_file_expr }}, '[^/]*$'),
                            '^report(\d{13})\.',
                            1
                        ),
                        ''
                    ) as bigint
                )
            )
        )::date
    )
{%- endmacro %}
