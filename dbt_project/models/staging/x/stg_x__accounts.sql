-- The creator's own account per archive: from `account.js`, or, for an archive without one,
-- the account id the loader inferred from the direct-message conversation ids. An inferred
-- row gives way to an `account.js` row of the same owner or the same account id (a later
-- download that has the file), so each account id appears once.

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
        coalesce(is_inferred, false) as is_inferred,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

declared as (
    select * from renamed
    where not is_inferred
),

inferred as (
    select renamed.* from renamed
    anti join declared
        on
            renamed.account_id = declared.account_id
            or lower(renamed.owner_handle) = lower(declared.owner_handle)
    where renamed.is_inferred
),

final as (
    select * from declared
    union all
    select * from inferred
)

select * from final
