with

source as (
    select * from {{ source('raw', 'youtube_studio_daily') }}
),

renamed as (
    select
        _export_owner as owner_handle,
        activity_date as activity_on,
        {{ parse_count('views') }} as view_count,
        {{ parse_count('subscribers') }} as subscribers_net_change,
        {{ parse_count('total_subscribers') }} as total_subscribers,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

dedupe as (
    select * from renamed
    qualify row_number() over (
        partition by owner_handle, activity_on
        order by loaded_at desc, source_file desc
    ) = 1
)

select * from dedupe
