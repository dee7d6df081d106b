with

source as (
    select * from {{ source('raw', 'spend') }}
),

renamed as (
    select
        _row_key as payment_id,
        spent_on,
        channel,
        case when regexp_full_match(person, 'cr_[0-9A-Za-z_]+') then person end as creator_id,
        case
            when person like '%@%' then {{ pseudonymize("'crm'", 'person') }}
        end as person_email_key,
        person is not null
        and not regexp_full_match(person, 'cr_[0-9A-Za-z_]+')
        and person not like '%@%' as is_person_unrecognised,
        note,
        cast(replace(cast(amount as varchar), ',', '') as decimal(18, 2)) as amount,
        kind as spend_kind,
        _source_file as source_file,
        {{ to_utc_timestamp('_loaded_at') }} as loaded_at
    from source
)

select * from renamed
