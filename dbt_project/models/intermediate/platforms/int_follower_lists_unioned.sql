-- Every follower of every platform whose exports list followers one by one (the registry's
-- `follower_lists`), with the follow time where the list has one and whether the follower's
-- handle looked bulk-created (flagged in staging, where the handle still exists).

{{ config(materialized='view') }}

with

followers_unioned as (

    {{ platform_union('follower_lists') }}

),

final as (

    select * from followers_unioned

)

select * from final
