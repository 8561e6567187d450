"""Exact-arithmetic oracle: random formulas evaluated by perfrules and by `fractions` agree.

The oracle re-implements the documented semantics independently: +, − and × of exact values
are exact or a precision error; a quotient, and anything computed from one, is rounded half-even
to 34 significant digits; dividing by zero is an error.
"""

from decimal import Decimal
from fractions import Fraction

from hypothesis import example, given
from hypothesis import strategies as st

import perfrules

PRECISION = 34


class PrecisionError(Exception):
    pass


def significant_digits(value: Fraction) -> int:
    """Significant digits of a terminating decimal (trailing zeros not counted)."""
    if value == 0:
        return 0
    scaled = abs(value)
    while scaled.denominator != 1:  # terminates: these denominators are 2^a·5^b
        scaled *= 10
    whole = scaled.numerator
    while whole % 10 == 0:
        whole //= 10
    return len(str(whole))


def round_to_precision(value: Fraction) -> Fraction:
    """Round half-even to 34 significant digits, by integer arithmetic only."""
    if value == 0:
        return value
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    exponent = 0
    while magnitude >= 10**PRECISION:
        magnitude /= 10
        exponent += 1
    while magnitude < 10 ** (PRECISION - 1):
        magnitude *= 10
        exponent -= 1
    whole = magnitude.numerator // magnitude.denominator
    remainder = magnitude - whole
    if remainder > Fraction(1, 2) or (remainder == Fraction(1, 2) and whole % 2 == 1):
        whole += 1
    return sign * Fraction(whole) * Fraction(10) ** exponent


def oracle(node, facts):
    """(value, rounded) of an expression tree, or PrecisionError / ZeroDivisionError."""
    kind = node[0]
    if kind == "fact":
        return Fraction(facts[node[1]]), False
    if kind == "number":
        return Fraction(node[1]), False
    if kind == "neg":
        value, rounded = oracle(node[1], facts)
        return -value, rounded
    left, left_rounded = oracle(node[1], facts)
    right, right_rounded = oracle(node[2], facts)
    if kind == "/":
        if right == 0:
            raise ZeroDivisionError
        return round_to_precision(left / right), True
    exact = {"+": left + right, "-": left - right, "*": left * right}[kind]
    if left_rounded or right_rounded:
        return round_to_precision(exact), True
    if significant_digits(exact) > PRECISION:
        raise PrecisionError
    return exact, False


def text(node) -> str:
    kind = node[0]
    if kind in ("fact", "number"):
        return str(node[1])
    if kind == "neg":
        return f"-({text(node[1])})"
    return f"({text(node[1])} {kind} {text(node[2])})"


numbers = st.one_of(
    st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=10**14, max_value=10**15, places=10, allow_nan=False, allow_infinity=False),
)
leaves = st.one_of(
    st.sampled_from(["a", "b", "c", "d"]).map(lambda name: ("fact", name)),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False).map(
        lambda number: ("number", format(number, "f"))
    ),
)
trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.tuples(st.just("neg"), children),
    ),
    max_leaves=12,
)
fact_values = st.fixed_dictionaries({name: numbers for name in "abcd"})


@example(
    tree=("*", ("fact", "a"), ("fact", "b")),
    facts={"a": Decimal("123456789012345.1234567891"), "b": Decimal("987654321098765.1234567891"), "c": 1, "d": 1},
)
@example(tree=("/", ("fact", "a"), ("fact", "b")), facts={"a": Decimal(2), "b": Decimal(3), "c": 1, "d": 1})
@example(tree=("*", ("/", ("fact", "a"), ("fact", "b")), ("number", "7")), facts={"a": 1, "b": 3, "c": 1, "d": 1})
@given(tree=trees, facts=fact_values)
def test_formulas_agree_with_exact_rational_arithmetic(tree, facts):
    rules = perfrules.compile(f"值 := {text(tree)}\n值 >= 0\n")
    report = rules.evaluate(facts)
    got = report.formulas["值"]
    try:
        want, _rounded = oracle(tree, facts)
    except ZeroDivisionError:
        assert got is None
        assert "除数为零" in report["值"].reason
        return
    except PrecisionError:
        assert got is None
        assert "有效数字" in report["值"].reason
        return
    assert got is not None, report["值"].reason
    assert Fraction(got.amount) == want
