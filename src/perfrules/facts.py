"""Facts: raw values from callers turned into timelines of exact values, one fact at a time.

A fact is a number, a string with a unit, a label, a dated value or a history of dated values.
Each is read against what the ruleset expects of that fact (its unit or its labels); a fact
that cannot be read becomes `Invalid` with a reason, and never stops the others.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from unicodedata import is_normalized

import attrs

from .arithmetic import CONTEXT, plain
from .checker import FactSpec
from .source import normalize
from .units import Unit

_NUMBER = re.compile(r"\s*([+-])?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(.*?)\s*")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""No value in force."""


class _Slow:
    def __repr__(self) -> str:
        return "SLOW"


SLOW: Any = _Slow()
"""A fast reader's answer for anything but a plain value: take the general path."""


def fast_reader(spec: FactSpec) -> Callable[[Any], Any]:
    """A reader for the common case, a plain number or label; SLOW for everything else.

    It must agree with `read_fact` wherever it does not say SLOW.
    """
    if spec.unit is None:

        def read_label(raw: Any) -> Any:
            if (
                type(raw) is str
                and raw
                and is_normalized("NFKC", raw)
                and not raw[0].isspace()
                and not raw[-1].isspace()
            ):
                return raw
            return SLOW

        return read_label
    factor = spec.unit.factor
    if factor == 1:

        def read_plain(raw: Any) -> Any:
            kind = type(raw)
            if kind is int or (kind is Decimal and raw.is_finite()):
                return raw
            return SLOW

        return read_plain

    def read_scaled(raw: Any) -> Any:
        kind = type(raw)
        if kind is int or (kind is Decimal and raw.is_finite()):
            return CONTEXT.multiply(raw, factor)
        return SLOW

    return read_scaled


@attrs.frozen
class Invalid:
    """A fact that cannot be used, and why (one sentence)."""

    reason: str


Observed = Decimal | str


class Timeline:
    """Values of one fact over time: the value in force on a day is the latest on or before it."""

    __slots__ = ("constant", "dates", "values")

    def __init__(self, dates: list[date], values: list[Observed], constant: Any = MISSING) -> None:
        self.dates = dates
        self.values = values
        self.constant = constant

    def at(self, day: date) -> Any:
        if self.constant is not MISSING:
            return self.constant
        index = bisect_right(self.dates, day)
        return self.values[index - 1] if index else MISSING

    def dates_between(self, after: date, until: date) -> list[date]:
        """Observation dates d with after < d <= until."""
        return self.dates[bisect_right(self.dates, after) : bisect_right(self.dates, until)]


class _Unreadable(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_fact(spec: FactSpec, raw: Any, units: Mapping[str, Unit]) -> Timeline | Invalid:
    """Read one raw fact value as `spec` requires."""
    try:
        if isinstance(raw, list):
            return _history(spec, raw, units)
        if isinstance(raw, dict):
            day, value = _dated(spec, raw, units)
            return Timeline([day], [value])
        return Timeline([], [], _value(spec, raw, units))
    except _Unreadable as problem:
        return Invalid(problem.reason)


def _history(spec: FactSpec, raw: list[Any], units: Mapping[str, Unit]) -> Timeline:
    observations = []
    for item in raw:
        if not isinstance(item, dict):
            raise _Unreadable(
                f'历史记录中的每一项都应带日期，如 {{"value": …, "date": "2023-06-30"}}，而不是 {_show(item)}'
            )
        observations.append(_dated(spec, item, units))
    observations.sort(key=lambda observation: observation[0])
    for (first, _), (second, _) in itertools.pairwise(observations):
        if first == second:
            raise _Unreadable(f"同一天 {first.isoformat()} 有两条记录")
    return Timeline([day for day, _ in observations], [value for _, value in observations])


def _dated(spec: FactSpec, raw: dict[str, Any], units: Mapping[str, Unit]) -> tuple[date, Observed]:
    if set(raw) != {"value", "date"}:
        raise _Unreadable(f"带日期的值应恰有 value 和 date 两个键，而不是 {', '.join(map(str, raw)) or '空对象'}")
    return parse_date(raw["date"]), _value(spec, raw["value"], units)


def parse_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str) or not _ISO_DATE.fullmatch(raw):
        raise _Unreadable(f"日期应写作 YYYY-MM-DD，而不是 {_show(raw)}")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _Unreadable(f"日期 {raw} 不存在") from None


def _value(spec: FactSpec, raw: Any, units: Mapping[str, Unit]) -> Observed:
    if spec.unit is None:
        return _label(spec, raw)
    return _quantity(spec.unit, raw, units)


def _label(spec: FactSpec, raw: Any) -> str:
    if not isinstance(raw, str):
        raise _Unreadable(f"应为标签（如“完成”），而不是 {_show(raw)}")
    label = normalize(raw)[0].strip()
    if not label:
        raise _Unreadable("标签为空")
    return label


def _quantity(unit: Unit, raw: Any, units: Mapping[str, Unit]) -> Decimal:
    if isinstance(raw, bool) or raw is None:
        raise _Unreadable(f"应为数值，而不是 {_show(raw)}")
    if isinstance(raw, int):
        amount = Decimal(raw)
    elif isinstance(raw, float):
        amount = Decimal(repr(raw))
    elif isinstance(raw, Decimal):
        amount = raw
    elif isinstance(raw, str):
        amount, unit = _parse_quantity(raw, unit, units)
    else:
        raise _Unreadable(f"应为数值，而不是 {type(raw).__name__} 类型的值")
    if not amount.is_finite():
        raise _Unreadable(f"{raw} 不是有限的数值")
    if unit.factor == 1:
        return amount
    try:
        return CONTEXT.multiply(amount, unit.factor)
    except (ArithmeticError, InvalidOperation):
        raise _Unreadable(f"{_show(raw)} 超出可精确表示的范围") from None


def _parse_quantity(raw: str, expected: Unit, units: Mapping[str, Unit]) -> tuple[Decimal, Unit]:
    text = normalize(raw)[0]
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise _Unreadable(f"应为数值，而不是 {_show(raw)}")
    sign, digits, unit_text = match.groups()
    amount = Decimal((sign or "") + digits.replace(",", ""))
    if not unit_text:
        return amount, expected
    unit = units.get(unit_text)
    if unit is None:
        raise _Unreadable(f"未知单位 {unit_text}")
    if unit.dimension != expected.dimension:
        raise _Unreadable(f"单位 {unit_text} 与 {expected.describe()} 不是同一量纲")
    return amount, unit


def _show(raw: Any) -> str:
    if isinstance(raw, str):
        return "“" + raw + "”"
    if isinstance(raw, Decimal):
        return plain(raw) if raw.is_finite() else str(raw)
    return repr(raw)
