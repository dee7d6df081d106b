-- Influencer, connector, both or neither, for every creator, with the numbers behind the
-- label. Influencers convert an audience: won deals whose journey holds one of their UTM
-- links or referral codes. Connectors open doors: won deals whose journey holds one of
-- their introductions. A side counts once it reaches `attribution_role_min_won_deals` won
-- deals; when both count, a side holding `attribution_role_dominant_share` of the
-- creator's influenced revenue (audience + introductions) gives the label alone, else it
-- is `both`.

with

creators as (

    select * from {{ ref('stg_roster__creators') }}

),

audiences as (

    select * from {{ ref('int_creator_audiences_measured') }}

),

contact_touches as (

    select * from {{ ref('int_contact_touches_collected') }}

),

introductions as (

    select * from {{ ref('int_introductions_deduplicated') }}

),

touchpoints as (

    select * from {{ ref('int_journey_touchpoints_prepared') }}
    where is_converted

),

audience_sizes as (

    select
        creator_id,
        sum(audience_size) as audience_size,
        count(*) as audience_platforms
    from audiences
    group by creator_id

),

audience_contacts as (

    select
        touch_label as creator_id,
        count(distinct contact_id) as audience_contacts
    from contact_touches
    where touch_type in ('creator_utm', 'creator_referral_code')
    group by touch_label

),

introduction_counts as (

    select
        introducer_person_id as creator_id,
        count(*) as introductions_made
    from introductions
    group by introducer_person_id

),

touch_sides as (

    select
        conversion_id,
        conversion_value,
        touch_label as creator_id,
        case
            when touch_type in ('creator_utm', 'creator_referral_code') then 'audience'
            when touch_type = 'introduction' then 'introduction'
        end as side,
        row_number() over (
            partition by conversion_id order by touch_sequence
        ) = 1 as is_first_touch
    from touchpoints

),

side_conversions as (

    select
        creator_id,
        side,
        conversion_id,
        any_value(conversion_value) as conversion_value,
        bool_or(is_first_touch) as is_sourced
    from touch_sides
    where side is not null
    group by creator_id, side, conversion_id

),

side_revenue as (

    select
        creator_id,
        count(*) filter (where side = 'audience') as audience_won_deals,
        coalesce(sum(conversion_value) filter (where side = 'audience'), 0)
            as audience_influenced_revenue,
        coalesce(sum(conversion_value) filter (where side = 'audience' and is_sourced), 0)
            as audience_sourced_revenue,
        count(*) filter (where side = 'introduction') as introduction_won_deals,
        coalesce(sum(conversion_value) filter (where side = 'introduction'), 0)
            as introduction_influenced_revenue,
        coalesce(
            sum(conversion_value) filter (where side = 'introduction' and is_sourced), 0
        ) as introduction_sourced_revenue
    from side_conversions
    group by creator_id

),

measured as (

    select
        creators.creator_id,
        creators.display_name as creator_name,
        coalesce(audience_sizes.audience_size, 0) as audience_size,
        coalesce(audience_sizes.audience_platforms, 0) as audience_platforms,
        coalesce(audience_contacts.audience_contacts, 0) as audience_contacts,
        coalesce(side_revenue.audience_won_deals, 0) as audience_won_deals,
        coalesce(side_revenue.audience_influenced_revenue, 0) as audience_influenced_revenue,
        coalesce(side_revenue.audience_sourced_revenue, 0) as audience_sourced_revenue,
        coalesce(introduction_counts.introductions_made, 0) as introductions_made,
        coalesce(side_revenue.introduction_won_deals, 0) as introduction_won_deals,
        coalesce(side_revenue.introduction_influenced_revenue, 0)
            as introduction_influenced_revenue,
        coalesce(side_revenue.introduction_sourced_revenue, 0)
            as introduction_sourced_revenue
    from creators
    left join audience_sizes on creators.creator_id = audience_sizes.creator_id
    left join audience_contacts on creators.creator_id = audience_contacts.creator_id
    left join introduction_counts on creators.creator_id = introduction_counts.creator_id
    left join side_revenue on creators.creator_id = side_revenue.creator_id

),

qualified as (

    select
        *,
        introduction_influenced_revenue
        / nullif(introduction_influenced_revenue + audience_influenced_revenue, 0)
            as introduction_revenue_share,
        audience_won_deals >= {{ var('attribution_role_min_won_deals') }}
            as is_audience_qualified,
        introduction_won_deals >= {{ var('attribution_role_min_won_deals') }}
            as is_introduction_qualified
    from measured

),

final as (

    select
        creator_id,
        creator_name,
        case
            when is_audience_qualified and is_introduction_qualified
                then
                    case
                        when
                            introduction_revenue_share
                            >= {{ var('attribution_role_dominant_share') }}
                            then 'connector'
                        when
                            1 - introduction_revenue_share
                            >= {{ var('attribution_role_dominant_share') }}
                            then 'influencer'
                        else 'both'
                    end
            when is_introduction_qualified then 'connector'
            when is_audience_qualified then 'influencer'
            else 'neither'
        end as creator_role,
        cast(audience_size as bigint) as audience_size,
        cast(audience_platforms as integer) as audience_platforms,
        cast(audience_contacts as integer) as audience_contacts,
        cast(audience_won_deals as integer) as audience_won_deals,
        cast(audience_influenced_revenue as decimal(18, 2)) as audience_influenced_revenue,
        cast(audience_sourced_revenue as decimal(18, 2)) as audience_sourced_revenue,
        cast(introductions_made as integer) as introductions_made,
        cast(introduction_won_deals as integer) as introduction_won_deals,
        cast(introduction_influenced_revenue as decimal(18, 2))
            as introduction_influenced_revenue,
        cast(introduction_sourced_revenue as decimal(18, 2)) as introduction_sourced_revenue,
        cast(introduction_revenue_share as double) as introduction_revenue_share,
        is_audience_qualified,
        is_introduction_qualified
    from qualified

)

select * from final
