-- The introductions graph, one row per pair of people tied by introductions: an
-- introducer is tied to the person they introduced and to the person they introduced them
-- to (the tie the introduction creates between those two is left out: it is what the
-- introducer bridged). `introductions` counts the introductions behind the tie. A node is a
-- known person's id, else a salted key of the e-mail (`email:`), the LinkedIn profile
-- (`linkedin:`) or the CRM contact (`contact:`) of someone introduced.

with

introductions as (

    select * from {{ ref('int_introductions_deduplicated') }}
    where introducer_person_id is not null

),

people as (

    select * from {{ ref('int_people_identified') }}

),

person_emails as (

    select
        person_id,
        unnest(email_keys) as email_key
    from people

),

introduction_nodes as (

    select
        introductions.introduction_id,
        introductions.introducer_person_id as introducer_node,
        coalesce(
            introduced_people.person_id,
            'email:' || introductions.introduced_email_key,
            'linkedin:' || introductions.introduced_linkedin_key,
            'contact:' || introductions.introduced_contact_id
        ) as introduced_node,
        coalesce(
            introduced_to_people.person_id,
            'email:' || introductions.introduced_to_email_key,
            'linkedin:' || introductions.introduced_to_linkedin_key
        ) as introduced_to_node
    from introductions
    left join person_emails as introduced_people
        on introductions.introduced_email_key = introduced_people.email_key
    left join person_emails as introduced_to_people
        on introductions.introduced_to_email_key = introduced_to_people.email_key

),

ties as (

    select
        introduction_id,
        introducer_node,
        introduced_node as other_node
    from introduction_nodes
    where introduced_node is not null

    union all

    select
        introduction_id,
        introducer_node,
        introduced_to_node as other_node
    from introduction_nodes
    where introduced_to_node is not null

),

final as (

    select
        least(introducer_node, other_node) as first_node,
        greatest(introducer_node, other_node) as second_node,
        count(distinct introduction_id) as introductions
    from ties
    where introducer_node <> other_node
    group by least(introducer_node, other_node), greatest(introducer_node, other_node)

)

select * from final
