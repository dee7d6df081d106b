"""Turn a SuiteSpec into Great Expectations objects (GX Core 1.x).

Batches are pandas DataFrames read from DuckDB: GX's SQL datasource over duckdb-engine
closes its connection before fetching and every expectation then fails.
"""

from __future__ import annotations

import contextlib
import json

import great_expectations as gx
import great_expectations.expectations as gxe

from expectations.dbt_rules import ModelRules
from expectations.suites import SuiteSpec

DATASOURCE = "warehouse"
BATCH_DEFINITION = "whole_table"

# The Python types GX observes in a DataFrame that DuckDB produced, per DuckDB type family.
_TYPE_FAMILIES: tuple[tuple[tuple[str, ...], list[str]], ...] = (
    (
        ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER"),
        # numpy integers, or pandas' nullable integers when the column has nulls
        [
            *("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32"),
            *("Int8Dtype", "Int16Dtype", "Int32Dtype", "Int64Dtype"),
            *("UInt8Dtype", "UInt16Dtype", "UInt32Dtype"),
        ],
    ),
    (("HUGEINT", "UBIGINT", "DOUBLE", "FLOAT", "DECIMAL"), ["float64", "float32"]),
    (("VARCHAR",), ["str"]),
    (("BOOLEAN",), ["bool", "BooleanDtype"]),
    (("TIMESTAMP", "DATE"), ["datetime64[us]", "datetime64[ns]"]),
)


def observed_types(duckdb_type: str) -> list[str] | None:
    """None for list columns: GX cannot name the numpy arrays DuckDB hands pandas."""
    if duckdb_type.endswith("[]"):
        return None
    base = duckdb_type.split("(")[0]
    for family, types in _TYPE_FAMILIES:
        if base in family:
            return types
    raise ValueError(f"no GX type mapping for DuckDB type {duckdb_type}")


def row_level_expectations(rules: ModelRules) -> list[gxe.Expectation]:
    """The model's dbt rules as GX expectations: generated, never written twice."""
    expected: list[gxe.Expectation] = [
        gxe.ExpectColumnValuesToNotBeNull(column=column)
        for column in dict.fromkeys((*rules.key, *rules.not_null))
    ]
    if len(rules.key) == 1:
        expected.append(gxe.ExpectColumnValuesToBeUnique(column=rules.key[0]))
    elif rules.key:
        expected.append(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(rules.key)))
    expected += [gxe.ExpectColumnValuesToBeUnique(column=column) for column in rules.unique]
    expected += [
        gxe.ExpectColumnValuesToBeBetween(
            column=bound.column,
            **{
                k: v
                for k, v in (("min_value", bound.min_value), ("max_value", bound.max_value))
                if v is not None
            },
        )
        for bound in rules.bounds
    ]
    expected += [
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A=larger,
            column_B=smaller,
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        )
        for smaller, larger in rules.at_most
    ]
    expected += [
        gxe.ExpectColumnValuesToBeInSet(column=column, value_set=list(values))
        for column, values in rules.accepted_values.items()
        if column not in rules.registry_values
    ]
    return expected


def expectations_for(spec: SuiteSpec, columns: dict[str, str]) -> list[gxe.Expectation]:
    """Every expectation of the suite. `columns` maps the table's columns to DuckDB types."""
    expected: list[gxe.Expectation] = [
        # A mart's columns are its enforced contract: exactly these. A staging view may grow
        # (a platform added to the registry adds a roster handle column): at least these.
        gxe.ExpectTableColumnsToMatchSet(
            column_set=[*columns, *spec.derived_columns], exact_match=spec.schema == "marts"
        ),
        *(
            gxe.ExpectColumnValuesToBeInTypeList(column=name, type_list=types)
            for name, kind in columns.items()
            if (types := observed_types(kind)) is not None
        ),
        gxe.ExpectTableRowCountToBeBetween(
            min_value={"$PARAMETER": "min_rows"}, max_value={"$PARAMETER": "max_rows"}
        ),
    ]
    expected += row_level_expectations(spec.rules)
    expected += [
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A=a, column_B=b, ignore_row_if="either_value_is_missing"
        )
        for a, b in spec.equal
    ]
    if spec.freshness_column:
        expected.append(
            gxe.ExpectColumnMaxToBeBetween(
                column=spec.freshness_column, min_value={"$PARAMETER": "fresh_after"}
            )
        )
    return expected


def _signature(expectations) -> list[tuple[str, str]]:
    return sorted(
        (e.expectation_type, json.dumps(e.configuration.kwargs, sort_keys=True, default=str))
        for e in expectations
    )


def _unchanged(context, spec: SuiteSpec, wanted: list[gxe.Expectation]) -> bool:
    try:
        current = context.suites.get(spec.name)
        context.checkpoints.get(spec.name)
    except Exception:  # GX raises store-specific errors for a name it does not hold
        return False
    return _signature(current.expectations) == _signature(wanted)


def register(context, spec: SuiteSpec, columns: dict[str, str]) -> None:
    """Add (or replace) the suite, validation definition and checkpoint of one spec.
    A suite whose expectations are unchanged is left as it is (GX gives new ids on rewrite)."""
    wanted = expectations_for(spec, columns)
    if _unchanged(context, spec, wanted):
        return
    try:
        datasource = context.data_sources.get(DATASOURCE)
    except KeyError:
        datasource = context.data_sources.add_pandas(DATASOURCE)
    try:
        asset = datasource.get_asset(spec.name)
    except LookupError:
        asset = datasource.add_dataframe_asset(name=spec.name)
    try:
        batch = asset.get_batch_definition(BATCH_DEFINITION)
    except KeyError:
        batch = asset.add_batch_definition_whole_dataframe(BATCH_DEFINITION)

    for store, name in (
        (context.checkpoints, spec.name),
        (context.validation_definitions, spec.name),
        (context.suites, spec.name),
    ):
        # GX raises a store-specific error for a name it does not hold yet
        with contextlib.suppress(Exception):
            store.delete(name)

    suite = context.suites.add(gx.ExpectationSuite(name=spec.name))
    for expectation in wanted:
        suite.add_expectation(expectation)
    suite.save()
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=spec.name, data=batch, suite=suite)
    )
    context.checkpoints.add(
        gx.Checkpoint(
            name=spec.name,
            validation_definitions=[definition],
            actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
            result_format={"result_format": "SUMMARY", "partial_unexpected_count": 5},
        )
    )
