with

source as (
    select * from {{ source('raw', 'tiktok_studio_overview') }}
),

{{ tiktok_studio_dated_ctes('source') }},

renamed as (
    select
        _export_owner as owner_handle,
        -- the loader dates each row (an implausible day, before TikTok launched, it leaves
        -- null: raw._load_notes says why); rows loaded before it did are dated by their file
        -- order
        case
            when export_date_source is null then activity_on else activity_date
        end as activity_on,
        export_date as exported_on,
        export_date_source as exported_on_source,
        {{ parse_count('video_views') }} as video_view_count,
        {{ parse_count('profile_views') }} as profile_view_count,
        {{ parse_count('likes') }} as like_count,
        {{ parse_count('comments') }} as comment_count,
        {{ parse_count('shares') }} as share_count,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from studio_dated
),

dedupe as (
    select * from renamed
    -- a row without a day is no day of the series
    where activity_on is not null
    qualify row_number() over (
        partition by owner_handle, activity_on
        order by exported_on desc, loaded_at desc, source_file desc
    ) = 1
)

select * from dedupe
