with

source as (
    select * from {{ source('raw', 'instagram_messages') }}
),

renamed as (
    {{ meta_messages_renamed('instagram', 'source') }}
)

select * from renamed
