-- Every won deal x touch x attribution model, with the credit as a fraction and in money.
-- Money is allocated in cents by largest remainder: each credit gets the whole cents of
-- fraction x amount, and the cents left over go one each to the credits with the largest
-- leftover fractions (ties by touch order and hop), so a deal's credits add up to its amount to
-- the cent under every model. A touch is published as its place in the journey and its
-- type (`001:introduction`), not by its intermediate id, which names a CRM contact. A
-- credited person is named only when they are a creator or a consenting partner
-- (`int_people_identified.published_name`); a channel is named by its label.

with

touchpoints as (

    select * from {{ ref(var('attribution_touchpoints_model')) }}
    where is_converted

),

credits as (

    select * from {{ ref('int_touchpoint_credits_chained') }}

),

people as (

    select * from {{ ref('int_people_identified') }}

),

touch_sequences as (

    select
        conversion_id,
        touch_id,
        row_number() over (
            partition by conversion_id order by touched_at, touch_id
        ) as touch_sequence
    from touchpoints

),

conversions as (

    select
        conversion_id,
        any_value(conversion_value) as conversion_value,
        any_value(converted_at) as converted_at
    from touchpoints
    group by conversion_id

),

exact_cents as (

    select
        credits.*,
        touch_sequences.touch_sequence,
        conversions.conversion_value,
        conversions.converted_at,
        cast(round(coalesce(conversions.conversion_value, 0) * 100) as bigint) as deal_cents,
        credits.credit_fraction
        * cast(round(coalesce(conversions.conversion_value, 0) * 100) as bigint)
            as exact_credit_cents
    from credits
    inner join conversions on credits.conversion_id = conversions.conversion_id
    inner join touch_sequences
        on
            credits.conversion_id = touch_sequences.conversion_id
            and credits.touch_id = touch_sequences.touch_id

),

whole_cents as (

    select
        *,
        cast(floor(round(exact_credit_cents, 6)) as bigint) as floor_cents
    from exact_cents

),

remainders as (

    select
        *,
        deal_cents
        - sum(floor_cents) over (partition by conversion_id, attribution_model)
            as leftover_cents,
        row_number() over (
            partition by conversion_id, attribution_model
            order by exact_credit_cents - floor_cents desc, touch_sequence asc, chain_hop asc
        ) as leftover_rank
    from whole_cents

),

allocated as (

    select
        *,
        floor_cents + case when leftover_rank <= leftover_cents then 1 else 0 end
            as credit_cents
    from remainders

),

final as (

    select
        allocated.conversion_id as deal_id,
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

)

select * from final
