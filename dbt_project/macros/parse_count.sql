{#-
    Exports write numbers as text. `null_if_placeholder` maps the "nothing here" spellings
    ('', blanks, 'N/A', 'null', '-', case-insensitive) to SQL null and trims the rest.
-#}
{% macro null_if_placeholder(expr) -%}
    case
        when lower(trim({{ expr }})) in ('', 'n/a', 'null', '-') then null
        else trim({{ expr }})
    end
{%- endmacro %}

{#- A count such as "15,000" or "1 234" as bigint; placeholders become null. A value that is
    not a number fails the query rather than being silently dropped. -#}
{% macro parse_count(expr) -%}
    cast(regexp_replace({{ null_if_placeholder(expr) }}, '[,\s]', '', 'g') as bigint)
{%- endmacro %}

{#- A money amount as decimal(18,2); placeholders become null. The grammar the CRM loader
    accepts (ingestion/loaders/crm.py, docs/export_formats.md): a currency code or symbol
    before or after the number (`$12,500.00`, `USD 12500`, `12.500,00 €`); `.` decimals with
    `,` thousands groups, or a decimal comma (1 or 2 digits) with `.` or space groups. No-break
    spaces count as spaces. Anything else fails the cast (the loader rejects it first). -#}
{% macro parse_money(expr) -%}
    {%- set bare -%}
        trim(
            regexp_replace(
                regexp_replace({{ null_if_placeholder(expr) }}, '[\x{00a0}\x{202f}]', ' ', 'g'),
                '^([A-Z]{3}|[$€£¥₹])\s*|\s*([A-Z]{3}|[$€£¥₹])$',
                '',
                'g'
            )
        )
    {%- endset -%}
    cast(
        case
            when regexp_matches({{ bare }}, ',\d{1,2}$')
                then replace(replace(replace({{ bare }}, '.', ''), ' ', ''), ',', '.')
            when regexp_full_match({{ bare }}, '[+-]?\d{1,3}(\.\d{3}){2,}')
                then replace({{ bare }}, '.', '')
            else replace(replace({{ bare }}, ',', ''), ' ', '')
        end
        as decimal(18, 2)
    )
{%- endmacro %}

{#- A measure with a fractional part (hours, percentages) as double; placeholders become null. -#}
{% macro parse_measure(expr) -%}
    cast(regexp_replace({{ null_if_placeholder(expr) }}, '[,\s%]', '', 'g') as double)
{%- endmacro %}

{#- A count that may be abbreviated, as TikTok's data download writes big ones: `1.2M`, `12K`,
    `3B` (case-insensitive, an optional blank before the letter) as bigint, rounded (an
    abbreviated count is approximate: `1.2M` is 1,200,000); anything else as parse_count. The
    loader refuses any other text (ingestion/loaders/rows.py `require_count`). -#}
{% macro parse_abbreviated_count(expr) -%}
    {%- set value = null_if_placeholder(expr) -%}
    case
        when regexp_full_match({{ value }}, '\d+(\.\d+)?\s?[KkMmBb]')
            then cast(
                round(
                    cast(regexp_extract({{ value }}, '^\d+(\.\d+)?') as decimal(18, 3))
                    * case upper(right({{ value }}, 1))
                        when 'K' then 1000
                        when 'M' then 1000000
                        else 1000000000
                    end
                )
                as bigint
            )
        else {{ parse_count(expr) }}
    end
{%- endmacro %}
