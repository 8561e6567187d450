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

from .errors import UsageError
from .runtime import Status

if TYPE_CHECKING:
    import pyarrow as pa

    from .api import Ruleset

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


def available() -> bool:
    return pa is not None


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
        return self._codes[name]

    def status(self, name: str) -> pa.DictionaryArray:
        """The status of one indicator in every row, as a dictionary array of status names."""
        return pa.DictionaryArray.from_arrays(self._codes[name], STATUSES)

    def value(self, name: str) -> pa.Array:
        """What each row compared, as exact decimal strings or labels (worked out row by row)."""
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
        name: table.column(name + DATE_SUFFIX).to_pylist()
        for name in names
        if name + DATE_SUFFIX in table.column_names
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
        except _RowWise:
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

    # inputs

    def column(self, name: str) -> Any:
        if name not in self.table.column_names:
            return pa.nulls(self.rows, pa.null())
        column = self.table.column(name)
        return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column

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

    def label(self, name: str) -> Any:
        """The fact's labels as the row-wise reader sees them: NFKC, trimmed; "" is invalid."""
        column = self.column(name)
        if pa.types.is_null(column.type):
            return column.cast(pa.string())
        if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
            raise UsageError(f"column {name} is {column.type}; a label column must hold text")
        from .source import normalize

        normalized = pc.utf8_normalize(column, form="NFKC")
        if pc.any(pc.not_equal(normalized, column)).as_py():
            # The row-wise reader keeps superscripts and circled numbers; follow it exactly.
            normalized = pa.array([None if text is None else normalize(text)[0] for text in column.to_pylist()])
        return pc.utf8_trim_whitespace(normalized)

    # conditions

    def condition(self, condition: Any) -> Any:
        final = self.plan.final(condition.deadline)
        unmet = NOT_MET if final else PENDING
        if condition.formulas:
            return self._formula(condition, unmet)
        if not condition.inputs:  # an indicator on a budget constant
            met = condition.test(self.program.constants[condition.subject])
            return pa.array([MET if met else unmet] * self.rows, pa.int8())
        name = condition.inputs[0]
        spec = self.program.facts[name]
        if spec.is_label:
            values = self.label(name)
            met, invalid = self._label_test(condition, values)
        else:
            values = self.quantity(name)
            met = _compare(values, condition.target_base, condition.op)
            invalid = pa.array([False] * self.rows)
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
        numerator, denominator = self.fraction(condition.subject)
        missing = pa.array([False] * self.rows)
        for name in condition.inputs:
            missing = pc.or_(missing, pc.is_null(self.column(name)))
        target = _scalar(condition.target_base)
        if denominator is None:
            met = _compare(numerator, condition.target_base, condition.op)
            zero = pa.array([False] * self.rows)
        else:
            # N/D op t  <=>  N - t·D op 0 when D > 0, and the mirrored comparison when D < 0.
            difference = _subtract(numerator, _multiply(denominator, target))
            positive = _compare(difference, Decimal(0), condition.op)
            negative = _compare(difference, Decimal(0), _MIRROR[condition.op])
            met = pc.if_else(_compare(denominator, Decimal(0), ">"), positive, negative)
            zero = pc.fill_null(_compare(denominator, Decimal(0), "=="), False)
        codes = pc.if_else(pc.fill_null(met, False), MET, unmet)
        codes = pc.if_else(zero, INVALID, codes)
        codes = pc.if_else(missing, MISSING, codes)
        return codes.cast(pa.int8())

    def fraction(self, name: str) -> tuple[Any, Any]:
        """A formula's value as an exact fraction of columns (None as denominator means 1)."""
        if name not in self.fractions:
            from . import ast

            formula = next(item for item in self.ruleset._checked.formulas if item.name == name)
            built: dict[int, tuple[Any, Any]] = {}
            for node in ast.postorder(formula.expr):
                built[id(node)] = self._node(node, built)
            self.fractions[name] = built[id(formula.expr)]
        return self.fractions[name]

    def _node(self, node: Any, built: dict[int, tuple[Any, Any]]) -> tuple[Any, Any]:
        from . import ast
        from .arithmetic import CONTEXT

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


# exact decimal arithmetic that widens to decimal256 when it must, and gives up past that


def _scalar(value: Decimal) -> Any:
    sign, digits, exponent = value.as_tuple()
    scale = max(0, -int(exponent))
    precision = max(len(digits) + max(0, int(exponent)), scale, 1)
    if precision > 38:
        return pa.scalar(value, pa.decimal256(min(precision, _MAX_PRECISION), scale))
    return pa.scalar(value, pa.decimal128(precision, scale))


def _precision(value: Any) -> tuple[int, int]:
    kind = value.type
    return kind.precision, kind.scale


def _widen(value: Any, precision: int, scale: int) -> Any:
    if precision > _MAX_PRECISION:
        raise _RowWise
    kind = pa.decimal256(precision, scale) if precision > 38 else pa.decimal128(precision, scale)
    return value.cast(kind)


def _multiply(left: Any, right: Any) -> Any:
    (lp, ls), (rp, rs) = _precision(left), _precision(right)
    if lp + rp + 1 > 38:
        if lp + rp + 1 > _MAX_PRECISION:
            raise _RowWise
        left, right = _widen(left, lp, ls), _widen(right, max(rp, 39), rs)
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
    (lp, ls), (rp, rs) = _precision(left), _precision(right)
    scale = max(ls, rs)
    precision = max(lp - ls, rp - rs) + scale + 1
    if precision > 38:
        left, right = _widen(left, precision, scale), _widen(right, precision, scale)
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
