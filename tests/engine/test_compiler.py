"""What the compiler decides once for every evaluation: which sums may be rounded, and ordered labels.

+, − and × of exact values must stay exact (an error rather than a rounded money amount); once a
quotient is involved, directly, through a sign, or through another formula, the result is rounded
to 34 significant digits like the quotient itself.
"""

from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules import Status

YEAR_END = date(2023, 12, 31)
THIRD = Decimal("0.3333333333333333333333333333333333")


def formula_value(text, facts):
    report = perfrules.compile(text + "x >= 0\n").evaluate(facts, as_of=YEAR_END)
    return report.formulas["x"], report["x"]


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("x := a / 3 + 1000000\n", Decimal("1000000.333333333333333333333333333")),
        ("y := a / 3\nx := y + 1000000\n", Decimal("1000000.333333333333333333333333333")),
        ("x := -(a / 3) + 1000000\n", Decimal("999999.6666666666666666666666666667")),
        ("x := (a / 3) * 2 + 1000000\n", Decimal("1000000.666666666666666666666666667")),
        ("x := 2 * (a / 3) + 1000000\n", Decimal("1000000.666666666666666666666666667")),
    ],
)
def test_a_sum_with_a_quotient_in_it_is_rounded_not_refused(formula, expected):
    """Once a quotient enters a formula, the sums built on it round to 34 digits as the quotient did."""
    value, result = formula_value(formula, {"a": 1})
    assert value is not None and value.amount == expected
    assert result.status is Status.MET


def test_an_exact_sum_that_would_need_rounding_is_refused():
    """Without a quotient, a sum that does not fit 34 digits is an error, never a rounded amount."""
    value, result = formula_value("x := a + b\n", {"a": Decimal("1E+40"), "b": Decimal("0.5")})
    assert value is None
    assert result.status is Status.INVALID
    assert "有效数字" in result.reason or "范围" in result.reason
    third, _ = formula_value("x := a / 3\n", {"a": 1})
    assert third.amount == THIRD


def test_ordered_labels_are_decided_column_wise_by_their_scale():
    """A scale's order reaches the columnar engine: 基本满意 ≥ 基本满意, 不满意 is not, 很好 is outside."""
    pa = pytest.importorskip("pyarrow")
    rules = perfrules.compile("year 2023\nscale 不满意 < 基本满意 < 满意\n满意度 >= 基本满意\n")
    table = pa.table({"满意度": ["基本满意", "不满意", "满意", "很好", None]})
    report = rules.evaluate_table(table, as_of=YEAR_END)
    assert report.status("满意度").to_pylist() == ["MET", "NOT_MET", "MET", "INVALID", "MISSING"]
