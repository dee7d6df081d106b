{#-
    Meta's "Download your information" JSON writes every UTF-8 byte of a string as its own
    \u00XX escape, so "Kovač" arrives as "KovaÄ\u008d" (one character per byte). This turns such
    a string back into the text it was meant to be, in plain DuckDB SQL:

    - a string with no character in U+0080..U+00FF (ASCII, or anything already decoded) is kept;
    - a string with a character above U+00FF is already proper text and is kept;
    - otherwise each character is read as one byte and the bytes are decoded as UTF-8; when they
      are not valid UTF-8 (a genuine "café", a truncated sequence) the original is kept.
-#}
{% macro fix_meta_mojibake(expr) -%}
    coalesce(
        case
            when
                regexp_matches({{ expr }}, '[\x{80}-\x{ff}]')
                and not regexp_matches({{ expr }}, '[^\x{00}-\x{ff}]')
                then try(
                    decode(
                        unhex(
                            array_to_string(
                                list_transform(
                                    string_split({{ expr }}, ''),
                                    lambda mojibake_char: lpad(to_hex(unicode(mojibake_char)), 2, '0')
                                ),
                                ''
                            )
                        )
                    )
                )
        end,
        {{ expr }}
    )
{%- endmacro %}
