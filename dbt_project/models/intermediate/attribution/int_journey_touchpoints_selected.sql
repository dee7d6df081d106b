-- The journey table every attribution model reads, whichever model the var
-- `attribution_touchpoints_model` names (default `int_deal_touchpoints_joined`), in the
-- generic touchpoints shape (docs/attribution.md). Only the documented columns are read, so a
-- table without one of them fails here, by name; the input checks (`_attribution__models.yml`)
-- run on this model, so they guard any configured table. Every other attribution model reads
-- `int_journey_touchpoints_prepared` (ordered and path-transformed), never the var.

with

journeys as (

    select * from {{ ref(var('attribution_touchpoints_model')) }}

),

final as (

    select
        cast(conversion_id as varchar) as conversion_id,
        cast(is_converted as boolean) as is_converted,
        cast(conversion_value as decimal(18, 2)) as conversion_value,
        cast(converted_at as timestamp) as converted_at,
        cast(touch_id as varchar) as touch_id,
        cast(touched_at as timestamp) as touched_at,
        cast(touch_label as varchar) as touch_label,
        cast(touch_type as varchar) as touch_type
    from journeys

)

select * from final
