"""A row's target cells (指标性质, 指标值, 度量单位, or one cell holding all three) into the text
that follows the indicator's name in a ruleset, and the doubts met on the way: a comparator read
from nowhere, `≥92%` flattened to `292%`, a unit column that says otherwise, a fraction under %.

The language reads printed targets itself (`≥90%`, `95%以上`, `10月底前完成`); this module only
puts the cells together and names what it had to guess. It never changes a printed number."""

from __future__ import annotations

import re
import unicodedata

import attrs

from ..language.check.printed import is_limit
from ..quantities.comparators import Comparator
from ..quantities.units import COUNTING_WORDS
from .model import Field, Row

_LEADING = re.compile(
    r"^\s*(>=|<=|==|!=|=|>|<|≥|≤|≧|≦|≠|═|不少于|不低于|不超过|不高于|至少|达到|大于等于|小于等于|大于|小于|等于)\s*"
)
_WORDS = {"大于等于": ">=", "小于等于": "<=", "大于": ">", "小于": "<", "等于": "=="}
_NUMBER = re.compile(r"^([+-]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(.*)$", re.DOTALL)
_POSTFIX = re.compile(r"(以上|以下|以内)")
_DUE_WORDS = re.compile(r"^(完成|建成|上线|投入使用|竣工|验收|通过验收|按时完成|全部完成)$")
_DEADLINE = re.compile(r"([0-9]{1,2}月底前|[0-9]{1,2}月[0-9]{1,2}日前|年底前|年内)")
_SCHEDULE = re.compile(
    r"^(?:[0-9]{4}[.年][0-9]{1,2}月?\s*[-—~～至]\s*[0-9]{4}[.年][0-9]{1,2}月?|[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?(?:前|底前)?"
    r"|[0-9]{1,2}月(?:底|[0-9]{1,2}日)?前|年内|年底前?|上半年|下半年)$"
)
_REFERENCE = re.compile(r"^(?:见|详见|参见|另见|附件|附表|另附)")
_COUNTS = frozenset(COUNTING_WORDS)


@attrs.frozen
class TargetText:
    """The text after the name, and the doubts: (code, cell field, message) each."""

    text: str
    doubts: tuple[tuple[str, Field, str], ...] = ()


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _form(text: str) -> str | None:
    """The comparator a printed form stands for (≥, 不少于, 大于等于), if it is one."""
    if text in _WORDS:
        return _WORDS[text]
    try:
        return Comparator.written(text).value
    except KeyError:
        return None


def _shown(column: str, written: str) -> str:
    """The comparator as the table prints it (≧, ═, 不少于) where the language reads that form."""
    return written if normal(column) in _WORDS else normal(column)


def _comparator_column(text: str) -> str | None:
    text = normal(text)
    if not text or text in ("定性", "定量", "/"):
        return None
    return _form(text)


_BASES = frozenset(("计划标准", "历史标准", "行业标准", "其他标准"))


def reading(row: Row) -> TargetText | None:
    """How the row's target reads, or None when it has no target at all (a measured row or a
    truncated one, as the caller decides); the standard and the 指标值类型 a table prints beside
    it kept after it (before a deadline), where the language takes them."""
    found = _reading(row)
    if found is None or not found.text or found.text.startswith(":"):
        return found
    basis, kind = normal(row.get(Field.STANDARD)), normal(row.get(Field.VALUE_KIND))
    extras = [basis] if basis in _BASES else []
    if kind in ("定量", "定性") and not _SCHEDULE.match(found.text):
        extras.append(kind)
    if not extras:
        return found
    text, deadline = found.text, _DEADLINE.search(found.text)
    if deadline and text.endswith(deadline.group(1)) and text != deadline.group(1):
        text = f"{text[: deadline.start()].rstrip()} {' '.join(extras)} {deadline.group(1)}"
    else:
        text = f"{text} {' '.join(extras)}"
    return TargetText(text, found.doubts)


_PART = re.compile(
    r"^\s*([^\s≥≤<>=＞＜＝0-9][^\s≥≤<>=＞＜＝]*?)\s*(>=|<=|==|=|>|<|≥|≤|≧|≦|不少于|不低于|不超过|不高于)\s*([0-9].*?)\s*$"
)
_PARTS = re.compile(r"[；;、]")


def compound(target: str) -> str | None:
    """A cell stating several targets (培训≥5次；知识测试≥5次) as a compound's parts, else None."""
    pieces = [piece for piece in _PARTS.split(target) if piece.strip()]
    parts = [_PART.match(piece) for piece in pieces]
    if len(parts) < 2 or not all(parts):
        return None
    return ": " + " and ".join(f"{part[1]} {part[2]} {part[3]}" for part in parts if part)


_CLAUSE = re.compile(
    r"([\u4e00-\u9fff]{2,6})(不少于|不低于|不超过|不高于|至少)\s*([0-9]+(?:\.[0-9]+)?[^\s，。、；,;0-9]{0,2})"
)


def stated_targets(explanation: str) -> list[str]:
    """The targets an explanation states in words (培训不少于5次、知识测试不少于5次), when it
    states more than one: the value cell may hold only the first."""
    clauses = ["".join(found.groups()) for found in _CLAUSE.finditer(normal(explanation))]
    return clauses if len(clauses) > 1 else []


_GOAL_CLAUSE = re.compile(
    r"(?:不少于|不低于|不超过|不高于|达到|至少)[^，。；,;0-9]{0,20}?([0-9]+(?:\.[0-9]+)?)\s*(%|[\u4e00-\u9fff]{1,2})"
)


def goal_targets(goal: str) -> list[tuple[str, str, str]]:
    """The quantities a goal's prose sets (不低于“四种形态”处理总件数的75%): the clause, its number
    and its unit."""
    return [(found.group(0), found.group(1), found.group(2)) for found in _GOAL_CLAUSE.finditer(normal(goal))]


_PART_ACTUAL = re.compile(r"^\s*([^\s0-9≥≤<>=][^\s≥≤<>=]*?)\s*([0-9].*?)\s*$")


def compound_actual(actual: str) -> dict[str, str] | None:
    """A compound's actuals as printed (培训 6 次、知识测试 5 次) by part, else None."""
    pieces = [piece for piece in _PARTS.split(actual) if piece.strip()]
    parts = [_PART_ACTUAL.match(piece) for piece in pieces]
    if len(parts) < 2 or not all(parts):
        return None
    return {part[1]: part[2] for part in parts if part}


def _reading(row: Row) -> TargetText | None:
    target = " ".join(normal(row.get(Field.TARGET)).split())
    unit = normal(row.get(Field.UNIT))
    column = row.get(Field.COMPARATOR)
    written = _comparator_column(column)
    doubts: list[tuple[str, Field, str]] = []
    if column and written is None and normal(column) not in ("定性", "定量", "/", target):
        doubts.append(("comparator-unread", Field.COMPARATOR, f"指标性质“{column}”不是比较符，未采用"))
    if not target:
        return TargetText("%") if unit in ("%", "百分比") else None
    parts = compound(target)
    if parts is not None:
        return TargetText(parts, tuple(doubts))
    if _REFERENCE.match(target):
        return TargetText("", (("unreadable-target", Field.TARGET, f"指标值“{target}”指向别处，不是目标"),))
    if _SCHEDULE.match(target):
        return TargetText(target, tuple(doubts))  # a period or a date alone: a task due then
    leading = _LEADING.match(target)
    rest = target[leading.end() :] if leading else target
    number = _NUMBER.match(rest)
    if leading and written and _form(leading.group(1)) != written:
        doubts.append(
            ("comparator-conflict", Field.COMPARATOR, f"指标性质“{column}”与指标值“{target}”的比较符不一致，按指标值读")
        )
    if number is None:
        return _qualitative(row, target, written, leading is not None, doubts)
    amount, suffix = number.groups()
    suffix = suffix.strip()
    suffix, unit_doubts = _units(amount, suffix, unit)
    doubts += unit_doubts
    body = f"{amount}{suffix}"
    if leading:
        return TargetText(f"{leading.group(1)} {body}", tuple(doubts))
    if written:
        return TargetText(f"{_shown(column, written)} {body}", tuple(doubts))
    if _POSTFIX.search(suffix):
        return TargetText(body, tuple(doubts))
    return TargetText(f"{_inferred(row, amount, suffix, doubts)} {body}", tuple(doubts))


def _units(amount: str, suffix: str, unit: str) -> tuple[str, list[tuple[str, Field, str]]]:
    """The unit from the value's suffix, else the unit column; a fraction under % doubted."""
    doubts: list[tuple[str, Field, str]] = []
    percent = ("%", "百分比")
    if unit and unit != "/":
        if not suffix:
            suffix = "%" if unit in percent else unit
            if suffix == "%" and fraction_of_percent(amount):
                doubts.append(
                    (
                        "percent-ambiguous",
                        Field.TARGET,
                        f"度量单位为 %，指标值却是 {amount}：是 {amount}% 还是 {amount}"
                        f"（即 {times_hundred(amount)}%）？按 {amount}% 读",
                    )
                )
        elif not (suffix.startswith(unit) or (unit in percent and suffix.startswith(percent))):
            message = f"指标值带单位“{suffix}”，度量单位一栏却是“{unit}”；按指标值的单位读，度量单位写在其后"
            doubts.append(("unit-conflict", Field.TARGET, message))
            suffix = f"{suffix} {unit}"  # the language keeps a unit column after the target
    return suffix, doubts


def fraction_of_percent(text: str) -> bool:
    """A bare number from 0 to 1.5 where a percentage is meant: 0.92 for 92% (a cell's format
    lost, or a fraction typed), or 0.92%? Never decided here."""
    number = _NUMBER.match(text)
    return number is not None and not number.group(2).strip() and 0 < float(number.group(1).replace(",", "")) <= 1.5


def times_hundred(amount: str) -> str:
    from decimal import Decimal

    return format((Decimal(amount.replace(",", "")) * 100).normalize(), "f")


def _inferred(row: Row, amount: str, suffix: str, doubts: list[tuple[str, Field, str]]) -> str:
    """No comparator anywhere: `≥92%` may have lost its sign to a "2"; else the direction the
    name implies (a limit is at most, everything else at least)."""
    digits = amount.replace(",", "")
    if (
        digits.startswith("2")
        and len(digits) >= 3
        and ((suffix in ("%", "百分比") and float(digits) > 100) or suffix in _COUNTS)
    ):
        doubts.append(
            (
                "comparator-read-as-2",
                Field.TARGET,
                f"“{amount}{suffix}”没有比较符且以 2 开头：可能是“≥{digits[1:]}{suffix}”的“≥”被读成了“2”；"
                f"按 ≥ {amount}{suffix} 读，请核对",
            )
        )
        return ">="
    op = "<=" if is_limit(row.name) else ">="
    sign = "≤" if op == "<=" else "≥"
    doubts.append(("comparator-inferred", Field.TARGET, f"指标值“{amount}{suffix}”没有比较符，按指标方向读作 {sign}"))
    return op


def _qualitative(
    row: Row, target: str, written: str | None, leading: bool, doubts: list[tuple[str, Field, str]]
) -> TargetText:
    if _DUE_WORDS.match(target) and written in (None, "=="):
        found = _DEADLINE.search(normal(row.get(Field.EXPLANATION)))
        if found:
            doubts.append(
                ("deadline-from-explanation", Field.EXPLANATION, f"截止时间“{found.group(1)}”取自指标解释，请核对")
            )
            return TargetText(f"== {target} {found.group(1)}", tuple(doubts))
    if leading or written:
        shown = _shown(row.get(Field.COMPARATOR), written) if written else ""
        return TargetText(f"{shown} {target}" if written and not leading else target, tuple(doubts))
    return TargetText(f"== {target}" if not _DEADLINE.search(target) else target, tuple(doubts))
