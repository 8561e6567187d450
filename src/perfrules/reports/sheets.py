"""The 绩效自评表 and 监控表 in every format: text table, JSON, Markdown, CSV and one HTML page.

Each sheet is first laid out once as titled tables of strings; every format renders that same
layout, so the formats cannot drift apart. The HTML page is self-contained (inline style and
SVG, no network resources).
"""

from __future__ import annotations

import csv
import html
import io
import json
from decimal import Decimal
from fractions import Fraction

import attrs

from ..assessment.monitoring import NO_DATA, MonitoringSheet, percent
from ..assessment.scoring import BANDS, Scorecard, ScoreRow
from ..engine.facts import NOT_APPLICABLE
from ..engine.status import Status
from ..quantities.arithmetic import plain, rounded
from . import columns

FORMATS = ("table", "json", "md", "csv", "html")
REVERSE = {"linear": "线性递减", "ratio": "目标/实际比例"}
LIGHT_SYMBOLS = {"green": "● 绿", "yellow": "● 黄", "red": "● 红"}
LIGHT_COLOURS = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828"}
UNMET_FLAG = "未达成目标"
BASIS = {
    "explicit": "规则集给定的分值",
    "ministry": "财政部默认分值（预算执行率10、产出50、效益30、满意度10）",
    "equal": "未给分值，各级平均分配",
}


@attrs.frozen
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen
class Layout:
    title: str
    lines: tuple[str, ...]
    tables: tuple[Table, ...]
    chart: str
    main: int = 0
    """The table a CSV holds (CSV has room for one)."""


def render(sheet: Scorecard | MonitoringSheet, form: str, title: str) -> str:
    if form == "json":
        return json.dumps(sheet.to_dict(), ensure_ascii=False, indent=2) + "\n"
    layout = score_layout(sheet, title) if isinstance(sheet, Scorecard) else monitor_layout(sheet, title)
    return {"table": _text, "md": _markdown, "csv": _csv, "html": _html}[form](layout)


def _amount(value: Decimal | None) -> str:
    """Scores and weights keep their decimal places (9.50, not 9.5), as the forms print them."""
    return "—" if value is None else format(value, "f")


def score_layout(card: Scorecard, title: str) -> Layout:
    rows = []
    for row in card.rows:
        level1, level2 = ((*row.group, "", ""))[:2]
        rows.append(
            (
                level1,
                level2,
                row.name,
                row.target,
                row.actual,
                _amount(row.weight),
                _amount(row.score),
                "；".join(_notes(row)),
            )
        )
    rows.append(("合计", "", "", "", "", _amount(card.weight), _amount(card.total), f"等级 {card.grade}"))
    groups = tuple((" / ".join(group.path), _amount(group.weight), _amount(group.score)) for group in card.groups)
    as_of = card.as_of.isoformat() if card.as_of else "—"
    lines = (
        f"截至 {as_of}",
        f"总分 {plain(card.total)}，等级 {card.grade}",
        f"分值依据：{BASIS[card.basis]}",
        f"计分规则：反向指标按{REVERSE[card.policy.reverse]}计分，得分保留 {card.policy.places} 位小数",
    )
    return Layout(
        title=f"{title} 绩效自评表",
        lines=lines,
        tables=(
            Table(
                "",
                ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"),
                tuple(rows),
            ),
            Table("分组小计", ("指标组", "分值", "得分"), groups),
        ),
        chart=_score_chart(card),
    )


def _notes(row: ScoreRow) -> list[str]:
    """The 偏差原因 cell. A row that does not apply says 不适用 and a row with no data says 缺数据,
    never 未达成目标 nor the bottom band it was put in for want of a value: both mislead a reader."""
    if NOT_APPLICABLE in row.flags:
        return [NOT_APPLICABLE]
    notes = list(row.flags)
    band = row.band
    if row.status == Status.MISSING.value:
        notes = [NO_DATA, *(flag for flag in notes if flag not in (UNMET_FLAG, NO_DATA))]
        band = None if row.defaulted and band == BANDS[-1][0] else band
    if band:
        notes.append(band + ("（按档次下限计分）" if row.defaulted else ""))
    return notes


def monitor_layout(sheet: MonitoringSheet, title: str) -> Layout:
    """The monitoring sheet as it is printed (its length is the nine columns laid out one a line)."""
    budget = (
        (
            "—" if sheet.budget is None else sheet.budget.readable(),
            "—" if sheet.executed is None else sheet.executed.readable(),
            "—" if sheet.execution_progress is None else percent(sheet.execution_progress),
            percent(sheet.time_progress),
            "—" if sheet.deviation is None else percent(sheet.deviation),
            sheet.warning or "无",
        ),
    )
    rows = []
    for row in sheet.rows:
        level1, level2 = ((*row.group, "", ""))[:2]
        deadline = row.deadline.isoformat() if row.deadline else "—"
        rows.append(
            (
                level1,
                level2,
                row.name,
                row.target,
                row.current,
                deadline,
                row.likelihood,
                LIGHT_SYMBOLS[row.light],
                row.reason,
            )
        )
    return Layout(
        title=f"{title} 绩效监控表",
        lines=(f"截至 {sheet.as_of.isoformat()}",),
        tables=(
            Table("预算执行", ("年初预算数", "执行数", "预算执行进度", "时间进度", "偏差", "预警"), budget),
            Table(
                "绩效目标",
                (
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "指标值",
                    "当前值",
                    "截止日期",
                    "完成目标可能性",
                    "预警灯",
                    "原因",
                ),
                tuple(rows),
            ),
        ),
        chart=_monitor_chart(sheet),
        main=1,
    )


def _text(layout: Layout) -> str:
    out = [layout.title, *layout.lines]
    for table in layout.tables:
        out.append("")
        if table.title:
            out.append(table.title)
        column_widths = columns.widths([table.header, *table.rows])
        out.extend(columns.line(cells, column_widths) for cells in (table.header, *table.rows))
    return "\n".join(out) + "\n"


def _markdown(layout: Layout) -> str:
    def escape(cell: str) -> str:
        return cell.replace("|", "\\|") or " "

    out = [f"# {layout.title}", ""] + [f"- {line}" for line in layout.lines]
    for table in layout.tables:
        out.append("")
        if table.title:
            out += [f"## {table.title}", ""]
        out.append("| " + " | ".join(table.header) + " |")
        out.append("|" + "---|" * len(table.header))
        out += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join(out) + "\n"


def _csv(layout: Layout) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    main = layout.tables[layout.main]
    writer.writerow(main.header)
    writer.writerows(main.rows)
    return buffer.getvalue()


def _html(layout: Layout) -> str:
    def cell(text: str, tag: str = "td") -> str:
        for light, symbol in LIGHT_SYMBOLS.items():
            if text == symbol:
                return f'<{tag}><span style="color:{LIGHT_COLOURS[light]}">●</span> {html.escape(symbol[2:])}</{tag}>'
        return f"<{tag}>{html.escape(text)}</{tag}>"

    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(layout.title)}</title>",
        "<style>body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}"
        "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 8px;font-size:14px}"
        "th{background:#eef2f7}td:nth-child(n+6){white-space:nowrap}</style></head><body>",
        f"<h1>{html.escape(layout.title)}</h1>",
        "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in layout.lines) + "</ul>",
        layout.chart,
    ]
    for table in layout.tables:
        if table.title:
            parts.append(f"<h2>{html.escape(table.title)}</h2>")
        parts.append("<table><thead><tr>" + "".join(cell(text, "th") for text in table.header) + "</tr></thead><tbody>")
        parts += ["<tr>" + "".join(cell(text) for text in row) + "</tr>" for row in table.rows]
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _bar_chart(title: str, bars: list[tuple[str, Decimal, Decimal, str]], unit: str) -> str:
    """Horizontal bars: (label, value, full, colour); the full length is drawn pale behind."""
    width, label_width, bar_width, row_height = 800, 200, 360, 26
    height = 40 + row_height * len(bars)
    scale = max([full for _label, _value, full, _colour in bars] + [Decimal(1)])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{html.escape(title)}">',
        f'<text x="0" y="20" font-size="15" font-weight="bold">{html.escape(title)}</text>',
    ]
    for index, (label, value, full, colour) in enumerate(bars):
        y = 34 + index * row_height
        full_length = int(Fraction(full) / Fraction(scale) * bar_width)
        length = int(max(Fraction(value), Fraction(0)) / Fraction(scale) * bar_width)
        out += [
            f'<text x="0" y="{y + 14}" font-size="13">{html.escape(label)}</text>',
            f'<rect x="{label_width}" y="{y}" width="{full_length}" height="18" fill="#e3e8ef"/>',
            f'<rect x="{label_width}" y="{y}" width="{length}" height="18" fill="{colour}"/>',
            f'<text x="{label_width + bar_width + 8}" y="{y + 14}" font-size="13">'
            f"{html.escape(plain(value))}{unit} / {html.escape(plain(full))}{unit}</text>",
        ]
    out.append("</svg>")
    return "\n".join(out)


def _score_chart(card: Scorecard) -> str:
    bars = [
        (" / ".join(group.path), group.score, group.weight, "#1565c0") for group in card.groups if len(group.path) == 1
    ]
    return _bar_chart("各一级指标得分（得分 / 分值）", bars, "")


def _percent_points(share: Decimal) -> Decimal:
    return rounded(Fraction(share) * 100, 2, half_even=True)


def _monitor_chart(sheet: MonitoringSheet) -> str:
    hundred = Decimal(100)
    bars = [("时间进度", _percent_points(sheet.time_progress), hundred, "#78909c")]
    if sheet.execution_progress is not None:
        colour = LIGHT_COLOURS["red"] if sheet.warning else LIGHT_COLOURS["green"]
        bars.append(("预算执行进度", _percent_points(sheet.execution_progress), hundred, colour))
    return _bar_chart("预算执行进度与时间进度", bars, "%")
