with

source as (
    select * from {{ source('raw', 'meta_post_insights') }}
),

renamed as (
    select
        post_id,
        _export_owner as owner_handle,
        account_id,
        account_username,
        post_type,
        post_type = 'IG live' as is_live,
        nullif(trim(permalink), '') as permalink,
        {{ parse_count('views') }} as view_count,
        {{ parse_count('reach') }} as reach,
        {{ parse_count('likes') }} as like_count,
        {{ parse_count('shares') }} as share_count,
        {{ parse_count('follows') }} as follow_count,
        {{ parse_count('comments') }} as comment_count,
        {{ parse_count('saves') }} as save_count,
        published_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

dedupe as (
    select * from renamed
    qualify row_number() over (
        partition by post_id
        order by loaded_at desc, view_count desc nulls last, source_file desc
    ) = 1
)

select * from dedupe
