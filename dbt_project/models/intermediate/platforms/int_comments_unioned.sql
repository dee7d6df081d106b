-- Every comment of every platform the registry lists comment sources for (var `platforms`,
-- dbt_project.yml), in one shape: the one place comments are gathered across platforms.

{{ config(materialized='view') }}

with

comments_unioned as (

    {{ platform_union('comments') }}

),

final as (

    select * from comments_unioned

)

select * from final
