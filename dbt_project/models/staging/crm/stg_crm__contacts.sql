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
        {{ crm_source_label('original_source') }} as original_source,
        nullif(trim(original_source_drill_down_1), '') as original_source_drill_down_1,
        nullif(trim(original_source_drill_down_2), '') as original_source_drill_down_2,
        {{ crm_source_label('latest_source') }} as latest_source,
        nullif(trim(referral_code), '') as referral_code,
        nullif(trim(how_did_you_hear), '') as how_did_you_hear,
        created_at,
        latest_source_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

dedupe as (
    -- a changed contact is a new raw row: keep the version of the latest load; among files
    -- loaded together, the one whose name carries the latest export date
    select * from renamed
    qualify row_number() over (
        partition by contact_id
        order by
            loaded_at desc,
            {{ export_file_date('source_file') }} desc nulls last,
            source_file desc
    ) = 1
)

select * from dedupe
