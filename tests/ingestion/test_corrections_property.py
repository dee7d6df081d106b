"""Property: whatever sequence of files is added, replaced and removed, and however they are
loaded along the way, raw equals a load from scratch of the files present."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingestion.loaders import RAW_TABLES, load_all
from tests.ingestion.conftest import FIXTURE_EXPORTS

DEALS = (FIXTURE_EXPORTS / "crm" / "deals.csv").read_text()
DEAL_HEADER, *DEAL_ROWS = DEALS.splitlines()
LOG = (FIXTURE_EXPORTS / "introductions" / "introductions_log.csv").read_text()
POSTS_PATH = "instagram/alice.kovac/your_instagram_activity/content"
POSTS = json.loads((FIXTURE_EXPORTS / POSTS_PATH / "posts_1.json").read_text())


def _deals(*rows: str) -> str:
    return "\n".join([DEAL_HEADER, *rows]) + "\n"


def _posts(*posts: dict) -> str:
    return json.dumps(list(posts))


def _post(uri: str, caption: str, at: int) -> dict:
    return {"media": [{"uri": uri, "creation_timestamp": at, "title": caption}]}


CLOSED = DEAL_ROWS[1].replace("Contract Sent,default,,", "Closed Won,default,4000.00,")
NEW = "9004,Kovač collab,Appointment Scheduled,default,,2023-06-02 09:00,,103,,Referrals,"
SHARED = "media/posts/202302/17912345678901234.jpg"  # a uri of posts_1.json

# Each path and the versions a download may write there (several share records: the same
# deal in another stage, the same post with another caption, a row dropped).
VARIANTS: dict[str, list[str]] = {
    "crm/deals.csv": [DEALS, _deals(DEAL_ROWS[0], CLOSED, DEAL_ROWS[2]), _deals(*DEAL_ROWS, NEW)],
    "crm/deals_2026-06-01.csv": [_deals(CLOSED, NEW), _deals(DEAL_ROWS[0])],
    "introductions/introductions_log.csv": [LOG, "\n".join(LOG.splitlines()[:2]) + "\n"],
    f"{POSTS_PATH}/posts_1.json": [
        json.dumps(POSTS),
        _posts(*POSTS[:1]),
        _posts(*POSTS, _post("media/posts/202303/17999999999999999.jpg", "new", 1678000000)),
    ],
    f"{POSTS_PATH}/posts_2.json": [
        _posts(_post(SHARED, "the same post, edited caption", 1676749515)),
        _posts(_post("media/posts/202304/17888888888888888.jpg", "april", 1681000000)),
    ],
}
ALWAYS = ("roster/creators.csv",)

operations = st.lists(
    st.tuples(
        st.sampled_from(sorted(VARIANTS)),
        st.one_of(st.none(), st.integers(min_value=0, max_value=2)),
        st.booleans(),  # load after this step?
    ),
    min_size=1,
    max_size=7,
)


def _content(path: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(path), read_only=True) as conn:
        return {
            table: conn.execute(
                f"SELECT * EXCLUDE (_source_file, _file_hash, _loaded_at) "
                f"FROM raw.{table} ORDER BY ALL"
            ).fetchall()
            for table in RAW_TABLES
        }


def _apply(exports: Path, path: str, variant: int | None) -> None:
    target = exports / path
    if variant is None:
        target.unlink(missing_ok=True)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    versions = VARIANTS[path]
    target.write_text(versions[variant % len(versions)], encoding="utf-8")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=operations)
# a later file by path loaded first, then the earlier one holding the same post: it wins
@example(steps=[(f"{POSTS_PATH}/posts_2.json", 0, True), (f"{POSTS_PATH}/posts_1.json", 0, True)])
# a file removed whose post another file of the folder also holds: that one's version stays
@example(steps=[(f"{POSTS_PATH}/posts_1.json", 0, True), (f"{POSTS_PATH}/posts_2.json", 0, True),
                (f"{POSTS_PATH}/posts_1.json", None, True)])  # fmt: skip
def test_raw_always_equals_a_load_from_scratch_of_the_files_present(steps) -> None:
    with tempfile.TemporaryDirectory() as scratch_dir:
        root = Path(scratch_dir)
        exports = root / "exports"
        for path in ALWAYS:
            (exports / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(FIXTURE_EXPORTS / path, exports / path)
        incremental = root / "incremental.duckdb"
        load_all(incremental, exports)
        for path, variant, load_now in steps:
            _apply(exports, path, variant)
            if load_now:
                load_all(incremental, exports)
        load_all(incremental, exports)
        from_scratch = root / "scratch.duckdb"
        load_all(from_scratch, exports)
        assert _content(incremental) == _content(from_scratch)
