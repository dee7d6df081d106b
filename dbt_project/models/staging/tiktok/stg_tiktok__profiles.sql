with

source as (
    select * from {{ source('raw', 'tiktok_profiles') }}
),

renamed as (
    select
        _export_owner as owner_handle,
        {{ null_if_placeholder('user_name') }} as user_name,
        {{ parse_abbreviated_count('follower_count') }} as follower_count,
        {{ parse_abbreviated_count('likes_received') }} as likes_received,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

dedupe as (
    select * from renamed
    qualify row_number() over (
        partition by owner_handle
        order by loaded_at desc, source_file desc
    ) = 1
)

select * from dedupe
