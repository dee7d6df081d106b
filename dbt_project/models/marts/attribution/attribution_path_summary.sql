-- One row per journey path: how many journeys took it, how many converted and did not, and
-- the value they converted, as snowplow fractribution's path summary. `journey_path` is the
-- journey's touch labels in touch order (`touch_order`) joined by ' > '; `transformed_path` is
-- the path every model credits, after `attribution_path_transform` (under `frequency` each
-- label carries its count, `A(2) > B(1)`).

{%- set transform = attribution_path_transform() %}
{%- if transform == 'frequency' %}
    {%- set path_label = "touch_label || '(' || label_touch_count || ')'" %}
{%- else %}
    {%- set path_label = "touch_label" %}
{%- endif %}

with

journeys as (

    select * from {{ ref('int_journey_touchpoints_selected') }}

),

prepared as (

    select * from {{ ref('int_journey_touchpoints_prepared') }}

),

paths as (

    select
        conversion_id,
        bool_or(is_converted) as is_converted,
        coalesce(max(conversion_value) filter (where is_converted), 0) as conversion_value,
        count(*) as touch_count,
        string_agg(touch_label, ' > ' order by {{ touch_order() }}) as journey_path
    from journeys
    group by conversion_id

),

transformed_paths as (

    select
        conversion_id,
        count(*) as transformed_touch_count,
        string_agg(
            {{ path_label }}, ' > ' order by touch_sequence
        ) as transformed_path
    from prepared
    group by conversion_id

),

final as (

    select
        paths.journey_path,
        transformed_paths.transformed_path,
        '{{ transform }}' as path_transform,
        any_value(paths.touch_count) as touch_count,
        any_value(transformed_paths.transformed_touch_count) as transformed_touch_count,
        count(*) as journeys,
        count(*) filter (where paths.is_converted) as conversions,
        count(*) filter (where not paths.is_converted) as non_conversions,
        cast(sum(paths.conversion_value) as decimal(18, 2)) as conversion_value
    from paths
    inner join transformed_paths on paths.conversion_id = transformed_paths.conversion_id
    group by paths.journey_path, transformed_paths.transformed_path

)

select * from final
