"""How each export writes times and dates, as SQL that yields NULL when a value does not parse."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TimeFormat:
    expected: str  # how the export writes it, quoted in error messages
    template: str  # SQL over {value}; NULL when the text does not parse

    def parse(self, value_sql: str) -> str:
        return "(" + self.template.format(value=value_sql) + ")"


def _strptime(*formats: str) -> str:
    if len(formats) == 1:
        return f"try_strptime({{value}}, '{formats[0]}')"
    listed = ", ".join(f"'{f}'" for f in formats)
    return f"try_strptime({{value}}, [{listed}])"


def _as_utc(template: str) -> str:
    """A zone-less wall-clock time known to be UTC, as TIMESTAMPTZ (independent of session zone)."""
    return f"timezone('UTC', {template})"


EPOCH_SECONDS = TimeFormat("epoch seconds", "try(to_timestamp(try_cast(trim({value}) AS BIGINT)))")
EPOCH_MILLISECONDS = TimeFormat(
    "epoch milliseconds", _as_utc("try(epoch_ms(try_cast(trim({value}) AS BIGINT)))")
)
ISO_UTC = TimeFormat(
    "YYYY-MM-DDTHH:MM:SS[.fff]Z",
    _as_utc(_strptime("%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%dT%H:%M:%SZ")),
)
X_TWEET_TIME = TimeFormat(
    "like 'Sat Feb 18 19:45:15 +0000 2023'", _strptime("%a %b %d %H:%M:%S %z %Y")
)
SECONDS_NO_ZONE = TimeFormat("YYYY-MM-DD HH:MM:SS", _strptime("%Y-%m-%d %H:%M:%S"))
MINUTES_NO_ZONE = TimeFormat("YYYY-MM-DD HH:MM", _strptime("%Y-%m-%d %H:%M"))
US_MINUTES = TimeFormat("MM/DD/YYYY HH:MM", _strptime("%m/%d/%Y %H:%M"))
SECONDS_UTC_SUFFIX = TimeFormat(
    "YYYY-MM-DD HH:MM:SS UTC", _as_utc(_strptime("%Y-%m-%d %H:%M:%S UTC"))
)
SHORT_US_TIME = TimeFormat("like '2/8/23, 10:21 AM'", _strptime("%m/%d/%y, %I:%M %p"))
ISO_DATE = TimeFormat("YYYY-MM-DD", f"CAST({_strptime('%Y-%m-%d')} AS DATE)")
DAY_MONTH_YEAR = TimeFormat("like '08 Feb 2023'", f"CAST({_strptime('%d %b %Y')} AS DATE)")
MONTH_DAY_YEAR = TimeFormat("like 'Feb 18, 2023'", f"CAST({_strptime('%b %d, %Y')} AS DATE)")
# TikTok Studio writes days without a year; a leap year lets "February 29" through.
MONTH_DAY_NO_YEAR = TimeFormat(
    "like 'April 12' (month and day, no year)",
    "try_strptime(trim({value}) || ' 2000', ['%B %d %Y', '%b %d %Y'])",
)
