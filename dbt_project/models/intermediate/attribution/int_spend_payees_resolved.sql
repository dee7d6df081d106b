-- Every payment with the label attribution credits it under: a channel as the CRM names it,
-- a creator by their id, a person paid by e-mail by the person id that e-mail identifies
-- (int_people_identified). A payment to nobody the marts know is labelled
-- `(unresolved payee)`, so its money still shows in the report, and a warning names its file.

with

payments as (

    select * from {{ ref('stg_spend__payments') }}

),

people as (

    select * from {{ ref('int_people_identified') }}

),

people_by_email as (

    select distinct
        person_id,
        unnest(email_keys) as email_key
    from people

),

resolved as (

    select
        payments.payment_id,
        payments.spent_on,
        payments.amount,
        payments.spend_kind,
        payments.source_file,
        coalesce(
            payments.channel,
            creators.person_id,
            people_by_email.person_id
        ) as credited_label
    from payments
    left join people as creators on payments.creator_id = creators.creator_id
    left join people_by_email on payments.person_email_key = people_by_email.email_key

),

final as (

    select
        payment_id,
        spent_on,
        amount,
        spend_kind,
        source_file,
        coalesce(credited_label, '(unresolved payee)') as credited_label,
        credited_label is not null as is_resolved
    from resolved

)

select * from final
