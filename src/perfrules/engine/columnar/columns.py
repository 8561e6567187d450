"""Deciding conditions a column at a time: a table's columns read as the row-wise readers read
facts, and each condition's status codes for every row."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ...quantities.arithmetic import integer_bound
from ..plan import Plan
from ..program import CompiledCondition, Program
from ..status import INVALID, MET, MISSING, NOT_MET, PENDING, RECORDED
from .fold import Exactness, FractionFold, decide, exact_on_target
from .inputs import Quantities, dates, quantities
from .labels import LabelColumns
from .lanes import DecimalLane, FixedLane, RowWise, Wide, decimal_scalar
from .report import DATE_SUFFIX

_CODES = {code: pa.scalar(code, pa.int8()) for code in (MET, PENDING, MISSING, INVALID, NOT_MET, RECORDED)}
"""Each status code as an int8 scalar, made once: results are int8 from the first pass."""


class Columns:
    """A table's columns for one evaluation, each read (and checked against the limits) once."""

    def __init__(self, program: Program, plan: Plan, table: pa.Table) -> None:
        self.program = program
        self.plan = plan
        self.table = table
        self.rows = table.num_rows
        self.none = pa.repeat(False, self.rows)
        self._columns: dict[str, Any] = {}
        self._reads: dict[str, Quantities | None] = {}
        self.labels = LabelColumns(program)
        self.names = frozenset(table.column_names)

    # inputs

    def column(self, name: str) -> Any:
        column = self._columns.get(name)
        if column is None:
            if name not in self.names:
                column = pa.nulls(self.rows, pa.null())
            else:
                column = self.table.column(name)
                if isinstance(column, pa.ChunkedArray):  # one chunk is used as it is: combining copies
                    column = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
            self._columns[name] = column
        return column

    def dates(self, name: str) -> Any:
        key = name + DATE_SUFFIX
        if key not in self.names:
            return None
        return dates(self.column(key), key)

    def quantity(self, name: str) -> Any:
        """The fact's column in its base unit, as an exact decimal array."""
        read = self._read(name)
        column = read.values
        kind = column.type
        if pa.types.is_null(kind):
            return column.cast(pa.decimal128(1, 0))
        if pa.types.is_integer(kind):
            column = column.cast(pa.decimal128(20, 0))
        if read.in_base:
            return column
        factor = self.program.facts[name].unit.factor  # type: ignore[union-attr]
        return column if factor == 1 else DecimalLane(self).multiply(column, decimal_scalar(factor))

    def fixed(self, name: str) -> tuple[Any, int] | None:
        """The fact's column as scaled 64-bit integers (value = n / 10^scale), when it fits.

        Integer arithmetic is exact too and several times faster than decimal arithmetic;
        decimals of up to 18 digits are read as their unscaled integers, without a copy.
        """
        read = self._read(name)
        column = read.values
        kind = column.type
        if not read.in_base and self.program.facts[name].unit.factor != 1:  # type: ignore[union-attr]
            return None
        if pa.types.is_int64(kind):
            return column, 0
        if pa.types.is_integer(kind):
            return column.cast(pa.int64()), 0
        if not pa.types.is_decimal128(kind) or kind.precision > 18:
            return None
        import numpy

        # A slice (a Dask partition, a batch) keeps its offset: the low words are taken from the
        # start of the buffer, so that the validity bitmap and they share that offset.
        end = column.offset + len(column)
        low = numpy.frombuffer(column.buffers()[1], dtype=numpy.int64)[0 : 2 * end : 2].copy()
        buffers = [column.buffers()[0], pa.py_buffer(low)]
        return pa.Array.from_buffers(pa.int64(), len(column), buffers, offset=column.offset), kind.scale

    def unsure(self, name: str) -> Any | None:
        """The rows of a quantity fact's column that only the row-wise reader can read, or None."""
        return self._read(name).unsure

    def _read(self, name: str) -> Quantities:
        """The column of a quantity fact read exactly, every value within the limits' digits and
        exponent (as the row-wise reader requires); RowWise when some value is not, so that its
        row says INVALID, or when the column can only be read row by row."""
        if name not in self._reads:
            try:
                read: Quantities | None = quantities(self.column(name), name, self.program)
            except RowWise:
                read = None
            if read is not None and not _within_limits(read.values, self.program):
                read = None
            self._reads[name] = read
        read = self._reads[name]
        if read is None:
            raise RowWise
        return read

    # conditions

    def condition(self, condition: CompiledCondition) -> tuple[Any, Any]:
        """Status codes (int8) of one condition for every row, and the rows (a boolean mask, or
        None for none) whose codes only the row-wise evaluator can give."""
        unmet = NOT_MET if self.plan.final(condition.deadline) else PENDING
        met_code = RECORDED if condition.measured else MET
        if condition.formulas:
            return self._formula(condition, unmet, met_code)
        if not condition.inputs:  # an indicator on a budget constant
            met = condition.test(self.program.constants[condition.subject])
            return pa.repeat(pa.scalar(met_code if met else unmet, pa.int8()), self.rows), None
        (name,) = condition.inputs
        asserted = None
        if self.program.facts[name].is_label:
            met, values, invalid, asserted = self.labels.decide(self, condition, name)
        elif condition.measured:  # a row with no target records whatever number it is given
            values = self.quantity(name)
            met, invalid, asserted = pc.is_valid(values), self.none, self.unsure(name)
        else:
            asserted = self.unsure(name)
            fixed = self.fixed(name)
            assert condition.target_base is not None
            try:
                if fixed is None:
                    raise Wide
                values = fixed[0]
                met = FixedLane(self).compare(fixed, None, condition.target_base, condition.op)
            except (Wide, pa.ArrowInvalid):
                values = self.quantity(name)
                met = DecimalLane(self).compare(values, None, condition.target_base, condition.op)
            invalid = self.none
        codes = pc.if_else(met, _CODES[met_code], _CODES[unmet])  # null where the value is
        if invalid is not self.none:
            codes = pc.if_else(invalid, _CODES[INVALID], codes)
        codes = pc.fill_null(codes, _CODES[MISSING])
        if values.null_count != met.null_count:  # a test that holds for a missing value (a row with no target)
            codes = pc.if_else(pc.is_null(values), _CODES[MISSING], codes)
        dates = self.dates(name)
        if dates is not None:
            on = pa.scalar(self.plan.when(condition), pa.date32())
            as_of = pa.scalar(self.plan.day, pa.date32())
            late = pc.fill_null(pc.greater(dates, on), False)
            after_as_of = pc.fill_null(pc.greater(dates, as_of), False)
            late_codes = pc.if_else(after_as_of, MISSING, NOT_MET)
            codes = pc.if_else(pc.and_(late, pc.invert(pc.or_(invalid, pc.is_null(values)))), late_codes, codes)
        return codes.cast(pa.int8()), asserted

    def _formula(self, condition: CompiledCondition, unmet: int, met_code: int) -> tuple[Any, Any]:
        if condition.measured:
            raise RowWise  # a formula's value recorded with no target: rare enough to take row by row
        for name in condition.inputs:
            if self.dates(name) is not None:
                raise RowWise  # a dated input: the value in force depends on each row's date
        rounded, operations = Exactness(self.program).run(self.program.expressions[condition.subject])
        target, op = condition.target_base, condition.op
        assert target is not None
        try:
            value = FractionFold(self.program, FixedLane(self)).formula(condition.subject)
            sure = not rounded or exact_on_target(self.program, condition.subject, target)
            met, zero, unsure = decide(FixedLane(self), value, target, op, None if sure else operations)
        except (Wide, pa.ArrowInvalid):
            value = FractionFold(self.program, DecimalLane(self)).formula(condition.subject)
            met, zero, unsure = decide(DecimalLane(self), value, target, op, operations if rounded else None)
        missing = self.none
        for name in condition.inputs:
            missing = pc.or_(missing, pc.is_null(self._read(name).values))
        codes = pc.if_else(pc.fill_null(met, False), met_code, unmet)
        if zero is not None:
            codes = pc.if_else(pc.fill_null(zero, False), INVALID, codes)
        codes = pc.if_else(missing, MISSING, codes).cast(pa.int8())
        if unsure is not None and pc.any(unsure).as_py():
            unsure = pc.and_(pc.fill_null(unsure, False), pc.invert(missing))
            if zero is not None:
                unsure = pc.and_(unsure, pc.invert(pc.fill_null(zero, False)))
        else:
            unsure = None
        for name in condition.inputs:  # cells only the row-wise reader reads (null here: "missing")
            unread = self.unsure(name) if not self.program.facts[name].is_label else None
            if unread is not None:
                unsure = unread if unsure is None else pc.or_(unsure, unread)
        return codes, unsure


def _within_limits(column: Any, program: Program) -> bool:
    """Whether every value of an integer or decimal column keeps the limits' digits and exponent."""
    limits = program.limits
    kind = column.type
    if pa.types.is_null(kind) or column.null_count == len(column):
        return True
    if pa.types.is_integer(kind):
        bound = integer_bound(limits.max_digits, limits.max_exponent)
        smallest, largest = pc.min_max(column).values()
        return bool(-bound < smallest.as_py() and largest.as_py() < bound)
    precision, scale = kind.precision, kind.scale
    if precision <= limits.max_digits and scale <= limits.max_exponent and precision - 1 - scale <= limits.max_exponent:
        return True  # the type itself keeps the bounds
    magnitudes = pc.abs(column)
    largest = pc.max(magnitudes).as_py()
    nonzero = pc.filter(magnitudes, pc.not_equal(magnitudes, decimal_scalar(Decimal(0))))
    smallest = pc.min(nonzero).as_py() if len(nonzero) else None
    for value in (largest, smallest):
        if value is None or not value:
            continue
        # As the row-wise reader counts them: the coefficient's digits, trailing zeros included.
        if len(value.as_tuple().digits) > limits.max_digits or abs(value.adjusted()) > limits.max_exponent:
            return False
    return True
