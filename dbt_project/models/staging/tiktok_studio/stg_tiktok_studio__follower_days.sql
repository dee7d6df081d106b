with

source as (
    select * from {{ source('raw', 'tiktok_studio_follower_history') }}
),

{{ tiktok_studio_dated_ctes('source') }},

renamed as (
    select
        _export_owner as owner_handle,
        -- the loader dates each row; rows loaded before it did are dated by their file order
        coalesce(activity_date, activity_on) as activity_on,
        export_date as exported_on,
        export_date_source as exported_on_source,
        {{ parse_count('followers') }} as followers,
        {{ parse_count('follower_difference') }} as follower_change,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from studio_dated
),

dedupe as (
    select * from renamed
    qualify row_number() over (
        partition by owner_handle, activity_on
        order by exported_on desc, loaded_at desc, source_file desc
    ) = 1
)

select * from dedupe
