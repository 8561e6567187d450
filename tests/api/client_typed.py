"""A client of perfrules as its users write one: compile, evaluate, read the results, score,
monitor, evaluate a table, and catch each kind of error.

tests/api/test_typed_client.py checks it with `mypy --strict` against the installed package's
inline types (py.typed), and runs it: every type it names is exported from `perfrules`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import perfrules
from perfrules import (
    ColumnarReport,
    Comparator,
    Diagnostic,
    IndicatorResult,
    Measure,
    MonitoringSheet,
    MonitorRow,
    Quantity,
    Report,
    Ruleset,
    Scorecard,
    ScoreRow,
    Status,
    Target,
    Trace,
)

RULES = """year 2023
budget {
    部门预算总额 := 200 万元
}
fact 支出数 in 万元
预算执行率 := 支出数 / 部门预算总额 × 100%
预算执行率 >= 90%
巡察工作 >= 2 轮 by 2023-06-30
廉政教育 >= 4 次
"""

FACTS = {"支出数": "150", "巡察工作": 2, "廉政教育": 3, "执行数": "120 万元"}


def compiled(text: str) -> Ruleset | None:
    """The ruleset, or None after printing where its first problem is."""
    try:
        return perfrules.compile(text, source="client.perf")
    except perfrules.RulesetError as error:
        first: Diagnostic = error.diagnostics[0]
        print(f"client.perf:{error.line}:{error.column}: {first.code}: {first.message}", file=sys.stderr)
        return None


def shown(result: IndicatorResult) -> str:
    """One result on a line: status, what was compared, the target and the reason in English."""
    status: Status = result.status
    value = result.value
    actual = value.readable() if isinstance(value, Quantity) else "—" if value is None else str(value)
    target = result.target
    if isinstance(target, (Target, Measure)):
        wanted = target.readable()
    else:
        wanted = ", ".join(f"{part} {item.readable()}" for part, item in target.items())
    return f"{result.name}: {status.value} {actual} (target {wanted}) {result.reason_code}: {result.reason_in('en')}"


def definitions(rules: Ruleset) -> list[str]:
    """Each indicator as the table defines it: group, name, the way it compares, weight and deadline."""
    lines = []
    for indicator in rules.indicators:
        comparator: Comparator | None = indicator.target.comparator if isinstance(indicator.target, Target) else None
        compares = "records" if comparator is None else "at least" if comparator is Comparator.GE else comparator.sign
        weight = "—" if indicator.weight is None else str(indicator.weight)
        deadline = indicator.deadline.isoformat() if indicator.deadline else "year end"
        lines.append(f"{' / '.join(indicator.group) or '—'} {indicator.name} {compares} {weight} {deadline}")
    return lines


def formula_of(report: Report, name: str) -> str:
    """A formula's text and value on the day, from the trace `perfrules explain` prints."""
    trace: Trace = report.trace(name)
    formula = trace.readings[0].formula
    if formula is None:
        return f"{name} is not a formula"
    return f"{formula.text} = {formula.value}"


def unmet(report: Report) -> Iterator[str]:
    for name, result in report.items():
        if result.status is not Status.MET:
            yield name


def scored(report: Report) -> tuple[Decimal, list[str]]:
    card: Scorecard = report.score(perfrules.ScoringPolicy(places=1))
    flagged: list[ScoreRow] = [row for row in card.rows if row.flag_codes]
    return card.total, [f"{row.name}: {', '.join(row.flags_in('en'))}" for row in flagged]


def monitored(report: Report) -> list[str]:
    sheet: MonitoringSheet = report.monitor(perfrules.MonitoringPolicy(tolerance=Decimal("0.2")))
    rows: tuple[MonitorRow, ...] = sheet.rows
    lines = [f"{row.name}: {row.light} {row.likelihood_code}" for row in rows]
    if sheet.warning_code is not None:
        lines.append(f"budget: {sheet.warning_in('en')}")
    return lines


def columnar(rules: Ruleset) -> dict[str, list[str]]:
    """Statuses for a whole table, where pyarrow (the `arrow` extra) is installed."""
    try:
        pyarrow = importlib.import_module("pyarrow")
    except ImportError:
        return {}
    table = pyarrow.table({"支出数": [150, 190], "巡察工作": [2, 1], "廉政教育": [4, 3]})
    columns: ColumnarReport = rules.evaluate_table(table, as_of=date(2023, 12, 31))
    return {name: [str(status) for status in columns.status(name).to_pylist()] for name in columns}


def refusals(rules: Ruleset, report: Report) -> list[str]:
    """Each kind of error a caller can act on, caught as what it is."""
    said: list[str] = []
    try:
        report["巡查工作"]
    except perfrules.UnknownName as error:
        said.append(f"UnknownName: {error}")
    try:
        rules.evaluate([("巡察工作", 2)])  # type: ignore[arg-type]
    except perfrules.FactsError as error:
        said.append(f"FactsError: {error}")
    try:
        rules.evaluate_table({"巡察工作": [2]})
    except perfrules.UsageError as error:
        said.append(f"UsageError: {error}")
    try:
        perfrules.parse_facts('{"巡察工作": 1, "巡察工作": 2}')
    except perfrules.PerfRulesError as error:
        said.append(f"{type(error).__name__}: {error}")
    return said


def main() -> int:
    rules = compiled(RULES)
    if rules is None:
        return 1
    warnings: tuple[Diagnostic, ...] = rules.warnings
    for warning in warnings:
        print(warning.render("en"))
    print(*definitions(rules), sep="\n")
    report = rules.evaluate(FACTS, as_of=date(2023, 9, 30))
    for name in report:
        print(shown(report[name]))
    print("unmet:", ", ".join(unmet(report)) or "none")
    print("warnings:", ", ".join(report.warning_codes) or "none")
    formulas: dict[str, Quantity | None] = report.formulas
    print("formulas:", {name: str(value) for name, value in formulas.items()})
    total, flags = scored(rules.evaluate(FACTS))
    print("score:", total, *flags, sep="\n  ")
    print("monitor:", *monitored(report), sep="\n  ")
    print("explain:", report.explain("预算执行率", "en").splitlines()[0])
    print("formula:", formula_of(report, "预算执行率"))
    batch = rules.evaluate_many([FACTS, {}])
    print("batch:", [[str(status) for status in statuses] for statuses in batch.statuses()])
    print("columnar:", columnar(rules))
    print(*refusals(rules, report), sep="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
