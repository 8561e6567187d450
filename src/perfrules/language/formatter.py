"""The canonical layout of a ruleset (`perfrules fmt`), like gofmt or black: one way to write it.

Works on the token stream of the parser itself, so it formats exactly what the language reads:
names, numbers, units, labels, dates, quoted text and comparators are copied from the author's
text untouched, so the file still reads like the table (`≥`, `＝`, `不少于`, `达到` stay); with
`normalize=True` (`fmt --normalize`) comparators become ASCII (`不少于`, `≥`, `＞＝`, `达到` →
`>=`), but the `=` defining a unit stays `=`. Spacing is one space between tokens (none inside
brackets, after a sign, or before `%`). A comparator before the target, sign or word, is spaced
like any token (`巡察 ≥ 1 次`, `述责述廉活动 不少于 1 次`, `合格率 达到 95%`): one rule for every
spelling, so normalising changes the comparator and nothing else; one after the number stays
glued to it (`95%以上`). Descriptions and budget lines are indented four spaces; comments stay
where they were, trailing ones aligned within their paragraph; runs of blank lines become one.
Formatting twice changes nothing, and the AST is the same.
"""

from __future__ import annotations

import re

from lark import Token

from ..errors import RulesetError, Source
from ..errors.text import text_width
from ..quantities.comparators import Comparator
from .parser import lark_parser, parse

_COMMENT = re.compile(r"#[^\r\n]*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NO_SPACE_AFTER = {"LPAR", "SIGN"}
_NO_SPACE_BEFORE = {"RPAR", "POSTFIX"}
_BRACKET_AFTER = {"NAME", "QUOTED_NAME", "UNIT", "NUMBER", "POSTFIX"}
_OPERAND_STARTS = {"PLUS", "MINUS", "MUL_OP", "LPAR", "COMPARATOR", "__ANON_1", "COLON", "AND", None}


def format_text(text: str, name: str = "<string>", *, normalize: bool = False) -> str:
    """The canonical layout of ruleset text; raises `RulesetError` if it does not parse.

    `normalize` writes comparators in ASCII; by default they keep the author's spelling.
    """
    source = Source(text, name)
    parse(source)  # a syntax error is reported exactly as `check` reports it
    normalized = source.normalized + ("" if source.normalized.endswith(("\n", "\r")) else "\n")
    tokens = list(lark_parser().parse_interactive(normalized).iter_parse())
    return _Layout(source, normalized, tokens, normalize).render()


class _Layout:
    def __init__(self, source: Source, normalized: str, tokens: list[Token], normalize: bool) -> None:
        self.source = source
        self.normalized = normalized
        self.tokens = tokens
        self.normalize = normalize

    def original(self, token: Token) -> str:
        start, end = token.start_pos or 0, token.end_pos or 0
        return self.source.original(self.source.span(start, min(end, len(self.source.normalized))))

    def comparator(self, token: Token, defines_unit: bool) -> str:
        """As the author wrote it (`＞＝` is `>=` only once NFKC-normalised), or its ASCII code when
        normalising: there `unit 千元 = 1000 元` keeps `=`, as it defines rather than compares."""
        if not self.normalize:
            return self.original(token)
        comparator = Comparator.written(str(token))
        return "=" if defines_unit and comparator is Comparator.EQ else comparator.value

    def gap_comments(self, start: int, end: int) -> list[str]:
        """Comments in the normalised text between two tokens, as the author wrote them."""
        found = []
        for match in _COMMENT.finditer(self.normalized, start, end):
            span = self.source.span(match.start(), min(match.end(), len(self.source.normalized)))
            found.append(self.source.original(span).rstrip())
        return found

    def render(self) -> str:
        lines: list[tuple[str, str, str | None]] = []  # (indent, code, trailing comment); code "" = blank
        depth = 0
        statement: list[Token] = []
        previous_end = 0
        for token in self.tokens:
            if token.type != "_NL":
                if not statement:
                    for comment in self.gap_comments(previous_end, token.start_pos or 0):
                        lines.append(("    " * depth, comment, None))
                statement.append(token)
                previous_end = token.end_pos or 0
                continue
            trailing = self.gap_comments(previous_end, token.start_pos or 0)
            if statement:
                if statement[0].type == "RBRACE":
                    depth = max(depth - 1, 0)
                indent = "    " * (depth + (1 if statement[0].type == "STRING" else 0))
                lines.append((indent, self.statement(statement), trailing[0] if trailing else None))
                if statement[-1].type == "LBRACE":
                    depth += 1
                statement = []
            else:
                lines += [("    " * depth, comment, None) for comment in trailing]
            breaks = len(_LINE_BREAK.findall(self.normalized, token.start_pos or 0, token.end_pos or 0))
            if breaks > 1:
                lines.append(("", "", None))
            previous_end = token.end_pos or 0
        for comment in self.gap_comments(previous_end, len(self.normalized)):
            lines.append(("    " * depth, comment, None))
        return _join(lines)

    @staticmethod
    def bracket_glues(previous_kind: str | None, tokens: list[Token], position: int) -> bool:
        """Whether a bracket is written against what comes before it. After a name only a printed
        weight is (`产出指标(50分)`): a label's standard glued on (`X(Y)`) would read as one name."""
        if previous_kind == "NAME":
            return position + 1 < len(tokens) and tokens[position + 1].type == "NUMBER"
        return previous_kind in _BRACKET_AFTER

    def statement(self, tokens: list[Token]) -> str:
        out = ""
        previous: Token | None = None
        previous_kind: str | None = None
        defines_unit = str(tokens[0]) == "unit"  # `unit 千元 = 1000 元`: there `=` defines, it does not compare
        for position, token in enumerate(tokens):
            kind = token.type
            text = self.comparator(token, defines_unit) if kind == "COMPARATOR" else self.original(token)
            if kind in ("PLUS", "MINUS") and (previous is None or previous_kind in _OPERAND_STARTS):
                kind = "SIGN"
            if previous is not None:
                glued = previous_kind in _NO_SPACE_AFTER or kind in _NO_SPACE_BEFORE
                glued = glued or (kind == "UNIT" and text in ("%", "％")) or kind == "COLON"
                # A heading's printed weight and a target's standard read as the table prints them:
                # 产出指标(50分), 100%(历史标准). (A bracket never follows these in a formula.)
                glued = (
                    glued or kind == "分" or (kind == "LPAR" and self.bracket_glues(previous_kind, tokens, position))
                )
                out += "" if glued else " "
            out += text
            previous, previous_kind = token, kind
        return out


def _join(lines: list[tuple[str, str, str | None]]) -> str:
    # Blank lines: none at the start or end, never two in a row.
    kept: list[tuple[str, str, str | None]] = []
    for line in lines:
        if line[1] == "" and (not kept or kept[-1][1] == ""):
            continue
        kept.append(line)
    while kept and kept[-1][1] == "":
        kept.pop()
    # Trailing comments line up within their paragraph.
    out: list[str] = []
    paragraph: list[tuple[str, str, str | None]] = []

    def flush() -> None:
        width = max((text_width(indent + code) for indent, code, comment in paragraph if comment), default=0)
        for indent, code, comment in paragraph:
            text = indent + code
            out.append(text + " " * (width - text_width(text) + 2) + comment if comment else text)
        paragraph.clear()

    for line in kept:
        if line[1] == "":
            flush()
            out.append("")
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out) + "\n" if out else ""


__all__ = ["RulesetError", "format_text"]
