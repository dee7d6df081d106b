"""Audience identities computed from an integer index, never stored.

A creator's audience on one platform is the integers ``0 .. pool_size-1`` (index 0 followed
first). Each index maps injectively, through a per-audience permutation, to a realistic
handle (``jose_kovac``, ``lucia.nunez1987``), a display name with diacritics, a numeric
account id and a YouTube channel id. Accounts bought in a follower spike are a separate
index range starting at ``BOT_OFFSET`` with generated-looking handles (``user83746152``,
``jenny_k8472``).
"""

from __future__ import annotations

import base64
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .vocab import AUDIENCE_FIRST_NAMES, AUDIENCE_LAST_NAMES

BOT_OFFSET = 1 << 40
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_TRANSLITERATION = str.maketrans(
    {"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
)
_HANDLE_STYLES = 6
_NAME_SPACE = len(AUDIENCE_FIRST_NAMES) * len(AUDIENCE_LAST_NAMES) * _HANDLE_STYLES * 10_000
_MULTIPLIER = 2_654_435_761  # odd and not a multiple of 3, 5 or 7: coprime to _NAME_SPACE


@cache
def ascii_slug(name: str) -> str:
    """``Søren Kovač`` -> ``sorenkovac``: letters and digits only, lower case."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_TRANSLITERATION))
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower()


def b64_int(value: int, width: int) -> str:
    """The low ``6 * width`` bits of ``value`` as URL-safe base64 digits, most significant first."""
    size = -(-width * 6 // 24) * 3
    value &= (1 << (6 * width)) - 1
    encoded = base64.urlsafe_b64encode(value.to_bytes(size, "big")).decode("ascii")
    return encoded[len(encoded) - width :]


@dataclass(frozen=True)
class Audience:
    """The people around one creator on one platform; ``salt`` makes each audience distinct."""

    salt: int
    underscores_only: bool = False
    """X handles allow letters, digits and underscores only."""

    def _slot(self, index: int) -> int:
        return (index * _MULTIPLIER + self.salt * 7_919) % _NAME_SPACE

    def _parts(self, index: int) -> tuple[int, int, int, int]:
        slot = self._slot(index)
        slot, first = divmod(slot, len(AUDIENCE_FIRST_NAMES))
        slot, last = divmod(slot, len(AUDIENCE_LAST_NAMES))
        variant, style = divmod(slot, _HANDLE_STYLES)
        return first, last, style, variant

    def handle(self, index: int) -> str:
        return _cached_handle(self, index)

    def _handle(self, index: int) -> str:
        if index >= BOT_OFFSET:
            return bot_handle(index - BOT_OFFSET, self.salt)
        first, last, style, variant = self._parts(index)
        f = ascii_slug(AUDIENCE_FIRST_NAMES[first])
        surname = ascii_slug(AUDIENCE_LAST_NAMES[last])
        number = "" if variant == 0 else str(variant)
        if self.underscores_only:
            return _underscore_handle(f, surname, number, style)
        if style == 0:
            return f"{f}_{surname}{number}"
        if style == 1:
            return f"{f}.{surname}{number}"
        if style == 2:
            return f"{f}_{surname}_{number}" if number else f"{f}__{surname}"
        if style == 3:
            return f"the.{f}.{surname}{number}"
        if style == 4:
            return f"{f}.{surname}.{number}" if number else f"{f}.{surname}.x"
        return f"_{f}.{surname}{number}_"

    def display_name(self, index: int) -> str:
        if index >= BOT_OFFSET:
            return self.handle(index)
        first, last, style, _variant = self._parts(index)
        surname = AUDIENCE_LAST_NAMES[last]
        if style == 5:
            return f"{AUDIENCE_FIRST_NAMES[first]} {surname[0]}"
        return f"{AUDIENCE_FIRST_NAMES[first]} {surname}"

    def first_name(self, index: int) -> str:
        if index >= BOT_OFFSET:
            return self.handle(index)
        return AUDIENCE_FIRST_NAMES[self._parts(index)[0]]

    def account_id(self, index: int) -> str:
        """A numeric X account id (10 to 11 digits, never a creator's 8-digit id)."""
        return str(10_000_000_000 + (index * 48_271 + self.salt * 101) % 89_999_999_999)

    def linkedin_url(self, index: int) -> str:
        first, last, _style, _variant = self._parts(index)
        slug = f"{ascii_slug(AUDIENCE_FIRST_NAMES[first])}-{ascii_slug(AUDIENCE_LAST_NAMES[last])}"
        return f"https://www.linkedin.com/in/{slug}-{self._slot(index):x}"

    def full_name(self, index: int) -> tuple[str, str]:
        first, last, _style, _variant = self._parts(index)
        return AUDIENCE_FIRST_NAMES[first], AUDIENCE_LAST_NAMES[last]

    def channel_id(self, index: int) -> str:
        return channel_id(self._slot(index), creator=False)


@lru_cache(maxsize=1 << 18)
def _cached_handle(audience: Audience, index: int) -> str:
    return audience._handle(index)


def _underscore_handle(first: str, surname: str, number: str, style: int) -> str:
    """Six injective styles: the underscores' positions tell them apart."""
    if style == 0:
        return f"{first}_{surname}{number}"
    if style == 1:
        return f"{first}_{surname}_{number or 'x'}"
    if style == 2:
        return f"{first}__{surname}{number}"
    if style == 3:
        return f"the_{first}_{surname}{number}"
    if style == 4:
        return f"_{first}_{surname}{number}"
    return f"{first}_{surname}{number}_"


_MIX_132 = 0x9E3779B97F4A7C15F39CC0605CEDC835 | 1


def mix(value: int, bits: int) -> int:
    """A bijection on ``bits``-bit integers that scatters neighbouring values."""
    return (value * _MIX_132) % (1 << bits)


def channel_id(serial: int, creator: bool) -> str:
    """``UC`` + 22 characters; creators and audience never share one (top bit differs)."""
    return "UC" + b64_int(mix(serial, 131) | (int(creator) << 131), 22)


def bot_handle(bot_index: int, salt: int) -> str:
    """Generated-looking handles of bought accounts, unique per bot index."""
    serial = bot_index // 2
    if bot_index % 2 == 0:
        return f"user{10_000_000 + (serial * 7_919 + salt) % 90_000_000}"
    first = ascii_slug(AUDIENCE_FIRST_NAMES[serial % len(AUDIENCE_FIRST_NAMES)])
    rest = serial // len(AUDIENCE_FIRST_NAMES)
    letter = chr(ord("a") + rest % 26)
    return f"{first}_{letter}{1_000 + rest // 26}"
