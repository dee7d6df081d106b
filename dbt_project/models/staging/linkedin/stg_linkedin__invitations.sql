with

source as (
    select * from {{ source('raw', 'linkedin_invitations') }}
),

renamed as (
    select
        _row_key as invitation_id,
        _export_owner as owner_handle,
        upper(trim(direction)) as direction,
        {{ pseudonymize("'linkedin'", normalize_linkedin_url('inviter_profile_url')) }}
            as inviter_key,
        {{ pseudonymize("'linkedin'", normalize_linkedin_url('invitee_profile_url')) }}
            as invitee_key,
        nullif(trim(message), '') is not null as has_message,
        sent_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
