with

source as (
    select * from {{ source('raw', 'crm_deals') }}
),

renamed as (
    select
        deal_id,
        deal_name,
        {{ crm_deal_stage('deal_stage') }} as deal_stage,
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
        {{ crm_source_label('original_source') }} as original_source,
        nullif(trim(original_source_drill_down_1), '') as original_source_drill_down_1,
        created_at,
        closed_at,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
),

staged as (
    -- an open deal's Close Date (Salesforce always has one, HubSpot may) is the expected
    -- close, not a close: it is dropped
    select
        deal_id,
        deal_name,
        deal_stage,
        deal_stage in ('Closed Won', 'Closed Lost') as is_closed,
        deal_stage = 'Closed Won' as is_won,
        pipeline,
        amount,
        associated_contact_ids,
        associated_company,
        original_source,
        original_source_drill_down_1,
        created_at,
        case when deal_stage in ('Closed Won', 'Closed Lost') then closed_at end as closed_at,
        source_file,
        loaded_at
    from renamed
),

dedupe as (
    -- a changed deal is a new raw row: keep the version of the latest load; among files
    -- loaded together, the one whose name carries the latest export date
    select * from staged
    qualify row_number() over (
        partition by deal_id
        order by
            loaded_at desc,
            {{ export_file_date('source_file') }} desc nulls last,
            source_file desc
    ) = 1
)

select * from dedupe
