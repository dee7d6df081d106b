-- Who opened the door for each introducer: when A introduced B and B later introduces
-- others, A is one hop upstream of B. One row per introducer and upstream hop, following
-- at each hop the earliest introduction of that person made before the introduction one
-- hop further down, for at most `attribution_chain_max_depth` hops, never returning to a
-- person already in the chain. A person is recognised as introduced when the introduced
-- e-mail key is one of theirs. `chain_starts_at` is when the introducer was introduced:
-- only their introductions after it pass credit upstream.

with recursive

introductions as (

    select * from {{ ref('int_introductions_deduplicated') }}

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

introductions_of_people as (

    select
        person_emails.person_id as introduced_person_id,
        introductions.introducer_person_id,
        introductions.introduction_id,
        introductions.introduced_at
    from introductions
    inner join person_emails on introductions.introduced_email_key = person_emails.email_key
    where introductions.introducer_person_id <> person_emails.person_id

),

first_links as (

    select * from introductions_of_people
    qualify row_number() over (
        partition by introduced_person_id
        order by introduced_at, introduction_id
    ) = 1

),

chains as (

    select
        introduced_person_id as person_id,
        1 as hop,
        introducer_person_id as upstream_person_id,
        introduction_id as upstream_introduction_id,
        introduced_at as link_introduced_at,
        introduced_at as chain_starts_at,
        [introduced_person_id, introducer_person_id] as people_in_chain
    from first_links

    union all

    select
        chains.person_id,
        chains.hop + 1 as hop,
        next_link.introducer_person_id as upstream_person_id,
        next_link.introduction_id as upstream_introduction_id,
        next_link.introduced_at as link_introduced_at,
        chains.chain_starts_at,
        list_append(chains.people_in_chain, next_link.introducer_person_id)
            as people_in_chain
    from chains
    inner join lateral (
        select
            introductions_of_people.introducer_person_id,
            introductions_of_people.introduction_id,
            introductions_of_people.introduced_at
        from introductions_of_people
        where
            introductions_of_people.introduced_person_id = chains.upstream_person_id
            and introductions_of_people.introduced_at < chains.link_introduced_at
            and not list_contains(
                chains.people_in_chain, introductions_of_people.introducer_person_id
            )
        order by introductions_of_people.introduced_at, introductions_of_people.introduction_id
        limit 1
    ) as next_link on true
    where chains.hop < {{ var('attribution_chain_max_depth') }}

),

final as (

    select
        person_id,
        hop,
        upstream_person_id,
        upstream_introduction_id,
        chain_starts_at
    from chains

)

select * from final
