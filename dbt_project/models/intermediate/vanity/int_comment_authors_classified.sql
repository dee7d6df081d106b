-- Does the author of a comment have a handle shaped like a bulk-created account? Staging
-- computes the flag while the handle still exists and keeps only the salted key, so this
-- model just gathers it across the comment platforms. (Facebook exports name authors by
-- display name; a bought account's display name is usually its handle, so the same rule
-- applies.)

with

instagram_comments as (

    select * from {{ ref('stg_instagram__comments') }}

),

facebook_comments as (

    select * from {{ ref('stg_facebook__comments') }}

),

tiktok_comments as (

    select * from {{ ref('stg_tiktok__comments') }}

),

youtube_comments as (

    select * from {{ ref('stg_youtube__comments') }}

),

final as (

    {% for platform in ['instagram', 'facebook', 'tiktok', 'youtube'] %}
        select
            '{{ platform }}' as platform,
            comment_id,
            coalesce(author_handle_looks_generated, false) as author_handle_looks_generated
        from {{ platform }}_comments
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
