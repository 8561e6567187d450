"""What the checker's passes learn about a ruleset, in one explicit object.

Each field says which pass writes it; later passes only read it. A pass is a function of the
document and the scope that yields the problems it finds (language/check/__init__.py runs them
in order), so the state the passes share is visible here and nowhere else.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import attrs

from ...errors import Diagnostic, Source, Span
from ...quantities.guesses import guess_unit
from ...quantities.units import PLAIN, Dimension, Unit, builtin_units
from .. import syntax
from ..checked import BudgetItem, CheckedIndicator, part_fact
from ..limits import Limits
from ..messages import Messages
from ..parser import deadline_spelling
from ..weights import Weights

_DIGITS = frozenset("0123456789０１２３４５６７８９")


@attrs.define
class Scope:
    document: syntax.Document
    source: Source
    limits: Limits
    say: Messages
    units: dict[str, Unit] = attrs.Factory(builtin_units)
    """Units by name (the units pass adds the ruleset's own)."""
    scales: dict[str, tuple[dict[str, int], int]] = attrs.Factory(dict)
    """Label → (its scale's ranks, the scale's index) (the units pass)."""
    department: str | None = None
    year: int | None = None
    defined: dict[str, tuple[str, Span]] = attrs.Factory(dict)
    """Budget constants and formulas: name → (kind, where) (the declarations pass)."""
    constants: dict[str, tuple[Decimal, Unit]] = attrs.Factory(dict)
    budget: tuple[BudgetItem, ...] = ()
    formulas: dict[str, syntax.Formula] = attrs.Factory(dict)
    """Formulas by name, the first of each name (the declarations pass)."""
    fact_units: dict[str, tuple[Unit, Span]] = attrs.Factory(dict)
    """Quantity facts: declared (declarations), inferred from targets (facts), read by formulas (formulas)."""
    declared_facts: set[str] = attrs.Factory(set)
    label_facts: dict[str, dict[str, int] | None] = attrs.Factory(dict)
    compound_names: set[str] = attrs.Factory(set)
    ordered: list[syntax.Formula] = attrs.Factory(list)
    """Well-typed formulas in dependency order (the formulas pass)."""
    cyclic: set[str] = attrs.Factory(set)
    dimensions: dict[str, Dimension] = attrs.Factory(dict)
    displays: dict[str, Unit] = attrs.Factory(dict)
    formula_facts: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    """Formula → the facts it reads, other formulas followed through (the formulas pass)."""
    indicators: tuple[CheckedIndicator, ...] = ()
    weights: Weights | None = None

    def unit(self, name: str | None, span: Span | None) -> Unit | Diagnostic | None:
        """A unit word resolved: PLAIN for none, the unknown-unit problem when unknown (None when
        there is no place to point at)."""
        if name is None:
            return PLAIN
        unit = self.units.get(name)
        if unit is None and span is not None:
            deadline = self._deadline_before(span)
            if deadline is not None:  # 10月底钱: a deadline mistyped, read as 10 of a unit 月底钱
                return self.say.deadline_as_unit(span, name, deadline)
            return self.say.unknown_unit(span, name, guess_unit(name, self.units))
        return unit

    def _deadline_before(self, span: Span) -> str | None:
        """The deadline a number and the unit word right after it likely mean (10月底钱), if any."""
        text, start = self.source.text, span.start
        while start > 0 and text[start - 1] in _DIGITS:
            start -= 1
        if start == span.start:
            return None
        return deadline_spelling(unicodedata.normalize("NFKC", text[start : span.end]))

    def line_of(self, span: Span) -> int:
        return self.source.line_column(span.start)[0]


def conditions(document: syntax.Document) -> list[tuple[str, syntax.Name, syntax.Comparison]]:
    """(subject, name node, comparison) for every simple indicator and compound part."""
    found = []
    for indicator in document.indicators:
        if isinstance(indicator, syntax.SimpleIndicator):
            found.append((indicator.name.text, indicator.name, indicator.comparison))
        else:
            for part in indicator.parts:
                found.append((part_fact(indicator.name.text, part.name.text), part.name, part.comparison))
    return found
