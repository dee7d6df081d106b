-- Introductions made on LinkedIn: a creator opens a conversation with a message to exactly
-- two other people who had never been in a message together before (in any LinkedIn export
-- loaded: neither had written to the other, nor had both received the same message). One
-- row per introduction and person introduced, with what the creator's own Connections file
-- tells about that person: their e-mail key (when they share it) and their company. Only
-- conversation messages count (drafts, spam and sponsored InMail are left out).

with

messages as (

    select * from {{ ref('stg_linkedin__messages') }}
    where is_conversation

),

connections as (

    select * from {{ ref('stg_linkedin__connections') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}
    where platform = 'linkedin'

),

thread_openers as (

    select * from messages
    qualify row_number() over (
        partition by owner_handle, thread_id
        order by sent_at, message_id
    ) = 1

),

creator_openers as (

    select
        thread_openers.message_id,
        thread_openers.thread_id,
        thread_openers.owner_handle,
        creator_accounts.creator_id,
        thread_openers.sent_at,
        thread_openers.recipient_keys
    from thread_openers
    inner join creator_accounts
        on
            lower(thread_openers.owner_handle) = lower(creator_accounts.handle)
            and list_contains(creator_accounts.creator_keys, thread_openers.sender_key)
    where
        thread_openers.recipient_count = 2
        and thread_openers.recipient_keys[1] <> thread_openers.recipient_keys[2]
        and not list_has_any(thread_openers.recipient_keys, creator_accounts.creator_keys)

),

message_participants as (

    select
        message_id,
        sent_at,
        list_distinct(list_prepend(sender_key, recipient_keys)) as participant_keys
    from messages
    where sender_key is not null

),

participant_pairs as (

    select
        message_participants.message_id,
        message_participants.sent_at,
        first_key.participant_key as first_key,
        second_key.participant_key as second_key
    from message_participants
    cross join unnest(message_participants.participant_keys) as first_key (participant_key)
    cross join unnest(message_participants.participant_keys) as second_key (participant_key)
    where first_key.participant_key < second_key.participant_key

),

first_contacts as (

    select
        first_key,
        second_key,
        min(sent_at) as first_contact_at
    from participant_pairs
    group by first_key, second_key

),

introductions as (

    select creator_openers.*
    from creator_openers
    inner join first_contacts
        on
            least(creator_openers.recipient_keys[1], creator_openers.recipient_keys[2])
            = first_contacts.first_key
            and greatest(creator_openers.recipient_keys[1], creator_openers.recipient_keys[2])
            = first_contacts.second_key
    where first_contacts.first_contact_at >= creator_openers.sent_at

),

recipient_positions as (

    select unnest([1, 2]) as recipient_position

),

introduced_people as (

    select
        introductions.message_id,
        introductions.thread_id,
        introductions.owner_handle,
        introductions.creator_id,
        introductions.sent_at,
        recipient_positions.recipient_position,
        introductions.recipient_keys[recipient_positions.recipient_position] as recipient_key
    from introductions
    cross join recipient_positions

),

final as (

    select
        introduced_people.message_id,
        introduced_people.recipient_position,
        introduced_people.thread_id,
        introduced_people.owner_handle,
        introduced_people.creator_id,
        introduced_people.sent_at as introduced_at,
        introduced_people.recipient_key,
        connections.email_key as recipient_email_key,
        connections.company as recipient_company
    from introduced_people
    left join connections
        on
            introduced_people.owner_handle = connections.owner_handle
            and introduced_people.recipient_key = connections.connection_key

)

select * from final
