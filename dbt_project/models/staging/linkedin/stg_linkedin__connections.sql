with

source as (
    select * from {{ source('raw', 'linkedin_connections') }}
),

identified as (
    -- who a row is: the profile URL; exports of 2021-2023 have no URL column, so the names;
    -- a connection who hides their profile has neither (only `Connected On`), so the row itself
    -- (its key is stable across re-exports and does not collide with other hidden rows)
    select
        *,
        nullif({{ normalize_linkedin_url('profile_url') }}, '') as normalized_profile_url,
        nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '') as full_name
    from source
),

renamed as (
    select
        _export_owner as owner_handle,
        {{ pseudonymize("'linkedin'", "coalesce(
            normalized_profile_url, 'name:' || full_name, 'hidden:' || _row_key
        )") }} as connection_key,
        normalized_profile_url is not null as has_profile_url,
        normalized_profile_url is null and full_name is null as is_hidden_profile,
        {{ pseudonymize("'crm'", 'email_address') }} as email_key,
        nullif(trim(company), '') as company,
        connected_on,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from identified
),

latest as (
    -- a later export with a changed value (a new company, a shared e-mail) is a new raw row:
    -- keep the version of the latest load; among files loaded together, the one whose name
    -- carries the latest date (a name without a date is the first download)
    select * from renamed
    qualify row_number() over (
        partition by owner_handle, connection_key
        order by
            loaded_at desc,
            {{ export_file_date('source_file') }} desc nulls last,
            source_file desc
    ) = 1
)

select * from latest
