"""What a dbt data test checks, in a sentence, for its Dagster asset check.

A test's own `description:` (dbt 1.9+) comes first: the YAML gives one to every test whose
meaning is not its name and arguments (row conditions, ranges, sums). For the others (unique,
not null, accepted values, a table's key...) the sentence is made from the test's name and
arguments, so every check says what it checks without repeating that in the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

_REFERENCE = re.compile(r"""^\s*(ref|source)\((.*)\)\s*$""")


def _code(value: Any) -> str:
    return f"`{' '.join(str(value).split())}`"


def _codes(values: Sequence[Any]) -> str:
    return ", ".join(_code(value) for value in values)


def _relation(reference: str) -> str:
    """`ref('stg_roster__creators')` -> `stg_roster__creators`; `source('raw', 'x')` -> `raw.x`."""
    match = _REFERENCE.match(reference)
    if match is None:
        return _code(reference)
    names = [part.strip().strip("'\"") for part in match.group(2).split(",")]
    return _code(".".join(name for name in names if name and "=" not in name))


def _bound(column: str, bound: Mapping[str, Any]) -> str:
    low, high = bound.get("min_value"), bound.get("max_value")
    if low is not None and high is not None:
        return f"{_code(column)} in [{low}, {high}]"
    if low is not None:
        return f"{_code(column)} >= {low}"
    return f"{_code(column)} <= {high}"


def _unique(kwargs: Mapping[str, Any]) -> str:
    return f"No two rows share {_code(kwargs['column_name'])}."


def _not_null(kwargs: Mapping[str, Any]) -> str:
    return f"{_code(kwargs['column_name'])} is never null."


def _not_null_columns(kwargs: Mapping[str, Any]) -> str:
    return f"Never null: {_codes(kwargs['columns'])}."


def _accepted_values(kwargs: Mapping[str, Any]) -> str:
    values = ", ".join(str(value) for value in kwargs["values"])
    return f"{_code(kwargs['column_name'])} is null or one of: {values}."


def _unique_combination(kwargs: Mapping[str, Any]) -> str:
    return f"One row per {_codes(kwargs['combination'])}: no combination occurs twice."


def _relationships(kwargs: Mapping[str, Any]) -> str:
    return (
        f"Every {_code(kwargs['column_name'])} is a {_code(kwargs['field'])} of "
        f"{_relation(kwargs['to'])}."
    )


def _no_timestamptz_columns(kwargs: Mapping[str, Any]) -> str:
    return "Every timestamp column is a naive UTC `timestamp`, none `timestamp with time zone`."


def _row_condition_holds(kwargs: Mapping[str, Any]) -> str:
    return f"Every row satisfies {_code(kwargs['condition'])}."


def _columns_between(kwargs: Mapping[str, Any]) -> str:
    bounds = "; ".join(_bound(column, bound) for column, bound in kwargs["bounds"].items())
    return f"In range on every row (nulls pass): {bounds}."


def _between(kwargs: Mapping[str, Any]) -> str:
    return f"In range on every row (nulls pass): {_bound(kwargs['column_name'], kwargs)}."


def _group_sum_matches(kwargs: Mapping[str, Any]) -> str:
    tolerance = kwargs.get("tolerance") or 0
    within = f" (within {tolerance})" if tolerance else " exactly"
    return (
        f"Per {_codes(kwargs['group_by'])}, the sum of {_code(kwargs['column_name'])} equals "
        f"{_code(kwargs['expected'])}{within}."
    )


_SENTENCES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "unique": _unique,
    "not_null": _not_null,
    "not_null_columns": _not_null_columns,
    "accepted_values": _accepted_values,
    "unique_combination": _unique_combination,
    "relationships": _relationships,
    "no_timestamptz_columns": _no_timestamptz_columns,
    "row_condition_holds": _row_condition_holds,
    "columns_between": _columns_between,
    "between": _between,
    "group_sum_matches": _group_sum_matches,
}


def describe_test(test: Mapping[str, Any]) -> str:
    """The description of a dbt test node of the manifest: its own, else one made from its
    generic test's name and arguments."""
    own = (test.get("description") or "").strip() or (test.get("meta") or {}).get("description")
    if own:
        return " ".join(str(own).split())
    metadata = test.get("test_metadata") or {}
    sentence = _SENTENCES.get(metadata.get("name") or "")
    if sentence is not None:
        try:
            return sentence(metadata.get("kwargs") or {})
        except (KeyError, TypeError):
            pass
    return f"dbt test {test['name']}."
