-- High volume: an incremental table (raw rows loaded since the last build are appended)
-- rather than a view, so the pseudonymising hash is computed once per row, not per read.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with

source as (
    select * from {{ source('raw', 'tiktok_comments') }}
    {{ loaded_since_last_build() }}
),

renamed as (
    select
        comment_id,
        nullif(regexp_extract(video_link, '/video/([0-9]+)', 1), '') as post_id,
        {{ null_if_placeholder('parent_comment_id') }} as parent_comment_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'tiktok'", null_if_placeholder('username')) }} as author_key,
        {{ vanity_handle_looks_generated(null_if_placeholder('username')) }}
            as author_handle_looks_generated,
        {{ null_if_placeholder('comment_text') }} as comment_text,
        {{ null_if_placeholder('photo') }} is not null as has_photo,
        commented_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
