{#-
    How unusual a daily count is against its own recent past, robustly: the distance from the
    baseline median in units of the scaled median absolute deviation (1.4826 * MAD estimates
    the standard deviation of normal data, and one spike in the baseline does not move it).
    Counts of independent events (follows, first-time commenters) vary by about the square root
    of their level even when the baseline happens to be flat, so the scale never drops below
    sqrt(max(median, 1)): a flat baseline of zeros does not turn a single follow into a spike.
-#}
{% macro vanity_robust_z(value, baseline_median, baseline_mad) -%}
    (({{ value }}) - ({{ baseline_median }}))
    / greatest(1.4826 * ({{ baseline_mad }}), sqrt(greatest({{ baseline_median }}, 1)))
{%- endmacro %}
