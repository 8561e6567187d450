"""Columnar evaluation over Arrow decides exactly what the row-wise evaluator decides."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfrules

pa = pytest.importorskip("pyarrow")
from perfrules.engine.columnar import rows_as_facts  # noqa: E402


@pytest.fixture(scope="module")
def rules():
    """Compiled in each test session, so that every run (and every mutant) compiles it afresh."""
    return perfrules.compile(
        "year 2023\n"
        "scale 不满意 < 基本满意 < 满意\n"
        "检查 >= 4 次 by 2023-06-30\n"
        "金额 < 12.5 万元\n"
        "平台 == 完成 10月底前\n"
        "满意度 >= 基本满意\n"
        "率 := 甲 / 乙 × 100%\n"
        "率 >= 90%\n"
        "差 := (甲 - 乙) * 2 + 丙 / 4\n"
        "差 != 0\n"
        "培训: 培训 >= 5 次 and 测试 >= 5 次 by 2023-09-30\n"
    )


rows = st.integers(min_value=0, max_value=25)
counts = st.one_of(st.none(), st.integers(min_value=-3, max_value=10))
amounts = st.one_of(
    st.none(),
    st.sampled_from([Decimal(0), Decimal(1), Decimal(-1), Decimal("0.9"), Decimal(10), Decimal(9)]),
    st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
)
labels = st.one_of(
    st.none(),
    st.sampled_from(
        ["完成", "未完成", "满意", "基本满意", "不满意", "很好", " 满意", "", "ｘ²", "达成预期指标", "达标"]
    ),
)
days = st.one_of(st.none(), st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 3, 31)))


@st.composite
def tables(draw):
    size = draw(rows)

    def column(values, kind):
        return pa.array([draw(values) for _ in range(size)], kind)

    return pa.table(
        {
            "检查": column(counts, pa.int64()),
            "金额": column(amounts, pa.decimal128(12, 2)),
            "平台": column(labels, pa.string()),
            "平台@date": column(days, pa.date32()),
            "满意度": column(labels, pa.string()),
            "甲": column(amounts, pa.decimal128(12, 2)),
            "乙": column(amounts, pa.decimal128(12, 2)),
            "丙": column(counts, pa.int32()),
            "培训.培训": column(counts, pa.int64()),
            "培训.测试": column(counts, pa.int64()),
        }
    )


@given(table=tables(), as_of=st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 3, 31)))
def test_columnar_statuses_equal_row_wise(table, as_of, rules):
    columnar = rules.evaluate_table(table, as_of=as_of)
    row_wise = [report.statuses() for report in rules.evaluate_many(rows_as_facts(table), as_of=as_of)]
    for position, name in enumerate(columnar):
        expected = [statuses[position].value for statuses in row_wise]
        assert columnar.status(name).to_pylist() == expected, name


def test_value_columns_come_from_the_row_wise_results(rules):
    table = pa.table(
        {
            "甲": pa.array([Decimal("9"), None], pa.decimal128(5, 0)),
            "乙": pa.array([Decimal("10"), Decimal("1")], pa.decimal128(5, 0)),
        }
    )
    report = rules.evaluate_table(table, as_of=date(2023, 12, 31))
    assert report.value("率").to_pylist() == [Decimal("90.0"), None]
    assert report.value_field("率")[0].metadata == {b"unit": b"%"}
    assert report.status("率").to_pylist() == ["MET", "MISSING"]
    assert report.to_table(values=True).column_names[:2] == ["检查.status", "检查.value"]


def test_wide_values_fall_back_to_exact_decimals(rules):
    big = Decimal("99999999999999999999999.99")
    table = pa.table({"甲": pa.array([big], pa.decimal128(25, 2)), "乙": pa.array([big], pa.decimal128(25, 2))})
    assert rules.evaluate_table(table, as_of=date(2023, 12, 31)).status("率").to_pylist() == ["MET"]


def test_dated_formula_inputs_are_decided_row_by_row(rules):
    table = pa.table(
        {
            "甲": pa.array([Decimal(9)], pa.decimal128(5, 0)),
            "甲@date": pa.array([date(2023, 3, 1)], pa.date32()),
            "乙": pa.array([Decimal(10)], pa.decimal128(5, 0)),
        }
    )
    assert rules.evaluate_table(table, as_of=date(2023, 2, 1)).status("率").to_pylist() == ["MISSING"]


def test_label_columns_must_hold_text(rules):
    with pytest.raises(perfrules.UsageError, match="must hold text"):
        rules.evaluate_table(pa.table({"平台": pa.array([1])}), as_of=date(2023, 12, 31))


def test_not_a_table(rules):
    with pytest.raises(perfrules.UsageError, match=r"pyarrow\.Table"):
        rules.evaluate_table({"检查": [1]}, as_of=date(2023, 12, 31))


def test_dates_shift_the_status_like_dated_facts(rules):
    as_of = date(2023, 12, 31)
    table = pa.table(
        {
            "平台": pa.array(["完成", "完成", "完成"]),
            "平台@date": pa.array([date(2023, 10, 1), date(2023, 11, 1), date(2024, 1, 1)], pa.date32()),
        }
    )
    assert rules.evaluate_table(table, as_of=as_of).status("平台").to_pylist() == ["MET", "NOT_MET", "MISSING"]


@given(table=tables(), start=st.integers(min_value=0, max_value=6), as_of=st.sampled_from([date(2023, 6, 30)]))
def test_a_slice_is_evaluated_as_a_copy_of_it(table, start, as_of, rules):
    """A slice (a Dask partition, a batch of a stream) keeps its offset into the buffers."""
    sliced = table.slice(min(start, table.num_rows))
    copy = pa.Table.from_pylist(sliced.to_pylist(), schema=sliced.schema)
    columnar, expected = rules.evaluate_table(sliced, as_of=as_of), rules.evaluate_table(copy, as_of=as_of)
    for name in columnar:
        assert columnar.status(name).to_pylist() == expected.status(name).to_pylist(), name
