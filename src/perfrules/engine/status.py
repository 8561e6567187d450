"""Statuses, and the records evaluation keeps per indicator, with the one set of decoders for them.

A record is what evaluation decides for one condition, kept small because batches keep millions:

- `(code, value, outcome)` for a condition: `outcome` is None when the status and the value
  compared say everything (met, pending, not met), else an `Outcome` saying more (what was
  missing or invalid, a deadline passed with nothing in force, met only after the deadline);
- for a compound indicator, a tuple of its parts' records.

Codes are small integers ordered so that a compound's status is the largest of its parts' (NOT_MET,
else INVALID, else MISSING, else PENDING, else MET); integers also keep records out of the garbage
collector's way. Only this module looks inside a record.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import attrs

from ..errors.phrases import Phrase


class Status(enum.Enum):
    """Outcome of one indicator as of a date."""

    MET = "MET"
    PENDING = "PENDING"
    NOT_MET = "NOT_MET"
    MISSING = "MISSING"
    INVALID = "INVALID"
    RECORDED = "RECORDED"
    """A row with no target (预算执行率 %, 规章制度建立与否, a narrative) that was given its value."""

    def __str__(self) -> str:
        return self.value

    @property
    def code(self) -> int:
        """The status's rank in a record (see the module's docstring)."""
        return STATUS_ORDER.index(self)


STATUS_ORDER = (Status.MET, Status.PENDING, Status.MISSING, Status.INVALID, Status.NOT_MET, Status.RECORDED)
"""Statuses by code: a compound takes the largest code among its parts (a part always has a target,
so never RECORDED)."""
MET, PENDING, MISSING, INVALID, NOT_MET, RECORDED = range(6)


class Why(enum.Enum):
    """Why a condition is not simply met or unmet on its value."""

    MISSING = "missing"
    """An input has nothing in force (names: the inputs)."""
    MISSING_AT_DEADLINE = "missing-at-deadline"
    """The deadline passed with nothing in force, though a value came later (names: the inputs)."""
    INVALID_FACT = "invalid-fact"
    """A fact cannot be used (names: the fact; detail: why, the reader's `Detail`: engine/details.py)."""
    DIVISION_BY_ZERO = "division-by-zero"
    TOO_PRECISE = "too-precise"
    """A result would need more significant digits than the engine holds exactly (names: the formula)."""
    OUT_OF_RANGE = "out-of-range"
    """A result beyond 10^±1000 (names: the formula)."""
    OUTSIDE_SCALE = "outside-scale"
    """A label compared by order that is not in the target's scale."""
    LATE = "late"
    """Not met on the deadline, but met later (met_on: when)."""
    ASSERTED = "asserted"
    """Met because the actual is a word asserting it (完成, 达成预期指标), not a measured value (detail: the word)."""
    READ_AS = "read-as"
    """A value read past what was written around it (≥266米 read as 266 米) (names: the fact;
    detail: how, a `Detail`)."""
    UNIT_FROM_FACT = "unit-from-fact"
    """A fact the ruleset gives no unit came with one, and was compared in it (names: the facts; detail: the units)."""
    UNITS_DISAGREE = "units-disagree"
    """Facts that came with their own units do not fit the formula (names: the formula; detail: why, a `Detail`)."""
    WORD_IN_FORMULA = "word-in-formula"
    """A fact given as an attainment word feeds a formula, which needs a number (names: the fact; detail: the word)."""


@attrs.frozen(slots=True)
class Outcome:
    """What a record says beyond its code and value."""

    why: Why
    names: tuple[str, ...] = ()
    detail: str | Phrase = ""
    """A word or label as written, or a `Detail` (engine/details.py) said in the reason's language."""
    met_on: date | None = None


NOTES = frozenset([Why.ASSERTED, Why.READ_AS, Why.UNIT_FROM_FACT])
"""Outcomes that say how a value was read, beside a status they do not change."""


def is_compound(record: Any) -> bool:
    """Whether the record is a compound indicator's tuple of part records."""
    return type(record[0]) is not int


def codes_of(records: list[Any]) -> list[int]:
    """Each record's code: a plain record's first item, a compound's largest part code."""
    return [record[0] if type(record[0]) is int else code_of(record) for record in records]


def code_of(record: Any) -> int:
    if type(record[0]) is int:
        return int(record[0])
    return max(int(part[0]) for part in record)


def status_of(record: Any) -> Status:
    return STATUS_ORDER[code_of(record)]


def value_of(record: Any) -> Any:
    """The value a simple condition's record compared (None when there was none)."""
    return record[1]


def outcome_of(record: Any) -> Outcome | None:
    """What a simple condition's record says beyond its code and value, if anything."""
    return record[2]  # type: ignore[no-any-return]
