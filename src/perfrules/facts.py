"""Facts: raw values from callers turned into timelines of exact values, one fact at a time.

A fact is a number, a string with a unit, a label, a dated value or a history of dated values.
Each is read against what the ruleset expects of that fact (its unit or its labels); a fact
that cannot be read becomes `Invalid` with a reason, and never stops the others.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Context, Decimal, InvalidOperation, Overflow, Rounded, Subnormal
from typing import Any
from unicodedata import is_normalized

import attrs

from .arithmetic import EXACT
from .checker import FactSpec
from .errors import printable
from .limits import Limits
from .source import normalize
from .units import Unit

_NUMBER = re.compile(r"\s*([+-])?\s*([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(.*?)\s*")
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


def bounds(limits: Limits) -> Context:
    """A context whose `plus` raises for any number beyond the limits' digits or exponent."""
    return Context(
        prec=limits.max_digits,
        Emax=limits.max_exponent,
        Emin=-limits.max_exponent,
        traps=[Rounded, Overflow, Subnormal, InvalidOperation],
    )


def fast_reader(spec: FactSpec, limits: Limits) -> Callable[[Any], Any]:
    """A reader for the common case, a plain number or label; SLOW for everything else.

    It must agree with `read_fact` wherever it does not say SLOW. A number out of bounds raises
    (ArithmeticError), which also sends the fact the general way, where it becomes INVALID.
    """
    within = bounds(limits).plus
    largest = 10**limits.max_digits
    if spec.unit is None:
        longest = limits.max_fact_chars

        def read_label(raw: Any) -> Any:
            if (
                type(raw) is str
                and 0 < len(raw) <= longest
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
            if kind is int and -largest < raw < largest:
                return raw
            if kind is Decimal and raw.is_finite():
                within(raw)
                return raw
            return SLOW

        return read_plain

    def read_scaled(raw: Any) -> Any:
        kind = type(raw)
        if kind is int and -largest < raw < largest:
            return EXACT.multiply(raw, factor)
        if kind is Decimal and raw.is_finite():
            within(raw)
            return EXACT.multiply(raw, factor)
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


class _Reading:
    """What reading facts for one ruleset needs: its units and its limits."""

    def __init__(self, units: Mapping[str, Unit], limits: Limits) -> None:
        self.units = units
        self.limits = limits
        self.within = bounds(limits).plus


def read_fact(spec: FactSpec, raw: Any, units: Mapping[str, Unit], limits: Limits) -> Timeline | Invalid:
    """Read one raw fact value as `spec` requires."""
    reading = _Reading(units, limits)
    try:
        if isinstance(raw, list):
            return _history(spec, raw, reading)
        if isinstance(raw, dict):
            day, value = _dated(spec, raw, reading)
            return Timeline([day], [value])
        return Timeline([], [], _value(spec, raw, reading))
    except _Unreadable as problem:
        return Invalid(problem.reason)


def _history(spec: FactSpec, raw: list[Any], units: _Reading) -> Timeline:
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


def _dated(spec: FactSpec, raw: dict[str, Any], units: _Reading) -> tuple[date, Observed]:
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


def _value(spec: FactSpec, raw: Any, reading: _Reading) -> Observed:
    if spec.unit is None:
        return _label(raw, reading)
    return _quantity(spec.unit, raw, reading)


def _label(raw: Any, reading: _Reading) -> str:
    if not isinstance(raw, str):
        raise _Unreadable(f"应为标签（如“完成”），而不是 {_show(raw)}")
    _check_text(raw, reading)
    label = normalize(raw)[0].strip()
    if not label:
        raise _Unreadable("标签为空")
    return label


def _quantity(unit: Unit, raw: Any, reading: _Reading) -> Decimal:
    limits = reading.limits
    if isinstance(raw, bool) or raw is None:
        raise _Unreadable(f"应为数值，而不是 {_show(raw)}")
    if isinstance(raw, int):
        if abs(raw) >= 10**limits.max_digits:
            raise _Unreadable(f"数值超过{limits.max_digits}位有效数字，无法精确表示")
        amount = Decimal(raw)
    elif isinstance(raw, float):
        amount = Decimal(repr(raw)) if math.isfinite(raw) else Decimal("NaN")
    elif isinstance(raw, Decimal):
        amount = raw
    elif isinstance(raw, str):
        amount, unit = _parse_quantity(raw, unit, reading)
    else:
        raise _Unreadable(f"应为数值，而不是 {type(raw).__name__} 类型的值")
    if not amount.is_finite():
        raise _Unreadable(f"{_show(raw)} 不是有限的数值")
    try:
        reading.within(amount)
    except ArithmeticError:
        raise _Unreadable(
            f"数值超出范围：至多{limits.max_digits}位有效数字，数量级在10^±{limits.max_exponent}以内"
        ) from None
    if unit.factor == 1:
        return amount
    try:
        return EXACT.multiply(amount, unit.factor)
    except ArithmeticError:
        raise _Unreadable(f"{_show(raw)} 换算为基本单位后无法精确表示") from None


def _check_text(raw: str, reading: _Reading) -> None:
    if len(raw) > reading.limits.max_fact_chars:
        raise _Unreadable(f"文字过长：{len(raw):,} 个字符，至多 {reading.limits.max_fact_chars:,} 个")


def _parse_quantity(raw: str, expected: Unit, reading: _Reading) -> tuple[Decimal, Unit]:
    _check_text(raw, reading)
    units = reading.units
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
    """A fact value quoted in a reason: short, with unprintable characters spelled U+XXXX."""
    if isinstance(raw, str):
        text = raw if len(raw) <= 40 else raw[:40] + "…"
        return "“" + printable(text) + "”"
    if isinstance(raw, Decimal):
        return str(raw)[:40]
    if isinstance(raw, int):
        return str(raw) if abs(raw) < 10**40 else f"{len(str(abs(raw))) if abs(raw) < 10**4000 else '4000+'} 位的整数"
    return printable(repr(raw)[:40])
