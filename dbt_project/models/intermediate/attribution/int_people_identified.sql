-- Everyone who can be credited with opening a door: every roster creator and every
-- introducer in the partnerships team's introductions log. A log introducer whose name is a
-- creator's is that creator (the roster has no e-mails, the log has); other introducers are
-- one person per e-mail key (or per name when the log has no e-mail), a `partner` when the
-- team declares them in roster/partners.csv (matched by e-mail key), an `introducer`
-- otherwise. `published_name` is the only name the marts may publish: a creator's display
-- name, a partner's declared name when every partners row of theirs consents, else null.

with

creators as (

    select * from {{ ref('stg_roster__creators') }}

),

introductions_log as (

    select * from {{ ref('stg_partnerships__introductions') }}

),

partners as (

    select * from {{ ref('stg_roster__partners') }}

),

creator_names as (

    select
        creator_id,
        display_name,
        {{ normalize_person_name('display_name') }} as name_key
    from creators

),

log_introducers as (

    select
        introducer_name,
        introducer_email_key,
        {{ normalize_person_name('introducer_name') }} as name_key
    from introductions_log
    where introducer_name is not null or introducer_email_key is not null

),

log_identities as (

    -- the salted e-mail key, else a salted key of the name: a published id is never a
    -- plain hash of something guessable
    select
        *,
        coalesce(
            introducer_email_key,
            {{ pseudonymize(
                "'introducer_name'", "coalesce(nullif(name_key, ''), introducer_name)"
            ) }}
        ) as identity_key
    from log_introducers

),

introducer_identities as (

    select
        identity_key,
        mode(introducer_name order by introducer_name) as person_name,
        mode(name_key order by name_key) as name_key,
        max(introducer_email_key) as email_key
    from log_identities
    group by identity_key

),

introducer_creators as (

    select
        introducer_identities.identity_key,
        introducer_identities.person_name,
        introducer_identities.name_key,
        introducer_identities.email_key,
        creator_names.creator_id
    from introducer_identities
    left join creator_names on introducer_identities.name_key = creator_names.name_key

),

creator_emails as (

    select
        creator_id,
        list_sort(list(distinct email_key)) as email_keys
    from introducer_creators
    where creator_id is not null and email_key is not null
    group by creator_id

),

creator_people as (

    select
        creator_names.creator_id as person_id,
        creator_names.display_name as person_name,
        'creator' as person_kind,
        creator_names.creator_id,
        creator_names.name_key,
        coalesce(creator_emails.email_keys, []) as email_keys,
        creator_names.display_name as published_name
    from creator_names
    left join creator_emails on creator_names.creator_id = creator_emails.creator_id

),

partner_declarations as (

    -- a partner listed twice is named only when every row of theirs consents
    select
        email_key,
        min(partner_name) as partner_name,
        bool_and(consents_to_be_named) as consents_to_be_named
    from partners
    where email_key is not null
    group by email_key

),

introducer_people as (

    select
        'ip_' || left(sha256(introducer_creators.identity_key), 16) as person_id,
        introducer_creators.person_name,
        case
            when partner_declarations.email_key is not null then 'partner'
            else 'introducer'
        end as person_kind,
        cast(null as varchar) as creator_id,
        introducer_creators.name_key,
        case
            when introducer_creators.email_key is null then []
            else [introducer_creators.email_key]
        end as email_keys,
        case
            when partner_declarations.consents_to_be_named
                then partner_declarations.partner_name
        end as published_name
    from introducer_creators
    left join partner_declarations
        on introducer_creators.email_key = partner_declarations.email_key
    where introducer_creators.creator_id is null

),

people as (

    select * from creator_people
    union all
    select * from introducer_people

),

final as (

    select
        person_id,
        person_name,
        published_name,
        person_kind,
        creator_id,
        cast(email_keys as varchar[]) as email_keys,
        name_key,
        split_part(name_key, ' ', 1) as first_name_key,
        nullif(trim(substr(name_key, length(split_part(name_key, ' ', 1)) + 1)), '')
            as last_name_key
    from people

)

select * from final
