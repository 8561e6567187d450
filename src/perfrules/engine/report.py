"""Reports: indicator name → result for one fact set, built when looked at; and batches of them.

Evaluation itself only decides records (engine/status.py); an `EvaluationReport` turns a record into an
`IndicatorResult` the first time it is asked for, which is what keeps batches fast. The report's
public surface (as_of, year, weights, facts, limits, budget, value_of, base) is all that scoring
and monitoring read of it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar, overload

from ..errors import FactsError, UnknownName, UsageError
from ..errors.phrases import Phrase, language_of
from ..errors.text import shown
from ..language.limits import Limits
from ..language.weights import Weights
from ..quantities.arithmetic import EXACT
from ..quantities.units import Unit
from ..quantities.values import Quantity, value_json
from . import factset, reasons
from .facts import MISSING as NOTHING
from .facts import Invalid
from .general import General, shown_quantity
from .plan import Plan
from .program import Program
from .results import IndicatorResult, result_of
from .status import STATUS_ORDER, Outcome, Status, Why, codes_of, status_of
from .trace import Trace, trace_of


class EvaluationReport(Mapping[str, IndicatorResult]):
    """Indicator name → result, in source order; formula values and warnings beside them."""

    __slots__ = ("_facts", "_formulas", "_general", "_plan", "_program", "_records", "_results", "_warnings")

    def __init__(
        self,
        program: Program,
        plan: Plan,
        facts: Mapping[str, Any],
        records: list[Any],
        general: General | None,
    ) -> None:
        self._program = program
        self._plan = plan
        self._facts = facts
        self._records = records
        self._general = general
        self._results: dict[str, IndicatorResult] | None = None
        self._warnings: tuple[Phrase, ...] | None = None
        self._formulas: dict[str, Quantity | None] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its program (its text), date, facts and records: the rest is made again."""
        return type(self), (self._program, self._plan, dict(self._facts), self._records, None)

    # what scoring, monitoring and explanations read

    @property
    def as_of(self) -> date | None:
        """The evaluation date (None when the ruleset has neither a year nor deadlines)."""
        return self._plan.as_of

    @property
    def year(self) -> int | None:
        """The ruleset's year."""
        return self._program.year

    @property
    def weights(self) -> Weights:
        """Each indicator's and group's weight (分值), and which rule gave them."""
        return self._program.weights

    @property
    def facts(self) -> Mapping[str, Any]:
        """The facts as evaluated (compound facts under their parts' names), read-only."""
        return MappingProxyType(self._facts)

    @property
    def limits(self) -> Limits:
        """The limits the ruleset was compiled with: facts given beside it keep them too."""
        return self._program.limits

    @property
    def units(self) -> Mapping[str, Unit]:
        """The ruleset's units, built-in and declared: a fact it does not declare is read by them."""
        return self._program.units

    @property
    def budget(self) -> dict[str, Quantity]:
        """The budget lines in their written units, in source order."""
        return {name: shown_quantity(amount, unit) for name, amount, unit in self._program.budget}

    def value_of(self, fact: str) -> Quantity | str | None:
        """A fact's value in force on the evaluation date: a quantity in the fact's unit, a label,
        or None when nothing is in force.

        Raises UnknownName for a fact the ruleset does not declare; FactsError when the fact's
        value cannot be used (its indicators are INVALID).
        """
        spec = self._program.facts.get(fact)
        if spec is None:
            raise UnknownName(fact, "a fact", self._program.facts)
        state = self._general_path().moment(self._plan.day).fact(fact)
        if state is NOTHING:
            return None
        if isinstance(state, Invalid):
            raise FactsError(reasons.problem(Outcome(Why.INVALID_FACT, (fact,), state.detail)).text())
        return state if spec.unit is None else shown_quantity(state, spec.unit)

    def base(self, quantity: Quantity) -> Decimal:
        """A quantity's amount in its dimension's base unit, by this ruleset's units (1 万元 → 10000).
        Raises UsageError for a unit the ruleset does not know."""
        unit = self._program.units.get(quantity.unit) if quantity.unit else None
        if quantity.unit and unit is None:
            raise UsageError(f"{quantity.unit} is not a unit of this ruleset")
        return quantity.amount if unit is None else EXACT.multiply(quantity.amount, unit.factor)

    # the mapping

    def __getitem__(self, name: str) -> IndicatorResult:
        """An indicator's result, built the first time it is asked for. Raises UnknownName (also a
        KeyError) for a name that is not an indicator of the ruleset."""
        if self._results is None:
            self._results = {}
        result = self._results.get(name) if isinstance(name, str) else None  # a list cannot be a key
        if result is None:
            position = self._position(name)
            indicator = self._program.indicators[position]
            result = self._results[name] = result_of(indicator, self._records[position], self._plan)
        return result

    def _position(self, name: str) -> int:
        position = self._plan.index.get(name) if isinstance(name, str) else None
        if position is None:
            raise UnknownName(name, "an indicator", self._plan.index)
        return position

    def __contains__(self, name: object) -> bool:
        return name in self._plan.index if isinstance(name, str) else False

    def __iter__(self) -> Iterator[str]:
        return iter(self._plan.index)

    def __len__(self) -> int:
        return len(self._records)

    def status(self, name: str) -> Status:
        """The status alone, without building the result. Raises UnknownName for a name that is not
        an indicator of the ruleset."""
        return status_of(self._records[self._position(name)])

    def statuses(self) -> list[Status]:
        """Every indicator's status, in source order, without building results. Raises nothing."""
        return [STATUS_ORDER[code] for code in codes_of(self._records)]

    def codes(self) -> list[int]:
        """Every indicator's status as its integer `Status.code`, in source order: for counting
        and tallying many reports without a Status object per indicator. Raises nothing."""
        return codes_of(self._records)

    def count(self, status: Status) -> int:
        """How many indicators have `status`. Raises UsageError for something not a Status."""
        if not isinstance(status, Status):
            raise UsageError(f"count takes a Status, such as Status.MET, not {shown(status)}")
        return codes_of(self._records).count(status.code)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Facts the ruleset does not use, and facts that tried to override a formula, in Chinese."""
        return self.warnings_in("zh")

    @property
    def warning_codes(self) -> tuple[str, ...]:
        """The warnings' stable codes (docs/api.md), in the same order."""
        return tuple(warning.code for warning in self._said_warnings())

    def warnings_in(self, language: str) -> tuple[str, ...]:
        """The warnings in "zh" or "en". Raises UsageError for any other language."""
        language = language_of(language)
        return tuple(warning.text(language) for warning in self._said_warnings())

    def _said_warnings(self) -> tuple[Phrase, ...]:
        if self._warnings is None:
            self._warnings = factset.warnings(self._program, self._facts)
        return self._warnings

    @property
    def formulas(self) -> dict[str, Quantity | None]:
        """Formula name → value on the evaluation date (None when it cannot be computed)."""
        if self._formulas is None:
            self._formulas = self._general_path().formula_values()
        return self._formulas

    def trace(self, name: str) -> Trace:
        """How an indicator (or a formula) came to its result: what `perfrules explain` shows.
        Raises UnknownName for a name that is neither an indicator nor a formula."""
        if name not in self._plan.index and name not in self._program.formulas:
            known = [*self._plan.index, *self._program.formulas]
            raise UnknownName(name, "an indicator or a formula", known)
        result = self[name] if name in self._plan.index else None
        return trace_of(self._program, self._plan, self._general_path(), name, result)

    def _general_path(self) -> General:
        """The general path of this evaluation, made when first needed."""
        if self._general is None:
            self._general = General(self._program, self._plan, self._facts)
        return self._general

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for status in self.statuses():
            counts[status.value] = counts.get(status.value, 0) + 1
        summary = ", ".join(f"{status}={count}" for status, count in counts.items())
        return f"<{type(self).__name__} as_of={self.as_of} {summary}>"

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        """JSON-ready: no floats, numbers as exact decimal strings with their unit; texts in
        `language` ("zh" or "en"), each beside its stable code.

        Raises UsageError for any other language.
        """
        language = language_of(language)
        return {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "indicators": [self[name].to_dict(language) for name in self],
            "formulas": {name: value_json(value) for name, value in self.formulas.items()},
            "warnings": list(self.warnings_in(language)),
            "warning_codes": list(self.warning_codes),
        }


AnyReport = TypeVar("AnyReport", bound=EvaluationReport)


class Reports(Sequence[AnyReport]):
    """The reports of a batch, in input order, built when looked at.

    They refer to the caller's fact sets rather than copies (a batch is large): do not change
    the fact sets while their reports are in use.
    """

    __slots__ = ("_facts", "_generals", "_kind", "_plan", "_program", "_records", "_width")

    def __init__(
        self,
        kind: type[AnyReport],
        program: Program,
        plan: Plan,
        facts: list[Mapping[str, Any]],
        records: list[Any],
        generals: dict[int, General],
    ) -> None:
        self._kind = kind
        self._program = program
        self._plan = plan
        self._facts = facts
        self._records = records
        self._generals = generals
        self._width = len(plan.steps)

    def __reduce__(self) -> tuple[Any, ...]:
        """As a report pickles (`EvaluationReport.__reduce__`), for the whole batch."""
        facts = [dict(facts) for facts in self._facts]
        return Reports, (self._kind, self._program, self._plan, facts, self._records, {})

    def __len__(self) -> int:
        return len(self._facts)

    @overload
    def __getitem__(self, index: int) -> AnyReport: ...

    @overload
    def __getitem__(self, index: slice) -> list[AnyReport]: ...

    def __getitem__(self, index: int | slice) -> AnyReport | list[AnyReport]:
        """The report of one fact set (built now), or a list of them for a slice.

        Raises IndexError for a position beyond the batch (no perfrules error).
        """
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        position = range(len(self))[index]
        start = position * self._width
        records = self._records[start : start + self._width]
        facts = self._facts[position]
        return self._kind(self._program, self._plan, facts, records, self._generals.get(position))

    def statuses(self) -> Iterator[list[Status]]:
        """Each report's statuses, without building reports. Raises nothing."""
        width = self._width
        for start in range(0, len(self._records), width):
            yield [STATUS_ORDER[code] for code in codes_of(self._records[start : start + width])]

    def count(self, status: Status) -> int:
        """How many indicators of all the reports have `status`. Raises UsageError for something
        not a Status."""
        if not isinstance(status, Status):
            raise UsageError(f"count takes a Status, such as Status.MET, not {shown(status)}")
        return codes_of(self._records).count(status.code)
