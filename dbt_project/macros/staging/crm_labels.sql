{#- A HubSpot deal stage as its label: the default pipeline's internal values (`closedwon`,
    `decisionmakerboughtin`, ...) and labels in any case or spacing become the label
    (`Closed Won`, `Decision Maker Bought-In`); Salesforce's `Closed Won` / `Closed Lost` are
    the same labels. Any other stage (custom pipelines, Salesforce's open stages) is kept as
    exported, trimmed. -#}
{% macro crm_deal_stage(expr) -%}
    case regexp_replace(lower({{ expr }}), '[^a-z]', '', 'g')
        when 'appointmentscheduled' then 'Appointment Scheduled'
        when 'qualifiedtobuy' then 'Qualified To Buy'
        when 'presentationscheduled' then 'Presentation Scheduled'
        when 'decisionmakerboughtin' then 'Decision Maker Bought-In'
        when 'contractsent' then 'Contract Sent'
        when 'closedwon' then 'Closed Won'
        when 'closedlost' then 'Closed Lost'
        else nullif(trim({{ expr }}), '')
    end
{%- endmacro %}

{#- A HubSpot `Original Source` / `Latest Source` as its label: internal values
    (`PAID_SOCIAL`, `SOCIAL_MEDIA`, `OFFLINE`, ...) become the labels HubSpot shows; labels and
    any other value (a Salesforce `Lead Source`) are kept as exported, trimmed. -#}
{% macro crm_source_label(expr) -%}
    case upper(trim({{ expr }}))
        when 'ORGANIC_SEARCH' then 'Organic Search'
        when 'PAID_SEARCH' then 'Paid Search'
        when 'EMAIL_MARKETING' then 'Email Marketing'
        when 'SOCIAL_MEDIA' then 'Organic Social'
        when 'PAID_SOCIAL' then 'Paid Social'
        when 'REFERRALS' then 'Referrals'
        when 'OTHER_CAMPAIGNS' then 'Other Campaigns'
        when 'DIRECT_TRAFFIC' then 'Direct Traffic'
        when 'OFFLINE' then 'Offline Sources'
        when 'AI_REFERRALS' then 'AI Referrals'
        else nullif(trim({{ expr }}), '')
    end
{%- endmacro %}
