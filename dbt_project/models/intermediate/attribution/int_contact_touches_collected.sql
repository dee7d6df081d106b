-- Every touch we know of on every CRM contact, labelled with the channel or person it
-- credits:
--   * `introduction`: an introduction of the contact (`int_introductions_deduplicated`),
--     labelled with the introducer's person id, when it happened;
--   * `creator_utm`: `Original Source Drill-Down 1` is `utm_source=<a creator's utm_source>`,
--     labelled with the creator id, when the contact was created;
--   * `creator_referral_code`: the contact used a creator's referral code, labelled with the
--     creator id, when the contact was created;
--   * `marketing_source`: the HubSpot `Original Source` (when it is not a creator's UTM),
--     labelled with the source, when the contact was created;
--   * `marketing_latest_source`: the HubSpot `Latest Source`, labelled with the source, at
--     `Latest Source Date` when that is later than the creation (a return visit, possibly
--     through the same channel).

with

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

creators as (

    select * from {{ ref('stg_roster__creators') }}

),

introductions as (

    select * from {{ ref('int_introductions_deduplicated') }}
    where introduced_contact_id is not null

),

contact_sources as (

    select
        contacts.contact_id,
        contacts.created_at,
        contacts.original_source,
        contacts.latest_source,
        contacts.latest_source_at,
        utm_creators.creator_id as utm_creator_id,
        code_creators.creator_id as code_creator_id
    from contacts
    left join creators as utm_creators
        on
            lower(contacts.original_source_drill_down_1)
            = 'utm_source=' || lower(utm_creators.utm_source)
    left join creators as code_creators
        on upper(contacts.referral_code) = upper(code_creators.referral_code)

),

touches as (

    select
        introduced_contact_id as contact_id,
        'introduction:' || introduction_id as touch_id,
        introduced_at as touched_at,
        introducer_person_id as touch_label,
        'introduction' as touch_type
    from introductions

    union all

    select
        contact_id,
        'source:' || contact_id || ':utm' as touch_id,
        created_at as touched_at,
        utm_creator_id as touch_label,
        'creator_utm' as touch_type
    from contact_sources
    where utm_creator_id is not null

    union all

    select
        contact_id,
        'source:' || contact_id || ':referral_code' as touch_id,
        created_at as touched_at,
        code_creator_id as touch_label,
        'creator_referral_code' as touch_type
    from contact_sources
    where code_creator_id is not null

    union all

    select
        contact_id,
        'source:' || contact_id || ':original_source' as touch_id,
        created_at as touched_at,
        original_source as touch_label,
        'marketing_source' as touch_type
    from contact_sources
    where original_source is not null and utm_creator_id is null

    union all

    select
        contact_id,
        'source:' || contact_id || ':latest_source' as touch_id,
        latest_source_at as touched_at,
        latest_source as touch_label,
        'marketing_latest_source' as touch_type
    from contact_sources
    where latest_source is not null and latest_source_at > created_at

),

final as (

    select * from touches
    where touched_at is not null

)

select * from final
