"""The platforms' textual quirks: date styles, Meta mojibake, number formatting, CSV dialects.

All times are integer epoch seconds (UTC). Formatting goes through a per-day cache because the
large scale formats tens of millions of timestamps.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

DAY = 86_400
EPOCH = date(1970, 1, 1)
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def epoch_seconds(day: date) -> int:
    """Midnight UTC of ``day``."""
    return (day - EPOCH).days * DAY


def day_of(ts: int) -> date:
    return EPOCH + timedelta(days=ts // DAY)


@lru_cache(maxsize=4096)
def _day_parts(day_number: int) -> tuple[int, int, int, int]:
    day = EPOCH + timedelta(days=day_number)
    return day.year, day.month, day.day, day.weekday()


def _clock(ts: int) -> tuple[int, int, int]:
    seconds = ts % DAY
    return seconds // 3600, seconds // 60 % 60, seconds % 60


def iso_z(ts: int) -> str:
    """``2023-02-18T19:45:15Z`` (YouTube Data API)."""
    y, mo, d, _ = _day_parts(ts // DAY)
    h, mi, s = _clock(ts)
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}Z"


def iso_millis_z(ts_ms: int) -> str:
    """``2023-02-18T19:45:15.123Z`` (X direct messages and account)."""
    ts, ms = divmod(ts_ms, 1000)
    y, mo, d, _ = _day_parts(ts // DAY)
    h, mi, s = _clock(ts)
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}.{ms:03d}Z"


def x_created_at(ts: int) -> str:
    """``Sat Feb 18 19:45:15 +0000 2023`` (X tweets)."""
    y, mo, d, wd = _day_parts(ts // DAY)
    h, mi, s = _clock(ts)
    return f"{WEEKDAYS[wd]} {MONTHS[mo - 1]} {d:02d} {h:02d}:{mi:02d}:{s:02d} +0000 {y}"


def plain_datetime(ts: int) -> str:
    """``2023-02-18 19:45:15`` (TikTok: no zone)."""
    y, mo, d, _ = _day_parts(ts // DAY)
    h, mi, s = _clock(ts)
    return f"{y:04d}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}"


def utc_suffixed(ts: int) -> str:
    """``2023-02-18 19:45:15 UTC`` (LinkedIn messages)."""
    return plain_datetime(ts) + " UTC"


def minute_datetime(ts: int) -> str:
    """``2023-02-18 19:45`` (CRM)."""
    return plain_datetime(ts)[:16]


def us_minute_datetime(ts: int) -> str:
    """``02/18/2023 19:45`` (Meta Business Suite)."""
    y, mo, d, _ = _day_parts(ts // DAY)
    h, mi, _s = _clock(ts)
    return f"{mo:02d}/{d:02d}/{y:04d} {h:02d}:{mi:02d}"


def linkedin_invitation_time(ts: int) -> str:
    """``2/8/23, 10:21 AM``."""
    y, mo, d, _ = _day_parts(ts // DAY)
    h, mi, _s = _clock(ts)
    suffix = "AM" if h < 12 else "PM"
    return f"{mo}/{d}/{y % 100:02d}, {(h % 12) or 12}:{mi:02d} {suffix}"


def day_month_year(day: date) -> str:
    """``08 Feb 2023`` (LinkedIn connections)."""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def month_day_year(day: date) -> str:
    """``Feb 18, 2023`` (YouTube Studio publish time)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def yearless(day: date) -> str:
    """``April 12`` (TikTok Studio)."""
    return f"{MONTH_NAMES[day.month - 1]} {day.day}"


def thousands(value: int) -> str:
    """``15,000``; the CSV writer quotes it because of the comma."""
    return f"{value:,}"


def mojibake(text: str) -> str:
    """Meta's encoding bug: each UTF-8 byte of the text becomes one U+00XX character."""
    return text.encode("utf-8").decode("latin-1")


@lru_cache(maxsize=200_000)
def meta_json(text: str) -> str:
    """A JSON string literal as Meta writes it: every non-ASCII byte as a ``\\u00XX`` escape."""
    return json.dumps(mojibake(text), ensure_ascii=True)


@lru_cache(maxsize=200_000)
def plain_json(text: str) -> str:
    """A JSON string literal with characters written as UTF-8 (X, TikTok, YouTube)."""
    return json.dumps(text, ensure_ascii=False)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], quote_all: bool) -> str:
    """A CSV document with ``\\n`` line ends; minimal quoting unless ``quote_all``."""
    buffer = io.StringIO()
    writer = csv.writer(
        buffer,
        lineterminator="\n",
        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
    )
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def utc_datetime(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)
