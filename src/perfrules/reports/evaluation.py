"""Reports for people and programs: a table grouped by 一级/二级指标, and JSON."""

from __future__ import annotations

import json

from ..engine.report import EvaluationReport
from ..engine.results import IndicatorResult
from ..engine.status import Status
from ..errors.text import pad, text_width
from ..quantities.values import readable
from . import columns

STATUS_LABELS = {
    Status.MET: "达成",
    Status.PENDING: "进行中",
    Status.NOT_MET: "未达成",
    Status.MISSING: "缺数据",
    Status.INVALID: "数据无效",
    Status.RECORDED: "已填报",
}


def render_json(report: EvaluationReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_table(report: EvaluationReport, department: str | None = None) -> str:
    """A plain-text table, one block per group, with the reason under each row not met."""
    title = " · ".join(
        part for part in (department, f"{report.year}年度" if report.year else None, _as_of(report)) if part
    )
    header: tuple[str, ...] = ("三级指标", "状态", "实际值", "指标值", "截止日期")
    rows: list[tuple[IndicatorResult, tuple[str, ...]]] = []
    for result in report.values():
        cells = (
            result.name,
            f"{STATUS_LABELS[result.status]} {result.status.value}",
            readable(result.value) + ("（认定）" if result.asserted else ""),
            readable(result.target),
            result.deadline.isoformat() if result.deadline else "—",
        )
        rows.append((result, cells))
    column_widths = columns.widths([header, *(cells for _, cells in rows)])
    lines = [title, ""]
    group: tuple[str, ...] | None = None
    for result, texts in rows:
        if result.group != group:
            group = result.group
            if lines[-1] != "":
                lines.append("")
            lines.append(" / ".join(group) if group else "（未分组）")
            lines.append(columns.line(header, column_widths, indent="  "))
        lines.append(columns.line(texts, column_widths, indent="  "))
        if result.status is not Status.MET or result.asserted:
            lines.append("      ↳ " + result.reason)
    counts = {status: 0 for status in Status}
    for result in report.values():
        counts[result.status] += 1
    shown = {status: count for status, count in counts.items() if count or status is not Status.RECORDED}
    lines += ["", "合计：" + "，".join(f"{STATUS_LABELS[status]} {count}" for status, count in shown.items())]
    if report.formulas:
        lines += ["", "公式"]
        width = max(text_width(name) for name in report.formulas)
        lines += [f"  {pad(name, width)}  {readable(value)}" for name, value in report.formulas.items()]
    if report.warnings:
        lines += ["", "提示"] + [f"  {warning}" for warning in report.warnings]
    return "\n".join(lines) + "\n"


def _as_of(report: EvaluationReport) -> str | None:
    return f"截至 {report.as_of.isoformat()}" if report.as_of else None
