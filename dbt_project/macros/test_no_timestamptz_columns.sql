{#-
    Staging hands every timestamp on as a naive UTC `timestamp`. This generic test returns a
    row for each `timestamp with time zone` column left in the model, and one row when the
    relation cannot be found (so a renamed model cannot pass vacuously).
-#}
{% test no_timestamptz_columns(model) %}

with

relation_columns as (
    select
        column_name,
        data_type
    from duckdb_columns()
    where
        database_name = '{{ model.database }}'
        and schema_name = '{{ model.schema }}'
        and table_name = '{{ model.identifier }}'
)

select
    column_name,
    data_type
from relation_columns
where data_type = 'TIMESTAMP WITH TIME ZONE'

union all

select
    '<relation not found>' as column_name,
    null as data_type
where not exists (select 1 from relation_columns)

{% endtest %}
