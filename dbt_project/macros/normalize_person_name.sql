{#-
    A person's name or a free-text answer in one comparable spelling: lower case, accents
    and letters without a decomposition (ł, ø, ß, æ, œ, đ, þ) folded to ASCII, every run of
    non-letters (punctuation, hyphens, digits, blanks) turned into one space, trimmed.
    `Ferreira-Lund` becomes `ferreira lund`, `Łukasz Hämäläinen` becomes `lukasz hamalainen`.
-#}
{% macro normalize_person_name(expr) -%}
    trim(
        regexp_replace(
            strip_accents(
                translate(
                    replace(replace(replace(lower({{ expr }}), 'ß', 'ss'), 'æ', 'ae'), 'œ', 'oe'),
                    'łøđþ',
                    'lodt'
                )
            ),
            '[^a-z]+',
            ' ',
            'g'
        )
    )
{%- endmacro %}
