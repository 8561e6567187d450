"""The columns analysts have, read as the row-wise reader reads each cell.

A table may come as anything Arrow can read (a pyarrow Table or RecordBatch, or any object with
the Arrow PyCapsule stream interface: pandas, polars, DuckDB). A quantity's column may hold
integers of any width, decimals of any precision, floats (each read as `Decimal(repr(x))`, as a
float fact is read), or text with units ("3.86 万元", "11,254,320.50"); a date column may hold
dates, timestamps or ISO dates as text. Nulls, NaN and blank text are missing values.

Cells that only the row-wise reader can decide (a float that is not a short decimal, an
infinity, text that is not a plain amount: 完成, "2 轮") are null in the column read here and
marked in its `unsure` mask, so that their rows are decided row by row.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple

import numpy
import pyarrow as pa
import pyarrow.compute as pc

from ...errors import UsageError
from ...errors.text import closest_name, printable
from ..cells import is_blank
from ..facts import Invalid, read_fact
from ..program import Program
from .lanes import RowWise
from .report import DATE_SUFFIX

SCALES = range(10)
"""Decimal places tried for a float column: a float with more is read row by row."""
EXACT_FLOAT = 2.0**52
"""Below this magnitude, scaled, a float's shortest decimal is the one scaled integer found."""
FLOAT_DIGITS = 17
"""The most digits `repr` gives a float, a trailing `.0` included."""


class Quantities(NamedTuple):
    """A quantity column read: exact values (null where missing or unsure), whether they are in
    the base unit already (text with units) or in the fact's unit, and the unsure rows."""

    values: Any
    in_base: bool
    unsure: Any | None


def as_table(given: Any) -> Any:
    """A pyarrow.Table of a table Arrow can read without copying: a Table, a RecordBatch, a
    RecordBatchReader, or any object with the PyCapsule stream interface (`__arrow_c_stream__`:
    pandas, polars, DuckDB). TypeError for anything else."""
    if isinstance(given, pa.RecordBatch):
        given = pa.Table.from_batches([given])
    elif not isinstance(given, (pa.Table, pa.RecordBatchReader)):
        given = pa.RecordBatchReader.from_stream(given)
    table = given if isinstance(given, pa.Table) else given.read_all()
    for position, field in enumerate(table.schema):
        if pa.types.is_string_view(field.type):  # polars' text: not every kernel takes views
            table = table.set_column(position, field.name, table.column(position).cast(pa.string()))
    return table


def kept_columns(keep: Any, names: list[str]) -> tuple[str, ...]:
    """The key columns to carry into the result, each checked to be one of the table's `names`."""
    if isinstance(keep, str) or not isinstance(keep, (list, tuple)):
        raise UsageError(f"keep takes a list of column names, such as keep=['单位编码'], not {type(keep).__name__}")
    for name in keep:
        if not isinstance(name, str) or name not in names:
            shown = printable(str(name)[:100])
            nearest = closest_name(name, names) if isinstance(name, str) else None
            hint = f"; did you mean {nearest}?" if nearest else ""
            raise UsageError(f"keep: the table has no column {shown}{hint}")
    if len(set(keep)) < len(keep):
        twice = next(name for name in keep if keep.count(name) > 1)
        raise UsageError(f"keep: the column {printable(twice[:100])} is named twice")
    return tuple(keep)


def check_schema(program: Program, schema: Any) -> None:
    """UsageError for the first column of a type its fact cannot have, before any row is read."""
    for field in schema:
        name, kind = field.name, field.type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        spec = program.facts.get(name)
        if name.endswith(DATE_SUFFIX) and name[: -len(DATE_SUFFIX)] in program.facts:
            if not (pa.types.is_date(kind) or pa.types.is_timestamp(kind) or _is_text(kind) or pa.types.is_null(kind)):
                raise _not_dates(name, field.type)
        elif spec is not None and spec.is_label:
            if not (_is_text(kind) or pa.types.is_null(kind)):
                raise UsageError(f"column {name} is {field.type}; a label column must hold text")
        elif spec is not None and not (_is_number(kind) or _is_text(kind) or pa.types.is_null(kind)):
            raise _not_quantities(name, field.type)


def quantities(column: Any, name: str, program: Program) -> Quantities:
    """A quantity fact's column as exact values; UsageError for a type no number can be read from."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        if _is_text(kind.value_type):
            return _texts(column, name, program)
        return quantities(column.cast(kind.value_type), name, program)
    if pa.types.is_null(kind) or pa.types.is_integer(kind) or pa.types.is_decimal128(kind):
        return Quantities(column, False, None)
    if pa.types.is_decimal256(kind):
        if kind.precision > 38:
            raise RowWise
        return Quantities(column.cast(pa.decimal128(kind.precision, kind.scale)), False, None)
    if pa.types.is_floating(kind):
        return _floats(column, program)
    if _is_text(kind):
        return _texts(pc.dictionary_encode(column.cast(pa.string())), name, program)
    raise _not_quantities(name, kind)


def dates(column: Any, key: str) -> Any:
    """A date column as date32: dates, timestamps (the day on their own clock) or ISO text."""
    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_timestamp(kind) and kind.tz is not None:
        column = pc.local_timestamp(column)
    if pa.types.is_date(kind) or pa.types.is_timestamp(kind) or pa.types.is_null(kind):
        return column.cast(pa.date32())
    if _is_text(kind):
        try:
            return column.cast(pa.string()).cast(pa.date32())
        except pa.ArrowInvalid:
            raise UsageError(f"column {key} holds text that is not a date written YYYY-MM-DD") from None
    raise _not_dates(key, kind)


def _is_text(kind: Any) -> bool:
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind))


def _is_number(kind: Any) -> bool:
    return bool(pa.types.is_integer(kind) or pa.types.is_decimal(kind) or pa.types.is_floating(kind))


def _not_quantities(name: str, kind: Any) -> UsageError:
    return UsageError(
        f"column {name} is {kind}; a quantity column must hold numbers (integer, decimal or float) "
        "or text such as “3.86 万元”"
    )


def _not_dates(key: str, kind: Any) -> UsageError:
    return UsageError(f"column {key} must hold dates (date32, date64, a timestamp or YYYY-MM-DD text), not {kind}")


def _floats(column: Any, program: Program) -> Quantities:
    """Floats as scaled integers: n / 10^s with s the fewest places that serve most rows.

    When |n| < 2^52 and n / 10^s rounds to x, no other decimal of s places rounds to x, and
    `repr(x)`, the shortest decimal that does, has no more places: so it equals n / 10^s.
    """
    if program.limits.max_digits < FLOAT_DIGITS:
        raise RowWise  # `repr` may give more digits than the limits allow: as the reader counts them
    x = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
    finite = numpy.isfinite(x)
    present = finite if column.null_count == 0 else finite & column.is_valid().to_numpy(zero_copy_only=False)
    best: tuple[int, Any, Any] | None = None
    with numpy.errstate(invalid="ignore", over="ignore"):
        for scale in SCALES:
            scaled = numpy.rint(x * 10.0**scale)
            exact = (numpy.abs(scaled) < EXACT_FLOAT) & (scaled / 10.0**scale == x)
            misses = int(numpy.count_nonzero(present & ~exact))
            if best is None or misses < best[0]:
                best = (misses, scale, (scaled, exact))
            if not misses:
                break
    assert best is not None
    misses, scale, (scaled, exact) = best
    usable = present & exact
    _check_exponents(x[usable], program)
    whole = numpy.where(usable, scaled, 0).astype(numpy.int64)
    words = numpy.empty(2 * len(whole), numpy.int64)
    words[0::2], words[1::2] = whole, whole >> 63
    validity = pa.array(usable).buffers()[1]
    values = pa.Array.from_buffers(pa.decimal128(16, scale), len(whole), [validity, pa.py_buffer(words)])
    # NaN is missing, as null is; an infinity or a float with more places, row by row.
    unsure = ~finite & ~numpy.isnan(x) | finite & ~exact
    if column.null_count:
        unsure &= column.is_valid().to_numpy(zero_copy_only=False)
    return Quantities(values, False, pa.array(unsure) if unsure.any() else None)


def _check_exponents(present: Any, program: Program) -> None:
    """RowWise unless the largest and smallest magnitudes keep the limits' exponent, as read."""
    magnitudes = numpy.abs(present[present != 0])
    if not len(magnitudes):
        return
    for extreme in (magnitudes.max(), magnitudes.min()):
        if abs(Decimal(repr(float(extreme))).adjusted()) > program.limits.max_exponent:
            raise RowWise


def _texts(column: Any, name: str, program: Program) -> Quantities:
    """Text read once per distinct text by the row-wise reader, into the base unit; a blank text is
    missing, anything but a plain amount (完成, 2 轮, a value beyond the limits) row by row."""
    spec = program.facts[name]
    amounts: list[Decimal | None] = []
    unsure: list[bool] = []
    for text in column.dictionary.to_pylist():
        read = None if is_blank(text) else read_fact(spec, text, program.units, program.limits, program.attainment)
        amount = None if read is None else _amount(read)
        amounts.append(amount)
        unsure.append(read is not None and amount is None)
    places = max((-_exponent(amount) for amount in amounts if amount is not None), default=0)
    try:
        distinct = pa.array(amounts, pa.decimal128(38, places))
    except (pa.ArrowInvalid, ValueError):
        raise RowWise from None  # wider than decimal128
    values = pc.take(distinct, column.indices)
    marked = pc.fill_null(pc.take(pa.array(unsure, pa.bool_()), column.indices), False)
    return Quantities(values, True, marked if any(unsure) else None)


def _amount(read: Any) -> Decimal | None:
    """A plain amount read from text (a number, maybe with a unit), or None for anything else."""
    if isinstance(read, Invalid) or read.unit is not None:  # a unit taken from the text: row by row
        return None
    constant = read.constant
    if type(constant) is int:
        return Decimal(constant)
    return constant if type(constant) is Decimal and constant.is_finite() else None


def _exponent(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return min(exponent, 0) if isinstance(exponent, int) else 0
