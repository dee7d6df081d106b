-- The journeys every attribution model reads, in the generic touchpoints shape (one row per
-- journey and touch; see docs/attribution.md): each closed CRM deal is a journey, converted
-- when it was won, and its touches are those of the deal's associated contacts in the
-- `attribution_lookback_days` before it closed. The same label at the same moment from two
-- contacts (or from a referral code and a UTM link of the same creator) is one touch,
-- keeping an introduction over a referral code over a UTM link over a marketing source. A
-- deal with no touch in its lookback gets one `unattributed` touch at its close, so its
-- value is still accounted for.

with

deals as (

    select * from {{ ref('stg_crm__deals') }}
    where is_closed and closed_at is not null

),

contact_touches as (

    select * from {{ ref('int_contact_touches_collected') }}

),

deal_contacts as (

    select
        deal_id,
        is_won,
        amount,
        closed_at,
        unnest(associated_contact_ids) as contact_id
    from deals

),

deal_touches as (

    select
        deal_contacts.deal_id,
        contact_touches.touch_id,
        contact_touches.touched_at,
        contact_touches.touch_label,
        contact_touches.touch_type
    from deal_contacts
    inner join contact_touches on deal_contacts.contact_id = contact_touches.contact_id
    where
        contact_touches.touched_at <= deal_contacts.closed_at
        and contact_touches.touched_at
        >= deal_contacts.closed_at
        - to_days(cast({{ var('attribution_lookback_days') }} as integer))

),

distinct_touches as (

    select * from deal_touches
    qualify row_number() over (
        partition by deal_id, touch_label, touched_at
        order by
            case touch_type
                when 'introduction' then 1
                when 'creator_referral_code' then 2
                when 'creator_utm' then 3
                when 'marketing_source' then 4
                else 5
            end,
            touch_id
    ) = 1

),

untouched_deals as (

    select
        deals.deal_id,
        'unattributed:' || deals.deal_id as touch_id,
        deals.closed_at as touched_at,
        'unattributed' as touch_label,
        'unattributed' as touch_type
    from deals
    anti join distinct_touches on deals.deal_id = distinct_touches.deal_id

),

journey_touches as (

    select * from distinct_touches
    union all
    select * from untouched_deals

),

final as (

    select
        deals.deal_id as conversion_id,
        deals.is_won as is_converted,
        case when deals.is_won then coalesce(deals.amount, 0) end as conversion_value,
        case when deals.is_won then deals.closed_at end as converted_at,
        journey_touches.touch_id,
        journey_touches.touched_at,
        journey_touches.touch_label,
        journey_touches.touch_type
    from journey_touches
    inner join deals on journey_touches.deal_id = deals.deal_id

)

select * from final
