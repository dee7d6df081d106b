with

source as (
    select * from {{ source('raw', 'roster_creators') }}
),

renamed as (
    select
        creator_id,
        display_name,
        nullif(trim(niche), '') as niche,
        {%- for platform in var('platforms') %}
            nullif(trim({{ platform }}_handle), '') as {{ platform }}_handle,
        {%- endfor %}
        nullif(trim(youtube_channel_id), '') as youtube_channel_id,
        nullif(trim(linkedin_profile_url), '') as linkedin_profile_url,
        nullif(trim(referral_code), '') as referral_code,
        nullif(trim(utm_source), '') as utm_source,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

dedupe as (
    select * from renamed
    qualify row_number() over (
        partition by creator_id
        order by loaded_at desc, source_file desc
    ) = 1
)

select * from dedupe
