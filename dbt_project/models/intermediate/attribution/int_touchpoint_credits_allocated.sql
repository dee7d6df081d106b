-- The channel-level models (`markov`, `shapley`) per converted journey and touch: the
-- journey's share of each of its channels (`int_attribution_channel_credits_allocated`, where
-- channel totals and deal amounts both hold to the cent) is split evenly between that
-- channel's touches in the journey.

with

touchpoints as (

    select * from {{ ref('int_journey_touchpoints_prepared') }}
    where is_converted

),

channel_credits as (

    select * from {{ ref('int_attribution_channel_credits_allocated') }}

),

label_touches as (

    select
        conversion_id,
        touch_id,
        touch_label,
        count(*) over (partition by conversion_id, touch_label) as label_touch_count
    from touchpoints

),

final as (

    select
        label_touches.conversion_id,
        label_touches.touch_id,
        channel_credits.attribution_model,
        cast(channel_credits.credit_fraction / label_touches.label_touch_count as double)
            as credit_fraction
    from label_touches
    inner join channel_credits
        on
            label_touches.conversion_id = channel_credits.conversion_id
            and label_touches.touch_label = channel_credits.touch_label

)

select * from final
