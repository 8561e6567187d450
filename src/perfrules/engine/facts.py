"""Facts: raw values from callers turned into timelines of exact values, one fact at a time; and
the vocabulary of a fact set beyond the ruleset's own facts (reviewers' bands and scores, likelihoods).

A fact is a number, a string with a unit, a label, a dated value or a history of dated values.
Each is read against what the ruleset expects of that fact (its unit or its labels); a fact
that cannot be read becomes `Invalid` with the code of why (engine/details.py words it), and
never stops the others.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Context, Decimal
from typing import Any
from unicodedata import is_normalized

import attrs

from ..errors.phrases import Phrase
from ..errors.source import normalize
from ..errors.text import printable, refused
from ..language.checked import FactSpec
from ..language.limits import Limits
from ..quantities.arithmetic import EXACT, bounds, bounds_problem, integer_bound, number_text
from ..quantities.units import PLAIN, Unit
from .cells import is_blank, numpy_number
from .details import detail

_NUMBER = re.compile(
    r"\s*(≥|≤|>=|<=|>|<|==|=|不少于|不低于|至少|不超过|不高于|达到)?"
    r"\s*([+-])?\s*([1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(.*?)\s*"
)
"""A number as a fact gives it: a sign, digits, a unit; and, as reviewers copy the target into the
actual column (≥266米 for ≥266米), a comparator before it, which is read past with a note."""
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_EXPONENT = re.compile(r"[eE][+-]?[0-9]")
_GROUPING = re.compile(r",[0-9]")
_DIGIT_AFTER = re.compile(r"[0-9]")


BAND_SUFFIX = ":档次"
"""`指标:档次`: the band a reviewer puts a qualitative indicator in (scoring)."""
SCORE_SUFFIX = ":得分"
"""`指标:得分`: the score a reviewer gives within that band (scoring)."""
LIKELIHOOD_SUFFIX = ":可能性"
"""`指标:可能性`: whether a target will be met, as the unit reports it (monitoring)."""
NOT_APPLICABLE = "不适用"
"""The fact listing indicators that do not apply this year (scoring)."""
ANNOTATIONS = (BAND_SUFFIX, SCORE_SUFFIX, LIKELIHOOD_SUFFIX)
EXECUTED_FACTS = ("执行数", "预算执行数", "预算完成数")
"""Facts a monitoring sheet reads the amount executed so far from, declared or not (monitoring)."""


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


def limits_bounds(limits: Limits) -> Context:
    """The bounds every number given as a fact must keep (see `arithmetic.bounds`)."""
    return bounds(limits.max_digits, limits.max_exponent)


def _label_reader(longest: int) -> Callable[[Any], Any]:
    """A label as it is when it is already clean text (normal, printable, trimmed), else SLOW."""

    def read_label(raw: Any) -> Any:
        if (
            type(raw) is str
            and 0 < len(raw) <= longest
            and raw.isprintable()
            and is_normalized("NFKC", raw)
            and not raw[0].isspace()
            and not raw[-1].isspace()
        ):
            return raw
        return SLOW

    return read_label


def fast_reader(spec: FactSpec, limits: Limits) -> Callable[[Any], Any]:
    """A reader for the common case, a plain number or label; SLOW for everything else.

    It must agree with `read_fact` wherever it does not say SLOW: it applies the same bounds
    (`limits_bounds`), and a number out of bounds raises (ArithmeticError), which sends the fact
    the general way, where it becomes INVALID with its reason.
    """
    within = limits_bounds(limits).plus
    largest = integer_bound(limits.max_digits, limits.max_exponent)
    if spec.unit is None:
        return _label_reader(limits.max_fact_chars)
    factor = spec.unit.factor
    if factor == 1:

        def read_plain(raw: Any) -> Any:
            kind = type(raw)
            if kind is int and -largest < raw < largest:
                return raw
            if kind is float and raw - raw == 0:  # finite: read as its shortest repr, as read_fact does
                raw = Decimal(repr(raw))
                kind = Decimal
            if kind is Decimal and raw.is_finite():
                within(raw)
                return raw
            return SLOW

        return read_plain

    def read_scaled(raw: Any) -> Any:
        kind = type(raw)
        if kind is int and -largest < raw < largest:
            return EXACT.multiply(raw, factor)
        if kind is float and raw - raw == 0:
            raw = Decimal(repr(raw))
            kind = Decimal
        if kind is Decimal and raw.is_finite():
            within(raw)
            return EXACT.multiply(raw, factor)
        return SLOW

    return read_scaled


@attrs.frozen
class Invalid:
    """A fact that cannot be used, and why: a code and the values it names (engine/details.py),
    worded in the language the reason is read in."""

    detail: Phrase

    @property
    def reason(self) -> str:
        """Why, in Chinese (the tables' language)."""
        return self.detail.text("zh")


Observed = Decimal | str


class Timeline:
    """Values of one fact over time: the value in force on a day is the latest on or before it.

    `unit` is the unit the fact's values were given in, when the ruleset gave the fact none (a bare
    target, an undeclared input of a formula) and the values carried one: values are then held in
    that unit's base unit, and the evaluation says it took the unit from the fact. `note` says how
    a value was read when it was not written as a plain value (≥266米 read as 266 米)."""

    __slots__ = ("constant", "dates", "note", "unit", "values")

    def __init__(self, dates: list[date], values: list[Observed], constant: Any = MISSING) -> None:
        self.dates = dates
        self.values = values
        self.constant = constant
        self.unit: Unit | None = None
        self.note: Phrase | None = None

    def at(self, day: date) -> Any:
        if self.constant is not MISSING:
            return self.constant
        index = bisect_right(self.dates, day)
        return self.values[index - 1] if index else MISSING

    def dates_between(self, after: date, until: date) -> list[date]:
        """Observation dates d with after < d <= until."""
        return self.dates[bisect_right(self.dates, after) : bisect_right(self.dates, until)]


class _Unreadable(Exception):
    """A value refused: the code of why, and the values that code names (engine/details.py)."""

    def __init__(self, code: str, /, **values: Any) -> None:
        super().__init__(code)
        self.detail = detail(code, **values)


class _Reading:
    """What reading facts for one ruleset needs: its units and its limits."""

    def __init__(self, units: Mapping[str, Unit], limits: Limits, attainment: frozenset[str] = frozenset()) -> None:
        self.units = units
        self.limits = limits
        self.within = limits_bounds(limits)
        self.attainment = attainment
        self.adopted: Unit | None = None
        """The unit a fact without one of its own was given in (see `Timeline.unit`)."""
        self.note: Phrase | None = None


def read_fact(
    spec: FactSpec, raw: Any, units: Mapping[str, Unit], limits: Limits, attainment: frozenset[str] = frozenset()
) -> Timeline | Invalid:
    """Read one raw fact value as `spec` requires. A quantity given as one of the `attainment` words
    (完成, 达成预期指标) is read as that word: the reviewer asserts the target was met."""
    reading = _Reading(units, limits, attainment)
    try:
        if isinstance(raw, list):
            timeline = _history(spec, raw, reading)
        elif isinstance(raw, dict):
            timeline = _history(spec, [raw], reading)
        else:
            timeline = Timeline([], [], _value(spec, raw, reading))
    except _Unreadable as problem:
        return Invalid(problem.detail)
    timeline.unit, timeline.note = reading.adopted, reading.note
    return timeline


def read_number(raw: Any, limits: Limits) -> Decimal | Invalid:
    """A plain number given as a fact of its own (a reviewer's score), read and bounded as facts are."""
    try:
        return _quantity(PLAIN, raw, _Reading({}, limits))
    except _Unreadable as problem:
        return Invalid(problem.detail)


def _history(spec: FactSpec, raw: list[Any], units: _Reading) -> Timeline:
    observations = []
    for item in raw:
        if not isinstance(item, dict):
            raise _Unreadable("history-item-undated", given=_show(item))
        if set(item) == {"value", "date"} and is_blank(item["value"]):
            parse_date(item["date"])  # a blank cell is no observation, but its date must still be one
            continue
        observations.append(_dated(spec, item, units))
    observations.sort(key=lambda observation: observation[0])
    for (first, _), (second, _) in itertools.pairwise(observations):
        if first == second:
            raise _Unreadable("same-day-twice", day=first)
    return Timeline([day for day, _ in observations], [value for _, value in observations])


def _dated(spec: FactSpec, raw: dict[str, Any], units: _Reading) -> tuple[date, Observed]:
    if set(raw) != {"value", "date"}:
        raise _Unreadable("dated-value-keys", keys=", ".join(map(str, raw)) or detail("empty-object"))
    return parse_date(raw["date"]), _value(spec, raw["value"], units)


def iso_date(text: str) -> date | None:
    """The day `text` names when it is written YYYY-MM-DD in ASCII digits and exists, else None."""
    if _ISO_DATE.fullmatch(text) is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str) or not _ISO_DATE.fullmatch(raw):
        raise _Unreadable("bad-date", given=_show(raw))
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise _Unreadable("no-such-date", given=raw) from None


def _value(spec: FactSpec, raw: Any, reading: _Reading) -> Observed:
    if spec.unit is None:
        return _label(raw, reading)
    if isinstance(raw, str) and reading.attainment:
        text = _text(raw, reading)
        if text in reading.attainment:
            return text
    return _quantity(spec.unit, raw, reading)


def _label(raw: Any, reading: _Reading) -> str:
    if not isinstance(raw, str):
        raise _Unreadable("not-a-label", given=_show(raw))
    label = _text(raw, reading)
    if not label:
        raise _Unreadable("empty-label")
    return label


def _text(raw: str, reading: _Reading) -> str:
    """Text of a fact, NFKC-normalised and trimmed; refused if too long or holding hidden characters."""
    if len(raw) > reading.limits.max_fact_chars:
        raise _Unreadable("text-too-long", length=f"{len(raw):,}", limit=f"{reading.limits.max_fact_chars:,}")
    text = normalize(raw)[0].strip()
    stray = next((char for char in text if refused(char)), None)
    if stray is not None:
        raise _Unreadable("hidden-character", given=_show(raw), char=f"U+{ord(stray):04X}")
    return text


def _quantity(unit: Unit, raw: Any, reading: _Reading) -> Decimal:
    limits = reading.limits
    if isinstance(raw, bool) or raw is None:
        raise _Unreadable("not-a-number", given=_show(raw))
    if isinstance(raw, int):
        if abs(raw) >= 10**limits.max_digits:
            raise _Unreadable("too-many-digits", digits=limits.max_digits)
        amount = Decimal(raw)
    elif isinstance(raw, float):
        # float(raw): a subclass's repr may not be the number's (NumPy 2 prints np.float64(0.1))
        amount = Decimal(repr(float(raw))) if math.isfinite(raw) else Decimal("NaN")
    elif isinstance(raw, Decimal):
        amount = raw
    elif isinstance(raw, str):
        amount, unit = _parse_quantity(raw, unit, reading)
    elif (number := numpy_number(raw)) is not None:
        return _quantity(unit, number, reading)
    else:
        raise _Unreadable("unsupported-type", type=type(raw).__name__)
    if not amount.is_finite():
        raise _Unreadable("not-finite", given=_show(raw))
    problem = bounds_problem(reading.within, amount)
    if problem == "digits":
        raise _Unreadable("too-many-digits", digits=limits.max_digits)
    if problem is not None:
        raise _Unreadable("out-of-range", exponent=limits.max_exponent)
    if unit.factor == 1:
        return amount
    try:
        return EXACT.multiply(amount, unit.factor)
    except ArithmeticError:
        raise _Unreadable("inexact-conversion", given=_show(raw)) from None


def _parse_quantity(raw: str, expected: Unit, reading: _Reading) -> tuple[Decimal, Unit]:
    units = reading.units
    text = _text(raw, reading)
    match = _NUMBER.fullmatch(text)
    if match is None:
        raise _Unreadable("not-a-number", given=_show(raw))
    comparator, sign, digits, unit_text = match.groups()
    if _EXPONENT.match(unit_text):
        raise _Unreadable("exponent", given=_show(raw))
    if _GROUPING.match(unit_text) or ("," in digits and _DIGIT_AFTER.match(unit_text)):
        raise _Unreadable("bad-grouping", given=_show(raw))
    amount = Decimal((sign or "") + digits.replace(",", ""))
    if comparator and reading.note is None:
        read = (sign or "") + digits + (unit_text and " " + unit_text)
        reading.note = detail("written-as", written=printable(text), read=read)
    if not unit_text:
        return amount, expected
    unit = units.get(unit_text)
    if unit is None:
        raise _Unreadable("unknown-unit", unit=unit_text)
    if expected.name == "":  # the ruleset gave the fact no unit: it takes the one it comes with
        return amount, _adopt(unit, reading)
    if unit.dimension != expected.dimension:
        raise _Unreadable("other-dimension", unit=unit_text, expected=expected.name)  # named: plain adopts above
    return amount, unit


def _adopt(unit: Unit, reading: _Reading) -> Unit:
    """A fact the ruleset gave no unit takes the unit its values carry; every value of one fact
    must then carry the same dimension."""
    if reading.adopted is not None and reading.adopted.dimension != unit.dimension:
        raise _Unreadable("mixed-dimensions", first=reading.adopted.name, second=unit.name)
    if reading.adopted is None or unit.factor < reading.adopted.factor:
        reading.adopted = unit  # shown in the smallest unit given, so no value needs rounding to show
    return unit


def _show(raw: Any) -> str | Phrase:
    """A fact value quoted in a reason: short, with unprintable characters spelled U+XXXX."""
    if isinstance(raw, str):
        text = raw if len(raw) <= 40 else raw[:40] + "…"
        return "“" + printable(text) + "”"
    if isinstance(raw, Decimal):
        return number_text(raw)[:40]
    if isinstance(raw, int):
        if abs(raw) < 10**40:
            return str(raw)
        return detail("long-integer", digits=len(str(abs(raw))) if abs(raw) < 10**4000 else "4000+")
    return printable(repr(raw)[:40])
