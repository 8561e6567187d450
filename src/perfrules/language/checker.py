"""Checker: names, units, types, formula cycles and deadlines, every problem collected.

Produces the checked ruleset the compiler works from: units resolved, every fact's kind and
unit known, formulas in dependency order with their dimensions, deadlines as dates. Problems
are collected as diagnostics and raised together, so an author sees all of them in one run.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal

from ..errors import Diagnostic, RulesetError, Source, Span
from ..errors.text import closest_name
from ..quantities.arithmetic import CONTEXT
from ..quantities.comparators import Comparator
from ..quantities.units import FIXED_UNITS, PERCENT, PLAIN, RATIO, Dimension, Unit, builtin_units
from . import syntax
from .checked import (
    BudgetItem,
    CheckedCondition,
    CheckedFormula,
    CheckedIndicator,
    CheckedRuleset,
    CheckedTarget,
    FactSpec,
    part_fact,
)
from .limits import Limits
from .messages import Messages
from .weights import assign

_UNIT_WORD = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z\u00b2\u00b3]+")
"""What the grammar reads as a unit after a number (its UNIT terminal, % aside)."""


def check(program: syntax.Document, source: Source, limits: Limits | None = None) -> CheckedRuleset:
    """Check a program; raise `RulesetError` with every problem found, in source order."""
    return _Checker(program, source, limits or Limits()).run()


class _Checker:
    def __init__(self, program: syntax.Document, source: Source, limits: Limits) -> None:
        self.program = program
        self.source = source
        self.limits = limits
        self.say = Messages(source)
        self.problems: list[Diagnostic] = []
        self.units = builtin_units()
        self.scales: dict[str, tuple[dict[str, int], int]] = {}
        self.year: int | None = None
        self.defined: dict[str, tuple[str, Span]] = {}
        self.constants: dict[str, tuple[Decimal, Unit]] = {}
        self.fact_units: dict[str, tuple[Unit, Span]] = {}
        self.declared_facts: set[str] = set()
        self.label_facts: dict[str, dict[str, int] | None] = {}
        self.compound_names: set[str] = set()
        self.formula_facts: dict[str, tuple[str, ...]] = {}

    def report(self, diagnostic: Diagnostic) -> None:
        self.problems.append(diagnostic)

    def run(self) -> CheckedRuleset:
        program = self.program
        if self._too_many():
            raise RulesetError(self.problems)
        self._numbers()
        department = self._department()
        self._year()
        self._units()
        self._scales()
        budget = self._budget()
        formulas_by_name = self._formula_names()
        self._fact_declarations()
        self.compound_names = {item.name.text for item in program.indicators if isinstance(item, syntax.Compound)}
        self._facts_from_indicators(formulas_by_name)
        ordered, dimensions, displays = self._formulas(formulas_by_name)
        indicators = self._indicators(dimensions, displays)
        weights, problems = assign(program, list(indicators), self.say)
        self.problems.extend(problems)
        for orphan in program.orphans:
            self.report(self.say.orphan_description(orphan.span))
        if self.problems:
            self.problems.sort(key=lambda problem: (problem.span.start, problem.span.end))
            raise RulesetError(self.problems)
        warnings = sorted(self._warnings(ordered, indicators), key=lambda item: (item.span.start, item.span.end))
        facts = {name: FactSpec(name, unit) for name, (unit, _span) in self.fact_units.items()}
        facts.update({name: FactSpec(name, None, scale) for name, scale in self.label_facts.items()})
        checked_formulas = tuple(
            CheckedFormula(
                formula.name.text,
                formula.expr,
                dimensions[formula.name.text],
                displays[formula.name.text],
                _references(formula.expr),
                formula.description,
            )
            for formula in ordered
        )
        return CheckedRuleset(
            source=self.source,
            department=department,
            year=self.year,
            units=self.units,
            constants=self.constants,
            budget=budget,
            formulas=checked_formulas,
            facts=facts,
            indicators=indicators,
            weights=weights,
            warnings=tuple(warnings),
        )

    # limits

    def _too_many(self) -> bool:
        limits = self.limits
        for items, kind, limit in (
            (self.program.indicators, "indicators", limits.max_indicators),
            (self.program.formulas, "formulas", limits.max_formulas),
        ):
            if len(items) > limit:
                self.report(self.say.too_many(items[limit].span, kind, len(items), limit))
        return bool(self.problems)

    def _numbers(self) -> None:
        """Every number written in the ruleset fits the engine exactly and in range."""
        literals: list[syntax.QuantityLiteral | syntax.Literal | syntax.Weight] = []
        for unit in self.program.units:
            if unit.definition is not None:
                literals.append(unit.definition)
        literals.extend(entry.amount for entry in self.program.budget)
        for formula in self.program.formulas:
            literals.extend(node for node in syntax.postorder(formula.expr) if isinstance(node, syntax.Literal))
        for indicator in self.program.indicators:
            comparisons = (
                [indicator.comparison]
                if isinstance(indicator, syntax.SimpleIndicator)
                else [part.comparison for part in indicator.parts]
            )
            literals.extend(c.target for c in comparisons if isinstance(c.target, syntax.QuantityLiteral))
            if indicator.weight is not None:
                literals.append(indicator.weight)
        for literal in literals:
            amount = literal.amount
            text = self.source.original(literal.span)
            if len(amount.as_tuple().digits) > self.limits.max_digits:
                self.report(self.say.too_many_digits(literal.span, text, self.limits.max_digits))
            elif amount and abs(amount.adjusted()) > self.limits.max_exponent:
                self.report(self.say.too_large(literal.span, text, self.limits.max_exponent))

    # warnings: allowed, but worth a second look

    def _warnings(self, ordered: list[syntax.Formula], indicators: tuple[CheckedIndicator, ...]) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        formulas = {formula.name.text: formula for formula in ordered}
        used: set[str] = set()
        pending = [condition.subject for indicator in indicators for condition in indicator.conditions]
        while pending:
            name = pending.pop()
            if name in formulas and name not in used:
                used.add(name)
                pending.extend(_references(formulas[name].expr))
        for name, formula in formulas.items():
            if name not in used:
                found.append(self.say.unused_formula(formula.name.span, name))
        known = set(self.defined) | self.declared_facts | {item.name.text for item in self.program.indicators}
        references = [
            node for formula in ordered for node in syntax.postorder(formula.expr) if isinstance(node, syntax.Reference)
        ]
        read = {node.name for node in references}
        for node in references:
            if node.name not in known:
                candidate = closest_name(node.name, (known | read) - {node.name})
                if candidate is not None:
                    found.append(self.say.near_miss(node.span, node.name, candidate))
        found.extend(self._target_warnings(formulas))
        return found

    def _target_warnings(self, formulas: dict[str, syntax.Formula]) -> list[Diagnostic]:
        found = []
        for indicator in self.program.indicators:
            pieces = (
                [(indicator.name.text, indicator.comparison, indicator.deadline)]
                if isinstance(indicator, syntax.SimpleIndicator)
                else [(part.name.text, part.comparison, part.deadline) for part in indicator.parts]
            )
            for name, comparison, deadline in pieces:
                if deadline is not None and self.year is not None:
                    year = deadline.year if deadline.year is not None else self.year
                    if year != self.year:
                        found.append(self.say.outside_year(deadline.span, deadline.text, self.year))
                target = comparison.target
                if not isinstance(target, syntax.QuantityLiteral):
                    continue
                unit = self.units.get(target.unit) if target.unit else None
                counting = unit is not None and unit.dimension.powers and unit.name not in ("%",)
                if counting and (
                    (comparison.op is Comparator.LT and target.amount <= 0)
                    or (comparison.op is Comparator.LE and target.amount < 0)
                ):
                    found.append(
                        self.say.never_met(
                            comparison.op_span,
                            f"{name} counts, so it is never below zero",
                            f"{name} 是计数，不会小于零",
                        )
                    )
                formula = formulas.get(name)
                if (
                    formula is not None
                    and _is_share(formula.expr)
                    and target.unit == "%"
                    and (
                        (comparison.op in (Comparator.GE, Comparator.EQ) and target.amount > 100)
                        or (comparison.op is Comparator.GT and target.amount >= 100)
                    )
                ):
                    found.append(
                        self.say.never_met(
                            target.span,
                            f"{name} is a share of a whole, at most 100%",
                            f"{name} 是部分占整体的比例，至多 100%",
                        )
                    )
        return found

    # header

    def _department(self) -> str | None:
        departments = self.program.departments
        for extra in departments[1:]:
            self.report(self.say.duplicate_department(extra.span))
        return departments[0].text if departments else None

    def _year(self) -> None:
        for year in self.program.years:
            if not 1900 <= year.value <= 9999:
                self.report(self.say.bad_year(year.span, str(year.value)))
            elif self.year is None:
                self.year = year.value
            else:
                self.report(self.say.duplicate_year(year.span, self.year))

    def _units(self) -> None:
        pending: dict[str, syntax.UnitDeclaration] = {}
        for declaration in self.program.units:
            name = declaration.name.text
            if not _UNIT_WORD.fullmatch(name):
                self.report(self.say.unit_word(declaration.name.span, name))
            elif declaration.operator is not None and declaration.operator[0] is not Comparator.EQ:
                span = declaration.operator[1]
                self.report(self.say.unit_operator(span, self.source.original(span)))
            elif name in FIXED_UNITS or name in pending:
                self.report(self.say.unit_redefined(declaration.name.span, name))
            elif declaration.definition is None:
                self.units.setdefault(name, Unit(name, Dimension.of(name), Decimal(1)))
            elif declaration.definition.unit is None or declaration.definition.amount <= 0:
                self.report(self.say.nonpositive_unit(declaration.definition.span, name))
            else:
                pending[name] = declaration
        while pending:
            ready = [name for name, decl in pending.items() if _unit_of(decl) not in pending]
            if not ready:
                self._unit_cycles(pending)
                return
            for name in ready:
                declaration = pending.pop(name)
                definition = declaration.definition
                assert definition is not None
                base = self.units.get(_unit_of(declaration))
                if base is None:
                    span = definition.unit_span or definition.span
                    self.report(self.say.unknown_unit(span, _unit_of(declaration)))
                    continue
                factor = CONTEXT.multiply(definition.amount, base.factor)
                self.units[name] = Unit(name, base.dimension, factor)

    def _unit_cycles(self, pending: dict[str, syntax.UnitDeclaration]) -> None:
        reported: set[str] = set()
        for name, declaration in pending.items():
            if name in reported:
                continue
            chain = [name]
            following = _unit_of(declaration)
            while following in pending and following not in chain:
                chain.append(following)
                following = _unit_of(pending[following])
            cycle = chain[chain.index(following) :] if following in chain else chain
            reported.update(chain)
            self.report(self.say.unit_cycle(declaration.name.span, [*cycle, cycle[0]]))

    def _unit(self, name: str | None, span: Span | None) -> Unit | None:
        """Resolve a unit word; None (after reporting) when unknown; PLAIN for no unit."""
        if name is None:
            return PLAIN
        unit = self.units.get(name)
        if unit is None and span is not None:
            self.report(self.say.unknown_unit(span, name))
        return unit

    def _scales(self) -> None:
        for index, scale in enumerate(self.program.scales):
            for operator, span in scale.operators:
                if operator is not Comparator.LT:
                    self.report(self.say.scale_operator(span, self.source.original(span)))
            ranks: dict[str, int] = {}
            for rank, label in enumerate(scale.labels):
                previous = self.scales.get(label.text)
                if previous is not None or label.text in ranks:
                    first = self.program.scales[previous[1]] if previous else scale
                    line = self.source.line_column(first.span.start)[0]
                    self.report(self.say.label_in_two_scales(label.span, label.text, line))
                    continue
                ranks[label.text] = rank
            for label_text in ranks:
                self.scales[label_text] = (ranks, index)

    # names

    def _define(self, name: syntax.Name, kind: str) -> bool:
        existing = self.defined.get(name.text)
        if existing is not None:
            line = self.source.line_column(existing[1].start)[0]
            self.report(self.say.duplicate_name(name.span, name.text, existing[0], line))
            return False
        self.defined[name.text] = (kind, name.span)
        return True

    def _budget(self) -> tuple[BudgetItem, ...]:
        items = []
        for entry in self.program.budget:
            unit = self._unit(entry.amount.unit, entry.amount.unit_span)
            if not self._define(entry.name, "budget constant") or unit is None:
                continue
            value = CONTEXT.multiply(entry.amount.amount, unit.factor)
            self.constants[entry.name.text] = (value, unit)
            items.append(BudgetItem(entry.name.text, entry.path, entry.amount.amount, unit))
        return tuple(items)

    def _formula_names(self) -> dict[str, syntax.Formula]:
        formulas = {}
        for formula in self.program.formulas:
            if self._define(formula.name, "formula"):
                formulas[formula.name.text] = formula
        return formulas

    def _fact_declarations(self) -> None:
        for declaration in self.program.facts:
            name = declaration.name.text
            if name in self.defined:
                self.report(self.say.declared_non_fact(declaration.name.span, name, self.defined[name][0]))
                continue
            if name in self.declared_facts:
                line = self.source.line_column(self.fact_units[name][1].start)[0]
                self.report(self.say.duplicate_name(declaration.name.span, name, "fact", line))
                continue
            unit = self._unit(declaration.unit, declaration.unit_span)
            if unit is not None:
                self.declared_facts.add(name)
                self.fact_units[name] = (unit, declaration.name.span)

    def _conditions(self) -> list[tuple[str, syntax.Name, syntax.Comparison]]:
        """(subject, name node, comparison) for every simple indicator and compound part."""
        found = []
        for indicator in self.program.indicators:
            if isinstance(indicator, syntax.SimpleIndicator):
                found.append((indicator.name.text, indicator.name, indicator.comparison))
            else:
                for part in indicator.parts:
                    found.append((part_fact(indicator.name.text, part.name.text), part.name, part.comparison))
        return found

    def _facts_from_indicators(self, formulas: dict[str, syntax.Formula]) -> None:
        """An undeclared fact takes the unit of the target it is compared with."""
        for subject, _name, comparison in self._conditions():
            if subject in self.defined:
                continue
            target = comparison.target
            if isinstance(target, syntax.LabelLiteral):
                if subject not in self.fact_units:
                    scale = self.scales.get(target.text)
                    self.label_facts[subject] = scale[0] if scale else None
                continue
            if target.unit is None:
                unit: Unit | None = self.fact_units[subject][0] if subject in self.fact_units else PLAIN
            else:
                unit = self.units.get(target.unit)
            if unit is None:
                continue  # reported with the indicator
            if subject not in self.fact_units:
                self.fact_units[subject] = (unit, target.span)

    # formulas

    def _formulas(
        self, formulas: dict[str, syntax.Formula]
    ) -> tuple[list[syntax.Formula], dict[str, Dimension], dict[str, Unit]]:
        ordered, cyclic = self._order(formulas)
        dimensions: dict[str, Dimension] = {}
        displays: dict[str, Unit] = {}
        chains: dict[str, int] = {}
        for formula in ordered:
            depth = _depth(formula.expr)
            if depth > self.limits.max_nesting:
                self.report(self.say.too_deep(formula.name.span, formula.name.text, depth, self.limits.max_nesting))
                continue
            chain = 1 + max((chains.get(name, 0) for name in _references(formula.expr)), default=0)
            chains[formula.name.text] = chain
            if chain > self.limits.max_formula_depth:
                self.report(
                    self.say.formula_chain(formula.name.span, formula.name.text, chain, self.limits.max_formula_depth)
                )
                continue
            dimension = self._type(formula.expr, dimensions, cyclic)
            self.formula_facts[formula.name.text] = tuple(
                dict.fromkeys(
                    fact
                    for name in _references(formula.expr)
                    for fact in (self.formula_facts.get(name, ()) if name in formulas else (name,))
                    if fact in self.fact_units
                )
            )
            if dimension is not None:
                dimensions[formula.name.text] = dimension
                displays[formula.name.text] = self._display(formula.expr, dimension)
        return [formula for formula in ordered if formula.name.text in dimensions], dimensions, displays

    def _order(self, formulas: dict[str, syntax.Formula]) -> tuple[list[syntax.Formula], set[str]]:
        """Formulas in dependency order; every cycle reported once, at its first formula."""
        state: dict[str, int] = {}
        ordered: list[syntax.Formula] = []
        cyclic: set[str] = set()
        for root in formulas:
            if root in state:
                continue
            stack = [(root, iter(_references(formulas[root].expr)))]
            path = [root]
            state[root] = 1
            while stack:
                name, pending = stack[-1]
                child = next((ref for ref in pending if ref in formulas), None)
                if child is None:
                    stack.pop()
                    path.pop()
                    state[name] = 2
                    ordered.append(formulas[name])
                elif state.get(child) == 1:
                    cycle = path[path.index(child) :]
                    cyclic.update(cycle)
                    first = min(cycle, key=lambda member: formulas[member].span.start)
                    rotated = cycle[cycle.index(first) :] + cycle[: cycle.index(first)]
                    for member in rotated:  # the whole cycle, at each of its formulas
                        self.report(self.say.formula_cycle(formulas[member].name.span, [*rotated, first]))
                elif child not in state:
                    state[child] = 1
                    path.append(child)
                    stack.append((child, iter(_references(formulas[child].expr))))
        return [formula for formula in ordered if formula.name.text not in cyclic], cyclic

    def _type(self, expr: syntax.Expr, dimensions: dict[str, Dimension], cyclic: set[str]) -> Dimension | None:
        """The dimension of an expression, or None once a problem in it has been reported."""
        types: dict[int, Dimension | None] = {}
        for node in syntax.postorder(expr):
            result: Dimension | None
            if isinstance(node, syntax.Literal):
                unit = self._unit(node.unit, node.unit_span)
                result = unit.dimension if unit else None
            elif isinstance(node, syntax.Reference):
                result = self._reference_type(node, dimensions, cyclic)
            elif isinstance(node, syntax.Unary):
                result = types[id(node.operand)]
            else:
                left, right = types[id(node.left)], types[id(node.right)]
                if left is None or right is None:
                    result = None
                elif node.op == "*":
                    result = left * right
                elif node.op == "/":
                    result = left / right
                elif left != right:
                    action = "add" if node.op == "+" else "subtract"
                    hint = self._unit_hint(node.left, right) or self._unit_hint(node.right, left)
                    self.report(self.say.dimension_mismatch(node.op_span, str(left), str(right), action, hint))
                    result = None
                else:
                    result = left
            types[id(node)] = result
        return types[id(expr)]

    def _declare_hint(self, formula: str, missing: Dimension) -> tuple[str, str] | None:
        """When a formula reads facts with no declared unit (plain numbers), suggest declaring one."""
        plain = [name for name in self.formula_facts.get(formula, ()) if self.fact_units.get(name, (None,))[0] is PLAIN]
        if not plain:
            return None
        powers = missing.powers
        dimension = Dimension.of(powers[0][0]) if len(powers) == 1 and abs(powers[0][1]) == 1 else None
        units = self.units.values()
        unit = next((unit.name for unit in units if unit.dimension == dimension and unit.factor == 1), "元")
        example = f"`fact {plain[0]} in {unit}`"
        names = "、".join(plain)
        return (
            f"{names} has no declared unit, so it is read as a plain number; declare it, e.g. {example}",
            f"{names} 没有声明单位，按纯数值计算；请声明单位，如 {example}",
        )

    def _unit_hint(self, node: syntax.Expr, other: Dimension) -> tuple[str, str] | None:
        """Suggest declaring the unit of a plain fact that meets a quantity with a unit."""
        if not isinstance(node, syntax.Reference) or node.name in self.declared_facts or other == RATIO:
            return None
        if self.fact_units.get(node.name, (None,))[0] is not PLAIN:
            return None
        unit = next((unit for unit in self.units.values() if unit.dimension == other and unit.factor == 1), None)
        if unit is None:
            return None
        return (
            f"declare its unit: `fact {node.name} in {unit.name}`",
            f"声明它的单位：`fact {node.name} in {unit.name}`",
        )

    def _reference_type(
        self, node: syntax.Reference, dimensions: dict[str, Dimension], cyclic: set[str]
    ) -> Dimension | None:
        name = node.name
        if name in dimensions:
            return dimensions[name]
        if name in self.constants:
            return self.constants[name][1].dimension
        kind = self.defined.get(name, ("fact", None))[0]
        if kind == "formula":
            return None  # in a cycle or ill-typed: reported already
        if name in self.compound_names:
            self.report(self.say.compound_as_value(node.span, name))
            return None
        if name in self.label_facts:
            self.report(self.say.number_where_label(node.span, name))
            return None
        if name not in self.fact_units:
            self.fact_units[name] = (PLAIN, node.span)
        return self.fact_units[name][0].dimension

    def _display(self, expr: syntax.Expr, dimension: Dimension) -> Unit:
        """The unit a formula's value is shown in: % for a ratio written `… × 100%` (or `100% × …`).

        `× 100%` only marks a ratio as a percentage: on an amount it changes nothing, so 元 × 100%
        stays 元 and comparing it with a % target is the dimension error it is.
        """
        if dimension == RATIO:
            return PERCENT if _times_hundred_percent(expr) else PLAIN
        if len(dimension.powers) == 1 and dimension.powers[0][1] == 1:
            base = dimension.powers[0][0]
            known = self.units.get(base)
            if known is not None and known.factor == 1 and known.dimension == dimension:
                return known
        return Unit(str(dimension), dimension, Decimal(1))

    # indicators

    def _indicators(self, dimensions: dict[str, Dimension], displays: dict[str, Unit]) -> tuple[CheckedIndicator, ...]:
        seen: dict[str, Span] = {}
        checked = []
        for indicator in self.program.indicators:
            name = indicator.name
            if name.text in seen:
                line = self.source.line_column(seen[name.text].start)[0]
                self.report(self.say.duplicate_name(name.span, name.text, "indicator", line))
                continue
            seen[name.text] = name.span
            if isinstance(indicator, syntax.SimpleIndicator):
                pieces = [(name.text, name.text, indicator.comparison, indicator.deadline)]
            else:
                parts_seen: dict[str, Span] = {}
                pieces = []
                for part in indicator.parts:
                    if part.name.text in parts_seen:
                        line = self.source.line_column(parts_seen[part.name.text].start)[0]
                        self.report(self.say.duplicate_name(part.name.span, part.name.text, "part", line))
                        continue
                    parts_seen[part.name.text] = part.name.span
                    subject = part_fact(name.text, part.name.text)
                    pieces.append((part.name.text, subject, part.comparison, part.deadline))
            conditions = []
            for label, subject, comparison, written in pieces:
                deadline = self._deadline(written)
                condition = self._condition(label, subject, comparison, deadline, dimensions, displays)
                if condition is not None:
                    conditions.append(condition)
            deadlines = [condition.deadline for condition in conditions if condition.deadline is not None]
            checked.append(
                CheckedIndicator(
                    name=name.text,
                    group=indicator.group,
                    conditions=tuple(conditions),
                    compound=isinstance(indicator, syntax.Compound),
                    deadline=max(deadlines) if deadlines else None,
                    weight=indicator.weight.amount if indicator.weight else None,
                    description=indicator.description,
                    span=indicator.span,
                )
            )
        return tuple(checked)

    def _condition(
        self,
        label: str,
        subject: str,
        comparison: syntax.Comparison,
        deadline: date | None,
        dimensions: dict[str, Dimension],
        displays: dict[str, Unit],
    ) -> CheckedCondition | None:
        target = comparison.target
        if subject in dimensions:
            subject_unit: Unit | None = displays[subject]
        elif subject in self.constants:
            subject_unit = self.constants[subject][1]
        elif subject in self.defined:
            return None  # a formula in a cycle or with a type error, reported already
        elif subject in self.label_facts:
            subject_unit = None
        else:
            subject_unit = self.fact_units[subject][0] if subject in self.fact_units else None
        if isinstance(target, syntax.LabelLiteral):
            if subject_unit is not None:
                self.report(self.say.label_where_number(target.span, subject, target.text))
                return None
            scale = self.scales.get(target.text)
            if comparison.op.ordering and scale is None:
                self.report(
                    self.say.unordered_label(comparison.op_span, target.text, self.source.original(comparison.op_span))
                )
                return None
            checked = CheckedTarget(comparison.op, None, None, None, target.text, scale[0] if scale else None)
            return CheckedCondition(label, subject, checked, deadline, None)
        unit = subject_unit if target.unit is None else self._unit(target.unit, target.unit_span)
        if unit is None:
            return None
        if subject_unit is not None and subject_unit.dimension != unit.dimension:
            span = target.unit_span or target.span
            hint = self._declare_hint(subject, unit.dimension / subject_unit.dimension)
            self.report(self.say.dimension_mismatch(span, subject_unit.describe(), unit.describe(), "compare", hint))
            return None
        base = CONTEXT.multiply(target.amount, unit.factor)
        checked = CheckedTarget(comparison.op, target.amount, unit, base, None, None)
        return CheckedCondition(label, subject, checked, deadline, unit)

    def _deadline(self, written: syntax.Deadline | None) -> date | None:
        if written is None:
            return date(self.year, 12, 31) if self.year is not None else None
        year = written.year if written.year is not None else self.year
        if year is None:
            self.report(self.say.needs_year(written.span, written.text))
            return None
        if not 1 <= year <= 9999:
            self.report(self.say.bad_year(written.span, str(year)))
            return None
        month = written.month or 12
        if not 1 <= month <= 12:
            self.report(
                self.say.invalid_date(written.span, written.text, "there are only 12 months", "一年只有 12 个月")
            )
            return None
        last = calendar.monthrange(year, month)[1]
        day = written.day if written.day is not None else last
        if not 1 <= day <= last:
            self.report(
                self.say.invalid_date(
                    written.span,
                    written.text,
                    f"{year}-{month:02d} has {last} days",
                    f"{year}年{month}月只有 {last} 天",
                )
            )
            return None
        return date(year, month, day)


def _unit_of(declaration: syntax.UnitDeclaration) -> str:
    definition = declaration.definition
    assert definition is not None and definition.unit is not None
    return definition.unit


def _times_hundred_percent(expr: syntax.Expr) -> bool:
    """`… × 100%` or `100% × …`: the way tables mark a ratio as a percentage."""
    return (
        isinstance(expr, syntax.Binary)
        and expr.op == "*"
        and (_hundred_percent(expr.right) or _hundred_percent(expr.left))
    )


def _hundred_percent(expr: syntax.Expr) -> bool:
    return isinstance(expr, syntax.Literal) and expr.unit == "%" and expr.amount == 100


def _is_share(expr: syntax.Expr) -> bool:
    """`a / b × 100%` (or `100% × (a / b)`): a part over its whole."""
    if not (_times_hundred_percent(expr) and isinstance(expr, syntax.Binary)):
        return False
    quotient = expr.left if _hundred_percent(expr.right) else expr.right
    return (
        isinstance(quotient, syntax.Binary)
        and quotient.op == "/"
        and isinstance(quotient.left, syntax.Reference)
        and isinstance(quotient.right, syntax.Reference)
    )


def _depth(expr: syntax.Expr) -> int:
    depths: dict[int, int] = {}
    for node in syntax.postorder(expr):
        if isinstance(node, syntax.Unary):
            depths[id(node)] = depths[id(node.operand)] + 1
        elif isinstance(node, syntax.Binary):
            depths[id(node)] = max(depths[id(node.left)], depths[id(node.right)]) + 1
        else:
            depths[id(node)] = 1
    return depths[id(expr)]


def _references(expr: syntax.Expr) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for node in syntax.postorder(expr):
        if isinstance(node, syntax.Reference):
            seen.setdefault(node.name)
    return tuple(seen)
