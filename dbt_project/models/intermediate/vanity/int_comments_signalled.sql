-- Every audience comment and reply on a creator's posts up to the as-of day, with the
-- inauthentic-engagement signals it carries: generic praise or emoji-only text, the exact
-- same text on many posts the same day, part of a burst of comments from accounts first seen
-- that day, an author handle shaped like a bulk-created account. Signals, not verdicts.
{%- set baseline_days = var('follower_anomaly_baseline_days') %}
{%- set min_history_days = var('follower_anomaly_min_history_days') %}
{%- set burst_min_z = var('vanity_first_seen_burst_min_z') %}
{%- set burst_min_commenters = var('vanity_first_seen_burst_min_commenters') %}
{%- set repeated_min_posts = var('vanity_repeated_text_min_posts') %}

with

interactions as (

    select * from {{ ref('int_interactions_unioned') }}

),

comment_authors as (

    select * from {{ ref('int_comment_authors_classified') }}

),

audience_interactions as (

    select
        *,
        cast(occurred_at as date) as activity_on
    from interactions
    where
        direction = 'audience_to_creator'
        and audience_member_key is not null
        and cast(occurred_at as date) <= {{ as_of_date() }}

),

audience_comments as (

    select
        interaction_id,
        platform,
        creator_id,
        kind,
        post_id,
        audience_member_key,
        occurred_at,
        activity_on,
        comment_text,
        lower(trim(regexp_replace(comment_text, '\s+', ' ', 'g'))) as exact_text,
        {{ vanity_is_emoji_only('comment_text') }} as is_emoji_only,
        {{ vanity_is_generic_phrase('comment_text') }} as is_generic_phrase
    from audience_interactions
    where kind in ('comment', 'reply')

),

texts_per_day as (

    -- the same text (case and spacing aside) on how many posts that day, across creators
    select
        activity_on,
        exact_text,
        count(distinct platform || ':' || post_id) as posts_with_text
    from audience_comments
    where exact_text != ''
    group by activity_on, exact_text

),

members_first_seen as (

    -- the day an audience member first interacted with the creator on the platform
    select
        creator_id,
        platform,
        audience_member_key,
        min(activity_on) as first_seen_on
    from audience_interactions
    group by creator_id, platform, audience_member_key

),

commenter_days as (

    select
        audience_comments.creator_id,
        audience_comments.platform,
        audience_comments.activity_on,
        count(distinct audience_comments.audience_member_key) as commenters,
        count(distinct audience_comments.audience_member_key) filter (
            where audience_comments.activity_on = members_first_seen.first_seen_on
        ) as first_seen_commenters
    from audience_comments
    inner join members_first_seen
        on
            audience_comments.creator_id = members_first_seen.creator_id
            and audience_comments.platform = members_first_seen.platform
            and audience_comments.audience_member_key = members_first_seen.audience_member_key
    group by audience_comments.creator_id, audience_comments.platform, audience_comments.activity_on

),

comment_spans as (

    select
        creator_id,
        platform,
        min(activity_on) as first_day,
        max(activity_on) as last_day
    from commenter_days
    group by creator_id, platform

),

calendar as (

    select
        creator_id,
        platform,
        cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as activity_on
    from comment_spans

),

commenter_days_dense as (

    select
        calendar.creator_id,
        calendar.platform,
        calendar.activity_on,
        coalesce(commenter_days.commenters, 0) as commenters,
        coalesce(commenter_days.first_seen_commenters, 0) as first_seen_commenters
    from calendar
    left join commenter_days
        on
            calendar.creator_id = commenter_days.creator_id
            and calendar.platform = commenter_days.platform
            and calendar.activity_on = commenter_days.activity_on

),

first_seen_baselines as (

    -- the creator's usual share of newcomers among the day's commenters
    select
        *,
        count(*) over baseline as baseline_days,
        sum(first_seen_commenters) over baseline
        / nullif(sum(commenters) over baseline, 0) as baseline_first_seen_share
    from commenter_days_dense
    window baseline as (
        partition by creator_id, platform
        order by activity_on
        range between interval {{ baseline_days }} days preceding and interval 1 day preceding
    )

),

first_seen_expected as (

    select
        *,
        commenters * baseline_first_seen_share as expected_first_seen
    from first_seen_baselines

),

burst_days as (

    -- more newcomers than the day's commenters and the usual share explain: the excess in
    -- binomial standard deviations (variance floored at 1)
    select
        creator_id,
        platform,
        activity_on
    from first_seen_expected
    where
        baseline_days >= {{ min_history_days }}
        and first_seen_commenters >= {{ burst_min_commenters }}
        and (first_seen_commenters - expected_first_seen)
        / sqrt(greatest(expected_first_seen * (1 - baseline_first_seen_share), 1))
        >= {{ burst_min_z }}

),

signalled as (

    select
        audience_comments.*,
        coalesce(texts_per_day.posts_with_text, 0) as posts_with_same_text_that_day,
        coalesce(texts_per_day.posts_with_text, 0) >= {{ repeated_min_posts }}
            as is_repeated_text,
        members_first_seen.first_seen_on = audience_comments.activity_on as is_first_seen_author,
        members_first_seen.first_seen_on = audience_comments.activity_on
        and burst_days.activity_on is not null as is_first_seen_burst,
        coalesce(comment_authors.author_handle_looks_generated, false)
            as author_handle_looks_generated
    from audience_comments
    left join texts_per_day
        on
            audience_comments.activity_on = texts_per_day.activity_on
            and audience_comments.exact_text = texts_per_day.exact_text
    inner join members_first_seen
        on
            audience_comments.creator_id = members_first_seen.creator_id
            and audience_comments.platform = members_first_seen.platform
            and audience_comments.audience_member_key = members_first_seen.audience_member_key
    left join burst_days
        on
            audience_comments.creator_id = burst_days.creator_id
            and audience_comments.platform = burst_days.platform
            and audience_comments.activity_on = burst_days.activity_on
    left join comment_authors
        on
            audience_comments.platform = comment_authors.platform
            and audience_comments.interaction_id
            = comment_authors.platform || ':comment:' || comment_authors.comment_id

),

final as (

    select
        interaction_id,
        platform,
        creator_id,
        kind,
        post_id,
        audience_member_key,
        occurred_at,
        activity_on,
        is_emoji_only,
        is_generic_phrase,
        is_emoji_only or is_generic_phrase as is_generic,
        posts_with_same_text_that_day,
        is_repeated_text,
        is_first_seen_author,
        is_first_seen_burst,
        author_handle_looks_generated,
        is_emoji_only
        or is_generic_phrase
        or is_repeated_text
        or is_first_seen_burst
        or author_handle_looks_generated as has_inauthentic_signal
    from signalled

)

select * from final
