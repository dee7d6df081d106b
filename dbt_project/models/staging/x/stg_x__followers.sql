with

source as (
    select * from {{ source('raw', 'x_followers') }}
),

renamed as (
    select
        _export_owner as owner_handle,
        {{ pseudonymize("'x'", 'follower_account_id') }} as follower_key,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
