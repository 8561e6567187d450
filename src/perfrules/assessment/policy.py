"""How to score: every choice real provincial systems make differently, one field each."""

from __future__ import annotations

from decimal import Decimal

import attrs

from ..errors import UsageError
from ..errors.text import shown
from ..quantities.arithmetic import setting


def _positive_places(_instance: object, _attribute: object, value: object) -> None:
    if type(value) is not int or not 0 <= value <= 4:
        raise UsageError(f"places must be a whole number from 0 to 4, not {shown(value)}")


def _reverse(_instance: object, _attribute: object, value: object) -> None:
    if value not in ("linear", "ratio"):
        raise UsageError(f"reverse must be 'linear' or 'ratio', not {shown(value)}")


def _qualitative_default(_instance: object, _attribute: object, value: object) -> None:
    if value not in ("full", "lower"):
        raise UsageError(f"qualitative must be 'full' or 'lower', not {shown(value)}")


def _decimal(value: object) -> Decimal:
    return setting(value)


@attrs.frozen
class ScoringPolicy:
    """How to score; every field is a choice real provincial systems make differently.

    Raises UsageError for a field outside its choices (a `reverse` or `qualitative` not named
    below, `places` not from 0 to 4, a share that is not a number).
    """

    reverse: str = attrs.field(default="linear", validator=_reverse)
    """For ≤ and < targets missed: "linear" falls to 0 at twice the target, "ratio" scores t/a."""
    places: int = attrs.field(default=2, validator=_positive_places)
    """Decimal places each indicator's score is rounded to (half-up); 0 for whole points."""
    exclude_not_applicable: bool = False
    """Leave out indicators listed under 不适用 and rescale the rest to 100."""
    overachievement: Decimal = attrs.field(default=Decimal("1.3"), converter=_decimal)
    """An actual at or above this multiple of its target asks for an explanation."""
    execution_floor: Decimal = attrs.field(default=Decimal("0.9"), converter=_decimal)
    """Budget execution below this share asks for an explanation."""
    execution_indicator: str = "预算执行率"
    qualitative: str = attrs.field(default="full", validator=_qualitative_default)
    """A met qualitative indicator without a reviewer's score: "full" weight, as published tables give
    it, or "lower", the top band's lower bound (80%), the conservative reading."""
