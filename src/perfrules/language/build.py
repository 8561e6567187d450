"""Lark tree → the typed syntax tree, as a pass of its own because it needs the source for positions.

Uses lark's non-recursive transformer: expression depth is chosen by the author, so no walk
over it may use the Python stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
from lark import Token, Tree
from lark.visitors import Transformer_NonRecursive, v_args

from ..errors import Source, Span
from ..quantities.comparators import Comparator
from . import syntax
from .assemble import Description, Level, assemble, heading

_OPERATORS = {"+": "+", "-": "-", "*": "*", "×": "*", "/": "/", "÷": "/"}
_DEADLINE = re.compile(r"于?(?:([0-9]{4})年)?(?:([0-9]{1,2})月(?:([0-9]{1,2})日)?|([上下])半年|年)\D*")
"""year, month, day and half of a written deadline; the words around them (底前, 完成) say nothing more."""
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def build(tree: Tree[Token], source: Source) -> syntax.Document:
    """Turn the parse tree of `source` into an `syntax.Document`."""
    statements = _Builder(source).transform(tree)
    return assemble(statements)


def parse_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _unescape(raw: str) -> str:
    body = raw[1:-1]
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match.group(1), match.group(0)), body)


@v_args(inline=True)
class _Declarations(Transformer_NonRecursive):  # type: ignore[type-arg]
    """The statements that declare (header, units, facts, scales, budget, headings), deadlines and
    weights: the half of the builder that reads no target, kept apart so each half stays readable."""

    def __init__(self, source: Source) -> None:
        super().__init__()
        self.source = source

    def _token_span(self, token: Token) -> Span:
        return self.source.span(token.start_pos or 0, token.end_pos or 0)

    def _string(self, token: Token) -> str:
        return _unescape(self.source.original(self._token_span(token)))

    def department(self, token: Token) -> syntax.Department:
        return syntax.Department(self._string(token), self._token_span(token))

    def year(self, token: Token) -> syntax.Year:
        return syntax.Year(int(str(token)), self._token_span(token))

    def unit_decl(
        self, name: syntax.Name, equals: Token | None = None, definition: Any = None
    ) -> syntax.UnitDeclaration:
        end = definition.span.end if definition else name.span.end
        operator = (Comparator.written(str(equals)), self._token_span(equals)) if equals is not None else None
        return syntax.UnitDeclaration(name, definition, operator, Span(name.span.start, end))

    def fact_decl(self, name: syntax.Name, unit: Token) -> syntax.FactDeclaration:
        unit_span = self._token_span(unit)
        return syntax.FactDeclaration(name, str(unit), unit_span, Span(name.span.start, unit_span.end))

    def scale_decl(self, first: syntax.Name, *rest: Any) -> syntax.Scale:
        labels = (first, *tuple(rest[1::2]))
        operators = tuple((Comparator.written(str(token)), self._token_span(token)) for token in rest[0::2])
        return syntax.Scale(labels, operators, Span(first.span.start, labels[-1].span.end))

    def attainment_decl(self, keyword: Token, *words: syntax.Name) -> syntax.Attainment:
        start = self._token_span(keyword)
        return syntax.Attainment(words, Span(start.start, words[-1].span.end if words else start.end))

    def budget_entry(self, name: syntax.Name, amount: syntax.QuantityLiteral) -> list[syntax.BudgetEntry]:
        return [syntax.BudgetEntry(name, amount, (), Span(name.span.start, amount.span.end))]

    def budget_group(self, name: syntax.Name, *entries: list[syntax.BudgetEntry]) -> list[syntax.BudgetEntry]:
        return [attrs.evolve(entry, path=(name.text, *entry.path)) for group in entries for entry in group]

    def budget(self, *entries: list[syntax.BudgetEntry]) -> list[syntax.BudgetEntry]:
        return [entry for group in entries for entry in group]

    def level1(self, _keyword: Token, *rest: Any) -> Level:
        return heading(1, rest)

    def level2(self, _keyword: Token, *rest: Any) -> Level:
        return heading(2, rest)

    # deadlines and weights

    def iso_deadline(self, token: Token) -> syntax.Deadline:
        year, month, day = (int(part) for part in str(token).split("-"))
        span = self._token_span(token)
        return syntax.Deadline("date", year, month, day, self.source.original(span), span)

    def _written_deadline(self, token: Token, kind: str) -> syntax.Deadline:
        match = _DEADLINE.fullmatch(str(token))
        assert match is not None  # the terminal's own pattern
        year, month, day = (int(group) if group else None for group in match.groups()[:3])
        if match[4]:
            month = 6 if match[4] == "上" else 12
        return syntax.Deadline(
            kind, year, month, day, self.source.original(self._token_span(token)), self._token_span(token)
        )

    def month_end_deadline(self, token: Token) -> syntax.Deadline:
        return self._written_deadline(token, "month-end")

    def day_before_deadline(self, token: Token) -> syntax.Deadline:
        return self._written_deadline(token, "day")

    def year_end_deadline(self, token: Token) -> syntax.Deadline:
        return self._written_deadline(token, "year-end")

    def half_year_deadline(self, token: Token) -> syntax.Deadline:
        return self._written_deadline(token, "half-year")

    def period_deadline(self, token: Token) -> syntax.Deadline:
        """`2023.07-2024.01`: due at the end of the period's last month."""
        year, month = _PERIOD_END.search(str(token)).groups()  # type: ignore[union-attr]
        span = self._token_span(token)
        return syntax.Deadline("period", int(year), int(month), None, self.source.original(span), span)

    def weight(self, token: Token) -> syntax.Weight:
        return syntax.Weight(parse_decimal(str(token)), self._token_span(token))

    def printed_weight(self, _open: Token, token: Token, _close: Token) -> syntax.Weight:
        return self.weight(token)


@v_args(inline=True)
class _Builder(_Declarations):
    # names and literals

    def name(self, token: Token) -> syntax.Name:
        text = str(token)
        if token.type == "QUOTED_NAME":
            text = text[1:-1].strip()
        return syntax.Name(text, self._token_span(token))

    def unit(self, token: Token) -> Token:
        return token

    def quantity(self, *children: Any) -> syntax.QuantityLiteral:
        sign = ""
        items = list(children)
        start: Span | None = None
        if isinstance(items[0], Token) and items[0].type in ("PLUS", "MINUS"):
            sign_token = items.pop(0)
            sign = "-" if sign_token.type == "MINUS" else ""
            start = self._token_span(sign_token)
        number = items[0]
        unit = items[1] if len(items) > 1 else None
        column = items[2] if len(items) > 2 else None
        number_span = self._token_span(number)
        unit_span = self._token_span(unit) if unit is not None else None
        first = start or number_span
        last = unit_span or number_span
        amount = parse_decimal(sign + str(number))
        return syntax.QuantityLiteral(
            amount, str(unit) if unit else None, Span(first.start, last.end), unit_span, column
        )

    def column(self, token: Token) -> syntax.Column:
        return syntax.Column(str(token), self._token_span(token))

    def label(self, name: syntax.Name, column: Token | None = None) -> syntax.LabelLiteral:
        printed = syntax.Column(str(column), self._token_span(column)) if column is not None else None
        return syntax.LabelLiteral(name.text, name.span, printed)

    def value_kind(self, token: Token) -> syntax.Name:
        return syntax.Name(str(token), self._token_span(token))

    def comparison(self, *children: Any) -> syntax.Comparison:
        return _comparison(children, self._token_span)

    def postfix_comparison(
        self, target: syntax.QuantityLiteral, token: Token, basis: _Basis | None = None
    ) -> syntax.Comparison:
        """`95%以上`: the comparator written after the target."""
        op = Comparator.written_after(str(token))
        return syntax.Comparison(op, self._token_span(token), target, False, basis.text if basis else None)

    def basis(self, *children: Any) -> _Basis:
        """`(历史标准)`, or the standard in its own column: `计划标准`."""
        return _Basis(children[1].text if len(children) == 3 else str(children[0]))

    # deadlines and weights

    # indicators

    def condition_tail(self, comparison: syntax.Comparison, *rest: Any) -> dict[str, Any]:
        tail: dict[str, Any] = {"comparison": comparison, "deadline": None, "weight": None, "description": None}
        for item in rest:
            if isinstance(item, syntax.Name):
                tail["value_kind"] = item
            elif isinstance(item, syntax.Deadline):
                tail["deadline"] = item
            elif isinstance(item, syntax.Weight):
                tail["weight"] = item
            else:
                tail["description"] = self._string(item)
        return tail

    def indicator(self, name: syntax.Name, tail: dict[str, Any]) -> syntax.SimpleIndicator:
        end = self._statement_end(tail)
        return syntax.SimpleIndicator(name=name, group=(), span=Span(name.span.start, end), **tail)

    def due_indicator(self, name: syntax.Name, due: syntax.Deadline, *rest: Any) -> syntax.SimpleIndicator:
        """`项目完成时间 2019年12月`: a task due then, `== 完成` implied. A bare month right after the
        name (`周期 6月`) is a count of months, at least 6 月, as a number with a unit would be."""
        start = Span(due.span.start, due.span.start)
        if _BARE_MONTH.fullmatch(due.text):
            unit_span = Span(due.span.end - 1, due.span.end)
            months = syntax.QuantityLiteral(Decimal(due.text[:-1]), "月", due.span, unit_span)
            at_least = syntax.Comparison(Comparator.GE, start, months, True)
            return self.indicator(name, self.condition_tail(at_least, *rest))
        basis = rest[0].text if rest and isinstance(rest[0], _Basis) else None
        rest = rest[1:] if basis is not None else rest
        done = syntax.LabelLiteral(DONE, due.span)
        implied = syntax.Comparison(Comparator.EQ, start, done, True, basis)
        return self.indicator(name, {**self.condition_tail(implied, *rest), "deadline": due})

    def measured_indicator(self, name: syntax.Name, *rest: Any) -> syntax.SimpleIndicator:
        """`预算执行率 %`, `规章制度建立与否`: no target; the row records a value."""
        measure = rest[0] if rest and isinstance(rest[0], syntax.Measured) else None
        if measure is None:
            measure = syntax.Measured(None, None, Span(name.span.end, name.span.end))
        else:
            rest = rest[1:]
        recorded = syntax.Comparison(Comparator.EQ, Span(measure.span.start, measure.span.start), measure, True)
        return self.indicator(name, self.condition_tail(recorded, *rest))

    def measure(self, *children: Token) -> syntax.Measured:
        token = children[-1]
        span = self._token_span(token)
        return syntax.Measured(str(token), span, span)

    def _statement_end(self, tail: dict[str, Any]) -> int:
        target = tail["comparison"].target
        ends: list[int] = [target.span.end]
        column = target.column if isinstance(target, (syntax.QuantityLiteral, syntax.LabelLiteral)) else None
        ends.extend(item.span.end for item in (column, tail.get("value_kind")) if item is not None)
        ends.extend(tail[key].span.end for key in ("deadline", "weight") if tail[key] is not None)
        return max(ends)

    def part(
        self, name: syntax.Name, comparison: syntax.Comparison, deadline: syntax.Deadline | None = None
    ) -> syntax.CompoundPart:
        end = deadline.span.end if deadline else comparison.target.span.end
        return syntax.CompoundPart(name, comparison, deadline, Span(name.span.start, end))

    def compound(self, name: syntax.Name, *rest: Any) -> syntax.Compound:
        parts = tuple(item for item in rest if isinstance(item, syntax.CompoundPart))
        weight = next((item for item in rest if isinstance(item, syntax.Weight)), None)
        strings = [item for item in rest if isinstance(item, Token)]
        description = self._string(strings[0]) if strings else None
        end = weight.span.end if weight else parts[-1].span.end
        return syntax.Compound(name, parts, weight, description, (), Span(name.span.start, end))

    def description(self, token: Token) -> Description:
        return Description(self._string(token), self._token_span(token))

    # formulas

    def literal(self, number: Token, unit: Token | None = None) -> syntax.Literal:
        number_span = self._token_span(number)
        unit_span = self._token_span(unit) if unit is not None else None
        end = (unit_span or number_span).end
        return syntax.Literal(
            parse_decimal(str(number)), str(unit) if unit else None, Span(number_span.start, end), unit_span
        )

    def bracketed(self, opening: Token, inner: syntax.Expr, closing: Token) -> syntax.Expr:
        """Brackets make no node, but the expression's span includes them (for carets and explain)."""
        span = Span(self._token_span(opening).start, self._token_span(closing).end)
        return attrs.evolve(inner, span=span)

    def reference(self, name: syntax.Name) -> syntax.Reference:
        return syntax.Reference(name.text, name.span)

    def unary(self, token: Token, operand: syntax.Expr) -> syntax.Expr:
        span = Span(self._token_span(token).start, operand.span.end)
        return syntax.Unary(_OPERATORS[str(token)], operand, span)

    def binary(self, left: syntax.Expr, token: Token, right: syntax.Expr) -> syntax.Binary:
        span = Span(left.span.start, right.span.end)
        return syntax.Binary(_OPERATORS[str(token)], left, right, span, self._token_span(token))

    def formula(self, name: syntax.Name, expr: syntax.Expr, string: Token | None = None) -> syntax.Formula:
        description = self._string(string) if string is not None else None
        return syntax.Formula(name, expr, description, Span(name.span.start, expr.span.end))

    def start(self, *statements: Any) -> list[Any]:
        return list(statements)


def _comparison(children: tuple[Any, ...], token_span: Callable[[Token], Span]) -> syntax.Comparison:
    """`[OP] target [(standard)]`; without OP, ≥ for a number and = for a label."""
    basis = children[-1].text if isinstance(children[-1], _Basis) else None
    if basis is not None:
        children = children[:-1]
    elif isinstance(children[-1], syntax.LabelLiteral) and (standard := _STANDARD.fullmatch(children[-1].text)):
        # `完成(计划标准)`: a label's bracket naming a standard is the target's standard.
        children = (*children[:-1], syntax.LabelLiteral(standard[1], children[-1].span))
        basis = standard[2]
    if len(children) == 1:
        target = children[0]
        op = Comparator.GE if isinstance(target, syntax.QuantityLiteral) else Comparator.EQ
        return syntax.Comparison(op, Span(target.span.start, target.span.start), target, True, basis)
    token, target = children
    return syntax.Comparison(Comparator.written(str(token)), token_span(token), target, False, basis)


_BARE_MONTH = re.compile(r"[0-9]{1,2}月")
_PERIOD_END = re.compile(r"([0-9]{4})[.年]([0-9]{1,2})月?$")
DONE = "完成"
"""The target a row with only a deadline implies."""

_STANDARD = re.compile(r"(.+)\(([^()]*标准)\)")
"""A label ending in a bracketed standard (计划标准, 行业标准, 历史标准, 其他标准)."""


@attrs.frozen
class _Basis:
    """A target's standard, on its way into the comparison it belongs to."""

    text: str
