-- High volume: an incremental table (raw rows loaded since the last build are appended)
-- rather than a view, so the pseudonymising hash is computed once per row, not per read.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with

source as (
    select * from {{ source('raw', 'instagram_comments') }}
    {{ loaded_since_last_build() }}
),

renamed as (
    select
        comment_id,
        media_id as post_id,
        nullif(trim(parent_comment_id), '') as parent_comment_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'instagram'", fix_meta_mojibake('author')) }} as author_key,
        {{ vanity_handle_looks_generated(fix_meta_mojibake('author')) }}
            as author_handle_looks_generated,
        {{ fix_meta_mojibake('comment_text') }} as comment_text,
        {{ to_utc_timestamp('created_at') }} as commented_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
