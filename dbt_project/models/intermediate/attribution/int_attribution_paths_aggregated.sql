-- Every journey of the touchpoints model (`attribution_touchpoints_model`) as the ordered
-- list of its touch labels (by time, ties by `touch_id`), converted or not: the input of
-- the Markov-chain model (a Python model cannot pick its input from a var).

with

touchpoints as (

    select * from {{ ref(var('attribution_touchpoints_model')) }}

),

final as (

    select
        conversion_id,
        bool_or(is_converted) as is_converted,
        list(touch_label order by touched_at, touch_id) as touch_labels
    from touchpoints
    group by conversion_id

)

select * from final
