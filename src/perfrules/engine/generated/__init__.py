"""Generated evaluators: per plan (a ruleset and an evaluation date), one Python function that
decides every indicator's common case inline, where the fast steps (engine/plan.py) cost a closure
call, a type check and a bound comparison method each.

The function is built as a syntax tree from `ast` node constructors, never from text: every value
taken from the ruleset (a target, a label, a fact's name) enters it only as a constant (a string
`ast.Constant`) or as a name bound in the function's own namespace, which holds nothing else (no
builtins). Before `compile()` every node is checked against an allow-list of node kinds and every
name read against the names the generator made. The tree's source (`ast.unparse`) is registered
with `linecache`, so that a traceback through it shows the generated lines. docs/security.md says
why this is safe and how to review a change to it.

What the function does not decide inline (a dated value, a value that needs reading) it hands to
the condition's fast step, and a step that gives up hands it to the general path, as before: the
generated code is only a faster way to run the steps, held equal to them and to the general path
by property tests (tests/engine/test_generated.py, tests/engine/test_fast_path.py).
"""

from __future__ import annotations

import ast
import itertools
import linecache
import threading
from collections import deque
from collections.abc import Callable, Mapping
from types import CodeType, FunctionType
from typing import Any

from ..plan import Plan
from ..program import Program
from .conditions import function
from .emitter import Emitter

Decide = Callable[[Mapping[str, Any], dict[str, Any]], list[Any]]

ALLOWED = frozenset(
    {
        ast.Module,
        ast.FunctionDef,
        ast.arguments,
        ast.arg,
        ast.Assign,
        ast.If,
        ast.While,
        ast.Break,
        ast.Return,
        ast.Expr,
        ast.Name,
        ast.Load,
        ast.Store,
        ast.Constant,
        ast.Call,
        ast.Attribute,
        ast.Subscript,
        ast.Tuple,
        ast.List,
        ast.Compare,
        ast.BoolOp,
        ast.And,
        ast.Or,
        ast.IfExp,
        ast.Is,
        ast.IsNot,
        ast.In,
        ast.NotIn,
        ast.Eq,
        ast.NotEq,
        ast.Lt,
        ast.LtE,
        ast.Gt,
        ast.GtE,
    }
)
"""The only node kinds a generated function may hold: no imports, no lambdas, no comprehensions,
no attribute but the two the generator writes (`facts.get`, `raw.is_finite`)."""

_ATTRIBUTES = frozenset({"get", "is_finite", "add"})
_CLEAN_LABELS = 10_000
"""Labels remembered as read (per plan), beyond the ruleset's own."""
_serial = itertools.count()


def generated(program: Program, plan: Plan) -> Decide:
    """The plan's function, made at its first use. One thread makes it at a time: CPython 3.11's
    parser and compiler are not safe to run in several threads at once (their recursion guard is
    shared), and a plan needs its function made only once."""
    with _making:
        if plan.generated is None:
            plan.generated = generate(program, plan)
        decide: Decide = plan.generated
    return decide


_making = threading.Lock()


def generate(program: Program, plan: Plan) -> Decide:
    """The plan's function (see the module's docstring): one per `CHUNK` indicators, so that
    the syntax trees held at once stay small however many indicators a ruleset has."""
    count = len(program.indicators)
    chunks = [
        _compiled(program, plan, range(start, min(start + CHUNK, count))) for start in range(0, max(count, 1), CHUNK)
    ]
    if len(chunks) == 1:
        return chunks[0]
    first, *rest = chunks

    def decide(facts: Mapping[str, Any], values: dict[str, Any]) -> list[Any]:
        records = first(facts, values)
        for chunk in rest:
            records += chunk(facts, values)
        return records

    return decide


CHUNK = 256
"""Indicators per generated function."""
SHOWN = 32
"""Generated sources kept for tracebacks (in `linecache`), the newest."""
_shown: deque[str] = deque()


def _compiled(program: Program, plan: Plan, positions: range) -> Decide:
    """One chunk's function, built, read back, checked and compiled."""
    emitter = Emitter(program, plan)
    source = ast.unparse(ast.fix_missing_locations(function(emitter, positions)))
    parsed = ast.parse(source)  # our own tree's text, read back so that line numbers match it
    if ast.unparse(parsed) != source:
        raise AssertionError("generated code does not read back as it was written")
    _check(parsed, emitter)
    filename = f"<perfrules generated {next(_serial)}>"
    _show(filename, source)
    module = compile(parsed, filename, "exec", dont_inherit=True)
    (code,) = (constant for constant in module.co_consts if isinstance(constant, CodeType))
    decide: Decide = FunctionType(code, emitter.namespace, "decide")
    return decide


def _show(filename: str, source: str) -> None:
    """Keep the source for tracebacks, forgetting the oldest beyond SHOWN."""
    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    _shown.append(filename)
    while len(_shown) > SHOWN:
        linecache.cache.pop(_shown.popleft(), None)


def _check(tree: ast.Module, emitter: Emitter) -> None:
    """Every node of an allowed kind, every name one the generator made, every constant plain."""
    for node in ast.walk(tree):
        if type(node) not in ALLOWED:
            raise AssertionError(f"generated code holds a {type(node).__name__}")
        if isinstance(node, ast.Attribute) and node.attr not in _ATTRIBUTES:
            raise AssertionError(f"generated code reads the attribute {node.attr}")
        if isinstance(node, ast.Name):
            stored = isinstance(node.ctx, ast.Store)
            if node.id not in emitter.locals and (stored or node.id not in emitter.namespace):
                raise AssertionError(f"generated code names {node.id}")
        if isinstance(node, ast.Constant) and type(node.value) not in (str, int, bool, type(None)):
            raise AssertionError(f"generated code holds a constant of type {type(node.value).__name__}")
