"""A fact set as given: compound facts flattened to their parts' names, and what in it the ruleset
does not use (said as warnings, never an error: one stray key must not stop an evaluation)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import FactsError, UsageError
from ..errors.phrases import Phrase
from ..errors.text import closest_name
from ..language.checked import part_fact
from . import reasons
from .facts import ANNOTATIONS, EXECUTED_FACTS, NOT_APPLICABLE
from .program import Program


def fact_set(program: Program, facts: Any, *, copy: bool) -> Mapping[str, Any]:
    """The facts as evaluation reads them: `{"培训": {"培训": 6}}` as `{"培训.培训": 6}`.

    A copy when asked (a single evaluation keeps its own), else the caller's dict itself (a
    batch is large).
    """
    if type(facts) is not dict and not isinstance(facts, Mapping):
        raise FactsError(f"facts must be a mapping of fact name to value, not {type(facts).__name__}")
    if program.compound_names and any(name in facts for name in program.compound_names):
        return _flatten(program, facts)
    return dict(facts) if copy or type(facts) is not dict else facts


def fact_sets(batch: Any) -> Iterable[Any]:
    """The fact sets of a batch, or a UsageError for what is not a batch of them."""
    if isinstance(batch, Mapping):
        raise UsageError("a batch is a sequence of fact sets, not one mapping; evaluate one fact set with evaluate()")
    if isinstance(batch, (str, bytes)) or not isinstance(batch, Iterable):
        raise UsageError(f"a batch is an iterable of fact sets (mappings), not {type(batch).__name__}")
    return batch


def _flatten(program: Program, facts: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in facts.items():
        if key in program.compound_names and isinstance(value, dict) and not {"value", "date"} & set(value):
            for part, part_value in value.items():
                flat[part_fact(key, str(part))] = part_value
        else:
            flat[key] = value
    return flat


def warnings(program: Program, facts: Mapping[str, Any]) -> tuple[Phrase, ...]:
    """Facts the ruleset does not use, and facts that tried to override a formula or a constant."""
    found = []
    names = {indicator.name for indicator in program.indicators} | set(program.facts)  # parts: 整体.部分
    unread: list[str] | None = None  # the facts not given, looked for only once a key is unused
    for key in facts:
        if key in program.facts or _annotation(key, names) or (program.budget and key in EXECUTED_FACTS):
            continue  # monitoring reads 执行数 against the budget, though no indicator does
        if not isinstance(key, str):
            found.append(reasons.key_not_text(key))
        elif key in program.formulas or key in program.constants:
            found.append(reasons.fact_shadows(key, formula=key in program.formulas))
        elif (name := unicodedata.normalize("NFKC", key)) in names:
            found.append(reasons.fact_written_otherwise(key, name))
        else:
            unread = sorted(fact for fact in program.facts if fact not in facts) if unread is None else unread
            found.append(reasons.fact_unused(key, closest_name(key, unread)))
    return tuple(found)


def _annotation(key: Any, names: set[str]) -> bool:
    """Facts for scoring and monitoring: 指标:档次, 指标:得分, 指标:可能性, and 不适用."""
    if key == NOT_APPLICABLE:
        return True
    if not isinstance(key, str):
        return False
    return any(key.endswith(suffix) and key[: -len(suffix)] in names for suffix in ANNOTATIONS)
