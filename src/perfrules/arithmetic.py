"""The one Decimal context the engine computes in, and exact formatting of its results.

34 significant digits with ROUND_HALF_EVEN (IEEE 754 decimal128): addition, subtraction and
multiplication are exact whenever the result fits in 34 digits, division is rounded to 34
digits. Every operation goes through this context object, never the thread-local one, so the
caller's decimal settings cannot change a result. Division by zero, overflow and invalid
operations raise instead of producing Infinity or NaN. Addition, subtraction and multiplication
of exact values (facts, literals, and formulas without a division) use EXACT, which refuses to
round: money is exact or an error. Only a quotient, and what is computed from one, is rounded.
"""

from __future__ import annotations

from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)

PRECISION = 34

CONTEXT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


EXACT = Context(
    prec=PRECISION,
    rounding=ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow, Inexact],
)
"""For +, − and × on exact operands: a result that would need rounding is an error, not rounded."""


def setting(value: object, *, most: Decimal | None = None) -> Decimal:
    """A policy's numeric setting: a finite, non-negative Decimal (at most `most`), or UsageError."""
    from .errors import UsageError

    try:
        number = Decimal(str(value))
    except ArithmeticError:
        raise UsageError(f"{value!r} is not a number") from None
    if not number.is_finite() or number < 0 or (most is not None and number > most):
        bound = f" from 0 to {most}" if most is not None else " of 0 or more"
        raise UsageError(f"{value!r} is not a usable setting: expected a number{bound}")
    return number


def plain(value: Decimal) -> str:
    """A Decimal as a plain decimal string: no exponent, no trailing fractional zeros."""
    if value.is_zero():
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
