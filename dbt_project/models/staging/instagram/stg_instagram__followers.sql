with

source as (
    select * from {{ source('raw', 'instagram_followers') }}
),

renamed as (
    select
        _export_owner as owner_handle,
        {{ pseudonymize("'instagram'", fix_meta_mojibake('follower_username')) }} as follower_key,
        {{ vanity_handle_looks_generated(fix_meta_mojibake('follower_username')) }}
            as follower_handle_looks_generated,
        {{ to_utc_timestamp('followed_at') }} as followed_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
