"""Promises 1, 2 and 7 of docs/security.md: no user text is executed, every input ends in a
result or a perfrules error (text generated from the grammar itself, and mutated rulesets), and
a compiled ruleset gives the same results from 16 threads at once."""

import ast as python_ast
import threading
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import perfrules

from ..conftest import ROOT, SEED, SEED_FACTS
from ..strategies import ruleset_texts

SOURCE = ROOT / "src" / "perfrules"
FORBIDDEN_CALLS = {
    "eval",
    "exec",
    "compile",
    "__import__",
    "getattr",
    "setattr",
    "delattr",
    "globals",
    "locals",
    "vars",
}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "subprocess", "ctypes"}
ALLOWED_CALLS = {"engine/generated/__init__.py": {"compile"}}
"""The one exception: the generated evaluators compile a syntax tree built from node constructors,
checked against an allow-list first (docs/security.md, "Generated code"; tests/engine/test_generated.py)."""


def test_no_source_file_executes_or_reflects_on_text():
    """No eval/exec/compile/__import__/getattr calls, no str.format on non-literals, no pickle."""
    offences = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = python_ast.parse(path.read_text(encoding="utf-8"))
        own = {node.name for node in tree.body if isinstance(node, python_ast.FunctionDef)}
        for node in python_ast.walk(tree):
            if isinstance(node, python_ast.Call):
                function = node.func
                allowed = own | ALLOWED_CALLS.get(path.relative_to(SOURCE).as_posix(), set())
                if isinstance(function, python_ast.Name) and function.id in FORBIDDEN_CALLS - allowed:
                    offences.append(f"{path.name}:{node.lineno}: {function.id}()")
                if (
                    isinstance(function, python_ast.Attribute)
                    and function.attr in ("format", "format_map")
                    and not isinstance(function.value, python_ast.Constant)
                ):
                    offences.append(f"{path.name}:{node.lineno}: .{function.attr}() on a non-literal")
            if isinstance(node, (python_ast.Import, python_ast.ImportFrom)):
                names = [alias.name for alias in node.names] if isinstance(node, python_ast.Import) else [node.module]
                offences += [f"{path.name}:{node.lineno}: import {name}" for name in names if name in FORBIDDEN_MODULES]
    assert offences == []


def _outcome(text: str) -> None:
    """Promise 2: a ruleset either compiles and evaluates, or raises a perfrules error."""
    try:
        rules = perfrules.compile(text)
    except perfrules.PerfRulesError as error:
        assert str(error).strip()
        return
    report = rules.evaluate({}, as_of=date(2023, 12, 31))
    report.to_dict()


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=ruleset_texts())
def test_text_generated_from_the_grammar_compiles_or_fails_cleanly(text):
    _outcome(text)


NEAR_VALID = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
INTERESTING = [
    *list('()（）:=：＝<>≥≤≠-+*/×÷.,，%"`{}#\n\r\t 0９٣²\u200b\u202e\x00完成率次元万'),
    "不少于",
    "by",
    "年底前",
    "10月底前",
    ":=",
]


@st.composite
def mutated_rulesets(draw):
    start = draw(st.integers(min_value=0, max_value=len(NEAR_VALID) - 1))
    lines = NEAR_VALID[start : start + draw(st.integers(min_value=1, max_value=12))]
    text = "".join(lines)
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        position = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "duplicate"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(INTERESTING)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(min_value=1, max_value=5)) :]
        elif action == "replace":
            text = text[:position] + draw(st.sampled_from(INTERESTING)) + text[position + 1 :]
        else:
            text = text[:position] + text[position : position + 20] * 2 + text[position + 20 :]
    return text


@given(text=mutated_rulesets())
def test_mutated_rulesets_compile_or_fail_cleanly(text):
    _outcome(text)


def test_sixteen_threads_get_identical_results():
    """Promise 7: a compiled ruleset is shared safely; compiling concurrently is safe too."""
    rules = perfrules.load(SEED)
    facts = perfrules.load_facts(SEED_FACTS)
    days = [date(2023, month, 28) for month in range(1, 13)]
    expected = [rules.evaluate(facts, as_of=day).to_dict() for day in days]
    text = SEED.read_text(encoding="utf-8")
    failures = []
    barrier = threading.Barrier(16)

    def work(index: int) -> None:
        try:
            barrier.wait()
            own = perfrules.compile(text) if index % 4 == 0 else rules
            for _ in range(5):
                for day, want in zip(days, expected, strict=True):
                    if own.evaluate(facts, as_of=day).to_dict() != want:
                        failures.append((index, day))
        except Exception as error:  # collected and reported by the main thread
            failures.append((index, repr(error)))

    threads = [threading.Thread(target=work, args=(index,)) for index in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_results_do_not_depend_on_fact_order():
    facts = perfrules.load_facts(SEED_FACTS)
    rules = perfrules.load(SEED)
    reversed_facts = dict(reversed(list(facts.items())))
    assert rules.evaluate(facts).to_dict() == rules.evaluate(reversed_facts).to_dict()


def test_limits_are_configurable_and_checked():
    import pytest

    with pytest.raises(perfrules.UsageError, match="max_digits"):
        perfrules.Limits(max_digits=0)
    small = perfrules.Limits(max_source_chars=10)
    with pytest.raises(perfrules.RulesetError, match="at most 10 are allowed"):
        perfrules.compile("巡察工作 >= 2 轮\n", limits=small)
    narrow = perfrules.compile("x >= 1\n", limits=perfrules.Limits(max_digits=3))
    assert narrow.evaluate({"x": 1234})["x"].status is perfrules.Status.INVALID
    assert narrow.evaluate({"x": 123})["x"].status is perfrules.Status.MET
