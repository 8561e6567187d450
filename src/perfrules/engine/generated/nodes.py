"""Small constructors of Python syntax nodes, for the generated evaluators: every node is made
by its `ast` constructor, never from text."""

from __future__ import annotations

import ast

from ...quantities.comparators import Comparator

OPERATORS: dict[Comparator, type[ast.cmpop]] = {
    Comparator.GE: ast.GtE,
    Comparator.LE: ast.LtE,
    Comparator.GT: ast.Gt,
    Comparator.LT: ast.Lt,
    Comparator.EQ: ast.Eq,
    Comparator.NE: ast.NotEq,
}


def load(name: str) -> ast.Name:
    return ast.Name(name, ast.Load())


def store(name: str) -> ast.Name:
    return ast.Name(name, ast.Store())


def assign(name: str, value: ast.expr) -> ast.Assign:
    return ast.Assign([store(name)], value)


def call(function: ast.expr, *arguments: ast.expr) -> ast.Call:
    return ast.Call(function, list(arguments), [])


def compare(left: ast.expr, operator: ast.cmpop, right: ast.expr) -> ast.Compare:
    return ast.Compare(left, [operator], [right])


def record(status: ast.expr, value: ast.expr) -> ast.Tuple:
    return ast.Tuple([status, value, ast.Constant(None)], ast.Load())
