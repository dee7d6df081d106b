{#-
    Salted, namespaced hash of a person identifier (handle, display name, account id, channel
    id, profile URL, email). The same person on the same platform always gets the same key, so
    relationships can be counted without keeping who they are. Identifiers are compared
    case-insensitively and without surrounding blanks. Empty identifiers stay null.

    platform: a SQL expression or quoted literal naming the namespace, e.g. "'instagram'".
    The salt (var `pseudonym_salt`) is quoted by `sql_string`, so it may hold any character.
-#}
{% macro pseudonymize(platform, identifier) -%}
    case
        when nullif(trim({{ identifier }}), '') is null then null
        else sha256(
            {{ sql_string(var("pseudonym_salt")) }} || '|' || {{ platform }} || '|'
            || lower(trim({{ identifier }}))
        )
    end
{%- endmacro %}
