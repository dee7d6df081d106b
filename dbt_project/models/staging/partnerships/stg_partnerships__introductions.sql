with

source as (
    select * from {{ source('raw', 'introductions_log') }}
),

renamed as (
    select
        intro_id as introduction_id,
        nullif(trim(introducer), '') as introducer_name,
        {{ pseudonymize("'crm'", 'introducer_email') }} as introducer_email_key,
        nullif(trim(introduced_person), '') as introduced_person_name,
        {{ pseudonymize("'crm'", 'introduced_person_email') }} as introduced_person_email_key,
        nullif(trim(introduced_to), '') as introduced_to_name,
        {{ pseudonymize("'crm'", 'introduced_to_email') }} as introduced_to_email_key,
        nullif(trim(company), '') as company,
        introduced_on,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
