with

source as (
    select * from {{ source('raw', 'x_direct_messages') }}
),

renamed as (
    select
        _row_key as message_id,
        {{ pseudonymize("'x_thread'", 'conversation_id') }} as thread_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'x'", 'sender_id') }} as sender_key,
        {{ pseudonymize("'x'", 'recipient_id') }} as recipient_key,
        -- a photo or video sent alone comes with empty text: it is still content
        nullif(trim(message_text), '') is not null
        or len(coalesce(media_urls, [])) > 0 as has_content,
        len(coalesce(reaction_sender_ids, [])) as reaction_count,
        coalesce(json_array_length(edit_history), 0) > 0 as is_edited,
        {{ to_utc_timestamp('created_at') }} as sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
