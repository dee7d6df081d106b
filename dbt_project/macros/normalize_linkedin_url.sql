{#- A LinkedIn profile URL in one spelling (https, no query string or trailing slash) so that
    the same person's URL from Connections, messages and invitations hashes to one key. -#}
{% macro normalize_linkedin_url(expr) -%}
    rtrim(
        regexp_replace(
            regexp_replace(trim({{ expr }}), '^https?://', 'https://'),
            '[?#].*$',
            ''
        ),
        '/'
    )
{%- endmacro %}
