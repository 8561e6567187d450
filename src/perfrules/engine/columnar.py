"""Columnar evaluation over Apache Arrow (the `perfrules[arrow]` extra).

A table holds one row per unit and one column per fact; the result holds one status column per
indicator. Statuses are decided with pyarrow compute, column at a time:
  - quantities compare exactly as decimal128/decimal256 (integers are widened, never floats);
  - a formula is carried as an exact fraction N/D built with +, − and × only, and `N/D op t` is
    decided as `sign(D)·(N − t·D) op 0`; D = 0 is a division by zero, as in the row-wise engine;
  - labels are NFKC-normalised and trimmed as the row-wise reader does, scales become ranks;
  - a fact may come with a date column named `事实@date` (date32): a dated observation, with the
    same meaning as {"value": …, "date": …} in a fact set.
The row-wise evaluator is the definition: wherever a column cannot be decided exactly here (a
value too wide for decimal256, a dated formula input) that indicator is decided row by row, and
value columns are taken from it, so the two always agree.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..errors import UnknownName, UsageError
from .runtime import Status

if TYPE_CHECKING:
    import pyarrow as pa

    from ..api import Ruleset

try:
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError:  # pragma: no cover - exercised where the extra is not installed
    pa = None
    pc = None

DATE_SUFFIX = "@date"

# Codes ordered by how a compound combines its parts: the largest wins.
_ORDER = (Status.MET, Status.PENDING, Status.MISSING, Status.INVALID, Status.NOT_MET)
MET, PENDING, MISSING, INVALID, NOT_MET = range(5)
_MAX_PRECISION = 76


def _require() -> None:
    if pa is None:
        raise UsageError("columnar evaluation needs pyarrow: pip install 'perfrules[arrow]'")


class _RowWise(Exception):
    """This indicator cannot be decided exactly column-wise; decide it row by row."""


class ColumnarReport:
    """Per indicator, a status column (and on request a value column) for every row."""

    def __init__(self, ruleset: Ruleset, table: pa.Table, as_of: date | None, codes: dict[str, Any]) -> None:
        self.as_of = as_of
        self.num_rows = table.num_rows
        self._ruleset = ruleset
        self._table = table
        self._codes = codes
        self._rows: list[Any] | None = None

    def __iter__(self) -> Any:
        return iter(self._codes)

    def codes(self, name: str) -> pa.Array:
        """Status codes (int8, see `STATUSES`) for one indicator."""
        codes = self._codes.get(name) if isinstance(name, str) else None
        if codes is None:
            raise UnknownName(name, "an indicator", self._codes)
        return codes

    def status(self, name: str) -> pa.DictionaryArray:
        """The status of one indicator in every row, as a dictionary array of status names."""
        return pa.DictionaryArray.from_arrays(self.codes(name), STATUSES)

    def value(self, name: str) -> pa.Array:
        """What each row compared, as exact decimal strings or labels (worked out row by row)."""
        self.codes(name)
        reports = self._reports()
        values = []
        for report in reports:
            value = report[name].value
            values.append(None if value is None else str(value))
        return pa.array(values, pa.string())

    def _reports(self) -> list[Any]:
        if self._rows is None:
            self._rows = list(self._ruleset.iter_evaluate(rows_as_facts(self._table), as_of=self.as_of))
        return self._rows

    def to_table(self, *, values: bool = False) -> pa.Table:
        columns: dict[str, pa.Array] = {}
        for name in self._codes:
            columns[f"{name}.status"] = self.status(name)
            if values:
                columns[f"{name}.value"] = self.value(name)
        return pa.table(columns)


STATUSES: Any = pa.array([status.value for status in _ORDER]) if pa is not None else None


def rows_as_facts(table: pa.Table) -> Any:
    """Each row as a fact set: nulls absent, `事实@date` columns folded into dated values."""
    names = [name for name in table.column_names if not name.endswith(DATE_SUFFIX)]
    columns = {name: table.column(name).to_pylist() for name in names}
    dates = {
        name: table.column(name + DATE_SUFFIX).to_pylist() for name in names if name + DATE_SUFFIX in table.column_names
    }
    for row in range(table.num_rows):
        facts: dict[str, Any] = {}
        for name in names:
            value = columns[name][row]
            if value is None:
                continue
            day = dates[name][row] if name in dates else None
            facts[name] = value if day is None else {"value": value, "date": day.isoformat()}
        yield facts


def evaluate_table(ruleset: Ruleset, table: pa.Table, *, as_of: Any = None) -> ColumnarReport:
    """Decide every indicator for every row of `table` (see the module docstring)."""
    _require()
    if not isinstance(table, pa.Table):
        raise UsageError(f"expected a pyarrow.Table, not {type(table).__name__}")
    from .runtime import resolve_as_of

    program = ruleset._program
    day = resolve_as_of(as_of, program, ruleset._has_deadlines)
    plan = ruleset._plan(day)
    decider = _Columns(ruleset, table, plan)
    codes: dict[str, Any] = {}
    for indicator in program.indicators:
        try:
            parts = [decider.condition(condition) for condition in indicator.conditions]
        except (_RowWise, _Wide, pa.ArrowInvalid):
            # Not exactly decidable column-wise (too wide for 64 bits or for decimal256):
            # the row-wise evaluator decides it, as it defines every result.
            parts = [decider.row_wise(indicator.name)]
        combined = parts[0]
        for part in parts[1:]:
            combined = pc.max_element_wise(combined, part)
        codes[indicator.name] = combined.cast(pa.int8())
    return ColumnarReport(ruleset, table, day, codes)


class _Columns:
    def __init__(self, ruleset: Ruleset, table: pa.Table, plan: Any) -> None:
        self.ruleset = ruleset
        self.program = ruleset._program
        self.table = table
        self.plan = plan
        self.rows = table.num_rows
        self.fractions: dict[str, tuple[Any, Any]] = {}
        self._row_codes: dict[str, Any] | None = None
        self._columns: dict[str, Any] = {}
        self.none = pa.repeat(False, self.rows)

    # inputs

    def column(self, name: str) -> Any:
        column = self._columns.get(name)
        if column is None:
            if name not in self.table.column_names:
                column = pa.nulls(self.rows, pa.null())
            else:
                column = self.table.column(name)
                column = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
            self._columns[name] = column
        return column

    def dates(self, name: str) -> Any:
        key = name + DATE_SUFFIX
        if key not in self.table.column_names:
            return None
        column = self.column(key)
        if not pa.types.is_date(column.type):
            raise UsageError(f"column {key} must hold dates (date32), not {column.type}")
        return column.cast(pa.date32())

    def quantity(self, name: str) -> Any:
        """The fact's column in its base unit, as an exact decimal (or integer) array."""
        column = self.column(name)
        kind = column.type
        if pa.types.is_null(kind):
            return column.cast(pa.decimal128(1, 0))
        if pa.types.is_integer(kind):
            column = column.cast(pa.decimal128(20, 0))
        elif not pa.types.is_decimal(kind):
            raise UsageError(
                f"column {name} is {kind}; a quantity column must be integer or decimal, so that values stay exact"
            )
        factor = self.program.facts[name].unit.factor  # type: ignore[union-attr]
        return column if factor == 1 else _multiply(column, _scalar(factor))

    def fixed(self, name: str) -> tuple[Any, int] | None:
        """The fact's column as scaled 64-bit integers (value = n / 10^scale), when it fits.

        Integer arithmetic is exact too and several times faster than decimal arithmetic;
        decimals of up to 18 digits are read as their unscaled integers, without a copy.
        """
        column = self.column(name)
        kind = column.type
        factor = self.program.facts[name].unit.factor  # type: ignore[union-attr]
        if factor != 1:
            return None
        if pa.types.is_int64(kind):
            return column, 0
        if pa.types.is_integer(kind):
            return column.cast(pa.int64()), 0
        if not pa.types.is_decimal128(kind) or kind.precision > 18:
            return None
        import numpy

        words = numpy.frombuffer(column.buffers()[1], dtype=numpy.int64)
        low = words[2 * column.offset : 2 * (column.offset + len(column)) : 2].copy()
        validity = column.buffers()[0]
        if validity is not None and column.offset:
            return None
        return pa.Array.from_buffers(
            pa.int64(), len(column), [validity, pa.py_buffer(low)], column.null_count
        ), kind.scale

    def label(self, name: str) -> tuple[Any, Any]:
        """The fact's distinct labels as the row-wise reader sees them, and each row's index.

        Labels repeat, so the reader's NFKC normalisation and trimming run once per distinct
        label, on the dictionary, and comparisons run there too and are then taken per row.
        """
        column = self.column(name)
        if pa.types.is_null(column.type):
            column = column.cast(pa.string())
        if not pa.types.is_dictionary(column.type):
            if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
                raise UsageError(f"column {name} is {column.type}; a label column must hold text")
            column = pc.dictionary_encode(column)
        from ..errors.source import normalize

        labels = [None if text is None else normalize(text)[0].strip() for text in column.dictionary.to_pylist()]
        return pa.array(labels, pa.string()), column.indices

    # conditions

    def condition(self, condition: Any) -> Any:
        final = self.plan.final(condition.deadline)
        unmet = NOT_MET if final else PENDING
        if condition.formulas:
            return self._formula(condition, unmet)
        if not condition.inputs:  # an indicator on a budget constant
            met = condition.test(self.program.constants[condition.subject])
            return pa.repeat(pa.scalar(MET if met else unmet, pa.int8()), self.rows)
        name = condition.inputs[0]
        spec = self.program.facts[name]
        if spec.is_label:
            labels, indices = self.label(name)
            met, invalid = self._label_test(condition, labels)
            met, values = pc.take(met, indices), indices
            invalid = pc.fill_null(pc.take(invalid, indices), False)
        else:
            fixed = self.fixed(name)
            if fixed is not None:
                values, scale = fixed
                met = _compare_fixed(values, scale, None, 0, condition.target_base, condition.op)
            else:
                values = self.quantity(name)
                met = _compare(values, condition.target_base, condition.op)
            invalid = self.none
        codes = pc.if_else(met, MET, unmet)
        codes = pc.if_else(invalid, INVALID, codes)
        codes = pc.if_else(pc.is_null(values), MISSING, codes)
        dates = self.dates(name)
        if dates is not None:
            on = pa.scalar(self.plan.when(condition), pa.date32())
            as_of = pa.scalar(self.plan.day, pa.date32())
            late = pc.fill_null(pc.greater(dates, on), False)
            after_as_of = pc.fill_null(pc.greater(dates, as_of), False)
            late_codes = pc.if_else(after_as_of, MISSING, NOT_MET)
            codes = pc.if_else(pc.and_(late, pc.invert(pc.or_(invalid, pc.is_null(values)))), late_codes, codes)
        return codes.cast(pa.int8())

    def _label_test(self, condition: Any, values: Any) -> tuple[Any, Any]:
        target = condition.target_label
        empty = pc.fill_null(pc.equal(values, ""), False)
        if condition.op in ("==", "!="):
            met = pc.equal(values, target) if condition.op == "==" else pc.not_equal(values, target)
            return met, empty
        ranks = condition.scale
        labels = sorted(ranks, key=ranks.get)
        rank = pc.index_in(values, value_set=pa.array(labels))
        outside = pc.and_(pc.is_null(rank), pc.is_valid(values))
        met = _compare(rank, ranks[target], condition.op)
        return pc.fill_null(met, False), pc.or_(outside, empty)

    def _formula(self, condition: Any, unmet: int) -> Any:
        for name in condition.inputs:
            if self.dates(name) is not None:
                raise _RowWise
        missing = self.none
        for name in condition.inputs:
            missing = pc.or_(missing, pc.is_null(self.column(name)))
        try:
            met, zero = self._integer_test(condition)
        except (_Wide, pa.ArrowInvalid):
            met, zero = self._decimal_test(condition)
        codes = pc.if_else(pc.fill_null(met, False), MET, unmet)
        codes = pc.if_else(zero, INVALID, codes)
        codes = pc.if_else(missing, MISSING, codes)
        return codes.cast(pa.int8())

    def _integer_test(self, condition: Any) -> tuple[Any, Any]:
        """N/D op t on scaled 64-bit integers: (met, division by zero)."""
        (numerator, n_scale), denominator = self.fixed_fraction(condition.subject)
        target, op = condition.target_base, condition.op
        if denominator is None:
            return _compare_fixed(numerator, n_scale, None, 0, target, op), self.none
        d_values, d_scale = denominator
        positive = _compare_fixed(numerator, n_scale, d_values, d_scale, target, op)
        sign = pc.greater(d_values, 0)
        if not pc.all(sign).as_py():
            negative = _compare_fixed(numerator, n_scale, d_values, d_scale, target, _MIRROR[op])
            positive = pc.if_else(sign, positive, negative)
        return positive, pc.fill_null(pc.equal(d_values, 0), False)

    def _decimal_test(self, condition: Any) -> tuple[Any, Any]:
        """N/D op t in decimal128/256, for values too wide for 64-bit integers."""
        numerator, denominator = self.fraction(condition.subject)
        if denominator is None:
            return _compare(numerator, condition.target_base, condition.op), self.none
        # N/D op t  <=>  N - t·D op 0 when D > 0, and the mirrored comparison when D < 0.
        difference = _subtract(numerator, _multiply(denominator, _scalar(condition.target_base)))
        positive = _compare(difference, Decimal(0), condition.op)
        negative = _compare(difference, Decimal(0), _MIRROR[condition.op])
        met = pc.if_else(_compare(denominator, Decimal(0), ">"), positive, negative)
        return met, pc.fill_null(_compare(denominator, Decimal(0), "=="), False)

    def fixed_fraction(self, name: str) -> tuple[tuple[Any, int], tuple[Any, int] | None]:
        """A formula as N/D over scaled integers; _Wide (or an overflow) sends it the decimal way."""
        key = "fixed:" + name
        if key not in self.fractions:
            from ..language import syntax as ast

            formula = next(item for item in self.ruleset._checked.formulas if item.name == name)
            built: dict[int, Any] = {}
            for node in ast.postorder(formula.expr):
                built[id(node)] = self._fixed_node(node, built)
            self.fractions[key] = built[id(formula.expr)]
        result: tuple[tuple[Any, int], tuple[Any, int] | None] = self.fractions[key]
        return result

    def _fixed_node(self, node: Any, built: dict[int, Any]) -> Any:
        from ..language import syntax as ast
        from ..quantities.arithmetic import CONTEXT

        if isinstance(node, ast.Literal):
            unit = self.program.units[node.unit] if node.unit is not None else None
            return _fixed_scalar(CONTEXT.multiply(node.amount, unit.factor) if unit else node.amount), None
        if isinstance(node, ast.Reference):
            if node.name in self.program.formulas:
                return self.fixed_fraction(node.name)
            if node.name in self.program.constants:
                return _fixed_scalar(self.program.constants[node.name]), None
            fixed = self.fixed(node.name)
            if fixed is None:
                raise _Wide
            return fixed, None
        if isinstance(node, ast.Unary):
            (value, scale), denominator = built[id(node.operand)]
            return ((pc.negate_checked(value) if node.op == "-" else value), scale), denominator
        (left, left_d), (right, right_d) = built[id(node.left)], built[id(node.right)]
        if node.op == "*":
            return _fixed_multiply(left, right), _fixed_product(left_d, right_d)
        if node.op == "/":
            return _fixed_product(left, right_d), _fixed_product(left_d, right)
        operation = pc.add_checked if node.op == "+" else pc.subtract_checked
        if left_d is None and right_d is None:
            return _fixed_sum(left, right, operation), None
        left_n, right_n = _fixed_product(left, right_d), _fixed_product(right, left_d)
        assert left_n is not None and right_n is not None
        return _fixed_sum(left_n, right_n, operation), _fixed_product(left_d, right_d)

    def fraction(self, name: str) -> tuple[Any, Any]:
        """A formula's value as an exact fraction of columns (None as denominator means 1)."""
        if name not in self.fractions:
            from ..language import syntax as ast

            formula = next(item for item in self.ruleset._checked.formulas if item.name == name)
            built: dict[int, tuple[Any, Any]] = {}
            for node in ast.postorder(formula.expr):
                built[id(node)] = self._node(node, built)
            self.fractions[name] = built[id(formula.expr)]
        return self.fractions[name]

    def _node(self, node: Any, built: dict[int, tuple[Any, Any]]) -> tuple[Any, Any]:
        from ..language import syntax as ast
        from ..quantities.arithmetic import CONTEXT

        if isinstance(node, ast.Literal):
            unit = self.program.units[node.unit] if node.unit is not None else None
            value = CONTEXT.multiply(node.amount, unit.factor) if unit else node.amount
            return _scalar(value), None
        if isinstance(node, ast.Reference):
            if node.name in self.program.formulas:
                return self.fraction(node.name)
            if node.name in self.program.constants:
                return _scalar(self.program.constants[node.name]), None
            return self.quantity(node.name), None
        if isinstance(node, ast.Unary):
            numerator, denominator = built[id(node.operand)]
            return (_negate(numerator) if node.op == "-" else numerator), denominator
        (left, left_d), (right, right_d) = built[id(node.left)], built[id(node.right)]
        if node.op == "*":
            return _multiply(left, right), _product(left_d, right_d)
        if node.op == "/":
            return _product(left, right_d), _product(left_d, right)
        combine = _add if node.op == "+" else _subtract
        if left_d is None and right_d is None:
            return combine(left, right), None
        return combine(_product(left, right_d), _product(right, left_d)), _product(left_d, right_d)

    def row_wise(self, name: str) -> Any:
        if self._row_codes is None:
            codes: dict[str, list[int]] = {indicator.name: [] for indicator in self.program.indicators}
            for report in self.ruleset.iter_evaluate(rows_as_facts(self.table), as_of=self.plan.as_of):
                for indicator, status in zip(codes, report.statuses(), strict=True):
                    codes[indicator].append(_ORDER.index(status))
            self._row_codes = {indicator: pa.array(values, pa.int8()) for indicator, values in codes.items()}
        return self._row_codes[name]


# exact scaled-integer arithmetic: (n, s) stands for n / 10^s; overflow raises ArrowInvalid


class _Wide(Exception):
    """A value that does not fit the 64-bit lane."""


def _fixed_scalar(value: Decimal) -> tuple[int, int]:
    sign, digits, exponent = value.as_tuple()
    number = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    scale = -int(exponent)
    if scale < 0:
        number, scale = number * 10**-scale, 0
    if abs(number) >= 2**63:
        raise _Wide
    return number, scale


def _rescale(value: tuple[Any, int], scale: int) -> Any:
    number, current = value
    if scale == current:
        return number
    factor = 10 ** (scale - current)
    if factor >= 2**63:
        raise _Wide
    if isinstance(number, int):
        if abs(number * factor) >= 2**63:
            raise _Wide
        return number * factor
    return pc.multiply_checked(number, factor)


def _fixed_multiply(left: tuple[Any, int], right: tuple[Any, int]) -> tuple[Any, int]:
    (a, sa), (b, sb) = left, right
    if isinstance(a, int) and isinstance(b, int):
        if abs(a * b) >= 2**63:
            raise _Wide
        return a * b, sa + sb
    return pc.multiply_checked(a, b), sa + sb


def _fixed_product(left: tuple[Any, int] | None, right: tuple[Any, int] | None) -> tuple[Any, int] | None:
    if left is None:
        return right
    if right is None:
        return left
    return _fixed_multiply(left, right)


def _fixed_sum(left: tuple[Any, int], right: tuple[Any, int], operation: Any) -> tuple[Any, int]:
    scale = max(left[1], right[1])
    return operation(_rescale(left, scale), _rescale(right, scale)), scale


def _compare_fixed(numerator: Any, n_scale: int, denominator: Any, d_scale: int, target: Decimal, op: str) -> Any:
    """(numerator / 10^n_scale) / (denominator / 10^d_scale) op target, for denominator > 0."""
    t_value, t_scale = _fixed_scalar(target)
    if denominator is None:
        scale = max(n_scale, t_scale)
        return pc.call_function(
            _COMPARE[op], [_as_array(_rescale((numerator, n_scale), scale)), _rescale((t_value, t_scale), scale)]
        )
    # N·10^(t_scale + d_scale) op t·D·10^n_scale
    left = _rescale((numerator, 0), t_scale + d_scale)
    right = _rescale((_fixed_multiply((denominator, 0), (t_value, 0))[0], 0), n_scale)
    return pc.call_function(_COMPARE[op], [_as_array(left), _as_array(right)])


def _as_array(value: Any) -> Any:
    return pa.scalar(value, pa.int64()) if isinstance(value, int) else value


# exact decimal arithmetic that widens to decimal256 when it must, and gives up past that


def _scalar(value: Decimal) -> Any:
    _sign, digits, exponent = value.as_tuple()
    scale = max(0, -int(exponent))
    precision = max(len(digits) + max(0, int(exponent)), scale, 1)
    if precision > 38:
        return pa.scalar(value, pa.decimal256(min(precision, _MAX_PRECISION), scale))
    return pa.scalar(value, pa.decimal128(precision, scale))


def _precision(value: Any) -> tuple[int, int]:
    kind = value.type
    return kind.precision, kind.scale


def _wide(value: Any) -> Any:
    """The same decimal as decimal256, so that Arrow computes a result wider than 38 digits."""
    precision, scale = _precision(value)
    return value if pa.types.is_decimal256(value.type) else value.cast(pa.decimal256(precision, scale))


def _multiply(left: Any, right: Any) -> Any:
    """Arrow's product has p1 + p2 + 1 digits: past 38 the operands go to decimal256, past 76 row by row."""
    (lp, _ls), (rp, _rs) = _precision(left), _precision(right)
    if lp + rp + 1 > 38:
        if lp + rp + 1 > _MAX_PRECISION:
            raise _RowWise
        left, right = _wide(left), _wide(right)
    return pc.multiply(left, right)


def _product(left: Any, right: Any) -> Any:
    if left is None:
        return right
    if right is None:
        return left
    return _multiply(left, right)


def _add(left: Any, right: Any) -> Any:
    return _sum(left, right, pc.add)


def _subtract(left: Any, right: Any) -> Any:
    return _sum(left, right, pc.subtract)


def _sum(left: Any, right: Any, operation: Any) -> Any:
    """Arrow's sum has max(p1 - s1, p2 - s2) + max(s1, s2) + 1 digits; widened as `_multiply` is."""
    (lp, ls), (rp, rs) = _precision(left), _precision(right)
    precision = max(lp - ls, rp - rs) + max(ls, rs) + 1
    if precision > 38:
        if precision > _MAX_PRECISION:
            raise _RowWise
        left, right = _wide(left), _wide(right)
    return operation(left, right)


def _negate(value: Any) -> Any:
    return pc.negate(value)


_MIRROR = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "==", "!=": "!="}

_COMPARE = {
    ">=": "greater_equal",
    "<=": "less_equal",
    ">": "greater",
    "<": "less",
    "==": "equal",
    "!=": "not_equal",
}


def _compare(values: Any, target: Any, op: str) -> Any:
    scalar = _scalar(target) if isinstance(target, Decimal) else target
    return pc.call_function(_COMPARE[op], [values, scalar])
