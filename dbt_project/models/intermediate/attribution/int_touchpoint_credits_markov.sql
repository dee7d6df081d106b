-- The data-driven attribution model (`markov`): a converted journey's value is split
-- between the distinct labels of its touches in proportion to their Markov-chain removal
-- effects (`int_markov_removal_effects_computed`), and a label's share is split evenly
-- between its touches in the journey. Should every label of a journey have a zero removal
-- effect (it cannot happen on a converted journey), its touches share the value evenly.

with

touchpoints as (

    select * from {{ ref(var('attribution_touchpoints_model')) }}
    where is_converted

),

removal_effects as (

    select * from {{ ref('int_markov_removal_effects_computed') }}

),

touch_effects as (

    select
        touchpoints.conversion_id,
        touchpoints.touch_id,
        touchpoints.touch_label,
        coalesce(removal_effects.removal_effect, 0) as removal_effect,
        count(*) over (
            partition by touchpoints.conversion_id, touchpoints.touch_label
        ) as label_touch_count,
        count(*) over (partition by touchpoints.conversion_id) as touch_count
    from touchpoints
    left join removal_effects on touchpoints.touch_label = removal_effects.touch_label

),

journey_effects as (

    select
        *,
        sum(removal_effect / label_touch_count) over (partition by conversion_id)
            as journey_removal_effect
    from touch_effects

),

final as (

    select
        conversion_id,
        touch_id,
        'markov' as attribution_model,
        cast(
            case
                when journey_removal_effect > 0
                    then removal_effect / label_touch_count / journey_removal_effect
                else 1.0 / touch_count
            end as double
        ) as credit_fraction
    from journey_effects

)

select * from final
