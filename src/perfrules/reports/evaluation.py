"""Reports for people and programs: a table grouped by 一级/二级指标, and JSON, in Chinese or English."""

from __future__ import annotations

import json

from ..engine.report import EvaluationReport
from ..engine.results import IndicatorResult
from ..engine.status import Status
from ..errors.phrases import language_of
from ..errors.text import pad, text_width
from ..quantities.values import readable
from . import columns
from .wording import status_label, word


def render_json(report: EvaluationReport, language: str = "zh") -> str:
    return json.dumps(report.to_dict(language), ensure_ascii=False, indent=2) + "\n"


def render_table(
    report: EvaluationReport, department: str | None = None, language: str = "zh", width: int | None = None
) -> str:
    """A plain-text table, one block per group, with the reason under each row not met; on a
    terminal `width` columns wide, cells are cut and reasons wrapped to fit."""
    language = language_of(language)
    year = word("year", language, year=report.year) if report.year else None
    title = " · ".join(part for part in (department, year, _as_of(report, language)) if part)
    header = tuple(word(key, language) for key in ("indicator", "status", "value", "target", "deadline"))
    rows: list[tuple[IndicatorResult, tuple[str, ...]]] = []
    for result in report.values():
        label = status_label(result.status, language)
        cells = (
            result.name,
            word("status-cell", language, label=label, status=result.status.value),
            readable(result.value) + (word("asserted", language) if result.asserted else ""),
            readable(result.target),
            result.deadline.isoformat() if result.deadline else "—",
        )
        rows.append((result, cells))
    column_widths = columns.fit(columns.widths([header, *(cells for _, cells in rows)]), width, indent=2, keep=(1, 4))
    lines = [title, ""]
    group: tuple[str, ...] | None = None
    for result, texts in rows:
        if result.group != group:
            group = result.group
            if lines[-1] != "":
                lines.append("")
            lines.append(" / ".join(group) if group else word("ungrouped", language))
            lines.append(columns.line(header, column_widths, indent="  "))
        lines.append(columns.line(texts, column_widths, indent="  "))
        if result.status is not Status.MET or result.asserted:
            lines += columns.wrap(result.reason_in(language), width, "      ↳ ", "        ")
    counts = {status: 0 for status in Status}
    for result in report.values():
        counts[result.status] += 1
    shown = {status: count for status, count in counts.items() if count or status is not Status.RECORDED}
    counts_text = word("between", language).join(
        word("count", language, label=status_label(status, language), count=count) for status, count in shown.items()
    )
    lines += ["", word("totals", language, counts=counts_text)]
    if report.formulas:
        lines += ["", word("formulas", language)]
        width = max(text_width(name) for name in report.formulas)
        lines += [f"  {pad(name, width)}  {readable(value)}" for name, value in report.formulas.items()]
    if report.warnings:
        lines += ["", word("warnings", language)] + [f"  {warning}" for warning in report.warnings_in(language)]
    return "\n".join(lines) + "\n"


def _as_of(report: EvaluationReport, language: str) -> str | None:
    return word("as-of", language, day=report.as_of.isoformat()) if report.as_of else None
