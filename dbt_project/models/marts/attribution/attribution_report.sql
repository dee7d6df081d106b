-- Credit per attribution model and credited channel or person, next to what the team paid
-- them (`spend/spend.csv`): spend, return on ad spend (credited revenue / spend) and, for a
-- creator, the cost per reciprocated relationship: spend in the connectedness window over the
-- audience members the creator had a two-way exchange with in it (creator_connectedness,
-- summed over platforms). Every credited label and every paid one has a row per model; money
-- paid to nobody the marts know is the label `(unresolved payee)`. Without a spend file the
-- spend, ROAS and cost columns are null.

with

deal_attribution as (

    select * from {{ ref('deal_attribution') }}

),

payments as (

    select * from {{ ref('int_spend_payees_resolved') }}

),

connectedness as (

    select * from {{ ref('creator_connectedness') }}

),

people as (

    select * from {{ ref('int_people_identified') }}

),

credits as (

    select
        attribution_model,
        credited_label,
        count(distinct deal_id) filter (where credit_amount > 0) as credited_deals,
        sum(credit_amount) as credit_amount
    from deal_attribution
    group by attribution_model, credited_label

),

models as (

    select distinct attribution_model from deal_attribution

),

relationships as (

    select
        creator_id,
        min(window_start) as window_start,
        max(window_end) as window_end,
        sum(reciprocated_members) as reciprocated_relationships
    from connectedness
    group by creator_id

),

spend_loaded as (

    select count(*) > 0 as has_spend from payments

),

spend as (

    select
        payments.credited_label,
        sum(payments.amount) as spend_amount,
        sum(payments.amount) filter (
            where payments.spent_on between relationships.window_start and relationships.window_end
        ) as window_spend_amount
    from payments
    left join relationships on payments.credited_label = relationships.creator_id
    group by payments.credited_label

),

labels as (

    select
        attribution_model,
        credited_label
    from credits
    union
    select
        models.attribution_model,
        spend.credited_label
    from models
    cross join spend

),

joined as (

    select
        labels.attribution_model,
        labels.credited_label,
        people.person_id as credited_person_id,
        case
            when people.person_id is null then labels.credited_label
            else people.published_name
        end as credited_name,
        people.person_kind as credited_person_kind,
        people.creator_id,
        coalesce(credits.credited_deals, 0) as credited_deals,
        coalesce(credits.credit_amount, 0) as credit_amount,
        case when spend_loaded.has_spend then coalesce(spend.spend_amount, 0) end as spend_amount,
        case
            when spend_loaded.has_spend and people.creator_id is not null
                then coalesce(spend.window_spend_amount, 0)
        end as window_spend_amount,
        relationships.reciprocated_relationships
    from labels
    cross join spend_loaded
    left join credits
        on
            labels.attribution_model = credits.attribution_model
            and labels.credited_label = credits.credited_label
    left join spend on labels.credited_label = spend.credited_label
    left join people on labels.credited_label = people.person_id
    left join relationships on people.creator_id = relationships.creator_id

),

final as (

    select
        attribution_model,
        credited_label,
        credited_person_id,
        credited_name,
        credited_person_kind,
        creator_id,
        credited_deals,
        cast(credit_amount as decimal(18, 2)) as credit_amount,
        cast(
            credit_amount / nullif(sum(credit_amount) over (partition by attribution_model), 0)
            as double
        ) as credit_share,
        cast(spend_amount as decimal(18, 2)) as spend_amount,
        cast(credit_amount / nullif(spend_amount, 0) as double) as return_on_spend,
        cast(window_spend_amount as decimal(18, 2)) as window_spend_amount,
        cast(reciprocated_relationships as bigint) as reciprocated_relationships,
        cast(
            window_spend_amount / nullif(reciprocated_relationships, 0) as decimal(18, 2)
        ) as cost_per_reciprocated_relationship
    from joined

)

select * from final
