"""The public value types: exact quantities with their unit, and targets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ..errors import UsageError
from ..errors.text import shown
from .arithmetic import plain, rounded
from .comparators import Comparator


@attrs.frozen
class Quantity:
    """An exact amount in a unit ("" for a plain number): `Quantity(Decimal("95.5"), "%")`.

    Raises nothing: the amount is taken as given, so give a Decimal.
    """

    amount: Decimal
    unit: str = ""

    def __str__(self) -> str:
        text = plain(self.amount)
        if not self.unit or self.unit == "%":
            return text + self.unit
        return f"{text} {self.unit}"

    def to_json(self) -> dict[str, str]:
        """{"amount": exact decimal text, "unit": …}. Raises nothing."""
        return {"amount": plain(self.amount), "unit": self.unit}

    def readable(self) -> str:
        """For people: thousands separators; an amount with more than four decimals is rounded to
        two, marked ≈ (a quotient's 34 digits help nobody reading a table), or to as many more as it
        takes not to land on a whole number it is not (≈99.997%, never ≈100% for a share that misses).
        Raises nothing."""
        amount = self.amount
        shown = rounded(amount, 2) if _decimals(amount) > 4 else amount
        places = 2
        while shown != amount and shown == shown.to_integral_value() and places < 12:
            # Never round onto a whole number a value is not: 99.997% shows as ≈99.997%, not ≈100%.
            places += 1
            shown = rounded(amount, places)
        text = f"{shown:,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        text = ("≈" if shown != amount else "") + text
        return text + self.unit if not self.unit or self.unit == "%" else f"{text} {self.unit}"


def _decimals(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


Value = Quantity | str
"""What an indicator compares: a quantity, or a label such as 完成."""


def _comparator(written: Comparator | str) -> Comparator:
    if isinstance(written, Comparator):
        return written
    try:
        return Comparator.written(written)
    except (KeyError, TypeError):
        raise UsageError(
            f"{shown(written)} is not a comparator (>=, <=, >, <, ==, != or a form tables write)"
        ) from None


@attrs.frozen
class Target:
    """A comparator (>=, <=, ==, !=, >, <, or any form tables write) and the literal it compares with.

    Raises UsageError for a comparator no table writes.
    """

    comparator: Comparator = attrs.field(converter=_comparator)
    value: Value
    basis: str | None = None
    """The standard the target is set by, as the table prints it after the value (历史标准, 计划标准)."""

    def __str__(self) -> str:
        return f"{self.comparator.sign}{self.value}{self._basis_text()}"

    def to_json(self) -> dict[str, str]:
        """{"comparator", the value's own keys, and "basis" when there is one}. Raises nothing."""
        data = {"comparator": self.comparator.value, **value_json(self.value)}
        if self.basis is not None:
            data["basis"] = self.basis
        return data

    def readable(self) -> str:
        """For people: ≥95%, =完成（历史标准）. Raises nothing."""
        return self.comparator.sign + readable(self.value) + self._basis_text()

    def _basis_text(self) -> str:
        return f"（{self.basis}）" if self.basis is not None else ""


@attrs.frozen
class Measure:
    """No target: the row records a value, in `unit` ("" for text: 是/否, a narrative)."""

    unit: str = ""

    def __str__(self) -> str:
        return self.readable()

    def to_json(self) -> dict[str, Any]:
        """{"measured": true, "unit": …}. Raises nothing."""
        return {"measured": True, "unit": self.unit}

    def readable(self) -> str:
        """For people, as the 自评表 prints a row with no target. Raises nothing."""
        return f"（无指标值，填报{self.unit}）" if self.unit else "（无指标值）"


def readable(value: Any) -> str:
    """A value, target or part mapping for people (see `Quantity.readable`)."""
    if value is None:
        return "—"
    if isinstance(value, (Quantity, Target, Measure)):
        return value.readable()
    if isinstance(value, str):
        return value
    return "、".join(f"{name} {readable(part)}" for name, part in value.items())


def value_json(value: Any) -> Any:
    """JSON form of a value: {"amount", "unit"} for quantities, {"label"} for labels."""
    if value is None:
        return None
    if isinstance(value, Quantity):
        return value.to_json()
    if isinstance(value, str):
        return {"label": value}
    return {name: value_json(part) for name, part in value.items()}
