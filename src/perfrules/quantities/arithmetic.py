"""The one Decimal context the engine computes in, and exact formatting of its results.

34 significant digits with ROUND_HALF_EVEN (IEEE 754 decimal128): addition, subtraction and
multiplication are exact whenever the result fits in 34 digits, division is rounded to 34
digits. Every operation goes through these context objects (or through exact integer and
`Fraction` arithmetic), never the thread-local context, so the caller's decimal settings cannot
change a result. Division by zero, overflow, underflow and invalid operations raise instead of
producing Infinity, NaN or a silent zero. Addition, subtraction and multiplication of exact
values (facts, literals, and formulas without a division) use EXACT, which refuses to round:
money is exact or an error. Only a quotient, and what is computed from one, is rounded.

Magnitudes stay within 10^±1000, so that every value prints as a plain decimal of bounded length.
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DecimalException,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
    Subnormal,
    Underflow,
)
from fractions import Fraction

from ..errors import UsageError

PRECISION = 34
"""Significant digits the engine holds exactly (and the most any number may have)."""
EXPONENT_CEILING = 1000
"""Largest power of ten any value may reach, either way: results are refused beyond it."""
DEFAULT_EXPONENT = 100
"""Largest power of ten of a number a user writes or gives, unless limits say otherwise."""

_TRAPS = [InvalidOperation, DivisionByZero, Overflow, Underflow]


def _context(traps: list[type[DecimalException]]) -> Context:
    """The engine's context: 34 digits rounded half-even, within 10^±1000, trapping `traps`."""
    return Context(
        prec=PRECISION,
        rounding=ROUND_HALF_EVEN,
        Emax=EXPONENT_CEILING,
        Emin=-EXPONENT_CEILING,
        capitals=1,
        clamp=0,
        traps=traps,
    )


CONTEXT = _context(_TRAPS)


EXACT = _context([*_TRAPS, Inexact])
"""For +, − and × on exact operands: a result that would need rounding is an error, not rounded."""


_SETTING = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_SCIENTIFIC = re.compile(r"[+-]?[0-9]*\.?[0-9]+[eE][+-]?[0-9]+")


def setting(value: object, *, most: Decimal | None = None) -> Decimal:
    """A policy's numeric setting: a finite, non-negative number within the bounds facts obey.

    Text is read as facts are (ASCII digits, no exponent); floats as `Decimal(repr(x))`.
    Anything else is a `UsageError` saying why.
    """
    shown = _short(value)
    if isinstance(value, bool):
        raise UsageError(f"{shown} is not a number")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        if abs(value) >= 10**PRECISION:
            raise UsageError(f"{shown} is longer than {PRECISION} significant digits")
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(float(value)))  # a subclass (np.float64) may print otherwise
    elif isinstance(value, str):
        text = value.strip()
        if _SCIENTIFIC.fullmatch(text):
            raise UsageError(f"{shown} is in exponent notation, which is not accepted: write the number in full")
        if not _SETTING.fullmatch(text):
            raise UsageError(f"{shown} is not a number written in ASCII digits, like 0.1 or 1.3")
        number = Decimal(text)
    else:
        raise UsageError(f"{type(value).__name__} is not a number")
    if not number.is_finite():
        raise UsageError(f"{shown} is not a finite number")
    problem = bounds_problem(_SETTING_BOUNDS, number)
    if problem is not None:
        why = f"more than {PRECISION} significant digits" if problem == "digits" else f"beyond 10^±{DEFAULT_EXPONENT}"
        raise UsageError(f"{shown} is out of range: {why}")
    if number < 0 or (most is not None and number > most):
        bound = f"from 0 to {plain(most)}" if most is not None else "of 0 or more"
        raise UsageError(f"{shown} is not usable here: expected a number {bound}")
    return number


def bounds(digits: int, exponent: int) -> Context:
    """The one definition of the bounds a number must keep: `bounds(...).plus(number)` raises
    (Rounded for too many digits, trailing zeros included; Overflow or Subnormal for a magnitude
    beyond 10^±exponent) unless it is held exactly. Zero always is."""
    return Context(prec=digits, Emax=exponent, Emin=-exponent, traps=[Rounded, Overflow, Subnormal, InvalidOperation])


def bounds_problem(within: Context, number: Decimal) -> str | None:
    """Which bound a finite `number` breaks: "digits", "exponent", or None."""
    try:
        within.plus(number)
    except ArithmeticError:
        # An overflow is signalled with Rounded too, so the digits are counted to tell them apart.
        return "digits" if len(number.as_tuple().digits) > within.prec else "exponent"
    return None


def integer_bound(digits: int, exponent: int) -> int:
    """Whole numbers n with |n| below this keep both bounds, and no others do."""
    bound: int = 10 ** min(digits, exponent + 1)
    return bound


_SETTING_BOUNDS = bounds(PRECISION, DEFAULT_EXPONENT)


def _short(value: object) -> str:
    if isinstance(value, Decimal):
        text = number_text(value)
    elif isinstance(value, int):
        text = str(value) if abs(value) < 10**40 else "a long integer"
    else:
        text = repr(value)
    return text if len(text) <= 40 else text[:40] + "…"


def plain(value: Decimal) -> str:
    """A Decimal as a plain decimal string: no exponent, no trailing fractional zeros."""
    if value.is_zero():
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def rounded(value: Fraction | Decimal | int, places: int, *, half_even: bool = False) -> Decimal:
    """`value` rounded to `places` decimals, exactly, half away from zero (or half to even).

    Integer arithmetic throughout, so neither a long fraction nor the caller's decimal context
    can change the result; the Decimal returned keeps its trailing zeros (9.50, not 9.5).
    """
    fraction = Fraction(value)
    negative = fraction < 0
    scaled = abs(fraction) * 10**places
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    twice = 2 * rest
    if twice > scaled.denominator or (twice == scaled.denominator and (not half_even or whole % 2)):
        whole += 1
    return Decimal(f"{'-' if negative and whole else ''}{whole}E-{places}")


def fraction_text(value: Fraction | Decimal | int, places: int = 4) -> str:
    """An exact number for people: a terminating decimal exactly as it is (7.2, 1.25), any other
    fraction rounded half-even to `places` decimals and marked ≈ (≈33.3333)."""
    fraction = Fraction(value)
    exact = _terminating_places(fraction.denominator)
    if exact is not None:
        return plain(rounded(fraction, exact))
    return "≈" + plain(rounded(fraction, places, half_even=True))


def _terminating_places(denominator: int) -> int | None:
    """Decimal places a fraction with this (reduced) denominator needs, or None if it repeats."""
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    return max(twos, fives) if denominator == 1 else None


def number_text(value: Decimal) -> str:
    """A number quoted in a message as it was given (trailing zeros kept): in full while its
    magnitude is within 10^±30, else in scientific notation (1E+150), written the same whatever the
    caller's decimal context says about capitals."""
    if value.is_finite() and abs(value.adjusted()) > 30:
        return format(value, "E")
    return format(value, "f")
