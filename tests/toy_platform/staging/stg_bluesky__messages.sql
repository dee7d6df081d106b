with

source as (
    select * from {{ source('raw_bluesky', 'bluesky_messages') }}
),

renamed as (
    select
        message_id,
        thread_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'bluesky'", 'sender') }} as sender_key,
        {{ pseudonymize("'bluesky'", 'recipient') }} as recipient_key,
        sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
