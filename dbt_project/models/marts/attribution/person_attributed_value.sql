-- What each person who can be credited (every creator, every introducer) brought: their
-- introductions and what became of them, the revenue they sourced and influenced, their
-- credit under every attribution model (introduction chains included) and the open
-- pipeline they touched. Only creators and consenting partners are named; everyone else is
-- their pseudonymous id and role (`int_people_identified.published_name`).

with

people as (

    select * from {{ ref('int_people_identified') }}

),

introductions as (

    select * from {{ ref('int_introductions_deduplicated') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

contact_touches as (

    select * from {{ ref('int_contact_touches_collected') }}

),

touchpoints as (

    select * from {{ ref('int_journey_touchpoints_prepared') }}
    where is_converted

),

deal_attribution as (

    select * from {{ ref('deal_attribution') }}

),

deal_contacts as (

    select
        deal_id,
        deal_stage,
        is_closed,
        is_won,
        amount,
        created_at,
        closed_at,
        unnest(associated_contact_ids) as contact_id
    from deals

),

introduction_deals as (

    -- deals of the introduced contact opened on or after the day of the introduction
    select
        introductions.introduction_id,
        introductions.introducer_person_id,
        introductions.introduced_at,
        deal_contacts.deal_id,
        deal_contacts.is_won,
        deal_contacts.amount,
        deal_contacts.closed_at
    from introductions
    inner join deal_contacts
        on
            introductions.introduced_contact_id = deal_contacts.contact_id
            and cast(deal_contacts.created_at as date) >= cast(introductions.introduced_at as date)

),

introduction_counts as (

    select
        introductions.introducer_person_id as person_id,
        count(distinct introductions.introduction_id) as introductions_made,
        count(distinct introductions.introduction_id) filter (
            where introductions.introduced_contact_id is not null
        ) as introductions_with_contact,
        count(distinct introduction_deals.introduction_id) as introductions_to_opportunity,
        count(distinct introduction_deals.introduction_id) filter (
            where introduction_deals.is_won
        ) as introductions_to_won_deal
    from introductions
    left join introduction_deals
        on introductions.introduction_id = introduction_deals.introduction_id
    group by introductions.introducer_person_id

),

introduction_won_deals as (

    -- each won deal once per introducer, from their earliest introduction of its contact
    select
        introducer_person_id as person_id,
        deal_id,
        amount,
        date_diff('day', introduced_at, closed_at) as days_introduction_to_close
    from introduction_deals
    where is_won
    qualify row_number() over (
        partition by introducer_person_id, deal_id
        order by introduced_at, introduction_id
    ) = 1

),

introduction_revenue as (

    select
        person_id,
        count(*) as introduction_won_deals,
        sum(coalesce(amount, 0)) as introduction_won_revenue,
        median(days_introduction_to_close) as median_days_introduction_to_close
    from introduction_won_deals
    group by person_id

),

first_touches as (

    select * from touchpoints
    qualify row_number() over (
        partition by conversion_id order by touch_sequence
    ) = 1

),

sourced as (

    select
        touch_label as person_id,
        sum(conversion_value) as sourced_revenue
    from first_touches
    group by touch_label

),

influenced as (

    select
        person_id,
        count(*) as influenced_won_deals,
        sum(conversion_value) as influenced_revenue
    from (
        select distinct
            touch_label as person_id,
            conversion_id,
            conversion_value
        from touchpoints
    ) as person_conversions
    group by person_id

),

credits as (

    select
        credited_person_id as person_id,
        sum(credit_amount) filter (where attribution_model = 'first_touch') as credit_first_touch,
        sum(credit_amount) filter (where attribution_model = 'last_touch') as credit_last_touch,
        sum(credit_amount) filter (where attribution_model = 'linear') as credit_linear,
        sum(credit_amount) filter (where attribution_model = 'time_decay') as credit_time_decay,
        sum(credit_amount) filter (
            where attribution_model = 'position_based'
        ) as credit_position_based,
        sum(credit_amount) filter (where attribution_model = 'markov') as credit_markov,
        sum(credit_amount) filter (where attribution_model = 'shapley') as credit_shapley,
        sum(credit_amount) filter (
            where attribution_model = 'linear' and chain_hop > 0
        ) as chain_credit_linear
    from deal_attribution
    where credited_person_id is not null
    group by credited_person_id

),

open_deal_touches as (

    select distinct
        contact_touches.touch_label as person_id,
        deal_contacts.deal_id,
        deal_contacts.amount
    from deal_contacts
    inner join contact_touches on deal_contacts.contact_id = contact_touches.contact_id
    where
        not deal_contacts.is_closed
        and cast(contact_touches.touched_at as date) <= {{ as_of_date() }}
        and cast(contact_touches.touched_at as date)
        > {{ as_of_date() }} - cast({{ var('attribution_lookback_days') }} as integer)

),

open_pipeline as (

    select
        person_id,
        count(*) as open_deals,
        sum(coalesce(amount, 0)) as open_pipeline_amount
    from open_deal_touches
    group by person_id

),

final as (

    select
        people.person_id,
        people.published_name as person_name,
        people.person_kind,
        people.creator_id,
        coalesce(introduction_counts.introductions_made, 0) as introductions_made,
        coalesce(introduction_counts.introductions_with_contact, 0)
            as introductions_with_contact,
        coalesce(introduction_counts.introductions_to_opportunity, 0)
            as introductions_to_opportunity,
        coalesce(introduction_counts.introductions_to_won_deal, 0)
            as introductions_to_won_deal,
        coalesce(introduction_revenue.introduction_won_deals, 0) as introduction_won_deals,
        cast(coalesce(introduction_revenue.introduction_won_revenue, 0) as decimal(18, 2))
            as introduction_won_revenue,
        cast(introduction_revenue.median_days_introduction_to_close as double)
            as median_days_introduction_to_close,
        cast(coalesce(sourced.sourced_revenue, 0) as decimal(18, 2)) as sourced_revenue,
        coalesce(influenced.influenced_won_deals, 0) as influenced_won_deals,
        cast(coalesce(influenced.influenced_revenue, 0) as decimal(18, 2)) as influenced_revenue,
        cast(coalesce(credits.credit_first_touch, 0) as decimal(18, 2)) as credit_first_touch,
        cast(coalesce(credits.credit_last_touch, 0) as decimal(18, 2)) as credit_last_touch,
        cast(coalesce(credits.credit_linear, 0) as decimal(18, 2)) as credit_linear,
        cast(coalesce(credits.credit_time_decay, 0) as decimal(18, 2)) as credit_time_decay,
        cast(coalesce(credits.credit_position_based, 0) as decimal(18, 2))
            as credit_position_based,
        cast(coalesce(credits.credit_markov, 0) as decimal(18, 2)) as credit_markov,
        cast(coalesce(credits.credit_shapley, 0) as decimal(18, 2)) as credit_shapley,
        cast(coalesce(credits.chain_credit_linear, 0) as decimal(18, 2)) as chain_credit_linear,
        coalesce(open_pipeline.open_deals, 0) as open_deals,
        cast(coalesce(open_pipeline.open_pipeline_amount, 0) as decimal(18, 2))
            as open_pipeline_amount
    from people
    left join introduction_counts on people.person_id = introduction_counts.person_id
    left join introduction_revenue on people.person_id = introduction_revenue.person_id
    left join sourced on people.person_id = sourced.person_id
    left join influenced on people.person_id = influenced.person_id
    left join credits on people.person_id = credits.person_id
    left join open_pipeline on people.person_id = open_pipeline.person_id

)

select * from final
