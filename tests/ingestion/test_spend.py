"""The spend file (`spend/spend.csv` and dated files beside it) on hand-written variants:
CRLF lines, quoted amounts with thousands separators, a dated file with its columns in
another order and without `note`, the same payment twice; and every refusal names its file,
row and field."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingestion.errors import ExportFormatError
from ingestion.loaders import run_loader
from tests.ingestion.conftest import records

HEADER = "date,channel,person,amount,kind,note\n"


def test_payments_land_once_as_written(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = records(
        loaded,
        "SELECT spent_on, channel, person, amount, kind, note, _source_file "
        "FROM raw.spend ORDER BY spent_on, channel NULLS FIRST, person",
    )
    assert [(str(r["spent_on"]), r["channel"], r["person"], r["amount"]) for r in rows] == [
        ("2026-05-01", None, "cr_0001", "1,500.00"),
        ("2026-05-01", "Paid Social", None, "900"),
        ("2026-05-15", None, "DANA@whitfield.example", "250.5"),  # twice in the file: once
        ("2026-06-01", None, "cr_0002", "1200"),
        ("2026-06-01", "Paid Social", None, "900.00"),
    ]
    assert rows[2]["kind"] == "connector_retainer" and rows[2]["note"] == "Retainer, May"
    assert rows[3]["note"] is None
    assert {r["_source_file"] for r in rows} == {"spend/spend.csv", "spend/spend_2026-06-30.csv"}


def test_no_spend_file_is_no_spend(warehouse: duckdb.DuckDBPyConnection, exports: Path) -> None:
    for path in (exports / "spend").iterdir():
        path.unlink()
    result = run_loader(warehouse, "spend", exports, strict=True)
    assert result.files_seen == 0
    assert records(warehouse, "SELECT count(*) AS n FROM raw.spend") == [{"n": 0}]


@pytest.mark.parametrize(
    ("row", "field", "problem"),
    [
        ("2026-05-01,,,100,media,", "channel", "needs exactly one of channel and person"),
        ("2026-05-01,Paid Social,cr_0001,100,media,", "channel", "needs exactly one of"),
        ("2026-05-01,Paid Social,,€100,media,", "amount", "amount '€100' is not an amount"),
        ("2026-05-01,Paid Social,,-100,media,", "amount", "amount '-100' is not an amount"),
        ("2026-05-01,Paid Social,,,media,", "amount", "amount is not an amount"),
        ("01/05/2026,Paid Social,,100,media,", "date", "unparseable date '01/05/2026'"),
        (",Paid Social,,100,media,", "date", "empty date"),
    ],
)
def test_a_bad_row_is_refused_naming_file_row_and_field(
    warehouse: duckdb.DuckDBPyConnection, exports: Path, row: str, field: str, problem: str
) -> None:
    (exports / "spend" / "spend_2026-06-30.csv").unlink()
    (exports / "spend" / "spend.csv").write_text(HEADER + "2026-04-01,Paid Search,,50,,\n" + row)
    with pytest.raises(ExportFormatError) as raised:
        run_loader(warehouse, "spend", exports, strict=True)
    assert str(raised.value).startswith("spend/spend.csv row 2")
    assert problem in str(raised.value)
    assert raised.value.field == field
