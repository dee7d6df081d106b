"""How big each named scale is, and the data window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .formats import DAY, epoch_seconds


@dataclass(frozen=True)
class Scale:
    name: str
    ordinary_creators: int
    volume: float
    """Multiplier on comments per post and DM conversations of every creator."""
    crm_contacts: int
    crm_deals: int
    introductions: int
    connector_introductions: int
    ordinary_list_followers: tuple[int, int]
    """Log-uniform range of follower counts on platforms whose full follower list is written."""
    youtube_threads_per_file: int


SCALES: dict[str, Scale] = {
    "small": Scale("small", 7, 1.0, 1_500, 300, 60, 36, (600, 8_000), 1_000),
    "medium": Scale("medium", 95, 3.0, 10_000, 2_000, 5_000, 400, (1_000, 20_000), 2_000),
    "large": Scale("large", 995, 3.0, 100_000, 20_000, 50_000, 2_000, (1_000, 20_000), 5_000),
}

TIKTOK_FANS_LIST_CAP = 5_000


@dataclass(frozen=True)
class Window:
    """Twelve months ending on ``end_date`` (inclusive); exports are taken at its end."""

    start_date: date
    end_date: date

    @classmethod
    def ending(cls, end_date: date) -> Window:
        try:
            year_before = end_date.replace(year=end_date.year - 1)
        except ValueError:  # 29 February
            year_before = end_date.replace(year=end_date.year - 1, day=28)
        return cls(year_before + timedelta(days=1), end_date)

    @property
    def start_ts(self) -> int:
        return epoch_seconds(self.start_date)

    @property
    def cutoff_ts(self) -> int:
        """First second after the window; nothing at or after it is exported."""
        return epoch_seconds(self.end_date) + DAY

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    def day(self, offset: int) -> date:
        return self.start_date + timedelta(days=offset)
