with

source as (
    select * from {{ source('raw', 'linkedin_connections') }}
),

identified as (
    select
        *,
        coalesce(
            nullif({{ normalize_linkedin_url('profile_url') }}, ''),
            'name:' || trim(coalesce(first_name, '') || ' ' || coalesce(last_name, ''))
        ) as connection_identifier
    from source
),

renamed as (
    select
        _export_owner as owner_handle,
        {{ pseudonymize("'linkedin'", 'connection_identifier') }} as connection_key,
        nullif({{ normalize_linkedin_url('profile_url') }}, '') is not null as has_profile_url,
        {{ pseudonymize("'crm'", 'email_address') }} as email_key,
        nullif(trim(company), '') as company,
        connected_on,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from identified
)

select * from renamed
