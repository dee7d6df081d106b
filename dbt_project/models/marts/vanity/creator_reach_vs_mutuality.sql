-- One row per creator: reach (the follower count brands buy, summed over the creator's
-- platforms) ranked beside connectedness (`creator_connectedness`, platform 'all'), with a
-- quadrant label and the numbers behind it over the trailing window (`vanity_window_days`,
-- ending on the as-of day). A level is high from the `vanity_quadrant_split_percentile`-th
-- percentile of the creators (reach) or of the scored creators (connectedness) up.
{%- set window_days = var('vanity_window_days') %}
{%- set split = var('vanity_quadrant_split_percentile') %}

with

follower_counts as (

    select * from {{ ref('int_follower_counts_latest') }}

),

reach_days as (

    select * from {{ ref('int_reach_days_unioned') }}

),

interactions as (

    select * from {{ ref('int_interactions_classified') }}

),

connectedness as (

    select * from {{ ref('creator_connectedness') }}

),

creators as (

    select * from {{ ref('stg_roster__creators') }}

),

reporting_window as (

    select
        {{ as_of_date() }} - {{ window_days - 1 }} as window_start,
        {{ as_of_date() }} as window_end

),

followers_per_creator as (

    select
        creator_id,
        sum(followers) as total_followers,
        count(*) as platforms_with_followers
    from follower_counts
    where followers is not null
    group by creator_id

),

window_reach as (

    -- what each platform reports as reach: Instagram accounts reached, TikTok video view_count,
    -- YouTube channel view_count (the `reach_for_ratios` of creator_reach_monthly)
    select
        reach_days.creator_id,
        sum(
            {{ reach_basis_case('reach_days.platform', 'metric', prefix='reach_days.') }}
        ) as window_reach
    from reach_days
    cross join reporting_window
    where
        reach_days.platform in ({{ platform_list_sql(platforms_where('reach_basis')) }})
        and reach_days.activity_on
        between reporting_window.window_start and reporting_window.window_end
    group by reach_days.creator_id

),

window_exchanges as (

    select
        interactions.creator_id,
        count(*) filter (where interactions.is_two_way_exchange) as window_two_way_exchanges
    from interactions
    cross join reporting_window
    where
        interactions.platform in ({{ platform_list_sql(platforms_where('reach_basis')) }})
        and interactions.activity_on
        between reporting_window.window_start and reporting_window.window_end
    group by interactions.creator_id

),

connectedness_overall as (

    select
        creator_id,
        connectedness_score,
        connectedness_rank,
        scored_creators,
        unscored_reason
    from connectedness
    where platform = 'all'

),

joined as (

    select
        creators.creator_id,
        creators.display_name as creator_name,
        reporting_window.window_start,
        reporting_window.window_end,
        followers_per_creator.total_followers,
        coalesce(followers_per_creator.platforms_with_followers, 0) as platforms_with_followers,
        window_reach.window_reach,
        coalesce(window_exchanges.window_two_way_exchanges, 0) as window_two_way_exchanges,
        connectedness_overall.connectedness_score,
        connectedness_overall.connectedness_rank,
        connectedness_overall.scored_creators,
        connectedness_overall.unscored_reason
    from creators
    cross join reporting_window
    left join followers_per_creator on creators.creator_id = followers_per_creator.creator_id
    left join window_reach on creators.creator_id = window_reach.creator_id
    left join window_exchanges on creators.creator_id = window_exchanges.creator_id
    left join connectedness_overall on creators.creator_id = connectedness_overall.creator_id

),

ranked as (

    select
        *,
        case
            when total_followers is not null
                then rank() over (order by total_followers desc nulls last)
        end as reach_rank,
        case
            when total_followers is not null
                then
                    100 * percent_rank() over (
                        partition by total_followers is not null order by total_followers
                    )
        end as reach_percentile,
        case
            when connectedness_score is not null
                then
                    100 * percent_rank() over (
                        partition by connectedness_score is not null order by connectedness_score
                    )
        end as connectedness_percentile
    from joined

),

labelled as (

    select
        *,
        case
            when reach_percentile >= {{ split }} then 'high'
            when reach_percentile is not null then 'low'
        end as reach_level,
        case
            when connectedness_percentile >= {{ split }} then 'high'
            when connectedness_percentile is not null then 'low'
        end as connectedness_level
    from ranked

),

final as (

    select
        creator_id,
        creator_name,
        cast(window_start as date) as window_start,
        cast(window_end as date) as window_end,
        cast(total_followers as bigint) as total_followers,
        cast(platforms_with_followers as bigint) as platforms_with_followers,
        cast(window_reach as bigint) as window_reach,
        cast(window_two_way_exchanges as bigint) as window_two_way_exchanges,
        window_reach / nullif(window_two_way_exchanges, 0) as window_vanity_ratio,
        10000 * window_two_way_exchanges / nullif(total_followers, 0)
            as two_way_exchanges_per_10k_followers,
        cast(reach_rank as bigint) as reach_rank,
        reach_percentile,
        reach_level,
        connectedness_score,
        cast(connectedness_rank as bigint) as connectedness_rank,
        cast(scored_creators as bigint) as scored_creators,
        connectedness_percentile,
        connectedness_level,
        unscored_reason,
        case
            when reach_level is null then 'no reach data'
            when connectedness_level is null then 'unscored'
            when reach_level = 'high' and connectedness_level = 'low' then 'hollow reach'
            when reach_level = 'low' and connectedness_level = 'high' then 'hidden gem'
            when reach_level = 'high' then 'earned reach'
            else 'low reach, low connectedness'
        end as quadrant
    from labelled

)

select * from final
