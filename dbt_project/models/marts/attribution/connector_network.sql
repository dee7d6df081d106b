-- The introductions graph, measured per person who made an introduction: how many people
-- and companies they bridged, how often they sit on the shortest path between two others
-- (betweenness) and how little their ties are tied to each other (Burt's constraint). Only
-- creators and consenting partners are named (`int_people_identified.published_name`).

with

people as (

    select * from {{ ref('int_people_identified') }}

),

introductions as (

    select * from {{ ref('int_introductions_deduplicated') }}
    where introducer_person_id is not null

),

edges as (

    select * from {{ ref('int_introduction_edges_listed') }}

),

network_measures as (

    select * from {{ ref('int_introduction_network_measured') }}

),

introducer_summaries as (

    select
        introducer_person_id as person_id,
        count(*) as introductions_made,
        count(distinct lower(trim(company))) as companies_bridged
    from introductions
    group by introducer_person_id

),

node_ties as (

    select
        first_node as node_key,
        second_node as other_node
    from edges
    union all
    select
        second_node as node_key,
        first_node as other_node
    from edges

),

people_bridged as (

    select
        node_key as person_id,
        count(distinct other_node) as people_bridged
    from node_ties
    group by node_key

),

final as (

    select
        people.person_id,
        people.published_name as person_name,
        people.person_kind,
        people.creator_id,
        introducer_summaries.introductions_made,
        coalesce(people_bridged.people_bridged, 0) as people_bridged,
        introducer_summaries.companies_bridged,
        cast(coalesce(network_measures.betweenness_centrality, 0) as double)
            as betweenness_centrality,
        cast(network_measures.burt_constraint as double) as burt_constraint
    from introducer_summaries
    inner join people on introducer_summaries.person_id = people.person_id
    left join people_bridged on introducer_summaries.person_id = people_bridged.person_id
    left join network_measures on introducer_summaries.person_id = network_measures.node_key

)

select * from final
