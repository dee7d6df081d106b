-- Every direct message across platforms, attributed to the creator whose export holds it,
-- with its direction, the audience member on the other side, and the earlier message it
-- answers: the previous message in the conversation when that one came from the other side.
--
-- Incremental: a run rebuilds every conversation with a message loaded since the last build
-- (all of its messages, so a late or re-exported message sequences as in a full build), and
-- every conversation of an X archive whose owner account id became known since.

{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='conversation_key',
        on_schema_change='fail',
    )
}}

-- depends_on: {{ ref('stg_x__accounts') }} (read on incremental runs only)

with

messages as (

    select * from {{ ref('int_messages_unioned') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

{% if is_incremental() %}

x_accounts as (

    select * from {{ ref('stg_x__accounts') }}

),

{% endif %}

messages_keyed as (

    select
        *,
        platform || ':' || owner_handle || ':' || thread_id as conversation_key
    from messages

),

{% if is_incremental() %}

conversations_with_new_messages as (

    select distinct conversation_key
    from messages_keyed
    where loaded_at > {{ incremental_watermark('loaded_at') }}

    union

    -- every conversation of an X archive whose owner account id became known since the last
    -- build (a later account.js, or an id inferred from more conversations): its messages
    -- change direction, or were left out without it
    select distinct messages_keyed.conversation_key
    from messages_keyed
    inner join x_accounts
        on
            messages_keyed.platform = 'x'
            and lower(messages_keyed.owner_handle) = lower(x_accounts.owner_handle)
    where x_accounts.loaded_at > {{ incremental_watermark('built_at') }}

),

{% endif %}

messages_in_scope as (

    select messages_keyed.*
    from messages_keyed
    {% if is_incremental() %}
        inner join conversations_with_new_messages
            on messages_keyed.conversation_key = conversations_with_new_messages.conversation_key
    {% endif %}
    -- a message whose time the loader set aside (before the platform existed or after the
    -- export: raw._load_notes says why) has no place in its conversation: left out
    where messages_keyed.sent_at is not null

),

messages_attributed as (

    select
        messages_in_scope.*,
        creator_accounts.creator_id,
        list_contains(creator_accounts.creator_keys, messages_in_scope.sender_key) as is_by_creator
    from messages_in_scope
    inner join creator_accounts
        on
            messages_in_scope.platform = creator_accounts.platform
            and lower(messages_in_scope.owner_handle) = lower(creator_accounts.handle)
    -- an X archive whose owner account id is unknown (no account.js and none could be
    -- inferred, as its load log note says) cannot tell the creator's messages from the
    -- audience's: its messages are left out rather than all counted as the audience's
    where messages_in_scope.platform != 'x' or len(creator_accounts.creator_keys) > 0

),

threads as (

    -- the audience member of a one-to-one thread: whoever other than the creator wrote in it
    select
        platform,
        owner_handle,
        thread_id,
        min(sender_key) filter (where not is_by_creator) as audience_member_key
    from messages_attributed
    group by platform, owner_handle, thread_id

),

sequenced as (

    select
        messages_attributed.*,
        coalesce(
            case when messages_attributed.is_by_creator then messages_attributed.addressed_key end,
            case when not messages_attributed.is_by_creator then messages_attributed.sender_key end,
            threads.audience_member_key
        ) as audience_member_key,
        lag(messages_attributed.message_id) over conversation as previous_message_id,
        lag(messages_attributed.is_by_creator) over conversation as previous_is_by_creator
    from messages_attributed
    inner join threads
        on
            messages_attributed.platform = threads.platform
            and messages_attributed.owner_handle = threads.owner_handle
            and messages_attributed.thread_id = threads.thread_id
    window conversation as (
        partition by
            messages_attributed.platform,
            messages_attributed.owner_handle,
            messages_attributed.thread_id
        order by messages_attributed.sent_at, messages_attributed.message_id
    )

),

final as (

    select
        platform,
        creator_id,
        owner_handle,
        message_id,
        thread_id,
        sender_key,
        is_by_creator,
        audience_member_key,
        case
            when previous_is_by_creator != is_by_creator then previous_message_id
        end as answers_message_id,
        sent_at,
        conversation_key,
        loaded_at,
        {{ built_at() }} as built_at
    from sequenced

)

select * from final
