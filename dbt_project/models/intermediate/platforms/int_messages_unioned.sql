-- Every direct message of every platform the registry lists message sources for, in one
-- shape, without the rows the registry's `where` says are no conversation turns (reaction
-- notices, unsent messages, drafts, spam...).

{{ config(materialized='view') }}

with

messages_unioned as (

    {{ platform_union('messages') }}

),

final as (

    select * from messages_unioned

)

select * from final
