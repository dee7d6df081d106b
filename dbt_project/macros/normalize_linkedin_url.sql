{#- A LinkedIn profile URL in one spelling so that the same person's URL from Connections,
    messages, invitations and the roster hashes to one key: https, the `www.linkedin.com` host
    (for `linkedin.com` and country hosts like `de.linkedin.com`), no query string, fragment or
    trailing slash, and percent-encoded characters decoded (`bruno-s%C3%A1` is `bruno-sá`; a
    sequence that does not decode to UTF-8 is kept as written). -#}
{% macro normalize_linkedin_url(expr) -%}
    rtrim(
        regexp_replace(
            regexp_replace(
                coalesce(
                    try(url_decode(regexp_replace(trim({{ expr }}), '[?#].*$', ''))),
                    regexp_replace(trim({{ expr }}), '[?#].*$', '')
                ),
                '^https?://([a-z]{2,3}\.)?linkedin\.com/',
                'https://www.linkedin.com/',
                'i'
            ),
            '^https?://',
            'https://',
            'i'
        ),
        '/'
    )
{%- endmacro %}
