-- High volume: an incremental table (raw rows loaded since the last build are appended)
-- rather than a view, so the pseudonymising hash is computed once per row, not per read.
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}

with

source as (
    select * from {{ source('raw', 'x_tweets') }}
    {{ loaded_since_last_build() }}
),

renamed as (
    select
        tweet_id,
        _export_owner as owner_handle,
        nullif(trim(in_reply_to_status_id), '') as in_reply_to_tweet_id,
        {{ pseudonymize("'x'", 'in_reply_to_user_id') }} as in_reply_to_user_key,
        cast(
            list_filter(
                list_transform(
                    coalesce(mentioned_user_ids, []),
                    lambda mentioned_user_id: {{ pseudonymize("'x'", 'mentioned_user_id') }}
                ),
                lambda mentioned_user_key: mentioned_user_key is not null
            ) as varchar[]
        ) as mentioned_user_keys,
        coalesce(
            nullif(trim(in_reply_to_status_id), ''),
            nullif(trim(in_reply_to_user_id), '')
        ) is not null as is_reply,
        {{ parse_count('favorite_count') }} as favorite_count,
        {{ parse_count('retweet_count') }} as retweet_count,
        nullif(trim(lang), '') as lang,
        {{ to_utc_timestamp('created_at') }} as tweeted_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

final as (
    select
        tweet_id,
        owner_handle,
        in_reply_to_tweet_id,
        in_reply_to_user_key,
        mentioned_user_keys,
        len(mentioned_user_keys) as mention_count,
        is_reply,
        favorite_count,
        retweet_count,
        lang,
        tweeted_at,
        source_file,
        loaded_at
    from renamed
)

select * from final
