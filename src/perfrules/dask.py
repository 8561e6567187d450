"""Evaluate a ruleset over a Dask DataFrame, partition by partition (the `perfrules[dask]` extra).

Each partition goes through `Ruleset.batch_function`, the engine-neutral entry point: pandas →
Arrow → one status column per indicator → pandas. Columns stay Arrow-backed on the way out
(`pd.ArrowDtype`), so that decimals and dates arrive exactly and kept columns leave as they came;
the batch function pickles as the ruleset's text, so each worker compiles the ruleset once.

The input's Arrow types are read from the frame's meta, before anything is computed, so that a
column of a type its fact cannot have is refused at the call. Pyarrow-backed frames
(`dd.read_parquet(path, dtype_backend="pyarrow")`; from pandas, `pyarrow.Table.from_pandas(df)
.to_pandas(types_mapper=pd.ArrowDtype)`) carry their exact types and are the way to go. A
column of Python objects (Decimals, dates) has no type in an empty meta and needs one in
`schema=`; by default Dask even turns it into text first (`dataframe.convert-string`), where a
Decimal arrives as its str() and `Decimal("1E+2")` is scientific notation, INVALID.

Dask, pandas and pyarrow are imported when `evaluate` is called, so that this module imports
without the extra and says what to install.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from .api import Ruleset
from .errors import UsageError

__all__ = ["evaluate"]

INSTALL = "pip install 'perfrules[dask]'"
EXAMPLE = "pyarrow.schema([('预算数', pyarrow.decimal128(18, 2))])"


class _Modules(NamedTuple):
    """The optional packages, imported once `evaluate` is called."""

    dd: Any
    pd: Any
    pa: Any


def evaluate(
    ruleset: Ruleset,
    ddf: Any,
    *,
    as_of: date | datetime | None = None,
    keep: Sequence[str] = (),
    schema: Any = None,
) -> Any:
    """Evaluate `ruleset` over every row of the Dask DataFrame `ddf`, lazily: a Dask DataFrame
    with the `keep` columns, then one `NAME.status` column (text) per indicator, on the input's
    index (so that it joins back to `ddf`) and in the input's partitions.

    The statuses are those `Ruleset.evaluate_table` decides for the same rows. `schema`, a
    pyarrow.Schema, gives the Arrow type of columns the frame's meta cannot tell (object columns
    of Decimals or dates); the other columns' types are read from the meta.

    Raises UsageError when Dask is not installed, `ruleset` is not a Ruleset, `ddf` is not a
    Dask DataFrame, `schema` does not fit the frame, a column's type cannot be told, a `keep`
    column is unknown, a column is of a type its fact cannot have, or `as_of` cannot be used
    (as for `Ruleset.evaluate`); all before any partition is computed.
    """
    modules = _imported()
    if not isinstance(ruleset, Ruleset):
        raise UsageError(f"evaluate expects a perfrules.Ruleset first, not {type(ruleset).__name__}")
    if not isinstance(ddf, modules.dd.DataFrame):
        raise _not_a_dask_frame(ddf, modules)
    meta = ddf._meta
    function = ruleset.batch_function(input_schema(meta, schema, modules), as_of=as_of, keep=keep)
    if function.columns:  # only the columns it reads: Dask pushes the projection into its reads
        function = function.projected()
        ddf = ddf[list(function.columns)]
    empty = function.schema.empty_table().to_pandas(types_mapper=modules.pd.ArrowDtype)
    empty.index = meta.index
    return ddf.map_partitions(evaluate_partition, function, meta=empty)


def evaluate_partition(part: Any, function: Any) -> Any:
    """One partition (a pandas DataFrame) through the batch function, on the partition's index.

    A partition whose values do not fit the input schema (a Decimal in a column typed as text) is
    a UsageError naming the column, raised where the partition is computed.
    """
    import pandas as pd
    import pyarrow as pa

    try:
        table = pa.Table.from_pandas(part, schema=function.input_schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as error:
        raise UsageError(f"a partition does not fit the input schema: {error}") from None
    result = function(table).to_pandas(types_mapper=pd.ArrowDtype)
    result.index = part.index
    return result


def input_schema(meta: Any, given: Any, modules: _Modules) -> Any:
    """The Arrow schema of the frame's columns: each from `given` if named there, else from the
    meta's dtype; a UsageError for a column whose type the meta cannot tell."""
    pa, pd = modules.pa, modules.pd
    if given is not None and not isinstance(given, pa.Schema):
        raise UsageError(f"schema must be a pyarrow.Schema, such as {EXAMPLE}, not {type(given).__name__}")
    named = {} if given is None else {field.name: field for field in given}
    columns = list(meta.columns)
    _check_names(columns, named)
    try:
        inferred = pa.Schema.from_pandas(meta, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError) as error:
        raise UsageError(f"the frame's columns have no Arrow type: {error}; pass schema=") from None
    fields, untold = [], []
    for name, field in zip(columns, inferred, strict=True):
        if name in named:
            fields.append(named[name])
        elif pd.api.types.is_object_dtype(meta.dtypes[name]) or _of_nothing(field.type, pa):
            untold.append(name)
        else:
            fields.append(field)
    if untold:
        raise UsageError(
            f"the Arrow type of column(s) {', '.join(untold)} cannot be told from the frame's meta (Python "
            f"objects); make the frame pyarrow-backed (dtype_backend='pyarrow') or pass schema={EXAMPLE}"
        )
    return pa.schema(fields)


def _check_names(columns: list[Any], named: dict[str, Any]) -> None:
    """Column names are text and unique (Arrow looks columns up by name); `schema` names only these."""
    odd = [name for name in columns if not isinstance(name, str)]
    if odd:
        raise UsageError(f"column names must be text, not {', '.join(repr(name) for name in odd[:5])}")
    twice = sorted({name for name in columns if columns.count(name) > 1})
    if twice:
        raise UsageError(f"column names must be unique: {', '.join(twice)} appear more than once")
    unknown = [name for name in named if name not in columns]
    if unknown:
        raise UsageError(f"schema names column(s) the frame does not have: {', '.join(unknown)}")


def _of_nothing(kind: Any, pa: Any) -> bool:
    """A categorical of objects: a dictionary of nulls in an empty meta."""
    return bool(pa.types.is_dictionary(kind) and pa.types.is_null(kind.value_type))


def _not_a_dask_frame(given: object, modules: _Modules) -> UsageError:
    if isinstance(given, modules.pd.DataFrame):
        return UsageError(
            "evaluate expects a Dask DataFrame, not a pandas one: pass dask.dataframe.from_pandas(df, npartitions=...)"
            ", or evaluate in process with ruleset.evaluate_table(pyarrow.Table.from_pandas(df))"
        )
    return UsageError(f"evaluate expects a Dask DataFrame, not {type(given).__name__}")


def _imported() -> _Modules:
    """Dask, pandas and pyarrow, or a UsageError naming the extra that brings them."""
    try:
        import dask.dataframe as dd
        import pandas as pd
        import pyarrow as pa
    except ImportError as error:
        missing = (error.name or "dask").partition(".")[0]
        raise UsageError(f"perfrules.dask needs Dask, pandas and pyarrow ({missing} is missing): {INSTALL}") from None
    return _Modules(dd, pd, pa)
