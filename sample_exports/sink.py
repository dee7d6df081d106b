"""Where writers put files, and the running tally of what the loaders must find in them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

COMMENT = "comment"
REPLY = "reply"
MENTION = "mention"
DM = "dm"
OUTBOUND = "creator_to_audience"
INBOUND = "audience_to_creator"


class ExportSink:
    """Files go under ``root``; row and interaction tallies count every record generated.

    With a hold-out (``delta_root`` and ``cut_ts``), writers keep records dated before
    ``cut_ts`` in the files under ``root`` and write the held-out ones to new files under
    ``delta_root`` (see :meth:`split`); the tallies still count both. ``delta_label`` (the
    ISO date of the later export) names delta files whose base name is fixed.
    """

    def __init__(
        self,
        root: Path,
        delta_root: Path | None = None,
        cut_ts: int | None = None,
        delta_label: str = "",
    ) -> None:
        self.root = root
        self.rows: Counter[str] = Counter()
        self.interactions: Counter[tuple[str, str, str, str]] = Counter()
        self.files = 0
        self.bytes = 0
        self.delta = ExportSink(delta_root) if delta_root is not None else None
        self.cut_ts = cut_ts if delta_root is not None else None
        self.delta_label = delta_label

    def held_out(self, ts: int) -> bool:
        """Whether a record dated ``ts`` (epoch seconds) belongs in the delta."""
        return self.cut_ts is not None and ts >= self.cut_ts

    def split(
        self, records: list[T], stamps: Callable[[], Iterable[int]]
    ) -> tuple[list[T], list[T]]:
        """(kept, held out), each in the records' order.

        ``stamps()`` yields each record's time in epoch seconds; without a hold-out it is not
        called and every record is kept. Writers split records already rendered, so every
        random draw (ids above all) happens exactly as in a full generation.
        """
        if self.cut_ts is None:
            return records, []
        cut = self.cut_ts
        kept: list[T] = []
        held: list[T] = []
        for record, ts in zip(records, stamps(), strict=True):
            (held if ts >= cut else kept).append(record)
        return kept, held

    def write_delta(self, relative: str, text: str) -> None:
        assert self.delta is not None, "no hold-out: there is no delta to write"
        self.delta.write(relative, text)

    def dated(self, relative: str) -> str:
        """``dir/Name.ext`` -> ``dir/Name_<delta_label>.ext``: a later export of a fixed name."""
        stem, dot, extension = relative.rpartition(".")
        return f"{stem}_{self.delta_label}{dot}{extension}"

    def write(self, relative: str, text: str) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)

    def absorb(self, other: ExportSink) -> None:
        """Add another sink's tallies (a worker's) to this one."""
        self.rows.update(other.rows)
        self.interactions.update(other.interactions)
        self.files += other.files
        self.bytes += other.bytes
        if self.delta is not None and other.delta is not None:
            self.delta.absorb(other.delta)

    def count_rows(self, table: str, rows: int) -> None:
        self.rows[table] += rows

    def interact(
        self, creator_id: str, platform: str, kind: str, from_creator: bool, count: int = 1
    ) -> None:
        direction = OUTBOUND if from_creator else INBOUND
        self.interactions[(creator_id, platform, kind, direction)] += count

    def comment(self, creator_id: str, platform: str, is_reply: bool, from_creator: bool) -> None:
        self.interact(creator_id, platform, REPLY if is_reply else COMMENT, from_creator)

    def expected_rows(self) -> dict[str, int]:
        return dict(sorted(self.rows.items()))

    def expected_interactions(self) -> list[dict[str, object]]:
        return [
            {
                "creator_id": creator_id,
                "platform": platform,
                "kind": kind,
                "direction": direction,
                "count": count,
            }
            for (creator_id, platform, kind, direction), count in sorted(self.interactions.items())
        ]
