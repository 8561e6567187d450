"""Evaluate a ruleset over a Spark DataFrame with `DataFrame.mapInArrow` (the `perfrules[spark]` extra).

Each Arrow batch Spark hands a Python worker goes through `Ruleset.batch_function`, the
engine-neutral entry point. Arrow rather than pandas or rows: decimals keep their precision and
scale and are read exactly, dates stay dates, and no cell becomes a Python object on the way. The
batch function pickles as the ruleset's text, so that each worker compiles the ruleset once.

The input's Arrow schema is worked out from the DataFrame's schema before anything runs, as Spark
will send it (timestamps on the session's clock, text as large_string when Spark is set to), so
that a column of a type its fact cannot have is refused at the call, never in a Spark task; columns
of types no fact or key has (arrays, structs, intervals) are not sent. Columns go to the workers
named by position: `mapInArrow` cannot take a column named with a dot, and a compound indicator's
facts are (`纪检监察干部培训.培训`). Where Spark runs Python, perfrules must be installed, as for any
Python function Spark runs.

pyspark and pyarrow are imported when `evaluate` is called, so that this module imports without
the extra and says what to install.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from .api import Ruleset
from .engine.columnar.batches import BatchFunction
from .errors import UsageError

__all__ = ["evaluate"]

INSTALL = "pip install 'perfrules[spark]'"
TIME_ZONE = "spark.sql.session.timeZone"
"""Spark hands timestamps to Python on the session's clock: their day is the day on that clock."""
LARGE_TEXT = "spark.sql.execution.arrow.useLargeVarTypes"
"""When set, Spark hands text to Python as large_string (a setting of Spark 4)."""


class _Modules(NamedTuple):
    """The optional packages, imported once `evaluate` is called."""

    pa: Any
    DataFrame: Any
    types: Any
    """pyspark.sql.types"""
    from_arrow_type: Any


def evaluate(
    ruleset: Ruleset,
    sdf: Any,
    *,
    as_of: date | datetime | None = None,
    keep: Sequence[str] = (),
) -> Any:
    """Evaluate `ruleset` over every row of the Spark DataFrame `sdf`, lazily: a Spark DataFrame
    with the `keep` columns as they are (decimals, dates and names in Chinese included), then one
    `NAME.status` column (text) per indicator in source order.

    The statuses are those `Ruleset.evaluate_table` decides for the same rows; a timestamp is read
    as the day it is on the session's clock (`spark.sql.session.timeZone`), as Spark's `to_date`
    reads it. Only the columns the ruleset reads, and the `keep` ones, are sent to Python.

    Raises UsageError when pyspark is not installed, `ruleset` is not a Ruleset, `sdf` is not a
    Spark DataFrame or has two columns of one name, a `keep` column is unknown or of a type no key
    has (an array, a struct, an interval), a column is of a type its fact cannot have, or `as_of`
    cannot be used (as for `Ruleset.evaluate`); all before Spark runs anything.
    """
    modules = _imported()
    if not isinstance(ruleset, Ruleset):
        raise UsageError(f"evaluate expects a perfrules.Ruleset first, not {type(ruleset).__name__}")
    if not isinstance(sdf, modules.DataFrame):
        raise _not_a_spark_frame(sdf)
    fields = list(sdf.schema.fields)
    _check_unique([field.name for field in fields])
    arrow = _input_fields(ruleset, sdf, keep, modules)
    function = ruleset.batch_function(modules.pa.schema(list(arrow.values())), as_of=as_of, keep=keep).projected()
    given = {field.name: field for field in fields}
    kept = len(keep)  # the batch function has checked it: a list or tuple of the input's columns
    output = modules.types.StructType(
        [
            given[field.name]
            if position < kept
            else modules.types.StructField(field.name, modules.from_arrow_type(field.type), field.nullable)
            for position, field in enumerate(function.schema)
        ]
    )
    positions = [f"_{position}" for position in range(len(fields))]
    read = set(function.columns)  # only the columns the ruleset reads, and the keys, go to Python
    sent = [f"_{position}" for position, field in enumerate(fields) if field.name in read]
    if not sent:  # Spark sends a frame of no columns as batches of no rows: a stand-in carries them
        sent = ["null AS _rows"]
    return sdf.toDF(*positions).selectExpr(*sent).mapInArrow(_Statuses(function), output)


class _Statuses:
    """What Spark runs in each Python worker: batches in, named by position, given back their
    names (and, should Spark send another Arrow type than foreseen, cast to the one the batch
    function was made for), then evaluated. A class of this module, so that Spark pickles it by
    reference and sends only the batch function."""

    __slots__ = ("function",)

    def __init__(self, function: BatchFunction) -> None:
        self.function = function

    def __call__(self, batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa

        schema = self.function.input_schema
        for batch in batches:
            table = pa.Table.from_batches([batch]).select(list(range(len(schema))))  # not the stand-in
            table = table.rename_columns(schema.names)
            if not table.schema.equals(schema):
                table = table.cast(schema)
            yield self.function(table)


def _input_fields(ruleset: Ruleset, sdf: Any, keep: Any, modules: _Modules) -> dict[str, Any]:
    """Column name → the Arrow field Spark sends for it, for each column of a type a fact or a key
    has. Others (arrays, structs, intervals) are left out, unless the ruleset reads one or `keep`
    names it: then a UsageError, as the call could not give what it asks for."""
    pa = modules.pa
    conf = sdf.sparkSession.conf
    zone = conf.get(TIME_ZONE)
    large = str(conf.get(LARGE_TEXT, "false")).lower() == "true"
    fields: dict[str, Any] = {}
    for field in sdf.schema.fields:
        kind = _arrow_type(field.dataType, zone, large, modules)
        if kind is None:
            _check_left_out(ruleset, field, keep, pa)
        else:
            fields[field.name] = pa.field(field.name, kind)  # nullable, as Spark sends every column
    return fields


def _arrow_type(given: Any, zone: str, large: bool, modules: _Modules) -> Any:
    """The Arrow type Spark's JVM sends a column of Spark type `given` as (its ArrowUtils: the wire
    format, the same in every Spark since 3.4), or None for a type outside those facts and keys have.
    Written here because pyspark's own converter changes its signature from version to version."""
    pa, types = modules.pa, modules.types
    kind = type(given)
    if kind is types.DecimalType:
        return pa.decimal128(given.precision, given.scale)
    if kind is types.TimestampType:
        return pa.timestamp("us", tz=zone)
    if kind is types.StringType:
        return pa.large_string() if large else pa.string()
    if kind is types.BinaryType:
        return pa.large_binary() if large else pa.binary()
    simple = {
        types.BooleanType: pa.bool_(),
        types.ByteType: pa.int8(),
        types.ShortType: pa.int16(),
        types.IntegerType: pa.int32(),
        types.LongType: pa.int64(),
        types.FloatType: pa.float32(),
        types.DoubleType: pa.float64(),
        types.DateType: pa.date32(),
        types.TimestampNTZType: pa.timestamp("us"),
        types.NullType: pa.null(),
    }
    return simple.get(kind)


def _check_left_out(ruleset: Ruleset, field: Any, keep: Any, pa: Any) -> None:
    """A column of another type may be left out only if nothing needs it: the ruleset refuses
    binary for any fact it reads, so a binary stand-in finds out whether it reads this one."""
    shown = field.dataType.simpleString()
    if isinstance(keep, (list, tuple)) and field.name in keep:
        raise UsageError(
            f"keep: column {field.name} is {shown}; perfrules.spark keeps columns of numbers, text, "
            "binary, booleans, dates and timestamps"
        )
    try:
        ruleset.batch_function(pa.schema([pa.field(field.name, pa.binary())]))
    except UsageError:
        raise UsageError(f"column {field.name} is {shown}, a type its fact cannot have") from None


def _check_unique(names: list[str]) -> None:
    """Arrow looks columns up by name: two of one name (after a join) would be one fact twice."""
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise UsageError(
            f"column names must be unique: {', '.join(twice)} appear more than once "
            "(rename with withColumnRenamed, or select one of each)"
        )


def _not_a_spark_frame(given: object) -> UsageError:
    kind = type(given)
    if kind.__module__.partition(".")[0] == "pandas" and kind.__name__ == "DataFrame":
        return UsageError(
            "evaluate expects a Spark DataFrame, not a pandas one: pass spark.createDataFrame(df), or evaluate "
            "in process with ruleset.evaluate_table(pyarrow.Table.from_pandas(df))"
        )
    return UsageError(f"evaluate expects a pyspark.sql.DataFrame, not {kind.__name__}")


def _imported() -> _Modules:
    """pyspark and pyarrow, or a UsageError naming the extra that brings them."""
    try:
        import pyarrow as pa
        import pyspark.sql.types as types
        from pyspark.sql import DataFrame
        from pyspark.sql.pandas.types import from_arrow_type
    except ImportError as error:
        missing = (error.name or "pyspark").partition(".")[0]
        raise UsageError(f"perfrules.spark needs pyspark and pyarrow ({missing} is missing): {INSTALL}") from None
    return _Modules(pa, DataFrame, types, from_arrow_type)
