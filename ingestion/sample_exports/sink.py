"""Where writers put files, and the running tally of what the loaders must find in them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

COMMENT = "comment"
REPLY = "reply"
MENTION = "mention"
DM = "dm"
OUTBOUND = "creator_to_audience"
INBOUND = "audience_to_creator"


class ExportSink:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.rows: Counter[str] = Counter()
        self.interactions: Counter[tuple[str, str, str, str]] = Counter()
        self.files = 0
        self.bytes = 0

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
