{#-
    Rules the vanity audit applies to comment texts and audience handles. They raise signals,
    not verdicts: a real fan may write "Love this 🔥" and a real person may keep the handle a
    platform gave them.
-#}

{#- Comment text as lower-case words: every run of characters that is not a letter or a digit
    (emoji, punctuation, symbols, blanks) becomes one blank. "Nice pic! 🔥" -> "nice pic". -#}
{% macro vanity_normalized_comment_text(expr) -%}
    trim(regexp_replace(lower({{ expr }}), '[^\p{L}\p{N}]+', ' ', 'g'))
{%- endmacro %}


{#- True when the text is not blank but holds no letter or digit: emoji, symbols or
    punctuation only ("🔥🔥🔥", "❤️❤️", "!!!"). Null text is not emoji-only. -#}
{% macro vanity_is_emoji_only(expr) -%}
    coalesce(
        trim({{ expr }}) != '' and {{ vanity_normalized_comment_text(expr) }} = '',
        false
    )
{%- endmacro %}


{#- Context-free praise that fits under any post: the whole comment, normalised, is one of
    these phrases. A comment that names anything about the post ("the lunchbox idea was
    great") is not generic. Extend the list here; every entry is lower-case words only. -#}
{% macro vanity_generic_comment_phrases() -%}
    {{ return([
        'nice', 'nice pic', 'nice photo', 'nice post', 'nice one', 'nice shot', 'nice work',
        'nice content', 'great', 'great pic', 'great photo', 'great post', 'great shot',
        'great content', 'great job', 'great work', 'good', 'so good', 'very good', 'good job',
        'love this', 'love it', 'love', 'loved it', 'lovely', 'amazing', 'amazing post',
        'amazing content', 'awesome', 'awesome post', 'awesome content', 'cool', 'so cool',
        'very cool', 'wow', 'wow amazing', 'wow nice', 'beautiful', 'so beautiful', 'gorgeous',
        'stunning', 'perfect', 'super', 'superb', 'fantastic', 'incredible', 'excellent',
        'brilliant', 'fire', 'lit', 'dope', 'cute', 'so cute', 'omg', 'keep it up',
        'keep going', 'well done', 'follow back', 'follow me', 'check my profile', 'dm me',
        'dm us', 'first'
    ]) }}
{%- endmacro %}


{#- True when the normalised text is exactly one of `vanity_generic_comment_phrases()`. -#}
{% macro vanity_is_generic_phrase(expr) -%}
    coalesce(
        {{ vanity_normalized_comment_text(expr) }} in (
            {%- for phrase in vanity_generic_comment_phrases() %}
                '{{ phrase }}'{% if not loop.last %},{% endif %}
            {%- endfor %}
        ),
        false
    )
{%- endmacro %}


{#- True when a handle has the shape bulk-created accounts get: a platform default
    (`user` or `usr` followed by five or more digits, as TikTok assigns `user8437261`), a first
    name, a separator, one initial and a serial number (`jenny_k8472`), or a run of eight or
    more digits anywhere. A leading `@` (YouTube display handles) is ignored. -#}
{% macro vanity_handle_looks_generated(expr) -%}
    coalesce(
        regexp_full_match(
            lower(ltrim(trim({{ expr }}), '@')),
            '(user|usr)[._]?[0-9]{5,}|[a-z]+[._][a-z][0-9]{3,}|.*[0-9]{8,}.*'
        ),
        false
    )
{%- endmacro %}
