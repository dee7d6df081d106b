-- High volume: an incremental table (raw rows loaded since the last build are appended)
-- rather than a view, so the pseudonymising hash is computed once per row, not per read.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with

source as (
    select * from {{ source('raw', 'instagram_followers') }}
    {{ loaded_since_last_build() }}
),

renamed as (
    select
        _export_owner as owner_handle,
        {{ pseudonymize("'instagram'", fix_meta_mojibake('follower_username')) }} as follower_key,
        {{ vanity_handle_looks_generated(fix_meta_mojibake('follower_username')) }}
            as follower_handle_looks_generated,
        -- a placeholder follow time (0, 1, anything before Instagram launched on 2010-10-06)
        -- is an unknown date, never 1970: the loader lands it as null with its reason; rows
        -- landed before it did are caught here the same way
        case
            when followed_at >= timestamptz '2010-10-06 00:00:00+00'
                then {{ to_utc_timestamp('followed_at') }}
        end as followed_at,
        case
            when followed_at_problem is not null then followed_at_problem
            when followed_at is null then 'no timestamp in the export'
            when followed_at < timestamptz '2010-10-06 00:00:00+00'
                then 'placeholder timestamp (before Instagram launched on 2010-10-06)'
        end as followed_at_unknown_reason,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
