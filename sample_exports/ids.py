"""Platform-shaped identifiers, unique by construction (a serial is always encoded in them)."""

from __future__ import annotations

import numpy as np

from .people import B64URL, b64_int, mix

TWITTER_EPOCH_MS = 1_288_834_974_657


class Snowflakes:
    """X ids: milliseconds since the Twitter epoch, a worker number and a sequence."""

    def __init__(self, worker: int) -> None:
        self.worker = worker % 1_024
        self.used: set[int] = set()

    def make(self, ts_ms: int) -> str:
        sequence = 0
        while True:
            value = ((ts_ms - TWITTER_EPOCH_MS) << 22) | (self.worker << 12) | sequence
            if value not in self.used:
                self.used.add(value)
                return str(value)
            sequence += 1
            if sequence == 4_096:
                sequence, ts_ms = 0, ts_ms + 1


def audience_snowflake(ts_ms: int, salt: int) -> str:
    """Id of an audience tweet that is not in the archive (only referenced)."""
    return str(((ts_ms - TWITTER_EPOCH_MS) << 22) | (salt % 4_194_304))


def meta_numeric(prefix: int, creator_index: int, serial: int, rng: np.random.Generator) -> str:
    """Instagram-style 17-digit ids: prefix, a random pair of digits, creator, serial."""
    return f"{prefix}{int(rng.integers(10, 100))}{creator_index:04d}{serial:09d}"


def tiktok_id(ts: int, creator_index: int, serial: int) -> str:
    """TikTok ids carry the creation second in their top 32 bits (19 digits today)."""
    return str((ts << 32) | ((creator_index % 4_096) << 20) | (serial % 1_048_576))


def random_chars(rng: np.random.Generator, count: int, alphabet: str = B64URL) -> str:
    letters = np.frombuffer(alphabet.encode("ascii"), dtype=np.uint8)
    return letters[rng.integers(0, len(alphabet), count)].tobytes().decode("ascii")


def youtube_video_id(creator_index: int, serial: int, rng: np.random.Generator) -> str:
    value = (creator_index << 44) | (serial << 20) | int(rng.integers(0, 1 << 20))
    return b64_int(mix(value, 66), 11)


def youtube_thread_id(creator_index: int, serial: int, rng: np.random.Generator) -> str:
    serial_part = b64_int(mix((creator_index << 36) | serial, 60), 10)
    return "Ugz" + serial_part + random_chars(rng, 10) + "4AaABAg"


def youtube_reply_id(thread_id: str, serial: int, rng: np.random.Generator) -> str:
    return f"{thread_id}.{b64_int(serial, 4)}{random_chars(rng, 18)}"


BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def facebook_post_id(creator_index: int, serial: int, rng: np.random.Generator) -> str:
    value = creator_index * 1_000_000 + serial
    encoded = ""
    for _ in range(7):
        value, digit = divmod(value, 58)
        encoded = BASE58[digit] + encoded
    return "pfbid0" + encoded + random_chars(rng, 28, BASE58)
