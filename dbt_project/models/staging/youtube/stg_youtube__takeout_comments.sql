-- The creator's own comments anywhere on YouTube, from their Google Takeout (`comments.csv`):
-- on other channels' videos (outreach), on their own videos (mostly also in the Data API
-- files) and on community posts. Every row is the export owner's; the channel id that wrote
-- it is hashed like any YouTube author.

with

source as (
    select * from {{ source('raw', 'youtube_takeout_comments') }}
),

renamed as (
    select
        trim(comment_id) as comment_id,
        -- the newest header has no parent column: a reply's id is `<parent id>.<reply id>`
        coalesce(
            nullif(trim(parent_comment_id), ''),
            nullif(split_part(trim(comment_id), '.', 1), trim(comment_id))
        ) as parent_comment_id,
        nullif(trim(video_id), '') as video_id,
        nullif(trim(post_id), '') as community_post_id,
        _export_owner as owner_handle,
        {{ pseudonymize("'youtube'", 'channel_id') }} as author_key,
        comment_text,
        text_format as comment_text_format,
        {{ to_utc_timestamp('commented_at') }} as commented_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

final as (
    select
        comment_id,
        parent_comment_id,
        coalesce(video_id, community_post_id) as post_id,
        case
            when video_id is not null then 'video'
            when community_post_id is not null then 'community_post'
            else 'unknown'
        end as commented_on,
        owner_handle,
        author_key,
        comment_text,
        comment_text_format,
        commented_at,
        source_file,
        loaded_at
    from renamed
)

select * from final
