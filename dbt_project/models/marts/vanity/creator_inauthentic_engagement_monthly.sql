-- Inauthentic-engagement signals per creator, platform and calendar month, plus a platform
-- 'all' row pooling the creator's platforms: how many audience comments (comments and
-- replies) carry each signal and what share of the month's comments that is. Signals, not
-- verdicts: a real fan may write "Love this 🔥", a real person keeps a default handle, a post
-- can draw a crowd of first-time commenters. Read the shares against the creator's own history
-- and against peers, never as proof.
{%- set signals = [
    'is_generic',
    'is_emoji_only',
    'is_generic_phrase',
    'is_repeated_text',
    'is_first_seen_burst',
    'author_handle_looks_generated',
    'has_inauthentic_signal',
] %}
{%- set signal_names = {
    'is_generic': 'generic',
    'is_emoji_only': 'emoji_only',
    'is_generic_phrase': 'generic_phrase',
    'is_repeated_text': 'repeated_text',
    'is_first_seen_burst': 'first_seen_burst',
    'author_handle_looks_generated': 'generated_handle',
    'has_inauthentic_signal': 'inauthentic_signal',
} %}

with

comments_signalled as (

    select * from {{ ref('int_comments_signalled') }}

),

creators as (

    select * from {{ ref('stg_roster__creators') }}

),

comments_by_platform as (

    select
        creator_id,
        platform,
        cast(date_trunc('month', activity_on) as date) as month_start,
        count(*) as audience_comments,
        count(distinct audience_member_key) as distinct_commenters,
        {% for signal in signals %}
            count(*) filter (where {{ signal }}) as {{ signal_names[signal] }}_comments,
        {% endfor %}
        count(distinct audience_member_key) filter (where author_handle_looks_generated)
            as generated_handle_commenters
    from comments_signalled
    group by creator_id, platform, date_trunc('month', activity_on)

),

comments_all_platforms as (

    -- commenter keys are per platform, so distinct commenters add up across platforms
    select
        creator_id,
        'all' as platform,
        month_start,
        sum(audience_comments) as audience_comments,
        sum(distinct_commenters) as distinct_commenters,
        {% for signal in signals %}
            sum({{ signal_names[signal] }}_comments) as {{ signal_names[signal] }}_comments,
        {% endfor %}
        sum(generated_handle_commenters) as generated_handle_commenters
    from comments_by_platform
    group by creator_id, month_start

),

comments_unioned as (

    select * from comments_by_platform
    union all
    select * from comments_all_platforms

),

final as (

    select
        comments_unioned.creator_id,
        creators.display_name as creator_name,
        comments_unioned.platform,
        comments_unioned.month_start,
        cast(comments_unioned.audience_comments as bigint) as audience_comments,
        cast(comments_unioned.distinct_commenters as bigint) as distinct_commenters,
        {% for signal in signals %}
            cast(comments_unioned.{{ signal_names[signal] }}_comments as bigint)
                as {{ signal_names[signal] }}_comments,
            comments_unioned.{{ signal_names[signal] }}_comments
            / nullif(comments_unioned.audience_comments, 0) as {{ signal_names[signal] }}_share,
        {% endfor %}
        cast(comments_unioned.generated_handle_commenters as bigint)
            as generated_handle_commenters,
        comments_unioned.generated_handle_commenters
        / nullif(comments_unioned.distinct_commenters, 0) as generated_handle_commenter_share
    from comments_unioned
    inner join creators on comments_unioned.creator_id = creators.creator_id

)

select * from final
