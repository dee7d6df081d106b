{#-
    Follower tier of an account: nano below 10,000; micro 10,000 to 99,999; mid 100,000 to
    499,999; macro 500,000 to 1,000,000; mega above 1,000,000. Null followers, null tier.
-#}
{% macro vanity_follower_tier(followers) -%}
    case
        when {{ followers }} is null then null
        when {{ followers }} < 10000 then 'nano'
        when {{ followers }} < 100000 then 'micro'
        when {{ followers }} < 500000 then 'mid'
        when {{ followers }} <= 1000000 then 'macro'
        else 'mega'
    end
{%- endmacro %}
