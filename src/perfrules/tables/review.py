"""The review list: every flagged row by indicator name and sheet/cell, in table order, as text
for a person or JSON for a program."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from .model import Flag
from .writer import Imported

CODES = {
    "comparator-read-as-2": "“≥”可能被读成了“2”",
    "comparator-inferred": "比较符按指标方向推定",
    "comparator-conflict": "比较符前后不一致",
    "comparator-unread": "指标性质读不出比较符",
    "unit-conflict": "单位与度量单位一栏不符",
    "percent-ambiguous": "百分数可能写成了小数",
    "placeholder": "占位行或不适用",
    "weights-mismatch": "分值合计不符",
    "weight-range": "分值是区间",
    "formula-uncached": "公式没有计算结果",
    "truncated-row": "行被截断",
    "row-realigned": "行缺格，已按内容对齐",
    "unreadable-target": "指标值读不成目标",
    "unreadable-line": "这一行读不了",
    "deadline-from-explanation": "截止时间取自指标解释",
    "explanation-targets": "指标解释另有目标",
    "goal-without-indicator": "目标中有表里没有的指标",
    "formula-renamed": "公式名与指标名不同",
    "budget-unreadable": "预算金额读不出",
    "low-confidence": "PDF 读出，需逐格核对",
    "page-break-group": "分页处的分组待核对",
}
"""Every code the review list uses, with its short title (docs/tables.md lists them)."""


_ROW = re.compile(r"[A-Z]+([0-9]+)$|第([0-9]+)行")


def _row_of(place: str) -> int:
    found = _ROW.search(place)
    return int(found.group(1) or found.group(2)) if found else 0


def ordered(imported: Imported) -> list[Flag]:
    """In table order: by the row of the cell each names (the table's own first), stably."""
    return sorted(imported.flags, key=lambda flag: _row_of(flag.place))


def render_text(results: Sequence[tuple[Imported, str | None]]) -> str:
    lines: list[str] = []
    for imported, written in results:
        doc = imported.doc
        flags = ordered(imported)
        where = f" → {written}" if written else ""
        lines.append(f"{doc.source}（{doc.sheet}）{where}: {len(doc.rows)} 个指标，待核对 {len(flags)} 处")
        for flag in flags:
            who = f"“{flag.name}”" if flag.name else "表"
            place = f" [{flag.place}]" if flag.place else ""
            lines.append(f"  {who}{place} {CODES[flag.code]}（{flag.code}）：{flag.message}")
    return "\n".join(lines) + "\n"


def render_json(results: Sequence[tuple[Imported, str | None]]) -> str:
    tables = [
        {
            "source": imported.doc.source,
            "sheet": imported.doc.sheet,
            "kind": imported.doc.kind,
            "ruleset": written,
            "indicators": len(imported.doc.rows),
            "review": [flag.to_dict() for flag in ordered(imported)],
        }
        for imported, written in results
    ]
    return json.dumps({"tables": tables}, ensure_ascii=False, indent=2) + "\n"
