-- One row per interaction between a creator and their audience, on every platform:
-- comments and replies on the creator's posts, the creator's replies and mentions on X,
-- the creator's comments on other channels' YouTube videos (Takeout), and direct messages.
-- The grain that every connectedness and vanity measure counts.
--
-- Incremental: a run takes the comments and messages its parents (re)built since this model's
-- last build, and the tweets and Takeout comments loaded since, and replaces those
-- interactions by id.

{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='interaction_id',
        on_schema_change='fail',
    )
}}

with

comments as (

    select * from {{ ref('int_comments_threaded') }}
    {% if is_incremental() %}
        where built_at > {{ incremental_watermark('built_at') }}
    {% endif %}

),

direct_messages as (

    select * from {{ ref('int_direct_messages_sequenced') }}
    {% if is_incremental() %}
        where built_at > {{ incremental_watermark('built_at') }}
    {% endif %}

),

tweets as (

    select * from {{ ref('stg_x__tweets') }}
    {% if is_incremental() %}
        where loaded_at > {{ incremental_watermark('loaded_at') }}
    {% endif %}

),

youtube_takeout_comments as (

    select * from {{ ref('stg_youtube__takeout_comments') }}
    {% if is_incremental() %}
        where loaded_at > {{ incremental_watermark('loaded_at') }}
    {% endif %}

),

youtube_comments as (

    select * from {{ ref('stg_youtube__comments') }}

),

youtube_studio_videos as (

    select * from {{ ref('stg_youtube_studio__videos') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

comment_interactions as (

    select
        platform || ':comment:' || comment_id as interaction_id,
        platform,
        creator_id,
        case when parent_comment_id is null then 'comment' else 'reply' end as kind,
        case
            when is_by_creator then 'creator_to_audience' else 'audience_to_creator'
        end as direction,
        author_key as actor_key,
        case
            when not is_by_creator then author_key
            when not parent_is_by_creator then parent_author_key
        end as audience_member_key,
        platform || ':comment:' || parent_comment_id as in_reply_to_interaction_id,
        platform || ':thread:' || root_comment_id as thread_id,
        post_id,
        comment_text,
        commented_at as occurred_at,
        loaded_at
    from comments

),

dm_interactions as (

    select
        platform || ':dm:' || message_id as interaction_id,
        platform,
        creator_id,
        'dm' as kind,
        case
            when is_by_creator then 'creator_to_audience' else 'audience_to_creator'
        end as direction,
        sender_key as actor_key,
        audience_member_key,
        platform || ':dm:' || answers_message_id as in_reply_to_interaction_id,
        platform || ':conversation:' || owner_handle || ':' || thread_id as thread_id,
        null::varchar as post_id,
        null::varchar as comment_text,
        sent_at as occurred_at,
        loaded_at
    from direct_messages

),

x_tweets_attributed as (

    select
        tweets.*,
        creator_accounts.creator_id,
        creator_accounts.creator_keys[1] as creator_key
    from tweets
    inner join creator_accounts
        on
            creator_accounts.platform = 'x'
            and lower(tweets.owner_handle) = lower(creator_accounts.handle)

),

x_reply_interactions as (

    -- archives hold only the creator's own tweets: a reply is the creator answering
    -- someone whose tweet (not in the archive) is known by id
    select
        'x:tweet:' || tweet_id as interaction_id,
        'x' as platform,
        creator_id,
        'reply' as kind,
        'creator_to_audience' as direction,
        creator_key as actor_key,
        in_reply_to_user_key as audience_member_key,
        'x:tweet:' || in_reply_to_tweet_id as in_reply_to_interaction_id,
        'x:thread:' || in_reply_to_tweet_id as thread_id,
        null::varchar as post_id,
        null::varchar as comment_text,
        tweeted_at as occurred_at,
        loaded_at
    from x_tweets_attributed
    -- a reply to the creator's own tweet continues a thread (real archives are full of them):
    -- it answers nobody in the audience
    where is_reply and in_reply_to_user_key is distinct from creator_key

),

x_mentions as (

    -- a tweet that is not a reply but names people: the creator reaching out, once per person
    select
        *,
        unnest(mentioned_user_keys) as mentioned_user_key,
        generate_subscripts(mentioned_user_keys, 1) as mention_position
    from x_tweets_attributed
    where not is_reply

),

x_mention_interactions as (

    select
        'x:mention:' || tweet_id || ':' || mention_position as interaction_id,
        'x' as platform,
        creator_id,
        'mention' as kind,
        'creator_to_audience' as direction,
        creator_key as actor_key,
        mentioned_user_key as audience_member_key,
        null::varchar as in_reply_to_interaction_id,
        'x:thread:' || tweet_id as thread_id,
        null::varchar as post_id,
        null::varchar as comment_text,
        tweeted_at as occurred_at,
        loaded_at
    from x_mentions

),

youtube_own_videos as (

    -- the creator's own uploads: videos their Data API files hold threads of, or their Studio
    -- export lists
    select distinct
        lower(owner_handle) as owner_handle,
        post_id
    from youtube_comments
    union
    select distinct
        lower(owner_handle) as owner_handle,
        post_id
    from youtube_studio_videos

),

youtube_outreach_comments as (

    -- the creator's Takeout comments on other channels' videos. A comment on their own video
    -- is left to the Data API files (where it is a reply in its thread, counted once), and so
    -- is one in another roster creator's Data API files (there it is an audience comment of
    -- that creator: one interaction per comment id); a community-post comment cannot be
    -- placed (the export does not say whose post it is)
    select
        takeout.*,
        creator_accounts.creator_id,
        creator_accounts.creator_keys[1] as creator_key
    from youtube_takeout_comments as takeout
    inner join creator_accounts
        on
            creator_accounts.platform = 'youtube'
            and lower(takeout.owner_handle) = lower(creator_accounts.handle)
    left join youtube_own_videos
        on
            lower(takeout.owner_handle) = youtube_own_videos.owner_handle
            and takeout.post_id = youtube_own_videos.post_id
    left join youtube_comments
        on takeout.comment_id = youtube_comments.comment_id
    where
        takeout.commented_on = 'video'
        and youtube_own_videos.post_id is null
        and youtube_comments.comment_id is null

),

youtube_outreach_interactions as (

    -- the creator reaching out unprompted on someone else's video: answering nobody of their
    -- own audience (the channel's owner and commenters are not in the export). Same id as the
    -- Data API would give it, so a later API file holding the comment replaces it
    select
        'youtube:comment:' || comment_id as interaction_id,
        'youtube' as platform,
        creator_id,
        'outreach_comment' as kind,
        'creator_to_audience' as direction,
        coalesce(author_key, creator_key) as actor_key,
        null::varchar as audience_member_key,
        null::varchar as in_reply_to_interaction_id,
        'youtube:thread:' || coalesce(parent_comment_id, comment_id) as thread_id,
        post_id,
        comment_text,
        commented_at as occurred_at,
        loaded_at
    from youtube_outreach_comments

),

unioned as (

    select * from comment_interactions
    union all
    select * from dm_interactions
    union all
    select * from x_reply_interactions
    union all
    select * from x_mention_interactions
    union all
    select * from youtube_outreach_interactions

),

final as (

    select
        *,
        {{ built_at() }} as built_at
    from unioned
    -- an interaction whose time the loader set aside (before the platform existed or after
    -- the export: raw._load_notes says why) belongs to no period: left out
    where occurred_at is not null

)

select * from final
