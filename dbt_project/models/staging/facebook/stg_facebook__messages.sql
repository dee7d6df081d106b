with

source as (
    select * from {{ source('raw', 'facebook_messages') }}
),

repaired as (
    {{ meta_messages_repaired('source') }}
),

renamed as (
    {{ meta_messages_renamed('facebook', 'repaired') }}
)

select * from renamed
