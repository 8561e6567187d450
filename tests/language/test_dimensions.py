"""Dimensions are checked through every operator in every order.

Random formulas over facts and literals in 元, 万元, 次, % and plain numbers: the checker accepts a
formula and its target exactly when an independent model of dimensions says they agree (only
like quantities add, subtract or compare; × and ÷ multiply and divide dimensions; % is a ratio),
and an accepted formula's value, in the unit it is shown in, is the exact value of the formula.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import perfrules

DECLARATIONS = "fact 金额 in 元\nfact 万元数 in 万元\nfact 次数 in 次\nfact 比例 in %\n"
# name → (dimension, value of the fact in its base unit, and the raw fact given)
FACTS = {
    "金额": ({"元": 1}, Fraction(300), 300),
    "万元数": ({"元": 1}, Fraction(20000), 2),
    "次数": ({"次": 1}, Fraction(4), 4),
    "比例": ({}, Fraction(1, 2), 50),
    "系数": ({}, Fraction(3), 3),
}
LITERALS = {
    "2 元": ({"元": 1}, Fraction(2)),
    "1 万元": ({"元": 1}, Fraction(10000)),
    "3 次": ({"次": 1}, Fraction(3)),
    "100%": ({}, Fraction(1)),
    "5%": ({}, Fraction(1, 20)),
    "7": ({}, Fraction(7)),
}
TARGETS = {"1 元": {"元": 1}, "1 万元": {"元": 1}, "1 次": {"次": 1}, "90%": {}, "1": None}
"""Each target's dimension; a bare number is in whatever unit its subject is shown in."""


class Mismatch(Exception):
    """Two unlike quantities meet in +, − or a comparison."""


def combine(left, right, sign):
    powers = dict(left)
    for base, power in right.items():
        powers[base] = powers.get(base, 0) + sign * power
    return {base: power for base, power in powers.items() if power}


def dimension_of(node):
    """The dimension of an expression, or Mismatch."""
    kind = node[0]
    if kind == "fact":
        return FACTS[node[1]][0]
    if kind == "literal":
        return LITERALS[node[1]][0]
    if kind == "neg":
        return dimension_of(node[1])
    left, right = dimension_of(node[1]), dimension_of(node[2])
    if kind in "+-":
        if left != right:
            raise Mismatch
        return left
    return combine(left, right, 1 if kind == "*" else -1)


def value_of(node):
    """The exact value in base units, or ZeroDivisionError."""
    kind = node[0]
    if kind == "fact":
        return FACTS[node[1]][1]
    if kind == "literal":
        return LITERALS[node[1]][1]
    if kind == "neg":
        return -value_of(node[1])
    a, b = value_of(node[1]), value_of(node[2])
    if kind == "/" and b == 0:
        raise ZeroDivisionError
    return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else None}[kind]


def largest(node):
    """The largest magnitude of any value computed on the way to the node's value."""
    if node[0] in ("fact", "literal"):
        return abs(value_of(node))
    return max(abs(value_of(node)), *(largest(child) for child in node[1:]))


def close(got, tree):
    """Equal, or (with a quotient in the formula) within the rounding of quotients to 34
    significant digits, measured against the largest value on the way: a difference of two
    nearly equal rounded values may be tiny beside them and still not exactly zero."""
    want = value_of(tree)
    rounded = "/" in text(tree)
    return got == want or (rounded and abs(got - want) <= largest(tree) * Fraction(1, 10**28))


def text(node):
    kind = node[0]
    if kind in ("fact", "literal"):
        return node[1]
    if kind == "neg":
        return f"-({text(node[1])})"
    return f"({text(node[1])} {kind} {text(node[2])})"


def shown_as_percent(node):
    """A ratio written `X × 100%` or `100% × X` is shown as a percentage."""
    return node[0] == "*" and ("literal", "100%") in (node[1], node[2])


leaves = st.one_of(
    st.sampled_from(sorted(FACTS)).map(lambda name: ("fact", name)),
    st.sampled_from(sorted(LITERALS)).map(lambda literal: ("literal", literal)),
)
trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.tuples(st.just("neg"), children),
    ),
    max_leaves=8,
)


@example(tree=("*", ("fact", "金额"), ("literal", "100%")), target="90%")
@example(tree=("*", ("*", ("fact", "金额"), ("fact", "金额")), ("literal", "100%")), target="90%")
@example(tree=("*", ("literal", "100%"), ("fact", "金额")), target="90%")
@example(tree=("*", ("fact", "金额"), ("literal", "5%")), target="90%")
@example(tree=("*", ("/", ("fact", "金额"), ("fact", "万元数")), ("literal", "100%")), target="90%")
@example(tree=("+", ("fact", "比例"), ("literal", "5%")), target="90%")
@example(  # a difference of two rounded quotients that is 1E-34, not exactly 0
    tree=(
        "-",
        ("neg", ("literal", "100%")),
        ("*", ("neg", ("fact", "系数")), ("/", ("literal", "100%"), ("fact", "系数"))),
    ),
    target="1",
)
@given(tree=trees, target=st.sampled_from(sorted(TARGETS)))
def test_checker_agrees_with_a_model_of_dimensions(tree, target):
    source = f"{DECLARATIONS}值 := {text(tree)}\n值 >= {target}\n"
    try:
        dimension = dimension_of(tree)
    except Mismatch:
        dimension = None
    if dimension is None or TARGETS[target] not in (None, dimension):
        with pytest.raises(perfrules.RulesetError) as caught:
            perfrules.compile(source)
        assert {item.code for item in caught.value.diagnostics} == {"dimension-mismatch"}
        return
    rules = perfrules.compile(source)
    facts = {name: raw for name, (_dimension, _value, raw) in FACTS.items()}
    got = rules.evaluate(facts, as_of=date(2023, 12, 31)).formulas["值"]
    try:
        value_of(tree)
    except ZeroDivisionError:
        assert got is None
        return
    percent = dimension == {} and shown_as_percent(tree)
    assert got is not None
    if dimension == {}:
        assert got.unit == ("%" if percent else "")
    elif list(dimension.values()) == [1]:
        assert got.unit == next(iter(dimension))
    else:
        assert got.unit not in ("", "%", "元", "次")  # a derived unit such as 元·次^-1, in base units
    assert close(Fraction(got.amount) / (100 if percent else 1), tree)


@pytest.mark.parametrize(
    ("formula", "target"),
    [
        ("预算完成数 * 100%", "90%"),
        ("预算完成数 * 预算完成数 * 100%", "90%"),
        ("100% * 预算完成数", "90%"),
        ("预算完成数 * 1%", "90%"),
        ("预算完成数 + 1%", "90%"),
        ("预算完成数 / 预算数 * 100% + 1 元", "90%"),
    ],
)
def test_a_percentage_of_an_amount_is_refused(formula, target):
    """The slips the `× 100%` rule used to hide: an amount stays an amount whatever it is multiplied by."""
    source = f"fact 预算完成数 in 元\nfact 预算数 in 元\n预算执行率 := {formula}\n预算执行率 >= {target}\n"
    with pytest.raises(perfrules.RulesetError) as caught:
        perfrules.compile(source)
    assert "dimension-mismatch" in {item.code for item in caught.value.diagnostics}


def test_a_share_written_either_way_round_is_a_percentage():
    rules = perfrules.compile("率 := 100% × (甲 / 乙)\n率 >= 90%\n")
    report = rules.evaluate({"甲": 9, "乙": 10})
    assert report["率"].value == perfrules.Quantity(Decimal("90"), "%")
    assert str(report["率"].status) == "MET"
