-- One row per creator, platform and day with the reach numbers each platform reports, placed
-- on the day they belong to: per-post lifetime metrics (Meta Business Suite insights, YouTube
-- Studio video impressions, likes and shares, X likes and retweets at export time) on the
-- post's publish day, daily dashboards (TikTok Studio overview, YouTube Studio channel views)
-- on their day. Which source gives which metric is the registry's `reach_days` (var
-- `platforms`, dbt_project.yml); a metric a platform does not report stays null.

with

metrics_unioned as (

    {{ platform_union('reach_days') }}

),

creator_accounts as (

    select * from {{ ref('int_creator_accounts_joined') }}

),

final as (

    select
        creator_accounts.creator_id,
        metrics_unioned.platform,
        metrics_unioned.activity_on,
        sum(metrics_unioned.post_count) as post_count,
        sum(metrics_unioned.view_count) as view_count,
        sum(metrics_unioned.reach) as reach,
        sum(metrics_unioned.impression_count) as impression_count,
        sum(metrics_unioned.like_count) as like_count,
        sum(metrics_unioned.share_count) as share_count,
        sum(metrics_unioned.save_count) as save_count
    from metrics_unioned
    inner join creator_accounts
        on
            metrics_unioned.platform = creator_accounts.platform
            and lower(metrics_unioned.owner_handle) = lower(creator_accounts.handle)
    where metrics_unioned.activity_on <= {{ as_of_date() }}
    group by creator_accounts.creator_id, metrics_unioned.platform, metrics_unioned.activity_on

)

select * from final
