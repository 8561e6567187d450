"""The generated evaluators (engine/generated/): the same records as the fast steps they inline,
on generated rulesets, limits and facts; and the rules that make generating code safe: only
allowed node kinds, only names the generator made, no builtins, user text only as constants,
the source kept for tracebacks, and a ruleset of any size in bounded pieces."""

from __future__ import annotations

import ast
import linecache
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given

import perfrules
from perfrules.engine import generated as generation
from perfrules.engine.evaluate import decide
from perfrules.engine.general import General, guarded
from perfrules.engine.generated.conditions import function
from perfrules.engine.generated.emitter import Emitter
from perfrules.engine.program import OutsideScale

from .test_fast_path import CASES, RULESET, spread

SEED_DAY = date(2023, 12, 31)


def by_steps(program: Any, plan: Any, facts: dict[str, Any]) -> list[Any]:
    """The records as the fast steps decide them, one closure per condition (the way before)."""
    known = dict(program.constants)
    try:
        records = [step(facts, known) for step in plan.steps]
    except (ArithmeticError, OutsideScale):
        records = [guarded(step, facts, known) for step in plan.steps]
    if None in records:
        general = General(program, plan, facts)
        records = [general.fallback(index, known) if record is None else record for index, record in enumerate(records)]
    return records


def plan_of(rules: perfrules.Ruleset, as_of: date) -> tuple[Any, Any]:
    return rules._program, rules._plan(as_of)


@given(**CASES)
def test_generated_records_are_the_steps_records(source, limits, chosen, as_of):
    text, facts = source
    rules = perfrules.compile(text, limits=limits)
    given_facts = spread(chosen, facts)
    program, plan = plan_of(rules, as_of)
    generated_records, _general = decide(program, plan, given_facts)
    assert generated_records == by_steps(program, plan, given_facts)


def test_the_seed_ruleset_decides_alike_both_ways(seed_rules, seed_facts):
    program, plan = plan_of(seed_rules, SEED_DAY)
    assert decide(program, plan, seed_facts)[0] == by_steps(program, plan, seed_facts)


@pytest.fixture
def seed_rules():
    from ..conftest import SEED

    return perfrules.load(SEED)


@pytest.fixture
def seed_facts():
    from ..conftest import SEED_FACTS

    return perfrules.load_facts(SEED_FACTS)


def emitter_and_tree(text: str = RULESET) -> tuple[Emitter, ast.Module]:
    rules = perfrules.compile(text)
    program, plan = plan_of(rules, SEED_DAY)
    emitter = Emitter(program, plan)
    tree = ast.parse(ast.unparse(ast.fix_missing_locations(function(emitter, range(len(program.indicators))))))
    return emitter, tree


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("import os", "holds a Import"),
        ("lambda: 1", "holds a Lambda"),
        ("[n for n in facts]", "holds a ListComp"),
        ("open('x')", "names open"),
        ("raw.__class__", "reads the attribute __class__"),
        ("k0 = 1", "names k0"),
        ("raw = 1.5", "holds a constant of type float"),
    ],
)
def test_the_check_refuses_what_the_generator_never_writes(statement: str, message: str) -> None:
    emitter, tree = emitter_and_tree()
    function_node = tree.body[0]
    assert isinstance(function_node, ast.FunctionDef)
    function_node.body.insert(0, ast.parse(statement).body[0])
    with pytest.raises(AssertionError, match=message):
        generation._check(tree, emitter)


def test_a_generated_tree_passes_the_check() -> None:
    emitter, tree = emitter_and_tree()
    generation._check(tree, emitter)


def test_the_function_sees_no_builtins_and_shows_its_source() -> None:
    rules = perfrules.compile(RULESET)
    program, plan = plan_of(rules, SEED_DAY)
    made = generation.generate(program, plan)
    assert made.__globals__["__builtins__"] == {}
    filename = made.__code__.co_filename
    assert filename.startswith("<perfrules generated ")
    assert linecache.getline(filename, 1) == "def decide(facts, values):\n"
    assert linecache.getline(filename, 2) == "    get = facts.get\n"


def test_only_the_newest_sources_are_kept() -> None:
    rules = perfrules.compile(RULESET)
    program = rules._program
    names = [
        generation.generate(program, rules._plan(date(2023, 1, 1 + day % 28))).__code__.co_filename
        for day in range(generation.SHOWN + 3)
    ]
    assert all(name not in linecache.cache for name in names[:3])
    assert all(name in linecache.cache for name in names[-generation.SHOWN :])


def test_user_text_is_only_ever_a_constant() -> None:
    """A label and a name that look like code stay strings; every Name is the generator's own."""
    text = "year 2023\n`os.system('x')` == `__import__(\"os\")`\n"
    emitter, tree = emitter_and_tree(text)
    constants = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)}
    assert {"os.system('x')", '__import__("os")'} <= constants
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    assert names <= emitter.locals | set(emitter.namespace)


def test_a_large_ruleset_is_generated_in_pieces_that_decide_alike() -> None:
    count = generation.CHUNK * 2 + 5
    lines = ["year 2023", *(f"指标{index} >= {index % 7} 次" for index in range(count))]
    lines += ["比率 := 指标1 / 指标2", "比率 >= 0.5"]
    rules = perfrules.compile("\n".join(lines) + "\n")
    program, plan = plan_of(rules, SEED_DAY)
    made = generation.generate(program, plan)
    assert "perfrules generated" not in made.__code__.co_filename  # the pieces, called in turn
    facts = {f"指标{index}": index % 5 for index in range(count)}
    facts["指标3"] = Decimal("2.5")
    facts["指标4"] = 2.75
    assert made(facts, dict(program.constants)) == by_steps(program, plan, facts)
