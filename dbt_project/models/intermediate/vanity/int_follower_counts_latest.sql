-- Each creator's follower count on each platform as of the as-of day: of the counts the
-- exports give (int_follower_counts_unioned), the one from the first source in the
-- platform's registry list that has one (dbt_project.yml, var `platforms`, `follower_counts`:
-- a dated series first, then a follower list or a count the profile states). This is the
-- one follower precedence rule: every model that needs a follower count reads this one.

with

follower_counts as (

    select * from {{ ref('int_follower_counts_unioned') }}
    where audience_kind = 'follower_counts'

),

final as (

    select
        creator_id,
        platform,
        followers,
        counted_on,
        follower_source
    from follower_counts
    qualify
        row_number() over (partition by creator_id, platform order by source_precedence) = 1

)

select * from final
