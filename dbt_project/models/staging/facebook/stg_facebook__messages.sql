with

source as (
    select * from {{ source('raw', 'facebook_messages') }}
),

renamed as (
    {{ meta_messages_renamed('facebook', 'source') }}
)

select * from renamed
