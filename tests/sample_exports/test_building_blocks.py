"""Fast checks of the pieces every export leans on: the window, identities, encodings."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest

from sample_exports.formats import (
    linkedin_invitation_time,
    meta_json,
    mojibake,
    x_created_at,
    yearless,
)
from sample_exports.people import (
    _MULTIPLIER,
    _NAME_SPACE,
    BOT_OFFSET,
    Audience,
    b64_int,
    channel_id,
)
from sample_exports.scales import Window


@pytest.mark.parametrize(
    ("end", "start", "days"),
    [
        (date(2026, 10, 31), date(2025, 11, 1), 365),
        (date(2024, 2, 29), date(2023, 3, 1), 366),
        (date(2024, 3, 1), date(2023, 3, 2), 366),
    ],
)
def test_the_window_is_twelve_months_with_unambiguous_yearless_days(
    end: date, start: date, days: int
) -> None:
    window = Window.ending(end)
    assert (window.start_date, window.days) == (start, days)
    labels = [yearless(window.day(n)) for n in range(window.days)]
    assert len(set(labels)) == len(labels)
    assert window.cutoff_ts - window.start_ts == days * 86_400


def test_audience_handles_are_unique_and_platform_shaped() -> None:
    assert math.gcd(_MULTIPLIER, _NAME_SPACE) == 1
    for underscores_only in (False, True):
        audience = Audience(salt=37, underscores_only=underscores_only)
        handles = [audience.handle(i) for i in range(60_000)]
        assert len(set(handles)) == len(handles)
        pattern = r"^\w+$" if underscores_only else r"^[\w.]+$"
        assert all(re.match(pattern, h, re.ASCII) for h in handles)
    bots = [Audience(salt=3).handle(BOT_OFFSET + k) for k in range(20_000)]
    assert len(set(bots)) == len(bots)
    assert re.match(r"^user\d{8}$", bots[0]) and re.match(r"^[a-z]+_[a-z]\d{4}$", bots[1])
    assert not set(bots) & set(Audience(salt=3).handle(i) for i in range(20_000))


def test_channel_ids_never_collide_between_creators_and_audience() -> None:
    creators = {channel_id(i, creator=True) for i in range(2_000)}
    audience = {channel_id(i, creator=False) for i in range(200_000)}
    assert len(creators) == 2_000 and len(audience) == 200_000 and not creators & audience
    assert all(len(c) == 24 and c.startswith("UC") for c in creators)
    assert b64_int(64**3 - 1, 3) == "___" and b64_int(1, 2) == "AB"


def test_encodings_match_the_contract_examples() -> None:
    assert meta_json("Kovač") == '"Kova\\u00c4\\u008d"'
    assert mojibake("🔥").encode("latin-1").decode("utf-8") == "🔥"
    assert len(meta_json("🔥")) == 2 + 4 * 6
    assert x_created_at(1676749515) == "Sat Feb 18 19:45:15 +0000 2023"
    assert linkedin_invitation_time(1675851660) == "2/8/23, 10:21 AM"
    assert yearless(date(2023, 4, 12)) == "April 12"
