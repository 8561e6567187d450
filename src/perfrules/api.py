"""The public entry points: compile text or load a file into a `Ruleset`, then evaluate it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from os import PathLike
from pathlib import Path
from typing import Any

import attrs

from .engine.compiler import CompiledIndicator, Program, compile_program
from .engine.runtime import Report, Reports, _Plan, evaluate, evaluate_batch, fact_sets_of, resolve_as_of
from .errors import Diagnostic, FactsError, RulesetError, Source, Span, UsageError
from .errors.text import printable, shown
from .language.build import build
from .language.checker import CheckedIndicator, CheckedRuleset, check, part_fact
from .language.limits import Limits, check_text
from .language.messages import Messages
from .language.parser import parse
from .quantities.values import Quantity, Target


@attrs.frozen
class Part:
    """One part of a compound indicator; it reads the fact named `fact`."""

    name: str
    fact: str
    target: Target
    deadline: date | None


@attrs.frozen
class Indicator:
    """An indicator as defined in the ruleset (三级指标)."""

    name: str
    group: tuple[str, ...]
    target: Target | dict[str, Target]
    deadline: date | None
    weight: Decimal | None
    description: str | None
    parts: tuple[Part, ...] = ()


class Ruleset:
    """A compiled ruleset: compiled once, evaluated against any number of fact sets."""

    def __init__(self, checked: CheckedRuleset, program: Program) -> None:
        self.source = checked.source.name
        self.department = checked.department
        self.year = checked.year
        self.budget: dict[str, Quantity] = {item.name: Quantity(item.amount, item.unit.name) for item in checked.budget}
        self.formulas: dict[str, str | None] = {formula.name: formula.description for formula in checked.formulas}
        self.indicators: tuple[Indicator, ...] = tuple(
            _definition(indicator, compiled)
            for indicator, compiled in zip(checked.indicators, program.indicators, strict=True)
        )
        self._program = program
        self._checked = checked
        self.warnings: tuple[Diagnostic, ...] = checked.warnings
        """Things allowed but worth a second look (an unused formula, a likely typo, …)."""
        self._plans: dict[date | None, _Plan] = {}
        self._has_deadlines = any(indicator.deadline is not None for indicator in self.indicators)

    def __repr__(self) -> str:
        return f"<Ruleset {self.source} indicators={len(self.indicators)} formulas={len(self.formulas)}>"

    def evaluate(self, facts: Mapping[str, Any], *, as_of: date | datetime | None = None) -> Report:
        """Evaluate facts as of a date (default: the ruleset's year end); never reads the clock."""
        day = resolve_as_of(as_of, self._program, self._has_deadlines)
        return evaluate(self._program, self._plan(day), facts)

    def evaluate_many(self, fact_sets: Iterable[Mapping[str, Any]], *, as_of: date | datetime | None = None) -> Reports:
        """Evaluate many fact sets as of one date; a sequence of reports in input order.

        The reports refer to the given fact sets (no copies): leave those unchanged while using them.
        """
        day = resolve_as_of(as_of, self._program, self._has_deadlines)
        return evaluate_batch(self._program, self._plan(day), fact_sets)

    def iter_evaluate(
        self, fact_sets: Iterable[Mapping[str, Any]], *, as_of: date | datetime | None = None
    ) -> Iterator[Report]:
        """Like `evaluate_many`, one report at a time, for streams larger than memory."""
        day = resolve_as_of(as_of, self._program, self._has_deadlines)
        plan = self._plan(day)
        program = self._program
        for facts in fact_sets_of(fact_sets):
            yield evaluate(program, plan, facts)

    def evaluate_table(self, table: Any, *, as_of: date | datetime | None = None) -> Any:
        """Evaluate a pyarrow.Table, one row per unit and one column per fact (`perfrules[arrow]`).

        Returns a `perfrules.columnar.ColumnarReport` with a status column per indicator.
        """
        from .engine.columnar import evaluate_table

        return evaluate_table(self, table, as_of=as_of)

    def _plan(self, day: date | None) -> _Plan:
        plan = self._plans.get(day)
        if plan is None:
            if len(self._plans) >= 64:
                self._plans.clear()
            plan = self._plans[day] = _Plan(self._program, day)
        return plan


def _definition(indicator: CheckedIndicator, compiled: CompiledIndicator) -> Indicator:
    if not indicator.compound:
        condition = compiled.conditions[0]
        return Indicator(
            indicator.name,
            indicator.group,
            condition.target,
            condition.deadline,
            indicator.weight,
            indicator.description,
        )
    parts = tuple(
        Part(condition.name, part_fact(indicator.name, condition.name), condition.target, condition.deadline)
        for condition in compiled.conditions
    )
    return Indicator(
        indicator.name,
        indicator.group,
        {part.name: part.target for part in parts},
        indicator.deadline,
        indicator.weight,
        indicator.description,
        parts,
    )


def compile(text: str, *, source: str = "<string>", limits: Limits | None = None) -> Ruleset:  # noqa: A001
    """Compile ruleset text; raises `RulesetError` listing every problem with its position.

    `limits` bounds untrusted input (see `perfrules.Limits`); the defaults suit real tables.
    """
    if not isinstance(text, str):
        raise UsageError(f"ruleset text must be a str, not {type(text).__name__}")
    limits = limits if limits is not None else Limits()
    if not isinstance(limits, Limits):
        raise UsageError(f"limits must be a perfrules.Limits, not {type(limits).__name__}")
    origin = Source(text, str(source))
    problem = check_text(origin, limits)
    if problem is not None:
        raise problem
    checked = check(build(parse(origin), origin), origin, limits)
    return Ruleset(checked, compile_program(checked, limits))


def load(path: str | PathLike[str], *, limits: Limits | None = None) -> Ruleset:
    """Read a UTF-8 ruleset file (a BOM is allowed) and compile it."""
    limits = limits if limits is not None else Limits()
    # Never more than the longest allowed ruleset could take (4 bytes a character).
    size_limit = 4 * limits.max_source_chars + 4
    data, size = _read(path, size_limit)
    if size > size_limit:
        # Far too long: enough of it to point at where the limit falls, and the file's real size.
        source = Source(data.decode("utf-8", errors="replace"), str(path))
        span = Span(limits.max_source_chars, limits.max_source_chars + 1)
        raise RulesetError([Messages(source).file_too_long(span, size, limits.max_source_chars)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        source = Source(data.decode("utf-8", errors="replace"), str(path))
        offset = len(data[: error.start].decode("utf-8", errors="replace"))
        message = f"the file is not valid UTF-8: byte {error.start} (0x{data[error.start]:02x}) cannot be decoded"
        chinese = f"文件不是有效的 UTF-8：第 {error.start} 个字节（0x{data[error.start]:02x}）无法解码"
        diagnostic = Diagnostic("encoding", message, source, Span(offset, offset + 1), zh=(chinese, None))
        raise RulesetError([diagnostic]) from None
    return compile(text, source=str(path), limits=limits)


def load_facts(path: str | PathLike[str], *, limits: Limits | None = None) -> dict[str, Any]:
    """Read a JSON facts file strictly: numbers stay exact, duplicate keys and NaN are errors.

    A file larger than `Limits.max_facts_bytes` is refused before it is parsed.
    """
    limits = limits if limits is not None else Limits()
    data, size = _read(path, limits.max_facts_bytes)
    if size > limits.max_facts_bytes:
        raise FactsError(f"{path}: the facts file has {size:,} bytes; at most {limits.max_facts_bytes:,} are allowed")
    try:
        return parse_facts(data.decode("utf-8-sig"), str(path), limits=limits)
    except UnicodeDecodeError as error:
        raise FactsError(f"{path}: not valid UTF-8 at byte {error.start}") from None


def parse_facts(text: str, name: str = "<facts>", *, limits: Limits | None = None) -> dict[str, Any]:
    """Parse JSON facts text strictly (see `load_facts`)."""
    if not isinstance(text, str):
        raise UsageError(f"facts text must be a str, not {type(text).__name__}")
    limit = (limits if limits is not None else Limits()).max_facts_bytes
    if len(text) > limit or (4 * len(text) > limit and len(text.encode("utf-8", "surrogatepass")) > limit):
        raise FactsError(f"{name}: the facts are longer than the {limit:,} bytes allowed")

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise FactsError(f"{name}: the key {key!r} appears twice")
            result[key] = value
        return result

    def reject(token: str) -> Any:
        raise FactsError(f"{name}: {token} is not a number JSON allows")

    try:
        facts = json.loads(
            text, parse_float=Decimal, parse_int=_json_integer, object_pairs_hook=unique, parse_constant=reject
        )
    except json.JSONDecodeError as error:
        raise FactsError(f"{name}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}") from None
    except RecursionError:
        raise FactsError(f"{name}: cannot be read: nested too deeply") from None
    if not isinstance(facts, dict):
        raise FactsError(f"{name}: facts must be a JSON object of fact name to value")
    return facts


def _json_integer(text: str) -> int | Decimal:
    """A JSON integer: long ones as Decimal, so that reading them never hits Python's limit on
    converting long digit strings (the fact's own bounds then say what is wrong with it)."""
    return int(text) if len(text) <= 40 else Decimal(text)


def _read(path: str | PathLike[str], limit: int) -> tuple[bytes, int]:
    """At most `limit` bytes of a file, and the file's whole size (more than `limit` when cut)."""
    try:
        with Path(path).open("rb") as file:
            data = file.read(limit + 1)
            if len(data) <= limit:
                return data, len(data)
            try:
                size = os.fstat(file.fileno()).st_size
            except OSError:  # pragma: no cover - a file that cannot be stat'ed once opened
                size = len(data)
            return data[:limit], max(size, len(data))
    except OSError as error:
        raise UsageError(f"cannot read {printable(str(path))}: {error.strerror or error}") from None
    except (TypeError, ValueError) as error:
        raise UsageError(f"cannot read {shown(path)}: {error}") from None
