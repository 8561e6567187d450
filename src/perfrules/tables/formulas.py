"""Formulas written in a row's 指标解释: `预算执行率=(预算完成数/预算数)×100%` defines the
indicator, so the ruleset computes it from the facts it names."""

from __future__ import annotations

import re
import unicodedata

_DEFINITION = re.compile(r"([^\s=＝,，。;；:：、\"()（）]{2,40})\s*[=＝]\s*([^=＝。;；\n]+)")
_OPERATOR = re.compile(r"[/×*÷]")
_TRAILING = re.compile(r"[\s,，、.。]+$")


def formula_in(name: str, explanation: str) -> tuple[str, str] | None:
    """`(name written in the formula, expression)` when the explanation defines this indicator:
    the defined name is the indicator's, or ends with it, or the indicator's ends with it
    (部门目标编制完成率 for 绩效目标编制完成率 shares the 编制完成率 ending)."""
    text = unicodedata.normalize("NFKC", explanation)
    plain = unicodedata.normalize("NFKC", name)
    for found in _DEFINITION.finditer(text):
        defined, expression = found.group(1), _TRAILING.sub("", found.group(2))
        if not _OPERATOR.search(expression):
            continue
        if defined == plain or defined.endswith(plain) or plain.endswith(defined) or _shared_ending(defined, plain):
            return found.group(1), expression.replace("÷", "/")
    return None


def _shared_ending(one: str, other: str) -> bool:
    """Two names for one rate: the same last four characters or more (…编制完成率)."""
    common = 0
    for left, right in zip(reversed(one), reversed(other), strict=False):
        if left != right:
            break
        common += 1
    return common >= 4
