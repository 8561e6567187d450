"""Exact arithmetic on columns, in two lanes with one interface.

`FixedLane` holds scaled 64-bit integers ((n, s) stands for n / 10^s): exact, and several times
faster than decimals; a value that does not fit raises `Wide` (or Arrow's overflow error), and
the computation starts again in the other lane. `DecimalLane` holds decimal128 and widens to
decimal256 when a result needs it; past 76 digits it raises `RowWise`, and the indicator is
decided row by row. A lane's items are arrays, or scalars for constants.
"""

from __future__ import annotations

from decimal import Context, Decimal
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ...quantities.arithmetic import PRECISION
from ...quantities.comparators import Comparator

MAX_PRECISION = 76
"""decimal256's precision: the widest exact column Arrow computes."""
WIDE = Context(prec=120)
"""Only for constants and margins, which may need more digits than the engine's 34."""


class Wide(Exception):
    """A value that does not fit the 64-bit lane."""


class RowWise(Exception):
    """This indicator cannot be decided exactly column by column; decide it row by row."""


class FixedLane:
    """Scaled 64-bit integers: (array or int, scale)."""

    def __init__(self, columns: Any) -> None:
        self.columns = columns

    def constant(self, value: Decimal) -> tuple[Any, int]:
        return fixed_scalar(value)

    def fact(self, name: str) -> tuple[Any, int]:
        fixed = self.columns.fixed(name)
        if fixed is None:
            raise Wide
        return fixed  # type: ignore[no-any-return]

    def negate(self, value: tuple[Any, int]) -> tuple[Any, int]:
        number, scale = value
        return (-number if isinstance(number, int) else pc.negate_checked(number)), scale

    def add(self, left: tuple[Any, int], right: tuple[Any, int]) -> tuple[Any, int]:
        return _fixed_sum(left, right, pc.add_checked)

    def subtract(self, left: tuple[Any, int], right: tuple[Any, int]) -> tuple[Any, int]:
        return _fixed_sum(left, right, pc.subtract_checked)

    def multiply(self, left: tuple[Any, int], right: tuple[Any, int]) -> tuple[Any, int]:
        (a, sa), (b, sb) = left, right
        if isinstance(a, int) and isinstance(b, int):
            return _small(a * b), sa + sb
        return pc.multiply_checked(a, b), sa + sb

    def compare(
        self, numerator: tuple[Any, int], denominator: tuple[Any, int] | None, target: Decimal, op: Comparator
    ) -> Any:
        """(N / D) op target, where D > 0 (None for 1): N·10^(t + d) op t·D·10^n, all in integers."""
        (n, n_scale), (t, t_scale) = numerator, fixed_scalar(target)
        if denominator is None:
            scale = max(n_scale, t_scale)
            return _call(op, _rescale((n, n_scale), scale), _rescale((t, t_scale), scale))
        d, d_scale = denominator
        left = _rescale((n, 0), t_scale + d_scale)
        right = _rescale((self.multiply((d, 0), (t, 0))[0], 0), n_scale)
        return _call(op, left, right)

    def sign(self, value: tuple[Any, int]) -> tuple[Any, Any]:
        """(value > 0, value == 0) per row."""
        number = value[0]
        return pc.greater(number, 0), pc.equal(number, 0)

    def exact(self, value: tuple[Any, int]) -> None:
        """64-bit integers never hold more digits than the engine does: nothing to check."""

    def unsure(self, numerator: Any, denominator: Any, target: Decimal, operations: int) -> Any:
        """Rows whose rounded value could compare otherwise than their exact one: here only those
        exactly on the target. Both sides of the comparison are integers below 2^63, so two that
        differ do so by more than 10^-19 of their size, far beyond n·10^-33 of rounding."""
        return self.compare(numerator, denominator, target, Comparator.EQ)


class DecimalLane:
    """Exact decimals: decimal128, widened to decimal256 when a result needs it."""

    def __init__(self, columns: Any) -> None:
        self.columns = columns

    def constant(self, value: Decimal) -> Any:
        return decimal_scalar(value)

    def fact(self, name: str) -> Any:
        return self.columns.quantity(name)

    def negate(self, value: Any) -> Any:
        return pc.negate(value)

    def add(self, left: Any, right: Any) -> Any:
        return _sum(left, right, pc.add)

    def subtract(self, left: Any, right: Any) -> Any:
        return _sum(left, right, pc.subtract)

    def multiply(self, left: Any, right: Any) -> Any:
        """Arrow's product has p1 + p2 + 1 digits: past 38 the operands go to decimal256, past 76 row by row."""
        (lp, _ls), (rp, _rs) = _precision(left), _precision(right)
        if lp + rp + 1 > 38:
            if lp + rp + 1 > MAX_PRECISION:
                raise RowWise
            left, right = _wide(left), _wide(right)
        return pc.multiply(left, right)

    def compare(self, numerator: Any, denominator: Any, target: Decimal, op: Comparator) -> Any:
        """(N / D) op target, where D > 0 (None for 1): N − t·D op 0."""
        if denominator is None:
            return _call(op, numerator, decimal_scalar(target))
        difference = self.subtract(numerator, self.multiply(denominator, decimal_scalar(target)))
        return _call(op, difference, decimal_scalar(Decimal(0)))

    def sign(self, value: Any) -> tuple[Any, Any]:
        zero = decimal_scalar(Decimal(0))
        return pc.greater(value, zero), pc.equal(value, zero)

    def unsure(self, numerator: Any, denominator: Any, target: Decimal, operations: int) -> Any:
        """Rows whose exact value lies within (n + 1)·10^-33 of the target, relative to it, where
        the row-wise value, rounded n times to 34 digits, could compare otherwise."""
        margin = WIDE.multiply(abs(target), Decimal(f"{operations + 1}E-33"))
        low, high = WIDE.subtract(target, margin), WIDE.add(target, margin)
        above = self._side(numerator, denominator, low, Comparator.GE)
        below = self._side(numerator, denominator, high, Comparator.LE)
        return pc.and_(above, below)

    def _side(self, numerator: Any, denominator: Any, target: Decimal, op: Comparator) -> Any:
        if denominator is None:
            return self.compare(numerator, None, target, op)
        positive, _zero = self.sign(denominator)
        return pc.if_else(
            positive,
            self.compare(numerator, denominator, target, op),
            self.compare(numerator, denominator, target, op.mirror),
        )

    def exact(self, value: Any) -> None:
        """A sum, difference or product of exact values that the engine could not hold (more than
        34 significant digits) is an error row by row, not a value: leave those to the rows."""
        if not isinstance(value, pa.Array) or _precision(value)[0] <= PRECISION:
            return
        largest = pc.max(pc.abs(value)).as_py()
        if largest is not None and len(largest.as_tuple().digits) > PRECISION:
            raise RowWise


def fixed_scalar(value: Decimal) -> tuple[int, int]:
    """A decimal as (n, s) with value = n / 10^s, or Wide when n does not fit 64 bits."""
    sign, digits, exponent = value.as_tuple()
    number = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    scale = -int(exponent)
    if scale < 0:
        number, scale = number * 10**-scale, 0
    return _small(number), scale


def decimal_scalar(value: Decimal) -> Any:
    """A decimal as the narrowest Arrow decimal scalar that holds it exactly."""
    _sign, digits, exponent = value.as_tuple()
    scale = max(0, -int(exponent))
    precision = max(len(digits) + max(0, int(exponent)), scale, 1)
    if precision > MAX_PRECISION:
        raise RowWise
    if precision > 38:
        return pa.scalar(value, pa.decimal256(precision, scale))
    return pa.scalar(value, pa.decimal128(precision, scale))


def _small(number: int) -> int:
    if abs(number) >= 2**63:
        raise Wide
    return number


def _rescale(value: tuple[Any, int], scale: int) -> Any:
    number, current = value
    if scale == current:
        return number
    factor = 10 ** (scale - current)
    if factor >= 2**63:
        raise Wide
    if isinstance(number, int):
        return _small(number * factor)
    return pc.multiply_checked(number, factor)


def _fixed_sum(left: tuple[Any, int], right: tuple[Any, int], operation: Any) -> tuple[Any, int]:
    scale = max(left[1], right[1])
    a, b = _rescale(left, scale), _rescale(right, scale)
    if isinstance(a, int) and isinstance(b, int):
        return _small(a + b if operation is pc.add_checked else a - b), scale
    return operation(a, b), scale


def _call(op: Comparator, left: Any, right: Any) -> Any:
    def array(value: Any) -> Any:
        return pa.scalar(value, pa.int64()) if isinstance(value, int) else value

    return pc.call_function(op.name_for_arrays, [array(left), array(right)])


def _precision(value: Any) -> tuple[int, int]:
    kind = value.type
    return kind.precision, kind.scale


def _wide(value: Any) -> Any:
    """The same decimal as decimal256, so that Arrow computes a result wider than 38 digits."""
    precision, scale = _precision(value)
    return value if pa.types.is_decimal256(value.type) else value.cast(pa.decimal256(precision, scale))


def _sum(left: Any, right: Any, operation: Any) -> Any:
    """Arrow's sum has max(p1 - s1, p2 - s2) + max(s1, s2) + 1 digits; widened as products are."""
    (lp, ls), (rp, rs) = _precision(left), _precision(right)
    precision = max(lp - ls, rp - rs) + max(ls, rs) + 1
    if precision > 38:
        if precision > MAX_PRECISION:
            raise RowWise
        left, right = _wide(left), _wide(right)
    return operation(left, right)
