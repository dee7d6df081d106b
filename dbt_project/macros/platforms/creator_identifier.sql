{#-
    The roster expression of one kind of identifier under which a creator's own activity
    shows up in a platform's exports (the registry's `creator_keys`; default: the handle):
      handle: the roster's `<platform>_handle`;
      display_name: the creator's display name, where they have a handle there;
      account_id: X's account id (from the creator's archive, `stg_x__accounts`);
      channel_id: the roster's `<platform>_channel_id` (YouTube);
      profile_url: the roster's `<platform>_profile_url`, spelt as staging spells the
        exports' URLs (LinkedIn: `bruno-s%C3%A1` is `bruno-sá`).
    Reads `creators` (stg_roster__creators) and, for account_id, `x_accounts`.
-#}
{% macro creator_identifier_sql(platform, kind) %}
    {%- if kind == 'handle' -%}
        creators.{{ platform }}_handle
    {%- elif kind == 'display_name' -%}
        case when creators.{{ platform }}_handle is not null then creators.display_name end
    {%- elif kind == 'account_id' and platform == 'x' -%}
        x_accounts.account_id
    {%- elif kind == 'channel_id' -%}
        creators.{{ platform }}_channel_id
    {%- elif kind == 'profile_url' -%}
        {{ normalize_linkedin_url('creators.' ~ platform ~ '_profile_url') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "platform registry: " ~ platform ~ " names creator key '" ~ kind
            ~ "'; known: handle, display_name, account_id (x), channel_id, profile_url"
        ) }}
    {%- endif -%}
{% endmacro %}
