with

source as (
    select * from {{ source('raw', 'linkedin_messages') }}
),

normalized as (
    select
        *,
        nullif({{ normalize_linkedin_url('sender_profile_url') }}, '') as sender_url,
        nullif(trim(from_name), '') as sender_name,
        list_transform(
            string_split(coalesce(recipient_profile_urls, ''), ','),
            lambda recipient_url: nullif({{ normalize_linkedin_url('recipient_url') }}, '')
        ) as recipient_urls,
        list_transform(
            string_split(coalesce(to_names, ''), ','),
            lambda recipient_name: nullif(trim(recipient_name), '')
        ) as recipient_names,
        -- sponsored InMail: LinkedIn titles the conversation "Sponsored Conversation" and
        -- writes the ad's content as HTML
        coalesce(lower(trim(conversation_title)) like 'sponsored%', false)
        or coalesce(
            regexp_matches(
                content,
                '<(p|div|span|br|table|a|img|html|body|strong|ul|li|h[1-6])(\s[^>]*)?/?>',
                'i'
            ),
            false
        ) as is_sponsored_message
    from source
),

people_named as (
    -- each name the conversation shows with a profile URL: senders, and recipients when the
    -- `TO` names and `RECIPIENT PROFILE URLS` of a message line up
    select
        _export_owner,
        conversation_id,
        sender_name as person_name,
        sender_url as person_url
    from normalized
    where sender_name is not null and sender_url is not null

    union all

    select
        _export_owner,
        conversation_id,
        unnest(recipient_names) as person_name,
        unnest(recipient_urls) as person_url
    from normalized
    where len(recipient_names) = len(recipient_urls)
),

names_resolved as (
    -- a name that stands for exactly one URL in the conversation ("LinkedIn Member" is what
    -- LinkedIn shows for anyone hidden, so it names nobody)
    select
        _export_owner,
        conversation_id,
        person_name,
        min(person_url) as person_url
    from people_named
    where
        person_name is not null
        and person_url is not null
        and lower(person_name) <> 'linkedin member'
    group by _export_owner, conversation_id, person_name
    having count(distinct person_url) = 1
),

conversations_seen as (
    -- what the whole conversation shows: everyone with a profile URL in it, and whether it is
    -- sponsored
    select
        *,
        list_filter(
            list_distinct(
                flatten(list(list_append(recipient_urls, sender_url)) over conversation)
            ),
            lambda participant_url: participant_url is not null
        ) as participant_urls,
        bool_or(is_sponsored_message) over conversation as is_sponsored
    from normalized
    window conversation as (partition by _export_owner, conversation_id)
),

other_sides as (
    -- in a conversation between exactly two people with a profile URL, the one a message
    -- was not sent to
    select
        *,
        case
            when len(participant_urls) = 2
                then list_filter(
                    participant_urls,
                    lambda participant_url: not list_contains(recipient_urls, participant_url)
                )
        end as other_side_urls
    from conversations_seen
),

senders_resolved as (
    -- an empty sender URL ("LinkedIn Member", or an older export that left it out) is the
    -- URL its name has elsewhere in the conversation, or else the other side of a
    -- two-person conversation; failing both it is an explicit unknown member of that
    -- conversation (never null)
    select
        other_sides.*,
        names_resolved.person_url as named_url
    from other_sides
    left join names_resolved
        on
            other_sides.sender_url is null
            and other_sides._export_owner is not distinct from names_resolved._export_owner
            and other_sides.conversation_id = names_resolved.conversation_id
            and other_sides.sender_name = names_resolved.person_name
),

sender_identified as (
    select
        *,
        case
            when sender_url is not null then 'profile_url'
            when named_url is not null then 'name'
            when len(other_side_urls) = 1 then 'other_side'
            else 'unknown_member'
        end as sender_resolved_by
    from senders_resolved
),

renamed as (
    select
        _row_key as message_id,
        conversation_id as thread_id,
        _export_owner as owner_handle,
        case sender_resolved_by
            when 'profile_url' then {{ pseudonymize("'linkedin'", 'sender_url') }}
            when 'name' then {{ pseudonymize("'linkedin'", 'named_url') }}
            when 'other_side' then {{ pseudonymize("'linkedin'", 'other_side_urls[1]') }}
            else {{ pseudonymize(
                "'linkedin'",
                "'unknown-member:' || conversation_id || ':' || lower(coalesce(sender_name, ''))"
            ) }}
        end as sender_key,
        sender_resolved_by,
        cast(
            list_filter(
                list_transform(
                    recipient_urls,
                    lambda recipient_url: {{ pseudonymize("'linkedin'", 'recipient_url') }}
                ),
                lambda recipient_key: recipient_key is not null
            ) as varchar[]
        ) as recipient_keys,
        nullif(trim(content), '') is not null as has_content,
        nullif(trim(attachments), '') is not null as has_attachments,
        nullif(upper(trim(folder)), '') as folder,
        coalesce(lower(trim(is_message_draft)) in ('yes', 'true', 'y', '1'), false) as is_draft,
        is_sponsored,
        {{ to_utc_timestamp('sent_at') }} as sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from sender_identified
),

final as (
    select
        message_id,
        thread_id,
        owner_handle,
        sender_key,
        sender_resolved_by,
        recipient_keys,
        len(recipient_keys) as recipient_count,
        has_content,
        has_attachments,
        folder,
        is_draft,
        is_sponsored,
        not is_draft and not is_sponsored and coalesce(folder, '') <> 'SPAM' as is_conversation,
        sent_at,
        source_file,
        loaded_at
    from renamed
)

select * from final
