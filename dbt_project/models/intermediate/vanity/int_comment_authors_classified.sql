-- Does the author of a comment have a handle shaped like a bulk-created account? Staging
-- computes the flag while the handle still exists and keeps only the salted key, so this
-- model just reads it from the comments of every platform (int_comments_unioned). (Facebook
-- exports name authors by display name; a bought account's display name is usually its
-- handle, so the same rule applies.)

with

comments as (

    select * from {{ ref('int_comments_unioned') }}

),

final as (

    select
        platform,
        comment_id,
        coalesce(author_handle_looks_generated, false) as author_handle_looks_generated
    from comments

)

select * from final
