-- Every post of every platform the registry lists post sources for: its id and whether it
-- was a live broadcast (where the creator answers questions as they come).

{{ config(materialized='view') }}

with

posts_unioned as (

    {{ platform_union('posts') }}

),

final as (

    select * from posts_unioned

)

select * from final
