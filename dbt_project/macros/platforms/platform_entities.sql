{#-
    The shape of each entity the platform registry (var `platforms`, dbt_project.yml) lists
    sources of: its columns, their types, and what a source that names no expression for a
    column gives. `same`: the source's column of that name; `null`: null (a metric the
    platform does not report is null, never 0).
-#}
{% macro platform_entity_columns(entity) %}
    {%- set shapes = {
        'comments': [
            ('comment_id', 'varchar', 'same'),
            ('post_id', 'varchar', 'same'),
            ('parent_comment_id', 'varchar', 'same'),
            ('owner_handle', 'varchar', 'same'),
            ('author_key', 'varchar', 'same'),
            ('author_handle_looks_generated', 'boolean', 'same'),
            ('comment_text', 'varchar', 'same'),
            ('commented_at', 'timestamp', 'same'),
            ('loaded_at', 'timestamp', 'same'),
        ],
        'messages': [
            ('message_id', 'varchar', 'same'),
            ('thread_id', 'varchar', 'same'),
            ('owner_handle', 'varchar', 'same'),
            ('sender_key', 'varchar', 'same'),
            ('addressed_key', 'varchar', 'null'),
            ('sent_at', 'timestamp', 'same'),
            ('loaded_at', 'timestamp', 'same'),
        ],
        'posts': [
            ('post_id', 'varchar', 'same'),
            ('owner_handle', 'varchar', 'same'),
            ('is_live', 'boolean', 'same'),
        ],
        'follower_lists': [
            ('owner_handle', 'varchar', 'same'),
            ('follower_key', 'varchar', 'same'),
            ('followed_at', 'timestamp', 'same'),
            ('follower_handle_looks_generated', 'boolean', 'same'),
        ],
        'reach_days': [
            ('owner_handle', 'varchar', 'same'),
            ('activity_on', 'date', 'same'),
            ('post_count', 'bigint', 'same'),
            ('view_count', 'bigint', 'null'),
            ('reach', 'bigint', 'null'),
            ('impression_count', 'bigint', 'null'),
            ('like_count', 'bigint', 'null'),
            ('share_count', 'bigint', 'null'),
            ('save_count', 'bigint', 'null'),
        ],
        'follower_series:daily_totals': [
            ('owner_handle', 'varchar', 'same'),
            ('activity_on', 'date', 'same'),
            ('followers', 'bigint', 'null'),
            ('follower_change', 'bigint', 'null'),
        ],
        'follower_series:follow_times': [
            ('owner_handle', 'varchar', 'same'),
            ('followed_at', 'timestamp', 'same'),
        ],
    } -%}
    {%- if entity not in shapes -%}
        {{ exceptions.raise_compiler_error(
            "platform_entity_columns: no shape for entity '" ~ entity ~ "'; known: "
            ~ (shapes.keys() | list | join(', '))
        ) }}
    {%- endif -%}
    {{ return(shapes[entity]) }}
{% endmacro %}


{#-
    Every source of one entity in the registry, as (platform, source) pairs in registry
    order; with `kind`, only the sources of that kind (follower series: daily_totals or
    follow_times).
-#}
{% macro platform_sources(entity, kind=none) %}
    {%- set found = [] -%}
    {%- for platform, spec in var('platforms').items() -%}
        {%- for source in (spec.get(entity) or []) -%}
            {%- if kind is none or source.get('kind') == kind -%}
                {%- do found.append((platform, source)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{#-
    The names of the platforms whose registry entry has `field` set (not null, not empty),
    after the values of `also` (e.g. ['all'] for a pooled row). Usable as a test argument:
    `values: "{{ platforms_where('comments', also=['all']) }}"`.
-#}
{% macro platforms_where(field, also=[]) %}
    {%- set found = also | list -%}
    {%- for platform, spec in var('platforms').items() -%}
        {%- if spec.get(field) -%}{%- do found.append(platform) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{#- A SQL list of quoted platform names, for `platform in (...)`; never empty. -#}
{% macro platform_list_sql(names) %}
    {%- if names | length == 0 -%}cast(null as varchar){%- else -%}
        {%- for name in names -%}'{{ name }}'{{ ", " if not loop.last }}{%- endfor -%}
    {%- endif -%}
{% endmacro %}


{#-
    One `select ... union all select ...` over every registry source of `entity` (of `kind`
    when given): `platform`, `source_name` (the source's `source` label, else its model),
    then the entity's columns cast to their types.
-#}
{% macro platform_union(entity, kind=none) %}
    {%- set columns = platform_entity_columns(entity if kind is none else entity ~ ':' ~ kind) -%}
    {%- set sources = platform_sources(entity, kind) -%}
    {%- if sources | length == 0 %}
    -- no platform in the registry has a source of this entity: no rows, the same columns
    select
        cast(null as varchar) as platform,
        cast(null as varchar) as source_name,
        {%- for name, type, default in columns %}
        cast(null as {{ type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    where false
    {%- endif -%}
    {%- for platform, source in sources %}
    select
        '{{ platform }}' as platform,
        '{{ source.get('source') or source.model }}' as source_name,
        {%- for name, type, default in columns %}
            {%- set mapped = (source.get('columns') or {}).get(name) %}
            {%- if mapped is none %}
                {%- set mapped = name if default == 'same' else 'null' %}
            {%- endif %}
        cast({{ mapped }} as {{ type }}) as {{ name }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ ref(source.model) }}
    {%- if source.get('where') %}
    where {{ source.where }}
    {%- endif %}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{% endmacro %}


{#-
    The platforms that report a reach metric: some `reach_days` source of theirs maps the
    metric's column (`comment_count`: the platforms with comment sources).
-#}
{% macro platforms_reporting(metric) %}
    {%- if metric == 'comment_count' -%}{{ return(platforms_where('comments')) }}{%- endif -%}
    {%- set found = [] -%}
    {%- for platform, source in platform_sources('reach_days') -%}
        {%- if metric in (source.get('columns') or {}) and platform not in found -%}
            {%- do found.append(platform) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}


{#-
    `case <platform_column> when '<platform>' then <its reach_basis field> ... end` over the
    platforms with a reach basis (the registry's `reach_basis`: the metric a platform's
    engagement rates by reach divide by, and its label); null for the others.
-#}
{% macro reach_basis_case(platform_column, field, prefix='') %}
    {%- set cases = [] -%}
    {%- for platform, spec in var('platforms').items() if spec.get('reach_basis') -%}
        {%- set value = spec.reach_basis[field] -%}
        {%- do cases.append(
            "when '" ~ platform ~ "' then "
            ~ (prefix ~ value if field == 'metric' else "'" ~ value ~ "'")
        ) -%}
    {%- endfor -%}
    {%- if cases | length == 0 -%}cast(null as varchar){%- else -%}
        case {{ platform_column }} {{ cases | join(' ') }} end
    {%- endif -%}
{% endmacro %}


{#- The labels of the registry's reach bases (`reach_basis.label`), in registry order. -#}
{% macro reach_basis_labels() %}
    {%- set found = [] -%}
    {%- for platform, spec in var('platforms').items() if spec.get('reach_basis') -%}
        {%- if spec.reach_basis.label not in found -%}{%- do found.append(spec.reach_basis.label) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(found) }}
{% endmacro %}
