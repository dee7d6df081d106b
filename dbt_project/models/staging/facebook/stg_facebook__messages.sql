with

source as (
    select * from {{ source('raw', 'facebook_messages') }}
),

renamed as (
    select
        _row_key as message_id,
        {{ pseudonymize("'facebook_thread'", "_export_owner || '/' || thread_folder") }}
            as thread_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'facebook'", fix_meta_mojibake('sender_name')) }} as sender_key,
        cast(
            list_filter(
                list_transform(
                    coalesce(participant_names, []),
                    lambda participant_name: {{
                        pseudonymize("'facebook'", fix_meta_mojibake('participant_name'))
                    }}
                ),
                lambda participant_key: participant_key is not null
            ) as varchar[]
        ) as participant_keys,
        nullif(trim(content), '') is not null as has_content,
        {{ to_utc_timestamp('sent_at') }} as sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
