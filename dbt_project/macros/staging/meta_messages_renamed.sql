{#-
    The `renamed` select of a Meta "Download your information" message table (Instagram and
    Facebook share the shape): thread and people keyed in the platform's namespace, names
    repaired from mojibake first so the creator's own display name hashes to its known key,
    message text reduced to `has_content`.

    platform: 'instagram' or 'facebook'; relation: the import CTE to read.
-#}
{% macro meta_messages_renamed(platform, relation) -%}
    select
        _row_key as message_id,
        {{ pseudonymize("'" ~ platform ~ "_thread'", "_export_owner || '/' || thread_folder") }}
            as thread_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'" ~ platform ~ "'", fix_meta_mojibake('sender_name')) }} as sender_key,
        cast(
            list_filter(
                list_transform(
                    coalesce(participant_names, []),
                    lambda participant_name: {{
                        pseudonymize("'" ~ platform ~ "'", fix_meta_mojibake('participant_name'))
                    }}
                ),
                lambda participant_key: participant_key is not null
            ) as varchar[]
        ) as participant_keys,
        nullif(trim(content), '') is not null as has_content,
        {{ to_utc_timestamp('sent_at') }} as sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from {{ relation }}
{%- endmacro %}
