with

source as (
    select * from {{ source('raw', 'crm_contacts') }}
),

renamed as (
    select
        contact_id,
        {{ pseudonymize("'crm'", 'email') }} as email_key,
        nullif(trim(company_name), '') as company_name,
        nullif(trim(lifecycle_stage), '') as lifecycle_stage,
        nullif(trim(original_source), '') as original_source,
        nullif(trim(original_source_drill_down_1), '') as original_source_drill_down_1,
        nullif(trim(original_source_drill_down_2), '') as original_source_drill_down_2,
        nullif(trim(latest_source), '') as latest_source,
        nullif(trim(referral_code), '') as referral_code,
        nullif(trim(how_did_you_hear), '') as how_did_you_hear,
        created_at,
        latest_source_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

dedupe as (
    select * from renamed
    qualify row_number() over (
        partition by contact_id
        order by loaded_at desc, source_file desc
    ) = 1
)

select * from dedupe
