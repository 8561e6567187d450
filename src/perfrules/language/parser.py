"""The one cached lark parser, and the translation of lark's errors into perfrules diagnostics.

The grammar is `grammar/indicator.lark`, shipped inside the package. It is parsed with LALR
and the contextual lexer: fast, deterministic, and able to tell a unit word after a number
from a name at the start of a statement. Parsing runs on the normalised text; every position
handed out is mapped back to the author's text by `Source.span`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from ..errors import RulesetError, Source
from . import parser_tables
from .messages import Messages

GRAMMAR_FILE = "indicator.lark"

_TOKEN_NAMES = {
    "NAME": "name",
    "QUOTED_NAME": "name",
    "NUMBER": "number",
    "INT": "year",
    "DATE": "date (YYYY-MM-DD)",
    "UNIT": "unit",
    "STRING": "quoted text",
    "COMPARATOR": "comparator",
    "POSTFIX": "comparator written after the target",
    "MUL_OP": "operator",
    "PLUS": "'+'",
    "LPAR": "'('",
    "RPAR": "')'",
    "MINUS": "'-'",
    "MONTH_END": "deadline",
    "HALF_YEAR": "deadline",
    "PERIOD": "deadline",
    "RATE_UNIT": "unit",
    "STANDARD": "standard (计划标准)",
    "VALUE_KIND": "定量 or 定性",
    "PERCENT": "'%'",
    "DAY_BEFORE": "deadline",
    "YEAR_END": "deadline",
    "LEVEL1": "'一级指标'",
    "LEVEL2": "'二级指标'",
    "ATTAINMENT": "'attainment'",
    "_NL": "end of line",
    "$END": "end of input",
}

_TOKEN_NAMES_ZH = {
    "NAME": "名称",
    "QUOTED_NAME": "名称",
    "NUMBER": "数字",
    "INT": "年份",
    "DATE": "日期（YYYY-MM-DD）",
    "UNIT": "单位",
    "STRING": "引号内的文字",
    "COMPARATOR": "比较符",
    "POSTFIX": "写在目标值之后的比较词",
    "MUL_OP": "运算符",
    "PLUS": "'+'",
    "MINUS": "'-'",
    "LPAR": "'('",
    "RPAR": "')'",
    "MONTH_END": "截止日期",
    "HALF_YEAR": "截止日期",
    "PERIOD": "截止日期",
    "RATE_UNIT": "单位",
    "STANDARD": "标准（计划标准）",
    "VALUE_KIND": "定量或定性",
    "PERCENT": "'%'",
    "DAY_BEFORE": "截止日期",
    "YEAR_END": "截止日期",
    "LEVEL1": "'一级指标'",
    "LEVEL2": "'二级指标'",
    "ATTAINMENT": "'attainment'",
    "_NL": "行尾",
    "$END": "文本结尾",
}

_EQUALITY_PREFIX = re.compile(r"^\s*(?:`[^`]*`|[^\s=<>!:`]+)\s*==?\s*$")
_NAME_BEFORE = re.compile(r"[^\s\d()=<>:+\-*/×÷]$")
_EXPONENT_BEFORE = re.compile(r"\d[eE]$")
_DEADLINE_TERMINALS = ("MONTH_END", "DAY_BEFORE", "YEAR_END", "HALF_YEAR")
_RUN = re.compile(r"[0-9\u3400-\u4dbf\u4e00-\u9fff]+")
"""What may be a deadline written without a space: digits and Chinese characters."""
_DEADLINE_WORDS = (("以前", "前"), ("之前", "前"), ("月末", "月底"))
"""Ways of saying a deadline's word that the grammar spells otherwise: 10月底以前 is 10月底前."""
_DEADLINE_TYPOS = {
    "前": "钱签潜浅欠千谦虔倩",
    "底": "地低抵第",
    "末": "未沫抹莫默陌",
    "内": "那纳呐",
    "份": "分粉奋",
    "完": "玩晚",
    "成": "城程诚承乘呈",
    "日": "曰号",
    "月": "越约阅",
    "年": "念粘",
    "半": "伴办拌",
}
"""Each character of a deadline's words → characters typed for it (same sound, or alike): 10月底钱."""
_DEADLINE_START = re.compile(r"(?<![0-9])(?:于?[0-9]|[上下]半年|年底|年末|年内)")
"""Where a deadline may start inside a label (完成10月底钱): a number not inside another, or a year's words."""
_DEADLINE_FIXES = str.maketrans({typed: meant for meant, typos in _DEADLINE_TYPOS.items() for typed in typos})


def grammar_text() -> str:
    """The grammar, read from the installed package (or the source tree when run from it)."""
    packaged = resources.files("perfrules.language").joinpath("grammar", GRAMMAR_FILE)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    # An editable install runs from src/, where the grammar is not copied in.
    in_tree = Path(__file__).resolve().parents[3] / "grammar" / GRAMMAR_FILE
    return in_tree.read_text(encoding="utf-8")


@cache
def lark_parser() -> Lark:
    """The parser: from the tables shipped in the wheel when they fit, else analysed afresh."""
    grammar = grammar_text()
    tables = resources.files("perfrules.language").joinpath("grammar", parser_tables.TABLES_FILE)
    if tables.is_file():
        parser = parser_tables.load(tables.read_text(encoding="utf-8"), grammar)
        if parser is not None:
            return parser
    return parser_tables.build(grammar)


@cache
def _deadline_forms() -> tuple[re.Pattern[str], ...]:
    """The grammar's deadline terminals, as regular expressions (the grammar stays their one owner)."""
    parser = lark_parser()
    return tuple(re.compile(parser.get_terminal(name).pattern.to_regexp()) for name in _DEADLINE_TERMINALS)


def deadline_spelling(text: str, position: int = 0, *, whole: bool = False) -> str | None:
    """The deadline that `text` (normalised) likely means from `position`, where a deadline would
    start, when the run of digits and characters there is a typo of one (10月底钱 → 10月底前,
    12月31号前 → 12月31日前), or the rest of `text` is when `whole`; None when it reads as no
    deadline, or already as one."""
    run = _RUN.match(text, position)
    if run is None or (whole and run.end() != len(text)):
        return None
    spelling = run.group()
    for written, meant in _DEADLINE_WORDS:
        spelling = spelling.replace(written, meant)
    spelling = spelling.translate(_DEADLINE_FIXES)
    if spelling == run.group() or not any(form.fullmatch(spelling) for form in _deadline_forms()):
        return None
    return spelling


def deadline_in_label(label: str) -> tuple[int, str] | None:
    """Where a label ends in a mistyped deadline (完成10月底钱), and the deadline it means, when the
    label written right would be read as the label before it and that deadline (完成, 10月底前)."""
    for start in _DEADLINE_START.finditer(label, 1):
        spelling = deadline_spelling(label, start.start(), whole=True)
        if spelling is not None and not _name_form().fullmatch(label[: start.start()] + spelling):
            return start.start(), spelling
    return None


@cache
def _name_form() -> re.Pattern[str]:
    return re.compile(lark_parser().get_terminal("NAME").pattern.to_regexp())


def parse(source: Source) -> Tree[Token]:
    """Parse a source into a lark tree, or raise `RulesetError` with the first syntax error."""
    text = source.normalized
    if not text.endswith(("\n", "\r")):
        text += "\n"
    try:
        return lark_parser().parse(text)
    except UnexpectedInput as error:
        raise RulesetError([_diagnostic(source, text, error)]) from None


def _describe(terminal: str, language: str = "en") -> str:
    names = _TOKEN_NAMES_ZH if language == "zh" else _TOKEN_NAMES
    if terminal in names:
        return names[terminal]
    pattern = lark_parser().get_terminal(terminal).pattern
    return f"'{pattern.value}'" if pattern.type == "str" else terminal.lower()


def _acceptable(error: UnexpectedToken) -> set[str]:
    """What the parser would really take here (lark's `expected` includes merged-state noise)."""
    if error.interactive_parser is not None:
        accepted: set[str] = set(error.interactive_parser.accepts())  # type: ignore[no-untyped-call]
        if accepted:
            return accepted
    return set(error.expected)


def _expected(terminals: set[str]) -> tuple[list[str], list[str]]:
    return (
        sorted({_describe(terminal) for terminal in terminals}),
        sorted({_describe(terminal, "zh") for terminal in terminals}),
    )


def _found(terminal: str, text: str | None) -> tuple[str, str]:
    english, chinese = _describe(terminal), _describe(terminal, "zh")
    if text is not None and not english.startswith("'") and terminal != "_NL":
        english += f" {text!r}"
        chinese += f" {text!r}"
    return english, chinese


def _diagnostic(source: Source, text: str, error: UnexpectedInput):  # type: ignore[no-untyped-def]
    messages = Messages(source)
    if isinstance(error, UnexpectedCharacters):
        position = error.pos_in_stream or 0
        return messages.bad_character(source.span(position, position + 1), text[position])
    if isinstance(error, UnexpectedToken):
        token = error.token
        if token.type == "$END":
            position = len(source.normalized)
            return messages.syntax(
                source.span(position, position), _found("$END", None), _expected(set(error.expected))
            )
        start = token.start_pos or 0
        end = token.end_pos if token.end_pos is not None else start + len(token)
        span = source.span(start, min(end, len(source.normalized)))
        found = _found(token.type, source.original(span))
        return messages.syntax(span, found, _expected(_acceptable(error)), _hint(text, start))
    if isinstance(error, UnexpectedEOF):
        position = len(source.normalized)
        return messages.syntax(source.span(position, position), _found("$END", None), _expected(set(error.expected)))
    raise error  # pragma: no cover - lark raises only the three above


def _hint(text: str, position: int) -> tuple[str, str] | None:
    line_start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    if _EQUALITY_PREFIX.match(text[line_start:position]):
        return (
            "did you mean := ? A formula is defined with `NAME := EXPRESSION`; `=` compares",
            "是否想写 := ？公式写作 `名称 := 算式`；`=` 表示比较",
        )
    if text[position : position + 1] in "()" and _NAME_BEFORE.search(text[line_start:position]):
        return (
            "brackets in a name are closed and hold only what a name holds; other names go between backticks, "
            "like `部门(单位-预算)`",
            "名称中的括号须成对，括号内只能是名称用字；其余名称要用反引号括起来，如 `部门(单位-预算)`",
        )
    if text[position : position + 1].isdigit() and _EXPONENT_BEFORE.search(text[line_start:position]):
        return (
            "numbers are written in full, without an exponent: 100000, not 1e5",
            "数字要完整书写，不用指数：写 100000，不写 1e5",
        )
    deadline = deadline_spelling(text, position)
    if deadline is not None:
        return (f"did you mean the deadline {deadline}?", f"是否想写截止日期 {deadline}？")
    return None
