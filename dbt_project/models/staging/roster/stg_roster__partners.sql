with

source as (
    select * from {{ source('raw', 'roster_partners') }}
),

renamed as (
    select
        trim(name) as partner_name,
        {{ pseudonymize("'crm'", 'email') }} as email_key,
        {{ pseudonymize("'linkedin'", normalize_linkedin_url('profile_url')) }} as profile_key,
        lower(trim(consent_to_be_named)) = 'yes' as consents_to_be_named,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
