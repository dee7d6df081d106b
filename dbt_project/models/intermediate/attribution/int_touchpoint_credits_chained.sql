-- Every attribution model's credit per converted journey and touch, with introduction
-- chains applied: the credit of an `introduction` touch whose introducer was introduced
-- before it (`int_introducer_chains_traced`) is shared with the people upstream. With decay
-- d = `attribution_chain_decay`, the introducer (hop 0) weighs 1 and the person h hops up
-- weighs d ^ h; each receives the touch's credit times their weight over the chain's total
-- weight. A journey's credits still add up to 1 under every model.

with

touchpoints as (

    select * from {{ ref('int_journey_touchpoints_prepared') }}
    where is_converted

),

ruled_credits as (

    select * from {{ ref('int_touchpoint_credits_ruled') }}

),

allocated_credits as (

    select * from {{ ref('int_touchpoint_credits_allocated') }}

),

chains as (

    select * from {{ ref('int_introducer_chains_traced') }}

),

model_credits as (

    select * from ruled_credits
    union all
    select * from allocated_credits

),

touch_chains as (

    select
        touchpoints.conversion_id,
        touchpoints.touch_id,
        chains.hop as chain_hop,
        chains.upstream_person_id as credited_label,
        pow({{ var('attribution_chain_decay') }}, chains.hop) as chain_weight
    from touchpoints
    inner join chains
        on
            touchpoints.touch_label = chains.person_id
            and touchpoints.touch_type = 'introduction'
            and touchpoints.touched_at > chains.chain_starts_at

),

touch_credit_shares as (

    select
        touchpoints.conversion_id,
        touchpoints.touch_id,
        0 as chain_hop,
        touchpoints.touch_label as credited_label,
        1.0 as chain_weight
    from touchpoints

    union all

    select * from touch_chains

),

normalised_shares as (

    select
        *,
        chain_weight / sum(chain_weight) over (partition by conversion_id, touch_id)
            as chain_share
    from touch_credit_shares

),

final as (

    select
        model_credits.conversion_id,
        model_credits.attribution_model,
        model_credits.touch_id,
        normalised_shares.chain_hop,
        normalised_shares.credited_label,
        touchpoints.touch_label,
        touchpoints.touch_type,
        touchpoints.touched_at,
        cast(model_credits.credit_fraction * normalised_shares.chain_share as double)
            as credit_fraction
    from model_credits
    inner join normalised_shares
        on
            model_credits.conversion_id = normalised_shares.conversion_id
            and model_credits.touch_id = normalised_shares.touch_id
    inner join touchpoints
        on
            model_credits.conversion_id = touchpoints.conversion_id
            and model_credits.touch_id = touchpoints.touch_id

)

select * from final
