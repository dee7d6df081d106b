-- Every follower (and LinkedIn connection) count the exports give, one row per creator,
-- platform and source, with the source's precedence: its position in the platform's registry
-- list (var `platforms`, dbt_project.yml: `follower_counts`, then `connections`). A source is
--   series: the last day of the platform's dated series (int_follower_days_unioned) up to
--     the as-of day;
--   count_of: the number of distinct keys in a list (X follower.js, an Instagram followers
--     list, TikTok FansList, LinkedIn Connections.csv): the count at export time;
--   value_of: a count the export states (the TikTok profile's follower count).

with

follower_days as (

    select * from {{ ref('int_follower_days_unioned') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

series_latest as (

    select
        creator_id,
        platform,
        arg_max(followers, activity_on) as followers,
        max(activity_on) as counted_on,
        arg_max(follower_source, activity_on) as follower_source
    from follower_days
    -- a series of daily changes only (YouTube Studio charts of subscribers gained / lost,
    -- no total) has no count
    where followers is not null
    group by creator_id, platform

),

export_counts as (

    {%- set branches = [] %}
    {%- for audience_kind in ['follower_counts', 'connections'] %}
        {%- for platform, source in platform_sources(audience_kind) if not source.get('series') %}
            {%- do branches.append((audience_kind, platform, source)) %}
        {%- endfor %}
    {%- endfor %}
    {%- for audience_kind, platform, source in branches %}
        select
            '{{ audience_kind }}' as audience_kind,
            '{{ platform }}' as platform,
            owner_handle,
            {%- if source.get('count_of') %}
                count(distinct {{ source.count_of }}) as followers,
            {%- else %}
                max({{ source.value_of }}) as followers,
            {%- endif %}
            '{{ source.source }}' as follower_source
        from {{ ref(source.model) }}
        group by owner_handle
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
    {%- if branches | length == 0 %}
    select
        cast(null as varchar) as audience_kind,
        cast(null as varchar) as platform,
        cast(null as varchar) as owner_handle,
        cast(null as bigint) as followers,
        cast(null as varchar) as follower_source
    where false
    {%- endif %}

),

precedence as (

    -- the position of each source in its platform's list: 1 is tried first
    {%- set positions = [] %}
    {%- for audience_kind in ['follower_counts', 'connections'] %}
        {%- for platform, spec in var('platforms').items() %}
            {%- for source in (spec.get(audience_kind) or []) %}
                {%- do positions.append((
                    audience_kind, platform,
                    'series' if source.get('series') else source.source, loop.index
                )) %}
            {%- endfor %}
        {%- endfor %}
    {%- endfor %}
    {%- for audience_kind, platform, source_kind, position in positions %}
        select
            '{{ audience_kind }}' as audience_kind,
            '{{ platform }}' as platform,
            '{{ source_kind }}' as source_kind,
            {{ position }} as source_precedence
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

),

counts_unioned as (

    select
        'follower_counts' as audience_kind,
        creator_id,
        platform,
        followers,
        counted_on,
        follower_source,
        'series' as source_kind
    from series_latest

    union all

    select
        export_counts.audience_kind,
        creator_accounts.creator_id,
        export_counts.platform,
        export_counts.followers,
        cast(null as date) as counted_on,
        export_counts.follower_source,
        export_counts.follower_source as source_kind
    from export_counts
    inner join creator_accounts
        on
            export_counts.platform = creator_accounts.platform
            and lower(export_counts.owner_handle) = lower(creator_accounts.handle)

),

final as (

    select
        counts_unioned.audience_kind,
        counts_unioned.creator_id,
        counts_unioned.platform,
        cast(counts_unioned.followers as bigint) as followers,
        counts_unioned.counted_on,
        counts_unioned.follower_source,
        precedence.source_precedence
    from counts_unioned
    -- a series of a platform whose registry entry does not list it among its counts, or a
    -- count the registry does not name, has no precedence and is not a count
    inner join precedence
        on
            counts_unioned.audience_kind = precedence.audience_kind
            and counts_unioned.platform = precedence.platform
            and counts_unioned.source_kind = precedence.source_kind
    where counts_unioned.followers is not null

)

select * from final
