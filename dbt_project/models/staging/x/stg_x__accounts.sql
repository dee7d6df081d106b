with

source as (
    select * from {{ source('raw', 'x_accounts') }}
),

renamed as (
    select
        account_id,
        _export_owner as owner_handle,
        username,
        account_display_name as display_name,
        {{ to_utc_timestamp('account_created_at') }} as account_created_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
