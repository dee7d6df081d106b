"""The loader of a toy platform, "Bluesky", written the way a new platform's loader is.

It lives outside ingestion/ on purpose: the platform registry names it by module
(`tests.toy_platform.loader`) and the raw tables it brings join the contract from
`Loader.contract`. Its exports: `bluesky/<handle>/{posts,comments,messages,followers}.csv`.
"""

from __future__ import annotations

from collections.abc import Mapping

from ingestion.loaders.base import FileSet, Loader
from ingestion.loaders.batch import LINEAGE, Batch
from ingestion.loaders.csv_files import read_csv_rows
from ingestion.loaders.sql import columns, content_key

FILES: dict[str, tuple[str, ...]] = {
    "posts": ("post_id", "posted_at", "text"),
    "comments": ("comment_id", "post_id", "parent_comment_id", "author", "text", "commented_at"),
    "messages": ("message_id", "thread_id", "sender", "recipient", "text", "sent_at"),
    "followers": ("follower", "followed_at"),
}
TIMESTAMPS = {"posted_at", "commented_at", "sent_at", "followed_at"}


def _contract(header: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((name, "TIMESTAMP" if name in TIMESTAMPS else "VARCHAR") for name in header)


def _stage(kind: str):
    header = FILES[kind]

    def stage(batch: Batch) -> Mapping[str, str]:
        rows = read_csv_rows(batch, header)
        selected = ", ".join(
            f"CAST({name} AS TIMESTAMP) AS {name}" if name in TIMESTAMPS else name
            for name in columns(header)
        )
        return {
            f"bluesky_{kind}": f"""
                SELECT {selected}, {LINEAGE}, {content_key(*columns(header))} AS _row_key
                FROM {rows.table}
            """
        }

    return stage


LOADER = Loader(
    name="bluesky",
    description="Bluesky, the toy platform of the architecture test",
    raw_tables=tuple(f"bluesky_{kind}" for kind in FILES),
    file_sets=tuple(
        FileSet(f"bluesky/*/{kind}.csv", _stage(kind), kind=f"bluesky {kind}") for kind in FILES
    ),
    contract={f"bluesky_{kind}": _contract(header) for kind, header in FILES.items()},
)
