{#- The path transform applied to every journey before any attribution model
    (`attribution_path_transform`, as in snowplow fractribution): `unique` keeps every touch
    (the default), `exposure` collapses a run of consecutive touches of the same label into
    its first touch, `first` keeps only each label's first touch, `frequency` keeps each
    label's first touch and counts its touches. Anything else stops the build. -#}
{% macro attribution_path_transform() -%}
    {%- set transform = var('attribution_path_transform', 'unique') | string | lower | trim -%}
    {%- set known = ['unique', 'exposure', 'first', 'frequency'] -%}
    {%- if transform not in known -%}
        {{ exceptions.raise_compiler_error(
            "var attribution_path_transform is '" ~ transform ~ "': expected one of "
            ~ known | join(', ')
        ) }}
    {%- endif -%}
    {{- return(transform) -}}
{%- endmacro %}
