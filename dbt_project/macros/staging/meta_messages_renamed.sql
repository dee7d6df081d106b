{#-
    Meta "Download your information" message tables (Instagram and Facebook share the shape).

    meta_messages_repaired(relation): the raw rows with `repaired_content`, the message text
    repaired from mojibake and trimmed (null when blank): what the kind is read from.

    meta_messages_renamed(platform, relation): the `renamed` select over those rows: thread and
    people keyed in the platform's namespace, names repaired from mojibake first so the
    creator's own display name hashes to its known key, message text reduced to `has_content`
    and `message_kind`.

    platform: 'instagram' or 'facebook'; relation: the CTE to read.
-#}
{% macro meta_messages_repaired(relation) -%}
    select
        *,
        nullif(trim({{ fix_meta_mojibake('content') }}), '') as repaired_content
    from {{ relation }}
{%- endmacro %}

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
        repaired_content is not null as has_content,
        {{ meta_message_kind() }} as message_kind,
        {{ to_utc_timestamp('sent_at') }} as sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from {{ relation }}
{%- endmacro %}

{#-
    What a record of a Meta message thread is. Threads hold more than what people wrote; the
    notices are recognised by their fields and by the English text Meta writes for them
    (downloads in another language keep their notices as `message`):

    - unsent:   `is_unsent`, or "This message was unsent." / "<name> unsent a message."
    - call:     `call_duration` or type `Call`, or "Audio call ended", "Missed video call",
                "The video chat ended.", "<name> called you.", "<name> started a video chat" ...
    - reaction: "Reacted ❤ to your message", "<name> reacted 😂 to your message",
                "Liked a message" (a reaction notice, not an answer)
    - system:   type `Subscribe` / `Unsubscribe`, or "You are now connected on Messenger",
                "<name> named the group ...", "<name> left the group", "<name> added <name> to
                the group", nickname / theme / emoji changes, "You can now message and call ..."
    - share:    a shared post, reel, story or link with no words of the sender's own (no
                content, just the link, or "<name> sent an attachment.")
    - message:  text, or a photo, video, voice message, GIF, file or sticker
    - empty:    none of those (nothing the export can show)

    Only `message` rows are conversation turns (int_direct_messages_sequenced keeps only them).
    Reads `repaired_content` (meta_messages_repaired) and the raw type, share, call, media
    columns.
-#}
{% macro meta_message_kind() -%}
    {%- set name = "[^,.!?\\n]+" -%}
    {%- set patterns = {
        'unsent': [
            "this message was unsent",
            "(" ~ name ~ " )?unsent a message",
        ],
        'call': [
            "(audio|video) (call|chat) ended",
            "the (audio call|video call|video chat|call) ended",
            "missed (an? )?(audio|video) (call|chat)",
            name ~ " missed your (audio |video )?(call|chat)",
            "you missed an? (audio |video )?(call|chat) from " ~ name,
            name ~ " called you",
            "you called " ~ name,
            "(" ~ name ~ " )?started (an? )?(audio|video) (call|chat)",
            name ~ " joined the (audio |video )?(call|chat)",
        ],
        'reaction': [
            "(" ~ name ~ " )?reacted .{1,16} to (your|a|their|his|her) (message|story)",
            "(" ~ name ~ " )?liked (a|your) (message|story)",
        ],
        'system': [
            "you are now connected on messenger",
            "say hi to your new facebook friend(, .+)?",
            "you can now (message|call|message and call) .+",
            "you('re| are) now friends.*",
            "messages and calls are secured with end-to-end encryption.*",
            ".+ (named|created) the group.*",
            ".+ (changed|removed) the group (name|photo).*",
            ".+ left the group",
            ".+ added .+ to the group",
            ".+ removed .+ from the group",
            ".+ joined the group.*",
            ".+ (set|changed|cleared) (the|your|his|her|their) (own )?nickname.*",
            ".+ changed the (chat )?theme.*",
            ".+ (set|changed) the (quick reaction|emoji).*",
            ".+ pinned a message.*",
            ".+ (is now an admin|made .+ an admin|removed .+ as (an )?admin).*",
            ".+ turned (on|off) disappearing messages.*",
            ".+ (started|stopped) sharing (their |his |her )?(live )?location.*",
        ],
        'share_notice': [
            "(" ~ name ~ "|you) sent an attachment",
            "(" ~ name ~ " )?shared a (post|reel|story|video|link)",
            "(" ~ name ~ " )?mentioned you in (their|his|her) story",
            "https?://\\S+",
        ],
    } -%}
    case
        when
            coalesce(is_unsent, false)
            or {{ _meta_content_matches(patterns['unsent']) }}
            then 'unsent'
        when
            call_duration is not null
            or message_type = 'Call'
            or {{ _meta_content_matches(patterns['call']) }}
            then 'call'
        when {{ _meta_content_matches(patterns['reaction']) }} then 'reaction'
        when
            message_type in ('Subscribe', 'Unsubscribe')
            or {{ _meta_content_matches(patterns['system']) }}
            then 'system'
        when
            (
                share_link is not null
                or share_text is not null
                or message_type = 'Share'
                or {{ _meta_content_matches(patterns['share_notice'][:3]) }}
            )
            and (
                repaired_content is null
                or repaired_content = trim(share_link)
                or {{ _meta_content_matches(patterns['share_notice']) }}
            )
            then 'share'
        when
            repaired_content is not null
            or coalesce(photo_count, 0) + coalesce(video_count, 0) + coalesce(audio_count, 0)
            + coalesce(other_media_count, 0) > 0
            then 'message'
        else 'empty'
    end
{%- endmacro %}

{#- True when `repaired_content` is one of `patterns` as a whole (case-insensitive, an
    optional final full stop). -#}
{% macro _meta_content_matches(patterns) -%}
    coalesce(
        regexp_matches(
            repaired_content,
            '^({{ patterns | join("|") | replace("'", "''") }})\.?$',
            'i'
        ),
        false
    )
{%- endmacro %}
