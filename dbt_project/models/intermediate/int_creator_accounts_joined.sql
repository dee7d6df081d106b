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

handles as (

    select
        {%- for platform in var('platforms') %}
            {{ platform }}_handle as {{ platform }},
        {%- endfor %}
        creator_id
    from creators

),

platform_handles as (

    unpivot handles
    on {{ var('platforms') | join(', ') }}
    into name platform value handle

),

identifiers as (

    -- `<platform>__<kind>`, one per kind the registry's `creator_keys` names for the platform
    -- (macros/platforms/creator_identifier.sql): X archives address people by account id
    -- (the account file of the creator's own archive gives theirs or, for an archive without
    -- one, the id inferred from its conversation ids); Meta message threads use display names.
    select
        {%- for platform, spec in var('platforms').items() %}
            {%- for kind in (spec.get('creator_keys') or ['handle']) %}
                {{ creator_identifier_sql(platform, kind) }} as {{ platform }}__{{ kind }},
            {%- endfor %}
        {%- endfor %}
        creators.creator_id
    from creators
    left join x_accounts on lower(creators.x_handle) = lower(x_accounts.owner_handle)

),

identifiers_unpivoted as (

    unpivot identifiers
    on columns(* exclude (creator_id))
    into name identifier_kind value identifier

),

creator_keys as (

    select
        creator_id,
        split_part(identifier_kind, '__', 1) as platform,
        list_sort(
            list(distinct {{ pseudonymize("split_part(identifier_kind, '__', 1)", "identifier") }})
        ) as creator_keys
    from identifiers_unpivoted
    where nullif(trim(identifier), '') is not null
    group by creator_id, split_part(identifier_kind, '__', 1)

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
