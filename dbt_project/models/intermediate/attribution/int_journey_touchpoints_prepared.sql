-- Every journey's touches in touch order and after the path transform
-- (`attribution_path_transform`), the input of every attribution model:
--   * `touch_order`: by time, then by the journey's own sequence read from `touch_id` (its
--     trailing number as a number, so t2 comes before t10), then the id;
--   * the transform (as in snowplow fractribution): `unique` keeps every touch, `exposure`
--     keeps the first touch of each run of consecutive touches of one label, `first` keeps
--     each label's first touch only, `frequency` keeps each label's first touch and counts
--     the label's touches in `label_touch_count` (path summary: `A(2) > B(1)`);
--   * `touch_sequence` numbers the kept touches 1..n in touch order.
-- The dropped touches credit nothing: the touch kept in their place stands for them.

{%- set transform = attribution_path_transform() %}

with

journeys as (

    select * from {{ ref('int_journey_touchpoints_selected') }}

),

ordered as (

    select
        *,
        row_number() over journey as source_touch_sequence,
        lag(touch_label) over journey as previous_touch_label,
        row_number() over (
            partition by conversion_id, touch_label order by {{ touch_order() }}
        ) as label_occurrence,
        count(*) over (partition by conversion_id, touch_label) as label_touch_count
    from journeys
    window journey as (partition by conversion_id order by {{ touch_order() }})

),

transformed as (

    select * from ordered
    {%- if transform == 'exposure' %}
    where previous_touch_label is distinct from touch_label
    {%- elif transform in ('first', 'frequency') %}
    where label_occurrence = 1
    {%- endif %}

),

final as (

    select
        conversion_id,
        is_converted,
        conversion_value,
        converted_at,
        touch_id,
        touched_at,
        touch_label,
        touch_type,
        row_number() over (
            partition by conversion_id order by source_touch_sequence
        ) as touch_sequence,
        source_touch_sequence,
        label_touch_count
    from transformed

)

select * from final
