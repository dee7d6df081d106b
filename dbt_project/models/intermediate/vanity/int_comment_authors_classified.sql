-- Does the author of a comment have a handle shaped like a bulk-created account? Staging
-- keeps only salted author keys, so this one fact is computed here from the raw comment
-- tables, where the handle still exists: the output holds the comment id and a boolean, and
-- no handle leaves this model. (Facebook exports name authors by display name; a bought
-- account's display name is usually its handle, so the same rule applies.)

with

instagram_comments as (

    select * from {{ source('raw', 'instagram_comments') }}

),

facebook_comments as (

    select * from {{ source('raw', 'facebook_comments') }}

),

tiktok_comments as (

    select * from {{ source('raw', 'tiktok_comments') }}

),

youtube_comments as (

    select * from {{ source('raw', 'youtube_comments') }}

),

authors_unioned as (

    select
        'instagram' as platform,
        comment_id,
        {{ fix_meta_mojibake('author') }} as author_handle
    from instagram_comments

    union all

    select
        'facebook' as platform,
        comment_id,
        {{ fix_meta_mojibake('author') }} as author_handle
    from facebook_comments

    union all

    select
        'tiktok' as platform,
        comment_id,
        {{ null_if_placeholder('username') }} as author_handle
    from tiktok_comments

    union all

    select
        'youtube' as platform,
        comment_id,
        author_display_name as author_handle
    from youtube_comments

),

final as (

    select
        platform,
        comment_id,
        bool_or({{ vanity_handle_looks_generated('author_handle') }})
            as author_handle_looks_generated
    from authors_unioned
    group by platform, comment_id

)

select * from final
