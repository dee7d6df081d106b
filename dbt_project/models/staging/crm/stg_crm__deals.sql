with

source as (
    select * from {{ source('raw', 'crm_deals') }}
),

renamed as (
    select
        deal_id,
        deal_name,
        deal_stage,
        deal_stage in ('Closed Won', 'Closed Lost') as is_closed,
        deal_stage = 'Closed Won' as is_won,
        nullif(trim(pipeline), '') as pipeline,
        {{ parse_money('amount') }} as amount,
        cast(
            list_filter(
                list_transform(
                    string_split(coalesce(associated_contact_ids, ''), ';'),
                    lambda contact_id: trim(contact_id)
                ),
                lambda contact_id: contact_id <> ''
            ) as varchar[]
        ) as associated_contact_ids,
        nullif(trim(associated_company), '') as associated_company,
        nullif(trim(original_source), '') as original_source,
        nullif(trim(original_source_drill_down_1), '') as original_source_drill_down_1,
        created_at,
        closed_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

dedupe as (
    select * from renamed
    qualify row_number() over (
        partition by deal_id
        order by loaded_at desc, source_file desc
    ) = 1
)

select * from dedupe
