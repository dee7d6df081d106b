-- Every comment on a creator's posts across the comment platforms (int_comments_unioned), attributed to the
-- creator, placed in its thread (the top-level comment it hangs under, however deep) and
-- told apart: written by the creator or by an audience member.
--
-- Incremental: a run rebuilds every post that has a comment loaded since the last build
-- (all of its comments, so a late reply threads under its parent and a re-exported comment
-- stays one row); other posts are left as they are. A reply's parent is on the same post.

{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='post_key',
        on_schema_change='fail',
    )
}}

with recursive

comments as (

    select * from {{ ref('int_comments_unioned') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

comments_keyed as (

    select
        *,
        platform || ':' || owner_handle || ':' || coalesce(post_id, '') as post_key
    from comments

),

{% if is_incremental() %}

posts_with_new_comments as (

    select distinct post_key
    from comments_keyed
    where loaded_at > {{ incremental_watermark('loaded_at') }}

),

{% endif %}

comments_in_scope as (

    select comments_keyed.*
    from comments_keyed
    {% if is_incremental() %}
        inner join posts_with_new_comments
            on comments_keyed.post_key = posts_with_new_comments.post_key
    {% endif %}

),

comments_attributed as (

    select
        comments_in_scope.*,
        creator_accounts.creator_id,
        list_contains(creator_accounts.creator_keys, comments_in_scope.author_key) as is_by_creator
    from comments_in_scope
    inner join creator_accounts
        on
            comments_in_scope.platform = creator_accounts.platform
            and lower(comments_in_scope.owner_handle) = lower(creator_accounts.handle)

),

reply_edges as (

    -- the slim reply -> parent pairs the walk below repeats over
    select
        platform,
        comment_id,
        parent_comment_id
    from comments_attributed
    where parent_comment_id is not null

),

thread_roots as (

    -- walk down from each top-level comment; a reply inherits its parent's root
    select
        platform,
        comment_id,
        comment_id as root_comment_id,
        0 as thread_depth
    from comments_attributed
    where parent_comment_id is null

    union all

    select
        child.platform,
        child.comment_id,
        parent_root.root_comment_id,
        parent_root.thread_depth + 1 as thread_depth
    from reply_edges as child
    inner join thread_roots as parent_root
        on
            child.platform = parent_root.platform
            and child.parent_comment_id = parent_root.comment_id

),

with_parent as (

    select
        comments_attributed.*,
        -- a reply whose parent is not in the export starts its own thread at the parent
        coalesce(
            thread_roots.root_comment_id,
            comments_attributed.parent_comment_id,
            comments_attributed.comment_id
        ) as root_comment_id,
        coalesce(thread_roots.thread_depth, 1) as thread_depth,
        parent_comment.author_key as parent_author_key,
        parent_comment.is_by_creator as parent_is_by_creator
    from comments_attributed
    left join thread_roots
        on
            comments_attributed.platform = thread_roots.platform
            and comments_attributed.comment_id = thread_roots.comment_id
    left join comments_attributed as parent_comment
        on
            comments_attributed.platform = parent_comment.platform
            and comments_attributed.parent_comment_id = parent_comment.comment_id

),

final as (

    select
        platform,
        creator_id,
        owner_handle,
        comment_id,
        post_id,
        parent_comment_id,
        root_comment_id,
        thread_depth,
        author_key,
        is_by_creator,
        parent_author_key,
        parent_is_by_creator,
        comment_text,
        commented_at,
        post_key,
        loaded_at,
        {{ built_at() }} as built_at
    from with_parent

)

select * from final
