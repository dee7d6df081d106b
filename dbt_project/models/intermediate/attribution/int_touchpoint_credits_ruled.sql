-- The rule-based attribution models over the prepared journeys
-- (`int_journey_touchpoints_prepared`). Touches of a converted journey are in touch order
-- (`touch_sequence`: time, then the journey's sequence in `touch_id`); each touch gets its
-- fraction:
--   * `first_touch`: 1 for the first touch, 0 for the others;
--   * `last_touch`: 1 for the last touch, 0 for the others;
--   * `linear`: 1 / n for each of the n touches;
--   * `time_decay`: weight 0.5 ^ (days from the touch to the conversion /
--     `attribution_time_decay_half_life_days`), divided by the journey's total weight;
--   * `position_based`: `attribution_position_based_endpoint_share` (0.4) each for the first
--     and the last touch and the rest (0.2) split evenly between the touches in between;
--     a single touch takes 1, two touches take 0.5 each.

with

touchpoints as (

    select * from {{ ref('int_journey_touchpoints_prepared') }}
    where is_converted

),

ordered as (

    select
        conversion_id,
        touch_id,
        row_number() over (
            partition by conversion_id order by touch_sequence
        ) as touch_position,
        count(*) over (partition by conversion_id) as touch_count,
        date_diff('second', touched_at, converted_at) / 86400.0 as days_before_conversion
    from touchpoints

),

weighted as (

    -- decay weights relative to the journey's latest touch (weight 1), so that no journey's
    -- weights all underflow to zero; the ratios, and so the fractions, are unchanged
    select
        *,
        pow(
            0.5,
            (
                days_before_conversion
                - min(days_before_conversion) over (partition by conversion_id)
            )
            / {{ var('attribution_time_decay_half_life_days') }}
        ) as decay_weight
    from ordered

),

normalised as (

    select
        *,
        sum(decay_weight) over (partition by conversion_id) as journey_decay_weight,
        {{ var('attribution_position_based_endpoint_share') }} as endpoint_share
    from weighted

),

fractions as (

    select
        conversion_id,
        touch_id,
        case when touch_position = 1 then 1.0 else 0.0 end as first_touch,
        case when touch_position = touch_count then 1.0 else 0.0 end as last_touch,
        1.0 / touch_count as linear,
        decay_weight / journey_decay_weight as time_decay,
        case
            when touch_count = 1 then 1.0
            when touch_count = 2 then 0.5
            when touch_position in (1, touch_count) then endpoint_share
            else (1.0 - 2 * endpoint_share) / (touch_count - 2)
        end as position_based
    from normalised

),

unpivoted as (

    unpivot fractions
    on first_touch, last_touch, linear, time_decay, position_based
    into name attribution_model value credit_fraction

),

final as (

    select
        conversion_id,
        touch_id,
        attribution_model,
        cast(credit_fraction as double) as credit_fraction
    from unpivoted

)

select * from final
