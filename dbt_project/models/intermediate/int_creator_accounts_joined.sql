-- One row per creator and platform: the handle their exports are filed under and every
-- pseudonymised identifier under which the creator's own activity shows up in that
-- platform's exports (handle, display name, account id, channel id, profile URL).
-- Later models compare an author or sender key with `creator_keys` to tell the creator's
-- own comments and messages from the audience's.

with

creators as (

    select * from {{ ref('stg_roster__creators') }}

),

x_accounts as (

    select * from {{ ref('stg_x__accounts') }}

),

platform_handles as (

    select creator_id, 'x' as platform, x_handle as handle from creators
    union all
    select creator_id, 'instagram', instagram_handle from creators
    union all
    select creator_id, 'facebook', facebook_handle from creators
    union all
    select creator_id, 'tiktok', tiktok_handle from creators
    union all
    select creator_id, 'youtube', youtube_handle from creators
    union all
    select creator_id, 'linkedin', linkedin_handle from creators

),

creator_identifiers as (

    -- X archives address people by numeric account id; the account file of the
    -- creator's own archive (filed under their handle) gives theirs.
    select creators.creator_id, 'x' as platform, x_accounts.account_id as identifier
    from creators
    inner join x_accounts on lower(x_accounts.owner_handle) = lower(creators.x_handle)
    union all
    select creator_id, 'instagram', instagram_handle from creators
    -- Meta message threads name people by display name, not handle.
    union all
    select creator_id, 'instagram', display_name from creators where instagram_handle is not null
    union all
    select creator_id, 'facebook', facebook_handle from creators
    union all
    select creator_id, 'facebook', display_name from creators where facebook_handle is not null
    union all
    select creator_id, 'tiktok', tiktok_handle from creators
    union all
    select creator_id, 'youtube', youtube_channel_id from creators
    union all
    select creator_id, 'linkedin', linkedin_profile_url from creators

),

creator_keys as (

    select
        creator_id,
        platform,
        list_sort(list(distinct {{ pseudonymize("platform", "identifier") }})) as creator_keys
    from creator_identifiers
    where nullif(trim(identifier), '') is not null
    group by creator_id, platform

),

final as (

    select
        platform_handles.creator_id,
        creators.display_name as creator_name,
        platform_handles.platform,
        platform_handles.handle,
        coalesce(creator_keys.creator_keys, []) as creator_keys
    from platform_handles
    inner join creators on platform_handles.creator_id = creators.creator_id
    left join creator_keys
        on
            platform_handles.creator_id = creator_keys.creator_id
            and platform_handles.platform = creator_keys.platform
    where nullif(trim(platform_handles.handle), '') is not null

)

select * from final
