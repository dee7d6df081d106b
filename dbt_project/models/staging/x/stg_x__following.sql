-- High volume: an incremental table (raw rows loaded since the last build are appended)
-- rather than a view, so the pseudonymising hash is computed once per row, not per read.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with

source as (
    select * from {{ source('raw', 'x_following') }}
    {{ loaded_since_last_build() }}
),

renamed as (
    select
        _export_owner as owner_handle,
        {{ pseudonymize("'x'", 'following_account_id') }} as followed_key,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
