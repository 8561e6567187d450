"""The three sheets perfrules exports, laid out as data: the 绩效自评表 from a scorecard, the
绩效监控表 from a monitoring sheet, the 绩效目标表 from the ruleset itself.

The words a cell says (偏差原因, 完成目标可能性, 预警灯, 原因) are the ones `perfrules score` and
`perfrules monitor` print, taken from their layouts (reports/sheets.py), so a workbook and a
printed sheet never disagree; the numbers are the values perfrules computed, as numbers.
"""

from __future__ import annotations

from datetime import date

from ..api import Indicator, Report, Ruleset
from ..assessment.monitoring import MonitoringPolicy, MonitoringSheet
from ..assessment.scoring import Scorecard, ScoringPolicy
from ..quantities.arithmetic import plain
from ..reports.sheets import LIGHT_COLOURS, monitor_layout, score_layout
from ..reports.wording import word
from .export_cells import (
    date_cell,
    formula_lines,
    quantity_cell,
    rate_cell,
    score_cell,
    target_text,
    text_cell,
    value_cell,
)
from .export_model import EMPTY, ExportCell, ExportedSheet, GridColumn, GridRow, MoneyBlock
from .export_words import term

_SHAPES = {
    "level1": (14, False),
    "level2": (18, False),
    "name": (26, False),
    "target": (20, False),
    "actual": (16, False),
    "weight": (9, False),
    "score": (9, False),
    "deadline": (12, False),
    "likelihood": (14, False),
    "light": (9, False),
    "deviation": (40, True),
    "explanation": (60, True),
}
"""Each grid field's column width (in characters) and whether its text is left-aligned."""
WEIGHT_PLACES = 2
"""Decimal places a ruleset's own weights are shown with (a scorecard's follow its policy)."""


def _column(field: str, header: str) -> GridColumn:
    width, left = _SHAPES[field]
    return GridColumn(field, header, width, left)


def _levels(group: tuple[str, ...]) -> tuple[ExportCell, ExportCell]:
    level1, level2 = (*group, "", "")[:2]
    return text_cell(level1), text_cell(level2)


def _year_end(ruleset: Ruleset) -> date | None:
    return None if ruleset.year is None else date(ruleset.year, 12, 31)


def _frame(ruleset: Ruleset, kind: str, language: str) -> tuple[str, str, str | None]:
    """The worksheet's name, its title row and its year row."""
    name = term(kind, language)
    title = term("titled", language, department=ruleset.department, sheet=name) if ruleset.department else name
    year = None if ruleset.year is None else term("year", language, year=ruleset.year)
    return name, title, year


def _identity(ruleset: Ruleset, as_of: date | None, language: str) -> tuple[tuple[str, ExportCell], ...]:
    unit = (term("unit-name", language), text_cell(ruleset.department))
    return (unit,) if as_of is None else (unit, (term("as-of", language), date_cell(as_of)))


class _Described:
    """The cells every sheet starts an indicator's row with: its levels, name, target and value."""

    def __init__(self, ruleset: Ruleset, report: Report) -> None:
        self.indicators = {indicator.name: indicator for indicator in ruleset.indicators}
        self.year_end = _year_end(ruleset)
        self.report = report

    def cells(self, name: str, group: tuple[str, ...]) -> tuple[ExportCell, ...]:
        target = target_text(self.indicators[name], self.year_end)
        value = value_cell(self.report[name].value, self.report.units)
        return (*_levels(group), text_cell(name), text_cell(target), value)


def self_evaluation(ruleset: Ruleset, report: Report, policy: ScoringPolicy | None, language: str) -> ExportedSheet:
    """The 绩效自评表: every indicator's target, actual, 分值, 得分 and 偏差原因, the total and grade."""
    card = report.score(policy)
    places = card.policy.places
    printed = score_layout(card, ruleset.department or "", language).tables[0].rows
    described = _Described(ruleset, report)
    rows = tuple(
        GridRow(
            (
                *described.cells(row.name, row.group),
                score_cell(row.weight, places),
                score_cell(row.score, places),
                text_cell(line[-1]),
            )
        )
        for row, line in zip(card.rows, printed[:-1], strict=True)
    )
    keys = ("level1", "level2", "indicator", "year-target", "actual", "weight", "score")
    fields = ("level1", "level2", "name", "target", "actual", "weight", "score")
    columns = (
        *(_column(field, word(key, language)) for field, key in zip(fields, keys, strict=True)),
        _column("deviation", term("deviation-analysis", language)),
    )
    grade = word(card.grade, language)
    total = (score_cell(card.weight, places), score_cell(card.total, places))
    totals = (text_cell(word("sum", language)), EMPTY, EMPTY, EMPTY, EMPTY, *total)
    name, title, year = _frame(ruleset, "self-evaluation", language)
    return ExportedSheet(
        kind="self-evaluation",
        name=name,
        title=title,
        year=year,
        identity=_identity(ruleset, report.as_of, language),
        money=_scored_funds(ruleset, report, card, language),
        columns=columns,
        rows=rows,
        totals=GridRow((*totals, text_cell(word("grade-cell", language, grade=grade)))),
        notes=(
            (term("conclusion", language), word("total-line", language, total=plain(card.total), grade=grade)),
            (term("problems", language), ""),
            (term("measures", language), ""),
        ),
        signatures=term("signatures", language),
    )


def _scored_funds(ruleset: Ruleset, report: Report, card: Scorecard, language: str) -> MoneyBlock | None:
    """The money block of a 自评表: each budget line; on the budget's own line the amount executed,
    the execution rate, and the 分值 and 得分 the scorecard gives 预算执行率."""
    if not ruleset.budget:
        return None
    unit = next(iter(ruleset.budget.values())).unit
    main = MonitoringPolicy().budget_name
    main = main if main in ruleset.budget else next(iter(ruleset.budget))
    execution = report.monitor() if report.as_of is not None else None
    scored = next((row for row in card.rows if row.name == card.policy.execution_indicator), None)
    if scored is not None:
        rate = value_cell(report[scored.name].value, report.units)
        points = (score_cell(scored.weight, card.policy.places), score_cell(scored.score, card.policy.places))
    else:
        rate = rate_cell(None if execution is None else execution.execution_progress)
        points = (EMPTY, EMPTY)
    executed = None if execution is None else execution.executed
    rows = []
    for name, amount in ruleset.budget.items():
        cells = (text_cell(name), quantity_cell(amount, report.units, money_unit=unit))
        if name == main:
            done = EMPTY if executed is None else quantity_cell(executed, report.units, money_unit=unit)
            rows.append((*cells, done, rate, *points))
        else:
            rows.append((*cells, EMPTY, EMPTY, EMPTY, EMPTY))
    header = tuple(term(key, language) for key in ("fund-item", "budget", "executed", "execution-rate"))
    header += (word("weight", language), word("score", language))
    return MoneyBlock(term("funds", language, unit=unit), header, tuple(rows))


def monitoring(ruleset: Ruleset, report: Report, policy: MonitoringPolicy | None, language: str) -> ExportedSheet:
    """The 绩效监控表: budget execution against time, and each indicator's outlook, as `perfrules
    monitor` prints it."""
    sheet = report.monitor(policy)
    printed = monitor_layout(sheet, ruleset.department or "", language).tables[1].rows
    described = _Described(ruleset, report)
    rows = tuple(
        GridRow(
            (
                *described.cells(row.name, row.group),
                date_cell(row.deadline),
                *(text_cell(text) for text in line[6:]),
            ),
            LIGHT_COLOURS[row.light],
        )
        for row, line in zip(sheet.rows, printed, strict=True)
    )
    keys = ("level1", "level2", "indicator", "target", "current", "deadline", "likelihood", "light", "reason")
    fields = ("level1", "level2", "name", "target", "actual", "deadline", "likelihood", "light", "deviation")
    name, title, year = _frame(ruleset, "monitoring", language)
    return ExportedSheet(
        kind="monitoring",
        name=name,
        title=title,
        year=year,
        identity=_identity(ruleset, sheet.as_of, language),
        money=_execution(sheet, report, language),
        columns=tuple(_column(field, word(key, language)) for field, key in zip(fields, keys, strict=True)),
        rows=rows,
        totals=None,
        notes=((term("problems", language), ""), (term("measures", language), "")),
        signatures=term("signatures", language),
    )


def _execution(sheet: MonitoringSheet, report: Report, language: str) -> MoneyBlock | None:
    """The money block of a 监控表: 年初预算数, 执行数, their ratio against the year elapsed, 预警."""
    if sheet.budget is None:
        return None
    unit = sheet.budget.unit
    executed = EMPTY if sheet.executed is None else quantity_cell(sheet.executed, report.units, money_unit=unit)
    row = (
        quantity_cell(sheet.budget, report.units, money_unit=unit),
        executed,
        rate_cell(sheet.execution_progress),
        rate_cell(sheet.time_progress),
        rate_cell(sheet.deviation),
        text_cell(sheet.warning_in(language) or word("no-warning", language)),
    )
    keys = ("budget", "executed", "execution-progress", "time-progress", "deviation", "warning")
    return MoneyBlock(term("execution", language, unit=unit), tuple(word(key, language) for key in keys), (row,))


def targets(ruleset: Ruleset, report: Report, language: str) -> ExportedSheet:
    """The 绩效目标表: each indicator's target, its weight when the ruleset gives one, and what the
    ruleset says of it (its description, then its formulas as written)."""
    year_end = _year_end(ruleset)
    rows = tuple(
        GridRow(
            (
                *_levels(indicator.group),
                text_cell(indicator.name),
                text_cell(target_text(indicator, year_end)),
                score_cell(indicator.weight, WEIGHT_PLACES),
                text_cell(_explanation(indicator, report, ruleset)),
            )
        )
        for indicator in ruleset.indicators
    )
    weights = [indicator.weight for indicator in ruleset.indicators if indicator.weight is not None]
    totals = None
    if weights:
        total = score_cell(sum(weights[1:], weights[0]), WEIGHT_PLACES)
        totals = GridRow((text_cell(word("sum", language)), EMPTY, EMPTY, EMPTY, total, EMPTY))
    name, title, year = _frame(ruleset, "targets", language)
    return ExportedSheet(
        kind="targets",
        name=name,
        title=title,
        year=year,
        identity=_identity(ruleset, None, language),
        money=_funds(ruleset, report, language),
        columns=(
            _column("level1", word("level1", language)),
            _column("level2", word("level2", language)),
            _column("name", word("indicator", language)),
            _column("target", term("target", language)),
            _column("weight", word("weight", language)),
            _column("explanation", term("explanation", language)),
        ),
        rows=rows,
        totals=totals,
        notes=(),
        signatures=term("signatures", language),
    )


def _explanation(indicator: Indicator, report: Report, ruleset: Ruleset) -> str:
    """The 指标值说明: the indicator's description, its formula's own, then `name=expression` for
    its formula and every formula that one reads, one a line."""
    lines = [indicator.description] if indicator.description else []
    if indicator.name in ruleset.formulas and not indicator.parts:
        about = ruleset.formulas[indicator.name]
        if about and about != indicator.description:
            lines.append(about)
        lines.extend(formula_lines(report, indicator.name, ruleset.formulas))
    return "\n".join(lines)


def _funds(ruleset: Ruleset, report: Report, language: str) -> MoneyBlock | None:
    """The money block of a 目标表: each budget line and its amount."""
    if not ruleset.budget:
        return None
    unit = next(iter(ruleset.budget.values())).unit
    rows = tuple(
        (text_cell(name), quantity_cell(amount, report.units, money_unit=unit))
        for name, amount in ruleset.budget.items()
    )
    header = (term("fund-item", language), term("amount", language))
    return MoneyBlock(term("funds", language, unit=unit), header, rows)
