"""Formulas written in a row's 指标解释: `预算执行率=(预算完成数/预算数)×100%` defines the
indicator, so the ruleset computes it from the facts it names; a definition of one of those
facts beside it (`年初预算数=部门预算总额`) comes along."""

from __future__ import annotations

import os
import re
import unicodedata

import attrs

_DEFINITION = re.compile(
    r"([^\s=＝,，。;；:：、\"()（）]{2,40})\s*[=＝]\s*((?:(?!\s+[^\s=＝]+\s*[=＝])[^=＝。;；\n])+)"
)
_OPERATOR = re.compile(r"[/×*÷+\-]")
_TRAILING = re.compile(r"[\s,，、.。]+$")


@attrs.frozen
class WrittenFormula:
    """`name := expression`, and the name the table wrote it under."""

    name: str
    written: str
    expression: str


def _rank(defined: str, name: str) -> int | None:
    """How surely a defined name is the indicator's: the same (0), with a prefix (部门绩效自评完成率
    for 绩效自评完成率, 1), or sharing a long ending (部门目标编制完成率 for 绩效目标编制完成率, 2)."""
    if defined == name:
        return 0
    if defined.endswith(name) or name.endswith(defined):
        return 1
    common = len(os.path.commonprefix([defined[::-1], name[::-1]]))  # noqa: RUF071 - characters are meant
    return 2 if common >= 4 else None


def formulas_in(name: str, explanation: str) -> list[WrittenFormula]:
    """The indicator's definition in its explanation (the surest; among equals the last, which
    an exported sheet appends exactly), preceded by definitions of the facts it reads."""
    text = unicodedata.normalize("NFKC", explanation)
    plain = unicodedata.normalize("NFKC", name)
    found = [
        (match.group(1), _TRAILING.sub("", match.group(2)).replace("÷", "/"))
        for match in _DEFINITION.finditer(text)
        if _OPERATOR.search(match.group(2)) or match.group(1) != plain
    ]
    ranked = [(rank, index) for index, (defined, _) in enumerate(found) if (rank := _rank(defined, plain)) is not None]
    if not ranked:
        return []
    _, chosen = min(ranked, key=lambda item: (item[0], -item[1]))
    written, expression = found[chosen]
    helpers = [
        WrittenFormula(defined, defined, body)
        for index, (defined, body) in enumerate(found)
        if index != chosen and _rank(defined, plain) is None and defined in expression
    ]
    return [*dict.fromkeys(helpers), WrittenFormula(name, written, expression)]
