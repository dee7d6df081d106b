-- Every won deal x touch x attribution model, with the credit as a fraction and in money.
-- Money is allocated in cents by largest remainder (`allocate_cents`): each credit gets the
-- whole cents of its exact amount, and the cents left over go one each to the credits with
-- the largest remainders (ties by touch order, then hop). Under the rule-based models a
-- deal's amount is shared between all its credits; under the channel-level models (`markov`,
-- `shapley`) each channel's cents in the deal (`int_attribution_channel_credits_allocated`,
-- where channel totals hold to the cent too) are shared between that channel's credits. So a
-- deal's credits add up to its amount to the cent under every model. A touch is published as
-- its place in the journey and its type (`001:introduction`), not by its intermediate id,
-- which names a CRM contact. A credited person is named only when they are a creator or a
-- consenting partner (`int_people_identified.published_name`); a channel by its label.

with

touchpoints as (

    select * from {{ ref('int_journey_touchpoints_prepared') }}
    where is_converted

),

credits as (

    select * from {{ ref('int_touchpoint_credits_chained') }}

),

people as (

    select * from {{ ref('int_people_identified') }}

),

channel_credits as (

    select * from {{ ref('int_attribution_channel_credits_allocated') }}

),

deals as (

    select * from {{ ref('stg_crm__deals') }}

),

conversions as (

    select
        conversion_id,
        any_value(conversion_value) as conversion_value,
        any_value(converted_at) as converted_at
    from touchpoints
    group by conversion_id

),

credit_pools as (

    -- the cents each credit shares: the deal's amount (rule-based models) or its channel's
    -- cents in the deal (channel-level models)
    select
        credits.*,
        touchpoints.touch_sequence,
        conversions.conversion_value,
        conversions.converted_at,
        coalesce(channel_credits.touch_label, '') as cent_pool,
        coalesce(
            channel_credits.credit_cents,
            cast(round(coalesce(conversions.conversion_value, 0) * 100) as bigint)
        ) as pool_cents
    from credits
    inner join conversions on credits.conversion_id = conversions.conversion_id
    inner join touchpoints
        on
            credits.conversion_id = touchpoints.conversion_id
            and credits.touch_id = touchpoints.touch_id
    left join channel_credits
        on
            credits.conversion_id = channel_credits.conversion_id
            and credits.attribution_model = channel_credits.attribution_model
            and credits.touch_label = channel_credits.touch_label

),

exact_cents as (

    select
        *,
        case
            when sum(credit_fraction) over pool > 0
                then pool_cents * credit_fraction / sum(credit_fraction) over pool
            else 0
        end as exact_credit_cents
    from credit_pools
    window pool as (partition by conversion_id, attribution_model, cent_pool)

),

allocated as (

    {{ allocate_cents(
        'exact_cents',
        'exact_credit_cents',
        'conversion_id, attribution_model, cent_pool',
        'touch_sequence asc, chain_hop asc'
    ) }}

),

final as (

    select
        allocated.conversion_id as deal_id,
        deals.deal_name,
        deals.associated_company as company_name,
        allocated.attribution_model,
        format('{:03d}:{}', allocated.touch_sequence, allocated.touch_type) as touch_id,
        allocated.chain_hop,
        allocated.touch_type,
        allocated.touch_label,
        allocated.touched_at,
        allocated.credited_label,
        people.person_id as credited_person_id,
        case
            when people.person_id is null then allocated.credited_label
            else people.published_name
        end as credited_name,
        people.person_kind as credited_person_kind,
        cast(allocated.credit_fraction as double) as credit_fraction,
        cast(cast(allocated.credit_cents as decimal(18, 0)) * 0.01 as decimal(18, 2))
            as credit_amount,
        cast(allocated.conversion_value as decimal(18, 2)) as deal_amount,
        allocated.converted_at as closed_at
    from allocated
    left join people on allocated.credited_label = people.person_id
    left join deals on allocated.conversion_id = deals.deal_id

)

select * from final
