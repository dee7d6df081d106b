-- Each creator's audience (reach) per platform: the follower count of
-- int_follower_counts_latest (the one precedence rule over the registry's follower sources)
-- and, where a platform has no followers but connections (LinkedIn first-degree
-- connections), the first connection count of its registry list. Facebook exports carry no
-- follower figure and are left out.

with

follower_counts as (

    select * from {{ ref('int_follower_counts_latest') }}

),

connection_counts as (

    select * from {{ ref('int_follower_counts_unioned') }}
    where audience_kind = 'connections'
    qualify
        row_number() over (partition by creator_id, platform order by source_precedence) = 1

),

audiences_unioned as (

    select
        creator_id,
        platform,
        followers as audience_size,
        follower_source as measured_from
    from follower_counts

    union all

    select
        connection_counts.creator_id,
        connection_counts.platform,
        connection_counts.followers as audience_size,
        connection_counts.follower_source as measured_from
    from connection_counts
    anti join follower_counts
        on
            connection_counts.creator_id = follower_counts.creator_id
            and connection_counts.platform = follower_counts.platform

),

final as (

    select
        creator_id,
        platform,
        cast(audience_size as bigint) as audience_size,
        measured_from
    from audiences_unioned
    where audience_size is not null

)

select * from final
