"""What goes in an exported cell: a target as tables print it, a value as a number with its
number format, a score, and a formula as the ruleset writes it.

A target cell is text an importer reads back into the same target, so it is printed the way the
tables print it and the language reads it: the comparator glued to the number and its unit
(`≥90%`, `≥2轮`), a qualitative equality as the word alone (`相关`), a compound's parts joined
by `；` (`培训≥5次；知识测试≥5次`), and a deadline other than the year end after a space
(` 2023年10月31日前`). A value is a number wherever it is one: a rate as its fraction under
`0.00%` (calamine and pandas read 0.92, never the text "92%"), an amount under `#,##0.00`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping
from datetime import date
from decimal import Decimal

from ..api import Indicator, Report
from ..engine.trace import FormulaTrace, NodeTrace
from ..quantities.arithmetic import plain
from ..quantities.comparators import Comparator
from ..quantities.units import Dimension, Unit
from ..quantities.values import Measure, Quantity, Target, Value
from .export_model import DATE, EMPTY, GENERAL, MONEY, RATE, ExportCell

PARTS_BETWEEN = "；"
"""Between a compound's parts, in a target cell and a value cell alike."""
_MONEY = Dimension.of("元")


def target_text(indicator: Indicator, year_end: date | None) -> str:
    """The 指标值 cell: the indicator's target as tables print it, deadline included."""
    if indicator.parts:
        return PARTS_BETWEEN.join(
            part.name + _target(part.target, alone=False) + _due(part.deadline, year_end) for part in indicator.parts
        )
    target = indicator.target
    if isinstance(target, Measure):
        return target.unit  # a row that records a value has no target: its unit at most (%, 万元)
    assert isinstance(target, Target)  # a target mapping belongs to a compound, which has parts
    return _target(target, alone=True) + _due(indicator.deadline, year_end)


def _target(target: Target, *, alone: bool) -> str:
    """`≥90%`; a label compared for equality is the word alone, unless a part's name precedes it."""
    value = target.value
    basis = "" if target.basis is None else f"（{target.basis}）"
    if isinstance(value, str):
        sign = "" if alone and target.comparator is Comparator.EQ else target.comparator.sign
        return sign + value + basis
    return target.comparator.sign + plain(value.amount) + value.unit + basis


def _due(deadline: date | None, year_end: date | None) -> str:
    """` 2023年10月31日前` for a deadline before (or after) the year end; the year end goes unsaid."""
    if deadline is None or deadline == year_end:
        return ""
    return f" {deadline.year}年{deadline.month}月{deadline.day}日前"


def value_cell(value: Value | Mapping[str, Value | None] | None, units: Mapping[str, Unit]) -> ExportCell:
    """An actual as Excel should hold it: a number with its format, text for a word, a compound's
    parts as text (`培训6次；知识测试5次`), nothing for no value."""
    if value is None:
        return EMPTY
    if isinstance(value, str):
        return ExportCell(value)
    if isinstance(value, Quantity):
        return quantity_cell(value, units)
    return ExportCell(
        PARTS_BETWEEN.join(name + ("—" if part is None else _value_text(part)) for name, part in value.items())
    )


def _value_text(value: Value) -> str:
    return value if isinstance(value, str) else plain(value.amount) + value.unit


def quantity_cell(quantity: Quantity, units: Mapping[str, Unit], *, money_unit: str | None = None) -> ExportCell:
    """A rate as its fraction under `0.00%`; money under `#,##0.00`, its unit shown after the number
    unless it is `money_unit`, the one a block's label declares; a count with its word (`2次`)."""
    unit = units.get(quantity.unit)
    if quantity.unit == "%" or (unit is not None and unit.name == "%"):
        return ExportCell(float(quantity.amount / 100), RATE)
    if unit is not None and unit.dimension == _MONEY:
        shown = "" if quantity.unit == money_unit else _literal(quantity.unit)
        return ExportCell(float(quantity.amount), MONEY + shown)
    if not quantity.unit:
        return ExportCell(float(quantity.amount), GENERAL)
    return ExportCell(float(quantity.amount), GENERAL + _literal(quantity.unit))


def _literal(text: str) -> str:
    """Text a number format shows as written (a quote or backslash in it could not be)."""
    return '"' + text.replace('"', "").replace("\\", "") + '"'


def score_cell(score: Decimal | None, places: int) -> ExportCell:
    """A score or weight under `0.00` (as many places as the policy rounds to); None stays empty."""
    number_format = "0." + "0" * places if places else "0"
    return ExportCell(None if score is None else float(score), number_format)


def rate_cell(share: Decimal | None) -> ExportCell:
    return ExportCell(None if share is None else float(share), RATE)


def date_cell(day: date | None) -> ExportCell:
    return ExportCell(day, DATE)


def text_cell(text: str | None) -> ExportCell:
    return ExportCell(text or None)


def formula_lines(report: Report, name: str, formulas: Collection[str]) -> tuple[str, ...]:
    """`name=expression` for the formula an indicator compares and every formula it reads, those
    read first, each expression exactly as the ruleset writes it (its span in the source, as
    `perfrules explain` shows it), so an importer can read the definitions back."""
    texts: dict[str, str] = {}
    order: list[str] = []
    pending: list[tuple[str, bool]] = [(name, False)]
    while pending:
        current, read = pending.pop()
        if read:
            order.append(current)
            continue
        if current in texts:
            continue
        formula = _formula(report, current)
        texts[current] = formula.text
        pending.append((current, True))
        pending.extend((reference, False) for reference in _references(formula.root, formulas))
    return tuple(f"{formula}={texts[formula]}" for formula in order)


def _formula(report: Report, name: str) -> FormulaTrace:
    formula = report.trace(name).readings[0].formula
    assert formula is not None  # asked only for formulas and indicators comparing one
    return formula


def _references(root: NodeTrace, formulas: Collection[str]) -> list[str]:
    """The formulas an expression names, right to left (so that a stack reads them left to right)."""
    found: list[str] = []
    pending = [root]
    while pending:
        node = pending.pop()
        pending.extend(node.operands)
        name = unicodedata.normalize("NFKC", node.text).strip("`")
        if not node.operands and name in formulas and name not in found:
            found.append(name)
    return found
