"""Columnar evaluation takes several roads to the same answer: 64-bit scaled integers, decimal128,
decimal256, and row by row when a value is too wide. Each test drives one road (formula
references, budget constants, signs, sliced and dictionary columns, wide literals, widening and
its limits) and checks the statuses against the row-wise evaluator and against known values."""

from datetime import date
from decimal import Decimal

import pytest

import perfrules

pa = pytest.importorskip("pyarrow")
from perfrules.engine.columnar import rows_as_facts  # noqa: E402

YEAR_END = date(2023, 12, 31)


RATIOS = (
    "year 2023\n"
    "budget {\n    基数 := 100 万元\n}\n"
    "fact 收入 in 元\nfact 成本 in 元\n"
    "基数 >= 50 万元\n"
    "利润 := 收入 - 成本\n利润 >= 0\n"
    "利润率 := 利润 / 收入 × 100%\n利润率 >= 10%\n"
    "占比 := -收入 / 基数\n占比 <= 0\n"
    "平台 == 完成\n"
)


@pytest.fixture(scope="module")
def rules():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile(RATIOS)


EXPECTED = {
    "基数": ["MET", "MET", "MET", "MET"],
    "利润": ["MET", "NOT_MET", "MISSING", "MET"],
    "利润率": ["MET", "NOT_MET", "MISSING", "INVALID"],
    "占比": ["MET", "MET", "MISSING", "MET"],
    "平台": ["MET", "MISSING", "NOT_MET", "MISSING"],
}


def decimals(*values):
    return [None if value is None else Decimal(value) for value in values]


def statuses(rules, table, as_of=YEAR_END):
    """Every indicator's columnar statuses, after checking that row-wise evaluation decides the same."""
    columnar = rules.evaluate_table(table, as_of=as_of)
    rows = [report.statuses() for report in rules.evaluate_many(rows_as_facts(table), as_of=as_of)]
    decided = {}
    for position, name in enumerate(columnar):
        decided[name] = columnar.status(name).to_pylist()
        assert decided[name] == [row[position].value for row in rows], name
    return decided


def money(kind, income=("100.5", "50", None, "0"), cost=("80", "60", "1", "0")):
    return pa.table(
        {
            "收入": pa.array(decimals(*income), kind),
            "成本": pa.array(decimals(*cost), kind),
            "平台": pa.array(["完成", None, "未完成", None]),
        }
    )


@pytest.mark.parametrize(
    "kind",
    [pa.int64(), pa.decimal128(18, 2), pa.decimal128(30, 2), pa.decimal256(30, 2)],
    ids=["int64", "decimal128-18", "decimal128-30", "decimal256-30"],
)
def test_formulas_on_formulas_constants_and_signs_on_every_road(kind, rules):
    """Formula references, budget constants and signs decide the same on the integer and decimal roads."""
    income = ("100", "50", None, "0") if pa.types.is_integer(kind) else ("100.5", "50", None, "0")
    assert statuses(rules, money(kind, income)) == EXPECTED


def test_an_indicator_on_a_budget_constant_is_decided_for_every_row():
    """An indicator on a budget constant has the same status in every row, even with no fact columns."""
    table = pa.table({"x": pa.array([1, 2, 3])})
    for target, expected in (("基数 >= 50 万元", "MET"), ("基数 <= 10 万元", "NOT_MET")):
        rules = perfrules.compile(f"year 2023\nbudget {{\n    基数 := 100 万元\n}}\n{target}\n")
        assert rules.evaluate_table(table, as_of=YEAR_END).status("基数").to_pylist() == [expected] * 3


def test_a_sliced_decimal_column_with_nulls_is_read_exactly(rules):
    """A decimal column that is a slice (an offset) with nulls is read as decimals, not misread as integers."""
    income = pa.array(decimals("1", "100.5", "50", None, "0"), pa.decimal128(18, 2)).slice(1)
    cost = pa.array(decimals("80", "60", "1", "0"), pa.decimal128(10, 1))
    table = pa.table({"收入": income, "成本": cost, "平台": pa.array(["完成", None, "未完成", None])})
    assert statuses(rules, table) == EXPECTED


def test_a_dictionary_encoded_label_column_is_read_like_text():
    """A dictionary-encoded label column decides what the same labels as plain text decide."""
    labels = pa.array(["完成", None, " 完成 ", "未完成"]).dictionary_encode()
    rules = perfrules.compile("year 2023\n平台 == 完成\n")
    assert statuses(rules, pa.table({"平台": labels})) == {"平台": ["MET", "MISSING", "MET", "NOT_MET"]}


def test_status_table_without_values_has_one_column_per_indicator(rules):
    """to_table() without values holds just the status column of each indicator, as text statuses."""
    table = money(pa.int64(), ("100", "50", None, "0"))
    result = rules.evaluate_table(table, as_of=YEAR_END).to_table()
    assert result.column_names == [f"{name}.status" for name in EXPECTED]
    assert result.column("利润.status").to_pylist() == EXPECTED["利润"]


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        # a literal past 64 bits, in a product
        ("x := 收入 * 10000000000000000000\nx >= 1", ["MET", "NOT_MET", "MISSING"]),
        # a literal of 21 decimal places: the column (two places) cannot be scaled to it in 64 bits
        ("x := 收入 + 0.000000000000000000001 元\nx > 0", ["MET", "MET", "MISSING"]),
        # a literal of 10^18, scaled to the column's two decimal places, passes 64 bits
        ("x := 收入 + 1000000000000000000 元\nx >= 1000000000000000001", ["MET", "NOT_MET", "MISSING"]),
        # two literals whose product passes 64 bits
        ("x := 收入 + 3000000000 元 * 4000000000\nx >= 12000000000000000001", ["MET", "NOT_MET", "MISSING"]),
        # a literal in a larger unit, read in base units
        ("x := 收入 - 1 万元\nx < 0", ["MET", "MET", "MISSING"]),
    ],
)
def test_literals_too_wide_for_64_bits_take_the_decimal_road(formula, expected):
    """Formulas whose literals do not fit scaled 64-bit integers are decided exactly in decimals."""
    rules = perfrules.compile(f"year 2023\nfact 收入 in 元\n{formula}\n")
    table = pa.table({"收入": pa.array(decimals("1.5", "0", None), pa.decimal128(10, 2))})
    assert statuses(rules, table) == {"x": expected}


def test_products_of_wide_columns_widen_to_decimal256():
    """A product of two 30-digit columns is computed in decimal256, exactly."""
    rules = perfrules.compile(
        "year 2023\nfact 甲 in 元\nfact 乙 in 元\n积 := 甲 * 乙\n积 >= 1000000000000000000000000\n"
    )
    big = "999999999999999.99"
    table = pa.table(
        {
            "甲": pa.array(decimals(big, "2", None), pa.decimal128(30, 2)),
            "乙": pa.array(decimals(big, "3", "1"), pa.decimal128(30, 2)),
        }
    )
    assert statuses(rules, table) == {"积": ["MET", "NOT_MET", "MISSING"]}


def test_products_too_wide_even_for_decimal256_are_decided_row_by_row():
    """A product past 76 digits cannot be held column-wise; that indicator is decided row by row, exactly."""
    rules = perfrules.compile("year 2023\nfact 甲 in 元\nfact 乙 in 元\n积 := 甲 * 乙 * 乙\n积 >= 8\n")
    table = pa.table(
        {
            "甲": pa.array(decimals("1", "2", None), pa.decimal128(30, 2)),
            "乙": pa.array(decimals("2", "2", "1"), pa.decimal128(30, 2)),
        }
    )
    assert statuses(rules, table) == {"积": ["NOT_MET", "MET", "MISSING"]}


def test_sums_of_38_digit_columns_widen_and_past_76_digits_go_row_by_row():
    """A sum of two 38-digit columns is widened to decimal256; of two 76-digit columns, decided row by row."""
    rules = perfrules.compile("year 2023\nfact 甲 in 元\nfact 乙 in 元\n和 := 甲 + 乙\n和 >= 10\n")
    for kind in (pa.decimal128(38, 2), pa.decimal256(76, 0)):
        table = pa.table(
            {"甲": pa.array(decimals("4", "6", None), kind), "乙": pa.array(decimals("5", "4", "1"), kind)}
        )
        assert statuses(rules, table) == {"和": ["NOT_MET", "MET", "MISSING"]}, kind


def test_a_target_beyond_decimal128_is_compared_in_decimal256():
    """A target of 10^42 yuan (a declared unit of 10^30) is compared exactly against wide decimal columns."""
    rules = perfrules.compile(
        "year 2023\nunit 巨 = 1000000000000000000000000000000 元\nfact 额 in 元\n额 >= 1000000000000 巨\n"
    )
    table = pa.table({"额": pa.array(decimals("1", None), pa.decimal128(30, 0))})
    assert statuses(rules, table) == {"额": ["NOT_MET", "MISSING"]}


SIMPLE = "year 2023\nfact x in 次\n"


@pytest.mark.parametrize(
    ("text", "table", "expected"),
    [
        pytest.param(
            SIMPLE + "x >= 0.0000000000000000001 次\n",
            pa.table({"x": pa.array([1, 0], pa.int64())}),
            {"x": ["MET", "NOT_MET"]},
            id="target-of-19-places-on-an-integer-column",
        ),
        pytest.param(
            SIMPLE + "x >= 1000000000000000 次\n",
            pa.table({"x": pa.array(decimals("1.00001", None), pa.decimal128(10, 5))}),
            {"x": ["NOT_MET", "MISSING"]},
            id="whole-target-on-a-five-place-column",
        ),
        pytest.param(
            SIMPLE + "x >= 0.5 次\n",
            pa.table({"x": pa.array([10**18, 0], pa.int64())}),
            {"x": ["MET", "NOT_MET"]},
            id="large-integers-against-a-fractional-target",
        ),
        pytest.param(
            SIMPLE + "x >= 0.0000000000000000001 次\n",
            pa.table({"x": pa.array(decimals("1"), pa.decimal128(20, 0))}),
            {"x": ["MET"]},
            id="twenty-digit-column-against-a-19-place-target",
        ),
        pytest.param(
            RATIOS,
            money(pa.decimal128(38, 2)),
            EXPECTED,
            id="decimal128-38-columns-in-a-ratio",
        ),
        pytest.param(
            RATIOS,
            money(pa.decimal128(34, 2)),
            EXPECTED,
            id="decimal128-34-columns-in-a-ratio",
        ),
    ],
)
def test_values_too_wide_for_a_columnar_road_are_decided_row_by_row(text, table, expected):
    """Where exact column-wise arithmetic cannot hold a value, the row-wise evaluator decides, and agrees."""
    assert statuses(perfrules.compile(text), table) == expected


def test_an_integer_column_in_a_larger_unit_is_converted_exactly():
    """Whole numbers in a column of 万元 are converted to 元 exactly before comparing with 12.5 万元."""
    rules = perfrules.compile("year 2023\nfact 金额 in 万元\n金额 >= 12.5 万元\n")
    table = pa.table({"金额": pa.array([13, 12, None], pa.int32())})
    assert statuses(rules, table) == {"金额": ["MET", "NOT_MET", "MISSING"]}
