-- The connectedness score per period, creator and platform: each component measure is turned
-- into its mid-rank percentile among the scored creators of the same platform and period
-- (platform norms differ), then the score is 100 x the weighted mean of the percentiles
-- present (weights: var `connectedness_score_weights`), rounded to 2 decimals (percentiles
-- to 4). A component whose sample is below
-- `connectedness_min_sample` is left out; a creator with fewer than
-- `connectedness_min_engaging_members` engaging members or fewer than
-- `connectedness_min_components` measurable components gets no score and a reason instead.

{%- set weights = var('connectedness_score_weights') %}
{#- component: (the measure, the count it rests on, whether higher is better) -#}
{%- set components = [
    ('comment_reply_rate', 'audience_comments', true),
    ('median_reply_hours', 'audience_comments_replied', false),
    ('dm_response_rate', 'inbound_dm_conversations', true),
    ('median_dm_response_hours', 'inbound_dm_conversations_answered', false),
    ('two_way_conversation_share', 'conversation_threads', true),
    ('mean_conversation_depth', 'conversation_threads', true),
    ('reciprocity_rate', 'engaging_members', true),
    ('repeat_engager_share', 'engaging_members', true),
    ('core_community_dunbar_ratio', 'engaging_members', true),
    ('creator_initiated_share', 'creator_initiated_conversations + inbound_dm_conversations', true),
    ('live_question_answer_rate', 'live_questions', true),
] %}
{%- set min_sample = var('connectedness_min_sample') %}

with

measures as (

    select * from {{ ref('int_connectedness_measures_aggregated') }}

),

components_long as (

    {% for name, sample, higher_is_better in components %}
        select
            period_kind,
            period_start,
            creator_id,
            platform,
            '{{ name }}' as component,
            cast({{ weights.get(name, 0) }} as double) as weight,
            {{ '' if higher_is_better else '-' }}{{ name }} as oriented_value
        from measures
        where
            {{ name }} is not null
            and {{ sample }} >= {{ min_sample }}
            and {{ weights.get(name, 0) }} > 0
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

eligibility as (

    select
        measures.period_kind,
        measures.period_start,
        measures.creator_id,
        measures.platform,
        count(components_long.component) as measurable_components,
        case
            when measures.audience_interactions + measures.creator_interactions = 0
                then 'no_interactions'
            when measures.engaging_members < {{ var('connectedness_min_engaging_members') }}
                then 'too_few_engaging_members'
            when
                count(components_long.component)
                < greatest(1, {{ var('connectedness_min_components') }})
                then 'too_few_measurable_components'
        end as unscored_reason
    from measures
    left join components_long
        on
            measures.period_kind = components_long.period_kind
            and measures.period_start = components_long.period_start
            and measures.creator_id = components_long.creator_id
            and measures.platform = components_long.platform
    group by
        measures.period_kind,
        measures.period_start,
        measures.creator_id,
        measures.platform,
        measures.audience_interactions,
        measures.creator_interactions,
        measures.engaging_members

),

eligible_components as (

    select components_long.*
    from components_long
    inner join eligibility
        on
            components_long.period_kind = eligibility.period_kind
            and components_long.period_start = eligibility.period_start
            and components_long.creator_id = eligibility.creator_id
            and components_long.platform = eligibility.platform
    where eligibility.unscored_reason is null

),

percentiles as (

    -- mid-rank percentile: (creators below + half the creators tied) / creators compared
    select
        *,
        (
            rank() over peers
            - 1
            + 0.5 * count(*) over (
                partition by period_kind, period_start, platform, component, oriented_value
            )
        ) / count(*) over (partition by period_kind, period_start, platform, component)
            as percentile
    from eligible_components
    window peers as (
        partition by period_kind, period_start, platform, component
        order by oriented_value
    )

),

scores as (

    select
        period_kind,
        period_start,
        creator_id,
        platform,
        round(100 * sum(weight * percentile) / sum(weight), 2) as connectedness_score,
        {% for name, _sample, _higher in components %}
            round(max(percentile) filter (where component = '{{ name }}'), 4)
                as {{ name }}_percentile
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from percentiles
    group by period_kind, period_start, creator_id, platform

),

final as (

    select
        measures.*,
        scores.connectedness_score,
        case
            when scores.connectedness_score is not null
                then rank() over (
                    partition by
                        measures.period_kind,
                        measures.period_start,
                        measures.platform,
                        scores.connectedness_score is null
                    order by scores.connectedness_score desc
                )
        end as connectedness_rank,
        count(scores.connectedness_score) over (
            partition by measures.period_kind, measures.period_start, measures.platform
        ) as scored_creators,
        eligibility.unscored_reason,
        eligibility.measurable_components,
        {% for name, _sample, _higher in components %}
            scores.{{ name }}_percentile
            {%- if not loop.last %},{% endif %}
        {% endfor %}
    from measures
    inner join eligibility
        on
            measures.period_kind = eligibility.period_kind
            and measures.period_start = eligibility.period_start
            and measures.creator_id = eligibility.creator_id
            and measures.platform = eligibility.platform
    left join scores
        on
            measures.period_kind = scores.period_kind
            and measures.period_start = scores.period_start
            and measures.creator_id = scores.creator_id
            and measures.platform = scores.platform

)

select * from final
