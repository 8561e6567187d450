"""The 绩效自评表 and 监控表 in every format: text table, JSON, Markdown, CSV and one HTML page,
in Chinese or English.

Each sheet is first laid out once as titled tables of strings, in one language (the words are
reports/wording.py's); every format renders that same layout, so the formats cannot drift
apart. The HTML page is self-contained (inline style and SVG, no network resources).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from decimal import Decimal
from fractions import Fraction

import attrs

from ..assessment.monitoring import MonitoringSheet, percent
from ..assessment.scoring import BANDS, Scorecard, ScoreRow
from ..assessment.wording import said
from ..engine.status import Status
from ..errors.phrases import LANGUAGES, language_of
from ..quantities.arithmetic import plain, rounded
from . import columns
from .wording import BAND_KEYS, word

FORMATS = ("table", "json", "md", "csv", "html")
LIGHT_COLOURS = {"green": "#2e7d32", "yellow": "#f9a825", "red": "#c62828"}


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
    language: str = "zh"


def render(
    sheet: Scorecard | MonitoringSheet, form: str, title: str, language: str = "zh", width: int | None = None
) -> str:
    """The sheet in a format (table, json, md, csv, html); a table fits a terminal `width` wide."""
    language = language_of(language)
    if form == "json":
        return json.dumps(sheet.to_dict(language), ensure_ascii=False, indent=2) + "\n"
    if isinstance(sheet, Scorecard):
        layout = score_layout(sheet, title, language)
    else:
        layout = monitor_layout(sheet, title, language)
    if form == "table":
        return _text(layout, width)
    return {"md": _markdown, "csv": _csv, "html": _html}[form](layout)


def _amount(value: Decimal | None) -> str:
    """Scores and weights keep their decimal places (9.50, not 9.5), as the forms print them."""
    return "—" if value is None else format(value, "f")


def score_layout(card: Scorecard, title: str, language: str = "zh") -> Layout:
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
                word("between-notes", language).join(_notes(row, language)),
            )
        )
    grade = word("grade-cell", language, grade=word(card.grade, language))
    rows.append((word("sum", language), "", "", "", "", _amount(card.weight), _amount(card.total), grade))
    groups = tuple((" / ".join(group.path), _amount(group.weight), _amount(group.score)) for group in card.groups)
    header = ("level1", "level2", "indicator", "year-target", "actual", "weight", "score", "deviation-reason")
    return Layout(
        title=word("score-title", language, title=title),
        lines=_score_lines(card, language),
        tables=(
            Table("", tuple(word(key, language) for key in header), tuple(rows)),
            Table(
                word("subtotals", language), tuple(word(key, language) for key in ("group", "weight", "score")), groups
            ),
        ),
        chart=_score_chart(card, language),
        language=language,
    )


def _score_lines(card: Scorecard, language: str) -> tuple[str, ...]:
    as_of = card.as_of.isoformat() if card.as_of else "—"
    reverse = word(f"reverse-{card.policy.reverse}", language)
    return (
        word("as-of", language, day=as_of),
        word("total-line", language, total=plain(card.total), grade=word(card.grade, language)),
        word("basis-line", language, basis=word(f"basis-{card.basis}", language)),
        word("rules-line", language, reverse=reverse, places=card.policy.places),
    )


def _notes(row: ScoreRow, language: str) -> list[str]:
    """The 偏差原因 cell. A row that does not apply says 不适用 and a row with no data says 缺数据,
    never 未达成目标 nor the bottom band it was put in for want of a value: both mislead a reader."""
    if "not-applicable" in row.flag_codes:
        return [said("not-applicable").text(language)]
    flags = list(row.flagged)
    band = row.band
    if row.status == Status.MISSING.value:
        flags = [flag for flag in flags if flag.code not in ("not-met", "no-data")]
        band = None if row.defaulted and band == BANDS[-1][0] else band
    notes = [flag.text(language) for flag in flags]
    if row.status == Status.MISSING.value:
        notes.insert(0, said("no-data").text(language))
    if band:
        notes.append(word(BAND_KEYS[band], language) + (word("lower-bound", language) if row.defaulted else ""))
    return notes


def monitor_layout(sheet: MonitoringSheet, title: str, language: str = "zh") -> Layout:
    """The monitoring sheet as it is printed (its length is the nine columns laid out one a line)."""
    budget = (
        (
            "—" if sheet.budget is None else sheet.budget.readable(),
            "—" if sheet.executed is None else sheet.executed.readable(),
            "—" if sheet.execution_progress is None else percent(sheet.execution_progress),
            percent(sheet.time_progress),
            "—" if sheet.deviation is None else percent(sheet.deviation),
            sheet.warning_in(language) or word("no-warning", language),
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
                row.likelihood_in(language),
                word(row.light, language),
                row.reason_in(language),
            )
        )
    budget_header = ("budget", "executed", "execution-progress", "time-progress", "deviation", "warning")
    return Layout(
        title=word("monitor-title", language, title=title),
        lines=(word("as-of", language, day=sheet.as_of.isoformat()),),
        tables=(
            Table(word("budget-table", language), tuple(word(key, language) for key in budget_header), budget),
            Table(
                word("targets-table", language),
                tuple(
                    word(key, language)
                    for key in (
                        "level1",
                        "level2",
                        "indicator",
                        "target",
                        "current",
                        "deadline",
                        "likelihood",
                        "light",
                        "reason",
                    )
                ),
                tuple(rows),
            ),
        ),
        chart=_monitor_chart(sheet, language),
        main=1,
        language=language,
    )


def _text(layout: Layout, width: int | None = None) -> str:
    out = [layout.title, *layout.lines]
    for table in layout.tables:
        out.append("")
        if table.title:
            out.append(table.title)
        column_widths = columns.fit(columns.widths([table.header, *table.rows]), width)
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
    """The sheet for Excel: a byte-order mark so Chinese Excel reads it as UTF-8, the title and
    summary lines, the indicator table first, then every other table (totals, the budget), and no
    cell that Excel would take for a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_inert(layout.title)])
    writer.writerows([_inert(line)] for line in layout.lines)
    main = layout.tables[layout.main]
    others = [table for position, table in enumerate(layout.tables) if position != layout.main]
    for table in (main, *others):
        writer.writerow([])
        if table.title:
            writer.writerow([_inert(table.title)])
        writer.writerow([_inert(cell) for cell in table.header])
        writer.writerows([_inert(cell) for cell in row] for row in table.rows)
    return "\ufeff" + buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(?:\.[0-9]+)?%?")


def _inert(cell: str) -> str:
    """A cell Excel would read as a formula (=相关, +1, @x) kept as text by a leading apostrophe;
    a plain number (-5, +3.5%) is left a number."""
    if cell.startswith(_FORMULA_START) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _html(layout: Layout) -> str:
    symbols = {word(light, spoken): light for light in LIGHT_COLOURS for spoken in LANGUAGES}

    def cell(text: str, tag: str = "td") -> str:
        light = symbols.get(text)
        if light is not None:
            return f'<{tag}><span style="color:{LIGHT_COLOURS[light]}">●</span> {html.escape(text[2:])}</{tag}>'
        return f"<{tag}>{html.escape(text)}</{tag}>"

    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{word("html-lang", layout.language)}"><head><meta charset="utf-8">',
        f"<title>{html.escape(layout.title)}</title>",
        f"<style>{_PAGE_STYLE}</style></head><body>",
        f"<h1>{html.escape(layout.title)}</h1>",
        "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in layout.lines) + "</ul>",
    ]
    for position, table in enumerate(layout.tables):
        if table.title:
            parts.append(f"<h2>{html.escape(table.title)}</h2>")
        main = position == layout.main
        parts.append(f'<table class="{"grid" if main else "small"}"><thead><tr>')
        parts.append("".join(cell(text, "th") for text in table.header) + "</tr></thead><tbody>")
        for row, spans in zip(table.rows, _merged(table.rows) if main else [()] * len(table.rows), strict=True):
            cells = [
                cell(text) if span == 1 else cell(text).replace("<td>", f'<td rowspan="{span}">', 1)
                for text, span in zip(row, (*spans, *[1] * (len(row) - len(spans))), strict=True)
                if span
            ]
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    parts += [
        f'<div class="chart">{layout.chart}</div>',
        f'<p class="signatures">{word("signatures", layout.language)}</p>',
    ]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


_PAGE_STYLE = (
    "@page{size:A4 landscape;margin:12mm}"
    "body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 8px;font-size:14px}"
    "th{background:#eef2f7}table.grid{width:100%;table-layout:fixed}"
    "table.grid th,table.grid td{word-break:keep-all;overflow-wrap:anywhere}"
    "table.grid th:nth-child(1){width:10%}table.grid th:nth-child(2){width:14%}"
    "table.grid th:nth-child(3){width:17%}table.grid th:nth-child(n+6):not(:last-child){width:7%}"
    "thead{display:table-header-group}tr{break-inside:avoid}"
    ".signatures{margin-top:2em;white-space:pre-wrap}"
    "@media print{body{margin:0}th,td{font-size:10pt;padding:2px 4px}.chart{break-inside:avoid}}"
)
"""A sheet a finance office files: A4 landscape, the header repeated on every page, no row split
across pages, and fixed column widths, so no name is squeezed to one character a line."""


def _merged(rows: tuple[tuple[str, ...], ...]) -> list[tuple[int, ...]]:
    """Row spans of each row's 一级 and 二级 cells, as printed tables merge them vertically: the first
    row of a run spans it, the others 0 (left out); a blank cell is never merged."""
    spans = [[1, 1] for _ in rows]
    for column in (0, 1):
        start = 0
        for index in range(1, len(rows) + 1):
            same = index < len(rows) and rows[index][column] and rows[index][: column + 1] == rows[start][: column + 1]
            if not same:
                spans[start][column] = index - start
                for inner in range(start + 1, index):
                    spans[inner][column] = 0
                start = index
    return [tuple(span) for span in spans]


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


def _score_chart(card: Scorecard, language: str) -> str:
    bars = [
        (" / ".join(group.path), group.score, group.weight, "#1565c0") for group in card.groups if len(group.path) == 1
    ]
    return _bar_chart(word("score-chart", language), bars, "")


def _percent_points(share: Decimal) -> Decimal:
    return rounded(Fraction(share) * 100, 2, half_even=True)


def _monitor_chart(sheet: MonitoringSheet, language: str) -> str:
    hundred = Decimal(100)
    bars = [(word("time-progress", language), _percent_points(sheet.time_progress), hundred, "#78909c")]
    if sheet.execution_progress is not None:
        colour = LIGHT_COLOURS["red"] if sheet.alert else LIGHT_COLOURS["green"]
        bars.append((word("execution-progress", language), _percent_points(sheet.execution_progress), hundred, colour))
    return _bar_chart(word("monitor-chart", language), bars, "%")
