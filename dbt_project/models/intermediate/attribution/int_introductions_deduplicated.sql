-- One row per introduction, however many places it shows up in:
--   * the partnerships team's introductions log (the introduced person's e-mail key finds
--     their CRM contact);
--   * LinkedIn (`int_linkedin_introductions_detected`): the same introduction as a log row
--     when the introducer is the same person, the days are at most
--     `attribution_linkedin_match_days` apart and one of the two people introduced has the
--     log row's e-mail key or company. A LinkedIn introduction with no log row finds its
--     contact by e-mail key, or else as the only CRM contact of that person's company created
--     within `attribution_introduction_contact_window_days` after the message;
--   * a CRM "How did you hear about us?" answer naming the introducer
--     (`int_crm_mentions_matched`): the same introduction as a log or LinkedIn row for the
--     same introducer and contact, otherwise an introduction of its own, dated when the
--     contact was created (the latest it can have happened).
-- `introduced_at` is the earliest evidence of the introduction.

with

introductions_log as (

    select * from {{ ref('stg_partnerships__introductions') }}

),

linkedin_introductions as (

    select * from {{ ref('int_linkedin_introductions_detected') }}

),

mentions as (

    select * from {{ ref('int_crm_mentions_matched') }}
    where person_id is not null

),

people as (

    select * from {{ ref('int_people_identified') }}

),

contacts as (

    select * from {{ ref('stg_crm__contacts') }}

),

person_emails as (

    select
        person_id,
        unnest(email_keys) as email_key
    from people

),

person_names as (

    select
        name_key,
        min(person_id) as person_id
    from people
    group by name_key

),

contacts_by_email as (

    select * from contacts
    where email_key is not null
    qualify row_number() over (partition by email_key order by created_at, contact_id) = 1

),

log_resolved as (

    select
        introductions_log.introduction_id,
        coalesce(person_emails.person_id, person_names.person_id) as introducer_person_id,
        contacts_by_email.contact_id as introduced_contact_id,
        introductions_log.introduced_person_email_key as introduced_email_key,
        introductions_log.introduced_to_email_key,
        introductions_log.company,
        cast(introductions_log.introduced_on as timestamp) as introduced_at
    from introductions_log
    left join person_emails
        on introductions_log.introducer_email_key = person_emails.email_key
    left join person_names
        on
            introductions_log.introducer_email_key is null
            and {{ normalize_person_name('introductions_log.introducer_name') }}
            = person_names.name_key
    left join contacts_by_email
        on introductions_log.introduced_person_email_key = contacts_by_email.email_key

),

linkedin_log_matches as (

    select
        linkedin_introductions.message_id,
        linkedin_introductions.introduced_at as message_sent_at,
        log_resolved.introduction_id
    from linkedin_introductions
    inner join log_resolved
        on
            linkedin_introductions.creator_id = log_resolved.introducer_person_id
            and abs(
                date_diff(
                    'day',
                    cast(log_resolved.introduced_at as date),
                    cast(linkedin_introductions.introduced_at as date)
                )
            ) <= {{ var('attribution_linkedin_match_days') }}
            and (
                linkedin_introductions.recipient_email_key in (
                    log_resolved.introduced_email_key, log_resolved.introduced_to_email_key
                )
                or lower(trim(linkedin_introductions.recipient_company))
                = lower(trim(log_resolved.company))
            )
    qualify row_number() over (
        partition by linkedin_introductions.message_id
        order by
            abs(
                date_diff(
                    'day',
                    cast(log_resolved.introduced_at as date),
                    cast(linkedin_introductions.introduced_at as date)
                )
            ),
            log_resolved.introduction_id
    ) = 1

),

log_on_linkedin as (

    select
        introduction_id,
        min(message_sent_at) as first_message_at
    from linkedin_log_matches
    group by introduction_id

),

linkedin_only as (

    select linkedin_introductions.*
    from linkedin_introductions
    anti join linkedin_log_matches
        on linkedin_introductions.message_id = linkedin_log_matches.message_id

),

linkedin_only_company_contacts as (

    select
        linkedin_only.message_id,
        linkedin_only.recipient_position,
        min(contacts.contact_id) as contact_id,
        count(*) as contacts_found
    from linkedin_only
    inner join contacts
        on
            lower(trim(linkedin_only.recipient_company)) = lower(trim(contacts.company_name))
            and linkedin_only.introduced_at <= contacts.created_at
            and linkedin_only.introduced_at
            + to_days(cast({{ var('attribution_introduction_contact_window_days') }} as integer))
            > contacts.created_at
    group by linkedin_only.message_id, linkedin_only.recipient_position

),

linkedin_only_sides as (

    select
        linkedin_only.*,
        coalesce(
            contacts_by_email.contact_id,
            case
                when linkedin_only_company_contacts.contacts_found = 1
                    then linkedin_only_company_contacts.contact_id
            end
        ) as contact_id,
        case
            when contacts_by_email.contact_id is not null then 'email'
            when linkedin_only_company_contacts.contacts_found = 1 then 'company_and_date'
        end as contact_match_method
    from linkedin_only
    left join contacts_by_email
        on linkedin_only.recipient_email_key = contacts_by_email.email_key
    left join linkedin_only_company_contacts
        on
            linkedin_only.message_id = linkedin_only_company_contacts.message_id
            and linkedin_only.recipient_position
            = linkedin_only_company_contacts.recipient_position

),

linkedin_only_resolved as (

    -- the introduced person is the first recipient found in the CRM (the other one is
    -- whoever they were introduced to); with neither found, the first recipient
    select
        'linkedin:' || introduced.message_id as introduction_id,
        introduced.creator_id as introducer_person_id,
        introduced.contact_id as introduced_contact_id,
        introduced.recipient_email_key as introduced_email_key,
        introduced.recipient_key as introduced_linkedin_key,
        introduced_to.recipient_email_key as introduced_to_email_key,
        introduced_to.recipient_key as introduced_to_linkedin_key,
        introduced.recipient_company as company,
        introduced.introduced_at,
        introduced.contact_match_method
    from linkedin_only_sides as introduced
    inner join linkedin_only_sides as introduced_to
        on
            introduced.message_id = introduced_to.message_id
            and introduced.recipient_position <> introduced_to.recipient_position
    qualify row_number() over (
        partition by introduced.message_id
        order by introduced.contact_id is null, introduced.recipient_position
    ) = 1

),

logged_and_linkedin as (

    select
        log_resolved.introduction_id,
        log_resolved.introducer_person_id,
        log_resolved.introduced_contact_id,
        log_resolved.introduced_email_key,
        cast(null as varchar) as introduced_linkedin_key,
        log_resolved.introduced_to_email_key,
        cast(null as varchar) as introduced_to_linkedin_key,
        log_resolved.company,
        least(log_resolved.introduced_at, log_on_linkedin.first_message_at) as introduced_at,
        true as is_in_log,
        log_on_linkedin.introduction_id is not null as is_on_linkedin,
        case when log_resolved.introduced_contact_id is not null then 'email' end
            as contact_match_method
    from log_resolved
    left join log_on_linkedin on log_resolved.introduction_id = log_on_linkedin.introduction_id

    union all

    select
        introduction_id,
        introducer_person_id,
        introduced_contact_id,
        introduced_email_key,
        introduced_linkedin_key,
        introduced_to_email_key,
        introduced_to_linkedin_key,
        company,
        introduced_at,
        false as is_in_log,
        true as is_on_linkedin,
        contact_match_method
    from linkedin_only_resolved

),

mentioned_contacts as (

    select
        mentions.contact_id,
        mentions.person_id,
        contacts.email_key,
        contacts.company_name,
        contacts.created_at
    from mentions
    inner join contacts on mentions.contact_id = contacts.contact_id

),

corroborated as (

    select distinct logged_and_linkedin.introduction_id
    from logged_and_linkedin
    inner join mentioned_contacts
        on
            logged_and_linkedin.introducer_person_id = mentioned_contacts.person_id
            and logged_and_linkedin.introduced_contact_id = mentioned_contacts.contact_id

),

mention_only as (

    select mentioned_contacts.*
    from mentioned_contacts
    anti join logged_and_linkedin
        on
            mentioned_contacts.person_id = logged_and_linkedin.introducer_person_id
            and mentioned_contacts.contact_id = logged_and_linkedin.introduced_contact_id

),

introductions as (

    select
        logged_and_linkedin.introduction_id,
        logged_and_linkedin.introducer_person_id,
        logged_and_linkedin.introduced_contact_id,
        logged_and_linkedin.introduced_email_key,
        logged_and_linkedin.introduced_linkedin_key,
        logged_and_linkedin.introduced_to_email_key,
        logged_and_linkedin.introduced_to_linkedin_key,
        logged_and_linkedin.company,
        logged_and_linkedin.introduced_at,
        logged_and_linkedin.is_in_log,
        logged_and_linkedin.is_on_linkedin,
        corroborated.introduction_id is not null as is_self_reported,
        logged_and_linkedin.contact_match_method
    from logged_and_linkedin
    left join corroborated on logged_and_linkedin.introduction_id = corroborated.introduction_id

    union all

    select
        'crm:' || contact_id || ':' || person_id as introduction_id,
        person_id as introducer_person_id,
        contact_id as introduced_contact_id,
        email_key as introduced_email_key,
        cast(null as varchar) as introduced_linkedin_key,
        cast(null as varchar) as introduced_to_email_key,
        cast(null as varchar) as introduced_to_linkedin_key,
        company_name as company,
        created_at as introduced_at,
        false as is_in_log,
        false as is_on_linkedin,
        true as is_self_reported,
        'self_reported' as contact_match_method
    from mention_only

),

final as (

    -- an introduction without a date (the loader set an implausible one aside, before 1990
    -- or after the export: raw._load_notes says why) cannot be placed before any deal
    select * from introductions
    where introduced_at is not null

)

select * from final
