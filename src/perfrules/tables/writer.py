"""A mapped table into ruleset text that reads like the table (its headings, names and targets
as printed, weights, the description as each indicator's text) and a facts file from its actuals,
scores and likelihoods; every line the language would not take is kept as a comment and flagged.

The language is the judge: each indicator line is compiled on its own before it is written, and
the whole ruleset once more at the end (weights that do not add up are only seen there)."""

from __future__ import annotations

import re
from typing import Any

import attrs

from ..api import compile as compile_ruleset
from ..errors import RulesetError
from .formulas import formulas_in
from .layout import one_line
from .model import Field, Flag, Row, TableDoc
from .targets import (
    compound,
    compound_actual,
    fraction_of_percent,
    goal_targets,
    normal,
    reading,
    stated_targets,
    times_hundred,
)

_PLAIN_NAME = re.compile(r"^[^\s`\"#:=<>≥≤]+$")
_EMPTY = ("", "/", "-", "—", "——", "无")
EXECUTION = "预算执行率"
"""The money block's row, as the self-evaluation scores it (ScoringPolicy.execution_indicator)."""


@attrs.define
class _Entry:
    """Lines of the ruleset for one row (or heading), and the row they came from."""

    lines: list[str]
    row: Row | None = None
    weight: str | None = None
    heading: str | None = None
    """For a heading (一级指标, 二级指标): where its cell is."""
    condition: str = ""
    """What follows an indicator's name (`>= 90%`), for reading its actual."""

    @property
    def place(self) -> str:
        return self.row.place if self.row is not None else self.heading or ""


@attrs.define
class _Context:
    """What writing one table accumulates: its review flags, the units it declares, the
    formulas already written (a helper two explanations define is written once)."""

    year: int
    flags: list[Flag]
    units: set[str] = attrs.Factory(set)
    defined: set[str] = attrs.Factory(set)


@attrs.frozen
class Imported:
    """A table imported: ruleset text, facts (None when the table has no actuals) and the review list."""

    doc: TableDoc
    text: str
    facts: dict[str, Any] | None
    flags: tuple[Flag, ...]


def quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", " ") + '"'


def _problems(text: str) -> tuple[Any, ...]:
    try:
        compile_ruleset(text)
    except RulesetError as error:
        return tuple(error.diagnostics)
    return ()


def _compiles(text: str, declared: set[str]) -> bool:
    """Whether the language takes the text; units it does not know are declared (into `declared`)
    as the table's own, since a table may count in 公斤 or 棵 as it pleases."""
    while True:  # each round declares at least one more of the text's finitely many unit words
        head = "".join(f"unit {unit}\n" for unit in sorted(declared))
        problems = _problems(head + text)
        if not problems:
            return True
        unknown = {
            item.source.text[item.span.start : item.span.end] for item in problems if item.code == "unknown-unit"
        }
        if not unknown - declared:
            return False
        declared |= unknown


def write(doc: TableDoc) -> Imported:
    flags: list[Flag] = list(doc.flags)
    year = doc.year or 2000
    entries: list[_Entry] = []
    facts: dict[str, Any] = {}
    level1 = level2 = None
    context = _Context(year, flags)
    for row in doc.rows:
        if row.level1 != level1:
            level1, level2 = row.level1, None
            if row.level1:
                place = row.places[Field.LEVEL1]
                entries.append(_Entry(["", f"一级指标 {_heading(row.level1, row.level1_weight)}"], heading=place))
        if row.level2 != level2:
            level2 = row.level2
            if row.level2:
                place = row.places[Field.LEVEL2]
                entries.append(_Entry([f"二级指标 {_heading(row.level2, row.level2_weight)}"], heading=place))
        entries.append(entry := _indicator(row, context))
        _facts(row, facts, entry.condition, flags)
    if doc.low_confidence:
        flags += [
            Flag("low-confidence", row.name, row.place, "从 PDF 读出的行：单元格边界是推测的，请逐格核对")
            for row in doc.rows
        ]
    flags += _unmatched_goals(doc, entries)
    head = _head(doc, facts, entries, context.units, flags)
    text = _finish(head, entries, flags)
    return Imported(doc, text, facts or None, tuple(dict.fromkeys(flags)))


def _unmatched_goals(doc: TableDoc, entries: list[_Entry]) -> list[Flag]:
    """A quantity the goals set that no indicator's target states: an indicator the grid lacks."""
    stated = " ".join(entry.condition.replace(" ", "") for entry in entries)
    flags = []
    for goal, place in doc.goals:
        for clause, number, unit in goal_targets(goal):
            if f"{number}{unit}" not in stated:
                message = f"目标中写有“{clause}”，表中没有指标以此为目标；需要时补一个指标"
                flags.append(Flag("goal-without-indicator", None, place, message))
    return flags


def _heading(name: str, weight: str | None) -> str:
    return f"{name}({weight}分)" if weight else name


def _written_name(name: str, rest: str, year: int, units: set[str]) -> str | None:
    """The name as the language takes it before `rest`: as printed, else between backticks."""
    for written in (name, f"`{name}`" if "`" not in name else None):
        if written and _compiles(f"year {year}\n{written} {rest}\n", units):
            return written
    return None


_ONLY_A_NAME = "这一行只有指标名，其余各格都是空的（可能被分页截断）；写成了没有目标、只记录的一行，请核对"


def _indicator(row: Row, context: _Context) -> _Entry:
    """An indicator's lines: its formula if its explanation states one, the row, its description;
    a target the language cannot read is kept as a comment."""
    name, year, flags, units = row.name, context.year, context.flags, context.units
    found = reading(row)
    for code, field, message in found.doubts if found is not None else ():
        flags.append(Flag(code, name, row.places[field], message))
    if found is not None and not found.text:
        return _kept_as_comment(row)
    weight = normal(row.get(Field.WEIGHT))
    weight_text = f" weight {weight}" if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", weight) else ""
    checked = found.text if found is not None else ""
    if found is None and not any(
        row.get(field) for field in (Field.ACTUAL, Field.SCORE, Field.EXPLANATION, Field.WEIGHT)
    ):
        flags.append(Flag("truncated-row", name, row.place, _ONLY_A_NAME))
    written = _written_name(name, checked, year, units)
    if written is None:
        message = f"指标值“{row.get(Field.TARGET)}”读不成目标；这一行写成了注释，请改写"
        flags.append(Flag("unreadable-target", name, row.places[Field.TARGET], message))
        return _kept_as_comment(row)
    lines = [f"{written} {checked}{weight_text}".rstrip()]
    description = one_line(row.get(Field.EXPLANATION))
    stated = stated_targets(description) if not checked.startswith(":") else []
    if stated:
        message = (
            f"指标解释写了 {len(stated)} 个目标（{'、'.join(stated)}），指标值只写了一个；要一并考核，写成复合指标"
        )
        flags.append(Flag("explanation-targets", name, row.places[Field.EXPLANATION], message))
    lines[:0] = _formula(row, written, checked, description, context)
    if description:
        lines.append(f"    {quoted(description)}")
    return _Entry(lines, row, weight_text.strip() or None, condition=checked)


def _kept_as_comment(row: Row) -> _Entry:
    """A row the language cannot read, kept whole as comments: its cells, weight and description."""
    weight, description = row.get(Field.WEIGHT), one_line(row.get(Field.EXPLANATION))
    printed = "".join(row.get(field) for field in (Field.COMPARATOR, Field.TARGET, Field.UNIT))
    lines = [f"# {row.name} {printed}" + (f"  （分值 {weight}）" if weight else "")]
    return _Entry(lines + ([f"#     {quoted(description)}"] if description else []), row)


def _formula(row: Row, written: str, checked: str, description: str, context: _Context) -> list[str]:
    """The formula the explanation defines the indicator by (`预算执行率=(预算完成数/预算数)×100%`),
    with definitions of the facts it reads written beside it; nothing when the language rejects it."""
    found = formulas_in(row.name, description)
    if not found:
        return []
    *helpers, own = found
    helpers = [item for item in helpers if item.name not in context.defined]
    lines = [f"{item.name} := {item.expression}" for item in helpers] + [f"{written} := {own.expression}"]
    if not _compiles(f"year {context.year}\n" + "\n".join(lines) + f"\n{written} {checked}\n", set(context.units)):
        return []
    context.defined.update(item.name for item in helpers)
    name = row.name
    if not (own.written == name or own.written.endswith(name) or name.endswith(own.written)):
        message = f"指标解释中的公式写作“{own.written}=…”，按本指标的公式读入"
        context.flags.append(Flag("formula-renamed", name, row.places[Field.EXPLANATION], message))
    return lines


def _facts(row: Row, facts: dict[str, Any], target: str, flags: list[Flag]) -> None:
    actual, score, likelihood = (normal(row.get(field)) for field in (Field.ACTUAL, Field.SCORE, Field.LIKELIHOOD))
    if "%" in target and fraction_of_percent(actual):
        message = _fraction_message("指标值是百分数，实际完成值", actual)
        flags.append(Flag("percent-ambiguous", row.name, row.places[Field.ACTUAL], message))
    if actual not in _EMPTY:
        parts = compound_actual(actual) if compound(normal(row.get(Field.TARGET))) else None
        facts[row.name] = parts if parts is not None else row.get(Field.ACTUAL).strip()
    if score not in _EMPTY:
        facts[f"{row.name}:得分"] = score
    if likelihood not in _EMPTY:
        facts[f"{row.name}:可能性"] = likelihood


def _fraction_message(what: str, number: str) -> str:
    return f"{what}却是 {number}：是 {number}% 还是 {number}（即 {times_hundred(number)}%）？按写的读"


def _head(
    doc: TableDoc, facts: dict[str, Any], entries: list[_Entry], units: set[str], doc_flags: list[Flag]
) -> list[str]:
    lines = [f"# {line.lstrip('# ')}" for line in doc.title.split("\n") if line.lstrip("# ")] or ["# (无标题)"]
    lines.append(f"# perfrules import 读自 {doc.source}（{doc.sheet}）；待核对各处写在行上方的注释里。")
    lines.append("")
    if doc.department:
        lines.append(f"department {quoted(doc.department)}")
    if doc.year:
        lines.append(f"year {doc.year}")
    if units:
        lines += ["", "# 表中用到、perfrules 不认识的计量单位"] + [f"unit {unit}" for unit in sorted(units)]
    if doc.budget:
        lines += ["", "budget {"]
        group = None
        for line in doc.budget:
            if line.group != group:
                if group is not None:
                    lines.append("    }")
                if line.group is not None:
                    lines.append(f"    {line.group} {{")
                group = line.group
            lines.append(f"{'        ' if group else '    '}{line.label} := {line.amount} {line.unit}")
        if group is not None:
            lines.append("    }")
        lines.append("}")
    execution = doc.execution
    in_grid = any(row.name == EXECUTION for row in doc.rows)  # the grid states the rate (the seed does)
    if (execution.get("rate") or execution.get("weight")) and not in_grid:
        weight = execution.get("weight", "")
        weight_text = f" weight {weight}" if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", weight) else ""
        lines += ["", f"{EXECUTION} %{weight_text}"]
        entries.insert(0, _Entry([], None, weight_text.strip() or None))
        if execution.get("rate") and normal(execution["rate"]) not in _EMPTY:
            facts[EXECUTION] = execution["rate"]
            if fraction_of_percent(normal(execution["rate"])):
                message = _fraction_message("执行率", normal(execution["rate"]))
                doc_flags.append(Flag("percent-ambiguous", EXECUTION, execution.get("place", ""), message))
        if execution.get("score") and normal(execution["score"]) not in _EMPTY:
            facts[f"{EXECUTION}:得分"] = execution["score"]
    return lines


def _finish(head: list[str], entries: list[_Entry], flags: list[Flag]) -> str:
    """The ruleset as a whole. A line the language rejects (a heading that is not a name)
    becomes a comment, flagged; weights that do not add up are kept as comments and flagged,
    the headings' first, then the rows'."""
    for attempt in ("as printed", "without heading weights", "without weights"):
        while True:
            text = _render(head, entries, attempt)
            problems = _problems(text)
            rejected = [item for item in problems if item.code != "weights"]
            if not rejected:
                break
            _comment_out(text, rejected, head, entries, flags)
        if not problems:
            return text
        flags.extend(
            Flag("weights-mismatch", None, _place_of(text, item.line, entries), item.text("zh")[0]) for item in problems
        )
    raise AssertionError("without weights, no weights can disagree")  # pragma: no cover


def _place_of(text: str, line: int, entries: list[_Entry]) -> str:
    """The table cell a line of the rendered ruleset came from."""
    wanted = text.split("\n")[line - 1]
    return next((entry.place for entry in entries if wanted in entry.lines), "")


def _comment_out(text: str, problems: list[Any], head: list[str], entries: list[_Entry], flags: list[Flag]) -> None:
    """Turn the lines the language rejects into comments, flagging each."""
    rejected = {text.split("\n")[item.line - 1] for item in problems}
    places: list[tuple[list[str], Row | None]] = [(head, None)] + [(entry.lines, entry.row) for entry in entries]
    changed = False
    for lines, row in places:
        for index, line in enumerate(lines):
            if line in rejected and not line.startswith("#"):
                lines[index], changed = "# " + line, True
                flags.append(
                    Flag(
                        "unreadable-line",
                        row.name if row else None,
                        row.place if row else "",
                        f"“{line.strip()}”不是 perfrules 能读的一行，写成了注释，请改写",
                    )
                )
    if not changed:
        raise AssertionError(f"the importer wrote a ruleset the language rejects: {problems[0]}")  # pragma: no cover


def _render(head: list[str], entries: list[_Entry], attempt: str) -> str:
    lines = list(head)
    for entry in entries:
        for line in entry.lines:
            if entry.heading is not None and attempt != "as printed":
                line = re.sub(r"\(([0-9.]+)分\)$", r"  # 原表分值 \1分", line)
            elif entry.weight and attempt == "without weights" and line.endswith(entry.weight):
                line = line[: -len(entry.weight)].rstrip() + f"  # 原表{entry.weight.replace('weight ', '分值 ')}"
            lines.append(line)
    text = "\n".join(lines) + "\n"
    if attempt == "without weights":
        text = re.sub(r"^(预算执行率 %) weight ([0-9.]+)$", r"\1  # 原表分值 \2", text, flags=re.MULTILINE)
    return text
