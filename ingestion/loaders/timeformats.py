"""How each export writes times and dates, as SQL that yields NULL when a value does not parse."""

from __future__ import annotations

from collections.abc import Callable
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


# A value the loader has already typed (a DATE it computed): plausible_time checks it as is.
ALREADY_TYPED = TimeFormat("a date or time", "{value}")
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

# Month names as the Studio apps write them in the languages Mutuality reads (English, Spanish,
# Portuguese, French, German, Italian), full and abbreviated, lower case without accents (the
# parser strips accents and dots first: "Mär." and "mär" -> "mar", "févr." -> "fevr").
_MONTH_SPELLINGS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("january", "jan", "enero", "ene", "janeiro", "janvier", "janv", "januar", "janner",
         "gennaio", "gen")),
    (2, ("february", "feb", "febrero", "fevereiro", "fev", "fevrier", "fevr", "februar",
         "feber", "febbraio")),
    (3, ("march", "mar", "marzo", "marco", "mars", "marz", "maerz")),
    (4, ("april", "apr", "abril", "abr", "avril", "avr", "aprile")),
    (5, ("may", "mayo", "maio", "mai", "maggio", "mag")),
    (6, ("june", "jun", "junio", "junho", "juin", "juni", "giugno", "giu")),
    (7, ("july", "jul", "julio", "julho", "juillet", "juil", "juli", "luglio", "lug")),
    (8, ("august", "aug", "agosto", "ago", "aout")),
    (9, ("september", "sep", "sept", "septiembre", "setiembre", "set", "setembro", "septembre",
         "settembre")),
    (10, ("october", "oct", "octubre", "outubro", "out", "octobre", "oktober", "okt", "ottobre",
          "ott")),
    (11, ("november", "nov", "noviembre", "novembro", "novembre")),
    (12, ("december", "dec", "diciembre", "dic", "dezembro", "dez", "decembre", "dezember")),
)  # fmt: skip
MONTH_NUMBERS: dict[str, int] = {name: month for month, names in _MONTH_SPELLINGS for name in names}


def _month_number_sql(name_sql: str) -> str:
    names = ", ".join(f"'{name}'" for name in MONTH_NUMBERS)
    numbers = ", ".join(str(number) for number in MONTH_NUMBERS.values())
    return f"map([{names}], [{numbers}])[{name_sql}]"


def _words(value_sql: str) -> str:
    """The text as lower-case ASCII words: accents, dots and commas gone, the Spanish and
    Portuguese "de" / "del" between day, month and year dropped ("8 de março" -> "8 marco")."""
    folded = f"regexp_replace(strip_accents(lower(trim({value_sql}))), '[^a-z0-9]+', ' ', 'g')"
    return f"trim(regexp_replace(' ' || {folded} || ' ', ' (?:del? )+', ' ', 'g'))"


# Day then month ("8 mars", "8. März", "1er janvier"), or month then day ("April 12").
_DAY_MONTH = r"(?:(\d{1,2})(?:er)? ([a-z]+)|([a-z]+) (\d{1,2}))"


def _day_month_sql(value_sql: str, with_year: bool) -> str:
    """A DATE from a day and a month name (in year 2000 when the text has no year: a leap year,
    so "February 29" passes); NULL when the text is not one or names no real day."""
    pattern = f"^{_DAY_MONTH} (\\d{{4}})$" if with_year else f"^{_DAY_MONTH}$"
    year = "CAST(p.y AS INTEGER)" if with_year else "2000"
    groups = "['d1', 'm1', 'm2', 'd2', 'y']" if with_year else "['d1', 'm1', 'm2', 'd2']"
    month = _month_number_sql("coalesce(nullif(p.m1, ''), p.m2)")
    day = "CAST(coalesce(nullif(p.d1, ''), p.d2) AS INTEGER)"
    parts = f"regexp_extract({_words(value_sql)}, '{pattern}', {groups})"
    return f"list_transform([{parts}], lambda p: try(make_date({year}, {month}, {day})))[1]"


def _template(sql_of: Callable[[str], str]) -> str:
    """A TimeFormat template from SQL built around a value (whose regexes hold braces)."""
    marker = "\x00"
    return sql_of(marker).replace("{", "{{").replace("}", "}}").replace(marker, "{value}")


# TikTok Studio: a day without a year, in the export's language ("April 12", "12 April",
# "8 de marzo", "8 de março", "8 mars", "8. März", "8 marzo", "mar. 8", "1er janvier").
LOCALIZED_DAY_MONTH = TimeFormat(
    "like 'April 12', '8 de marzo', '8 mars' or '8. März' (a day and month, no year)",
    _template(lambda value: _day_month_sql(value, with_year=False)),
)
# YouTube Studio `Video publish time`: "Feb 18, 2023" (English Studio), also a full or
# localized month name ("February 18, 2023", "18 feb 2023", "18 de fev. de 2023") and ISO.
PUBLISH_DAY = TimeFormat(
    "like 'Feb 18, 2023', '18 Feb 2023' or '2023-02-18'",
    _template(
        lambda value: (
            f"coalesce(CAST(try_strptime(trim({value}), '%Y-%m-%d') AS DATE), "
            f"{_day_month_sql(value, with_year=True)})"
        )
    ),
)
