"""Lark tree → typed AST, as a pass of its own because it needs the source for positions.

Uses lark's non-recursive transformer: expression depth is chosen by the author, so no walk
over it may use the Python stack.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
from lark import Token, Tree
from lark.visitors import Transformer_NonRecursive, v_args

from ..errors import Source, Span
from . import syntax as ast

_COMPARATORS = {
    ">=": ">=",
    "≥": ">=",
    "≧": ">=",
    "不少于": ">=",
    "不低于": ">=",
    "至少": ">=",
    "<=": "<=",
    "≤": "<=",
    "≦": "<=",
    "不超过": "<=",
    "不高于": "<=",
    "==": "==",
    "=": "==",
    "!=": "!=",
    "≠": "!=",
    ">": ">",
    "<": "<",
}
_OPERATORS = {"+": "+", "-": "-", "*": "*", "×": "*", "/": "/", "÷": "/"}
_DEADLINE = re.compile(r"(?:([0-9]{4})年)?(?:([0-9]{1,2})月(?:([0-9]{1,2})日前|底前)|年底前)")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def build(tree: Tree[Token], source: Source) -> ast.Program:
    """Turn the parse tree of `source` into an `ast.Program`."""
    statements = _Builder(source).transform(tree)
    return _assemble(statements)


def parse_decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _unescape(raw: str) -> str:
    body = raw[1:-1]
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match.group(1), match.group(0)), body)


@attrs.frozen
class _Level:
    depth: int
    name: ast.Name
    weight: ast.Weight | None


@attrs.frozen
class _Description:
    text: str
    span: Span


@v_args(inline=True)
class _Builder(Transformer_NonRecursive):  # type: ignore[type-arg]
    def __init__(self, source: Source) -> None:
        super().__init__()
        self.source = source

    def _token_span(self, token: Token) -> Span:
        return self.source.span(token.start_pos or 0, token.end_pos or 0)

    def _string(self, token: Token) -> str:
        return _unescape(self.source.original(self._token_span(token)))

    # names and literals

    def name(self, token: Token) -> ast.Name:
        text = str(token)
        if token.type == "QUOTED_NAME":
            text = text[1:-1].strip()
        return ast.Name(text, self._token_span(token))

    def unit(self, token: Token) -> Token:
        return token

    def quantity(self, *children: Any) -> ast.QuantityLiteral:
        sign = ""
        items = list(children)
        start: Span | None = None
        if isinstance(items[0], Token) and items[0].type in ("PLUS", "MINUS"):
            sign_token = items.pop(0)
            sign = "-" if sign_token.type == "MINUS" else ""
            start = self._token_span(sign_token)
        number = items[0]
        unit = items[1] if len(items) > 1 else None
        number_span = self._token_span(number)
        unit_span = self._token_span(unit) if unit is not None else None
        first = start or number_span
        last = unit_span or number_span
        return ast.QuantityLiteral(
            parse_decimal(sign + str(number)), str(unit) if unit else None, Span(first.start, last.end), unit_span
        )

    def label(self, name: ast.Name) -> ast.LabelLiteral:
        return ast.LabelLiteral(name.text, name.span)

    def comparison(self, *children: Any) -> ast.Comparison:
        if len(children) == 1:
            target = children[0]
            op = ">=" if isinstance(target, ast.QuantityLiteral) else "=="
            return ast.Comparison(op, Span(target.span.start, target.span.start), target, implicit=True)
        token, target = children
        return ast.Comparison(_COMPARATORS[str(token)], self._token_span(token), target, implicit=False)

    # deadlines and weights

    def iso_deadline(self, token: Token) -> ast.Deadline:
        year, month, day = (int(part) for part in str(token).split("-"))
        span = self._token_span(token)
        return ast.Deadline("date", year, month, day, self.source.original(span), span)

    def _written_deadline(self, token: Token, kind: str) -> ast.Deadline:
        match = _DEADLINE.fullmatch(str(token))
        assert match is not None  # the terminal's own pattern
        year, month, day = (int(group) if group else None for group in match.groups())
        return ast.Deadline(
            kind, year, month, day, self.source.original(self._token_span(token)), self._token_span(token)
        )

    def month_end_deadline(self, token: Token) -> ast.Deadline:
        return self._written_deadline(token, "month-end")

    def day_before_deadline(self, token: Token) -> ast.Deadline:
        return self._written_deadline(token, "day")

    def year_end_deadline(self, token: Token) -> ast.Deadline:
        return self._written_deadline(token, "year-end")

    def weight(self, token: Token) -> ast.Weight:
        return ast.Weight(parse_decimal(str(token)), self._token_span(token))

    # indicators

    def condition_tail(self, comparison: ast.Comparison, *rest: Any) -> dict[str, Any]:
        tail: dict[str, Any] = {"comparison": comparison, "deadline": None, "weight": None, "description": None}
        for item in rest:
            if isinstance(item, ast.Deadline):
                tail["deadline"] = item
            elif isinstance(item, ast.Weight):
                tail["weight"] = item
            else:
                tail["description"] = self._string(item)
        return tail

    def indicator(self, name: ast.Name, tail: dict[str, Any]) -> ast.Indicator:
        end = self._statement_end(tail)
        return ast.Indicator(name=name, group=(), span=Span(name.span.start, end), **tail)

    def _statement_end(self, tail: dict[str, Any]) -> int:
        ends: list[int] = [tail["comparison"].target.span.end]
        ends.extend(tail[key].span.end for key in ("deadline", "weight") if tail[key] is not None)
        return max(ends)

    def part(self, name: ast.Name, comparison: ast.Comparison, deadline: ast.Deadline | None = None) -> ast.Part:
        end = deadline.span.end if deadline else comparison.target.span.end
        return ast.Part(name, comparison, deadline, Span(name.span.start, end))

    def compound(self, name: ast.Name, *rest: Any) -> ast.Compound:
        parts = tuple(item for item in rest if isinstance(item, ast.Part))
        weight = next((item for item in rest if isinstance(item, ast.Weight)), None)
        strings = [item for item in rest if isinstance(item, Token)]
        description = self._string(strings[0]) if strings else None
        end = weight.span.end if weight else parts[-1].span.end
        return ast.Compound(name, parts, weight, description, (), Span(name.span.start, end))

    def description(self, token: Token) -> _Description:
        return _Description(self._string(token), self._token_span(token))

    # formulas

    def literal(self, number: Token, unit: Token | None = None) -> ast.Literal:
        number_span = self._token_span(number)
        unit_span = self._token_span(unit) if unit is not None else None
        end = (unit_span or number_span).end
        return ast.Literal(
            parse_decimal(str(number)), str(unit) if unit else None, Span(number_span.start, end), unit_span
        )

    def bracketed(self, opening: Token, inner: ast.Expr, closing: Token) -> ast.Expr:
        """Brackets make no node, but the expression's span includes them (for carets and explain)."""
        span = Span(self._token_span(opening).start, self._token_span(closing).end)
        return attrs.evolve(inner, span=span)

    def reference(self, name: ast.Name) -> ast.Reference:
        return ast.Reference(name.text, name.span)

    def unary(self, token: Token, operand: ast.Expr) -> ast.Expr:
        span = Span(self._token_span(token).start, operand.span.end)
        return ast.Unary(_OPERATORS[str(token)], operand, span)

    def binary(self, left: ast.Expr, token: Token, right: ast.Expr) -> ast.Binary:
        span = Span(left.span.start, right.span.end)
        return ast.Binary(_OPERATORS[str(token)], left, right, span, self._token_span(token))

    def formula(self, name: ast.Name, expr: ast.Expr, string: Token | None = None) -> ast.Formula:
        description = self._string(string) if string is not None else None
        return ast.Formula(name, expr, description, Span(name.span.start, expr.span.end))

    # declarations

    def department(self, token: Token) -> ast.Department:
        return ast.Department(self._string(token), self._token_span(token))

    def year(self, token: Token) -> ast.Year:
        return ast.Year(int(str(token)), self._token_span(token))

    def unit_decl(self, name: ast.Name, equals: Token | None = None, definition: Any = None) -> ast.UnitDeclaration:
        end = definition.span.end if definition else name.span.end
        operator = (_COMPARATORS[str(equals)], self._token_span(equals)) if equals is not None else None
        return ast.UnitDeclaration(name, definition, operator, Span(name.span.start, end))

    def fact_decl(self, name: ast.Name, unit: Token) -> ast.FactDeclaration:
        unit_span = self._token_span(unit)
        return ast.FactDeclaration(name, str(unit), unit_span, Span(name.span.start, unit_span.end))

    def scale_decl(self, first: ast.Name, *rest: Any) -> ast.Scale:
        labels = (first, *tuple(rest[1::2]))
        operators = tuple((_COMPARATORS.get(str(token), str(token)), self._token_span(token)) for token in rest[0::2])
        return ast.Scale(labels, operators, Span(first.span.start, labels[-1].span.end))

    def budget_entry(self, name: ast.Name, amount: ast.QuantityLiteral) -> list[ast.BudgetEntry]:
        return [ast.BudgetEntry(name, amount, (), Span(name.span.start, amount.span.end))]

    def budget_group(self, name: ast.Name, *entries: list[ast.BudgetEntry]) -> list[ast.BudgetEntry]:
        return [attrs.evolve(entry, path=(name.text, *entry.path)) for group in entries for entry in group]

    def budget(self, *entries: list[ast.BudgetEntry]) -> list[ast.BudgetEntry]:
        return [entry for group in entries for entry in group]

    def level1(self, _keyword: Token, name: ast.Name, weight: ast.Weight | None = None) -> _Level:
        return _Level(1, name, weight)

    def level2(self, _keyword: Token, name: ast.Name, weight: ast.Weight | None = None) -> _Level:
        return _Level(2, name, weight)

    def start(self, *statements: Any) -> list[Any]:
        return list(statements)


def _assemble(statements: list[Any]) -> ast.Program:
    """Give indicators their group, attach descriptions, and sort statements by kind."""
    kinds: dict[type, list[Any]] = {}
    indicators: list[ast.Indicator | ast.Compound] = []
    formulas: list[ast.Formula] = []
    budget: list[ast.BudgetEntry] = []
    orphans: list[ast.OrphanDescription] = []
    level1: str | None = None
    level2: str | None = None
    groups: list[ast.Group] = []
    describable: list[Any] | None = None
    for statement in statements:
        if isinstance(statement, _Description):
            if describable is None:
                orphans.append(ast.OrphanDescription(statement.span))
                continue
            previous = describable[-1]
            text = statement.text if previous.description is None else previous.description + "\n" + statement.text
            describable[-1] = attrs.evolve(previous, description=text)
            continue
        describable = None
        if isinstance(statement, _Level):
            if statement.depth == 1:
                level1, level2 = statement.name.text, None
                path: tuple[str, ...] = (level1,)
            else:
                level2 = statement.name.text
                path = (level1, level2) if level1 is not None else (level2,)
            groups.append(ast.Group(path, statement.weight, statement.name.span))
        elif isinstance(statement, (ast.Indicator, ast.Compound)):
            group = tuple(name for name in (level1, level2) if name is not None)
            indicators.append(attrs.evolve(statement, group=group))
            describable = indicators
        elif isinstance(statement, ast.Formula):
            formulas.append(statement)
            describable = formulas
        elif isinstance(statement, list):
            budget.extend(statement)
        else:
            kinds.setdefault(type(statement), []).append(statement)
    return ast.Program(
        departments=tuple(kinds.get(ast.Department, ())),
        years=tuple(kinds.get(ast.Year, ())),
        units=tuple(kinds.get(ast.UnitDeclaration, ())),
        facts=tuple(kinds.get(ast.FactDeclaration, ())),
        scales=tuple(kinds.get(ast.Scale, ())),
        budget=tuple(budget),
        formulas=tuple(formulas),
        indicators=tuple(indicators),
        orphans=tuple(orphans),
        groups=tuple(groups),
    )
