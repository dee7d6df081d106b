-- Every journey (`int_journey_touchpoints_prepared`: the configured journey table, ordered
-- and path-transformed) as the ordered list of its touch labels, converted or not, with the value
-- of a conversion in cents (0 when not converted): the input of the Markov-chain and the
-- channel-allocated models (a Python model cannot pick its input from a var).

with

touchpoints as (

    select * from {{ ref('int_journey_touchpoints_prepared') }}

),

final as (

    select
        conversion_id,
        bool_or(is_converted) as is_converted,
        cast(
            round(coalesce(any_value(conversion_value) filter (where is_converted), 0) * 100)
            as bigint
        ) as conversion_value_cents,
        list(touch_label order by touch_sequence) as touch_labels
    from touchpoints
    group by conversion_id

)

select * from final
