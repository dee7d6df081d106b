with

source as (
    select * from {{ source('raw_bluesky', 'bluesky_comments') }}
),

renamed as (
    select
        comment_id,
        post_id,
        nullif(trim(parent_comment_id), '') as parent_comment_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'bluesky'", 'author') }} as author_key,
        {{ vanity_handle_looks_generated('author') }} as author_handle_looks_generated,
        text as comment_text,
        commented_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
