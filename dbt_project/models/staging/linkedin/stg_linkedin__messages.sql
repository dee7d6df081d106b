with

source as (
    select * from {{ source('raw', 'linkedin_messages') }}
),

renamed as (
    select
        _row_key as message_id,
        conversation_id as thread_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'linkedin'", normalize_linkedin_url('sender_profile_url')) }}
            as sender_key,
        cast(
            list_filter(
                list_transform(
                    string_split(coalesce(recipient_profile_urls, ''), ','),
                    lambda recipient_url: {{
                        pseudonymize("'linkedin'", normalize_linkedin_url('recipient_url'))
                    }}
                ),
                lambda recipient_key: recipient_key is not null
            ) as varchar[]
        ) as recipient_keys,
        nullif(trim(content), '') is not null as has_content,
        nullif(trim(folder), '') as folder,
        {{ to_utc_timestamp('sent_at') }} as sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

final as (
    select
        message_id,
        thread_id,
        owner_handle,
        sender_key,
        recipient_keys,
        len(recipient_keys) as recipient_count,
        has_content,
        folder,
        sent_at,
        source_file,
        loaded_at
    from renamed
)

select * from final
