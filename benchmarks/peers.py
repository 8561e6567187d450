"""The same 40 rules in other rule engines, each only when it is installed (the `bench` extra).

Every adapter returns (name, convert, evaluate): `convert` turns a workload record into the
engine's native input once, untimed; `evaluate` decides all rules for one converted input and
returns one boolean per rule, in the workload's rule order.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import workload

Adapter = tuple[str, Callable[[dict[str, Any]], Any], Callable[[Any], list[bool]]]


def available(copies: int = 1) -> list[Adapter]:
    adapters = []
    for build in (_zen_expression_node, _zen_compiled, _json_logic, _rule_engine, _cel):
        try:
            adapters.append(build(copies))
        except ImportError:
            continue
    return adapters


def _cel(copies: int) -> Adapter:
    import celpy

    environment = celpy.Environment()
    programs = []
    for _key, expression in workload.expressions(copies):
        expression = expression.replace("* 100 >= 90", "* 100.0 >= 90.0").replace(" and ", " && ")
        programs.append(environment.program(environment.compile(expression)))

    def evaluate(activation: Any) -> list[bool]:
        return [bool(program.evaluate(activation)) for program in programs]

    return "cel-python", lambda record: celpy.json_to_cel(workload.engine_facts(record)), evaluate


def _rule_engine(copies: int) -> Adapter:
    import rule_engine

    rules = [rule_engine.Rule(expression) for _key, expression in workload.expressions(copies)]

    def evaluate(facts: dict[str, Any]) -> list[bool]:
        return [rule.matches(facts) for rule in rules]

    return "rule-engine", workload.engine_facts, evaluate


def _json_logic(copies: int) -> Adapter:
    from json_logic import jsonLogic

    rules = []
    for (counter, pair, done, label), k in zip(workload.rule_names(copies), workload.thresholds(copies), strict=True):
        rules.append({">=": [{"var": counter}, k]})
        rules.append({">=": [{"*": [{"/": [{"var": f"a{pair}"}, {"var": f"b{pair}"}]}, 100]}, 90]})
        rules.append({"and": [{"!=": [{"var": done}, ""]}, {"<=": [{"var": done}, workload.DEADLINE]}]})
        rules.append({"==": [{"var": label}, "完成"]})

    def evaluate(facts: dict[str, Any]) -> list[bool]:
        return [bool(jsonLogic(rule, facts)) for rule in rules]

    return "json-logic-qubit", workload.engine_facts, evaluate


def _zen_compiled(copies: int) -> Adapter:
    import zen

    compiled = [
        zen.compile_expression(expression) for _key, expression in workload.expressions(copies, dates_as_strings=False)
    ]

    def evaluate(facts: dict[str, Any]) -> list[bool]:
        return [bool(expression.evaluate(facts)) for expression in compiled]

    return "zen-engine (compiled expressions)", workload.engine_facts, evaluate


def _zen_expression_node(copies: int) -> Adapter:
    """One decision whose expression node computes every rule per call: zen's batch form."""
    import zen

    expressions = workload.expressions(copies, dates_as_strings=False)
    content = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "in", "position": {"x": 0, "y": 0}},
            {
                "id": "rules",
                "type": "expressionNode",
                "name": "rules",
                "position": {"x": 0, "y": 0},
                "content": {
                    "expressions": [{"id": key, "key": key, "value": expression} for key, expression in expressions]
                },
            },
            {"id": "out", "type": "outputNode", "name": "out", "position": {"x": 0, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "rules", "type": "edge"},
            {"id": "e2", "sourceId": "rules", "targetId": "out", "type": "edge"},
        ],
    }
    decision = zen.ZenEngine().create_decision(json.dumps(content))
    keys = [key for key, _expression in expressions]

    def evaluate(facts: dict[str, Any]) -> list[bool]:
        result = decision.evaluate(facts)["result"]
        return [bool(result[key]) for key in keys]

    return "zen-engine (expression node)", workload.engine_facts, evaluate
