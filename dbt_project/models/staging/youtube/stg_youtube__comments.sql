-- High volume: an incremental table (raw rows loaded since the last build are appended)
-- rather than a view, so the pseudonymising hash is computed once per row, not per read.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with

source as (
    select * from {{ source('raw', 'youtube_comments') }}
    {{ loaded_since_last_build() }}
),

renamed as (
    select
        comment_id,
        video_id as post_id,
        nullif(trim(parent_comment_id), '') as parent_comment_id,
        thread_id,
        _export_owner as owner_handle,
        channel_id,
        -- a deleted or legacy (Google+) account has no channel id: a key of its own per
        -- comment (one unknown person, never the creator) so a reply to it still finds it
        {{ pseudonymize(
            "'youtube'",
            "coalesce(nullif(trim(author_channel_id), ''), 'no-channel:' || comment_id)"
        ) }} as author_key,
        {{ vanity_handle_looks_generated('author_display_name') }}
            as author_handle_looks_generated,
        text_original as comment_text,
        text_source as comment_text_source,
        like_count,
        {{ to_utc_timestamp('published_at') }} as commented_at,
        {{ to_utc_timestamp('updated_at') }} as updated_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
