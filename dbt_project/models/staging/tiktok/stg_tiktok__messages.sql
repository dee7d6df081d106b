with

source as (
    select * from {{ source('raw', 'tiktok_messages') }}
),

counterparts as (
    select
        *,
        regexp_replace(trim(chat_with), '^Chat History with (.*):$', '\1') as counterpart_username
    from source
),

renamed as (
    select
        _row_key as message_id,
        {{ pseudonymize("'tiktok_thread'", "_export_owner || '/' || counterpart_username") }}
            as thread_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'tiktok'", 'counterpart_username') }} as counterpart_key,
        {{ pseudonymize("'tiktok'", null_if_placeholder('sender')) }} as sender_key,
        {{ null_if_placeholder('content') }} is not null as has_content,
        sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from counterparts
)

select * from renamed
