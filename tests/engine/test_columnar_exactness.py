"""Columns decide exactly what rows decide, where the two could part: values beyond the limits,
labels the reader refuses, quotients whose rounding to 34 digits decides the comparison, sums of
rounded values, and exact results too long to hold."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfrules

pa = pytest.importorskip("pyarrow")
from perfrules.engine.columnar import rows_as_facts  # noqa: E402

YEAR_END = date(2023, 12, 31)
THIRD = "0.3333333333333333333333333333333333"


def agree(rules, table):
    """The columns' statuses, checked against each row's own evaluation."""
    columnar = rules.evaluate_table(table, as_of=YEAR_END)
    by_rows = [report.statuses() for report in rules.evaluate_many(list(rows_as_facts(table)), as_of=YEAR_END)]
    names = list(columnar)
    for row, statuses in enumerate(by_rows):
        assert [columnar.status(name)[row].as_py() for name in names] == [status.value for status in statuses], row
    return {name: columnar.status(name).to_pylist() for name in names}


def decimals(kind, *values):
    return pa.array([None if value is None else Decimal(value) for value in values], kind)


def test_a_column_value_beyond_the_digit_limit_is_invalid_as_in_a_row():
    rules = perfrules.compile("x >= 1\n")
    table = pa.table({"x": decimals(pa.decimal128(38, 0), "1" * 36, "5", None)})
    assert agree(rules, table) == {"x": ["INVALID", "MET", "MISSING"]}


def test_a_wide_decimal_type_holding_short_values_is_decided_column_wise():
    rules = perfrules.compile("x >= 1\n")
    table = pa.table({"x": decimals(pa.decimal128(38, 10), "2.5", "0.5")})
    assert agree(rules, table) == {"x": ["MET", "NOT_MET"]}


def test_integers_beyond_tight_limits_are_invalid_as_in_a_row():
    rules = perfrules.compile("x >= 1\n", limits=perfrules.Limits(max_digits=5))
    table = pa.table({"x": pa.array([123456, 12345], pa.int64())})
    assert agree(rules, table) == {"x": ["INVALID", "MET"]}


@pytest.mark.parametrize("label", ["完\u200b成", "完成" * 3000])
def test_labels_the_reader_refuses_are_invalid_in_columns_too(label):
    rules = perfrules.compile("平台 == 完成\n")
    table = pa.table({"平台": [label, "完成", " 完成 "]})
    assert agree(rules, table) == {"平台": ["INVALID", "MET", "MET"]}


@pytest.mark.parametrize(
    ("formula", "target", "facts"),
    [
        ("a / 3", f"<= {THIRD}", {"a": [1, 2]}),
        ("a / 3", f">= {THIRD}", {"a": [1, 2]}),
        ("a / 3", f"== {THIRD}", {"a": [1, 2]}),
        ("(a / 3) * 3", "== 1", {"a": [1, 4]}),
        ("(a / 3) * 3", ">= 1", {"a": [1, 4]}),
        ("a / b * 100%", ">= 90%", {"a": [9, 8, 2], "b": [10, 10, 3]}),
    ],
)
def test_rows_where_rounding_decides_are_decided_as_rows_decide(formula, target, facts):
    rules = perfrules.compile(f"f := {formula}\nf {target}\n")
    agree(rules, pa.table({name: pa.array(values, pa.int64()) for name, values in facts.items()}))


def test_a_difference_of_quotients_is_decided_as_rows_decide():
    rules = perfrules.compile("f := a / 3 - b / 3\nf >= 0\n")
    agree(rules, pa.table({"a": pa.array([1, 2, 1], pa.int64()), "b": pa.array([1, 1, 2], pa.int64())}))


def test_an_exact_product_too_long_to_hold_is_invalid_as_in_a_row():
    rules = perfrules.compile("f := a * b\nf >= 0\n")
    table = pa.table(
        {"a": decimals(pa.decimal128(20, 0), "9" * 20, "3"), "b": decimals(pa.decimal128(20, 0), "9" * 20, "4")}
    )
    assert agree(rules, table) == {"f": ["INVALID", "MET"]}


small = st.integers(min_value=-(10**6), max_value=10**6)
long_decimals = st.decimals(min_value=-(10**12), max_value=10**12, places=18, allow_nan=False, allow_infinity=False)
formulas = st.sampled_from(
    ["a / b", "a / b * 100%", "(a - b) / b * 100%", "a * b", "a / b / c", "a / 3 + b", "(a + b) * c / 7", "-a / b"]
)
targets = st.sampled_from(["0", "1", "0.9", THIRD, "90%", "-2", "0.5"])


@given(
    formula=formulas,
    target=targets,
    op=st.sampled_from([">=", "<=", ">", "<", "==", "!="]),
    rows=st.lists(st.tuples(st.one_of(small, long_decimals), st.one_of(small, long_decimals), small), max_size=6),
)
def test_columns_agree_with_rows_on_generated_formulas(formula, target, op, rows):
    rules = perfrules.compile(f"f := {formula}\nf {op} {target}\n")
    names = ("a", "b", "c")
    table = pa.table(
        {
            name: pa.array([Decimal(row[index]) for row in rows], pa.decimal128(38, 18))
            for index, name in enumerate(names)
        }
    )
    agree(rules, table)


@given(
    formula=st.sampled_from(["a / b", "a / b * 100%", "a / b * 100", "a / b * 3", "100 * a / b", "a / b * 0.7"]),
    target=st.sampled_from(["1", "100%", "100", "90%", "0.9", "2", THIRD, "0.7"]),
    op=st.sampled_from([">=", "<=", ">", "<", "==", "!="]),
    rows=st.lists(st.tuples(st.integers(-30, 30), st.integers(-30, 30)), max_size=8),
)
def test_rows_on_the_target_agree_in_64_bit_columns(formula, target, op, rows):
    """Quotients of whole numbers, many exactly on the target (a == b, 9 / 10, 1 / 3 × 3)."""
    rules = perfrules.compile(f"f := {formula}\nf {op} {target}\n")
    table = pa.table({name: pa.array([row[index] for row in rows], pa.int64()) for index, name in enumerate("ab")})
    agree(rules, table)


def test_rows_exactly_on_a_rate_target_are_decided_column_wise(monkeypatch):
    """`a / b × 100% >= 100%` with a == b: exact both ways, so no row is handed to the rows."""
    from perfrules.engine.columnar import evaluation

    def by_rows(*_arguments):
        raise AssertionError("a row was decided row by row")

    monkeypatch.setattr(evaluation._RowWiseCodes, "patch", by_rows)
    rules = perfrules.compile("完成率 := 完成数 / 计划数 × 100%\n完成率 >= 100%\n")
    table = pa.table({"完成数": pa.array([5, 4, 6], pa.int64()), "计划数": pa.array([5, 5, 5], pa.int64())})
    assert rules.evaluate_table(table, as_of=YEAR_END).status("完成率").to_pylist() == ["MET", "NOT_MET", "MET"]
    thirds = perfrules.compile("f := a / b * 3\nf >= 1\n")  # 1 / 3 × 3 is rounded row by row: rows decide
    monkeypatch.undo()
    assert agree(thirds, pa.table({"a": pa.array([1, 2], pa.int64()), "b": pa.array([3, 3], pa.int64())})) == {
        "f": ["NOT_MET", "MET"]
    }


def test_an_attainment_word_is_decided_column_wise_as_rows_decide_it(monkeypatch):
    """完成 given where 合规 (or a label of a scale) is wanted asserts the target met, in a column
    as in a row, without handing the row to the rows."""
    from perfrules.engine.columnar import evaluation

    def by_rows(*_arguments):
        raise AssertionError("a row was decided row by row")

    monkeypatch.setattr(evaluation._RowWiseCodes, "patch", by_rows)
    rules = perfrules.compile("scale 差 < 中 < 好\n合规性 == 合规\n评价 >= 中\n")
    table = pa.table({"合规性": ["完成", "合规", "不合规", None], "评价": ["完成", "好", "差", "优"]})
    statuses = agree(rules, table)
    assert statuses == {"合规性": ["MET", "MET", "NOT_MET", "MISSING"], "评价": ["MET", "MET", "NOT_MET", "INVALID"]}
