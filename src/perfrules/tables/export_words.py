"""The words an exported workbook prints around the values (titles, labels, headers) that the
reports' own wording (reports/wording.py) has no key for, as data: one table per language.

A sheet's headers are the words a finance office's form prints, so an importer (and a province's
upload system) finds its columns: 偏差原因分析及改进措施, not the reports' shorter 偏差原因.
"""

from __future__ import annotations

from typing import Any

from ..errors.phrases import Wording, fill, language_of

ZH = {
    "self-evaluation": "绩效自评表",
    "monitoring": "绩效监控表",
    "targets": "绩效目标表",
    "titled": "${department} ${sheet}",
    "year": "（${year}年度）",
    "unit-name": "单位名称",
    "as-of": "截至日期",
    "funds": "项目资金（${unit}）",
    "execution": "预算执行（${unit}）",
    "fund-item": "资金项目",
    "amount": "金额",
    "budget": "年初预算数",
    "executed": "全年执行数",
    "execution-rate": "执行率",
    "deviation-analysis": "偏差原因分析及改进措施",
    "target": "指标值",
    "explanation": "指标值说明",
    "conclusion": "评价结论",
    "problems": "存在问题",
    "measures": "改进措施",
    "signatures": "单位负责人：　　　　　　财务负责人：　　　　　　填报人：　　　　　　填报日期：",
}

EN = {
    "self-evaluation": "self-evaluation (绩效自评表)",
    "monitoring": "monitoring (绩效监控表)",
    "targets": "performance targets (绩效目标表)",
    "titled": "${department} ${sheet}",
    "year": "(year ${year})",
    "unit-name": "unit",
    "as-of": "as of",
    "funds": "funds (${unit})",
    "execution": "budget execution (${unit})",
    "fund-item": "item",
    "amount": "amount",
    "budget": "budget",
    "executed": "executed",
    "execution-rate": "execution rate",
    "deviation-analysis": "reasons for deviation and measures",
    "target": "target",
    "explanation": "about the target",
    "conclusion": "conclusion",
    "problems": "problems",
    "measures": "measures",
    "signatures": "Head of unit:            Head of finance:            Prepared by:            Date:",
}

WORDING: Wording = {"zh": ZH, "en": EN}


def term(key: str, language: str, **values: Any) -> str:
    """The words of `key` in `language`, placeholders filled."""
    return fill(WORDING[language_of(language)][key], values)
