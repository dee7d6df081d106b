with

source as (
    select * from {{ source('raw', 'instagram_messages') }}
),

repaired as (
    {{ meta_messages_repaired('source') }}
),

renamed as (
    {{ meta_messages_renamed('instagram', 'repaired') }}
)

select * from renamed
