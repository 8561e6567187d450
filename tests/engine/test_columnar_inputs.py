"""The columns analysts have: integers of every width, decimals of any precision, floats, text with
units, dictionary, large and view strings, timestamps, nulls and NaN. Each is read column-wise
exactly as the row-wise evaluator reads the same cells (`rows_as_facts`), status for status."""

import math
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import perfrules
from perfrules import UsageError

pa = pytest.importorskip("pyarrow")
from perfrules.engine.columnar import rows_as_facts  # noqa: E402


@pytest.fixture(scope="module")
def rules():
    return perfrules.compile(
        "year 2023\n"
        "检查 >= 4 次 by 2023-06-30\n"
        "金额 < 12.5 万元\n"
        "平台 == 完成 10月底前\n"
        "率 := 甲 / 乙 × 100%\n"
        "率 >= 90%\n"
    )


SHORT_FLOATS = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False).map(float)
FLOATS = st.one_of(
    SHORT_FLOATS,
    st.sampled_from([0.1, 0.3, 1 / 3, 0.1 + 0.2, -0.0, 1e300, 1e-300, 5e-324, math.inf, -math.inf, math.nan, 2.0**60]),
    st.floats(allow_nan=True, allow_infinity=True),
)
TEXTS = st.sampled_from(
    ["3.86 万元", "38600 元", "12,000", "12.5万元", "125000", "2 轮", "完成", "  ", "", "abc", "１２", "-5 元", "1e3"]
)
DECIMALS = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False)


def cells(draw, size, values):
    return [draw(st.one_of(st.none(), values)) for _ in range(size)]


@st.composite
def quantity_column(draw, size, small=False):
    """One quantity column in one of the encodings an analyst's table may have."""
    kind = draw(st.sampled_from(["int8", "uint64", "int32", "decimal", "decimal256", "float64", "float32", "text"]))
    if kind in ("int8", "int32"):
        return pa.array(cells(draw, size, st.integers(-3, 10 if small else 100)), getattr(pa, kind)())
    if kind == "uint64":
        return pa.array(cells(draw, size, st.integers(0, 2**64 - 1 if not small else 10)), pa.uint64())
    if kind == "decimal":
        return pa.array(cells(draw, size, DECIMALS), pa.decimal128(9, 3))
    if kind == "decimal256":
        return pa.array(cells(draw, size, DECIMALS), pa.decimal256(40, 3))
    if kind.startswith("float"):
        return pa.array(cells(draw, size, FLOATS), pa.float64()).cast(getattr(pa, kind)(), safe=False)
    texts = pa.array(cells(draw, size, TEXTS), pa.string())
    encoding = draw(st.sampled_from(["string", "large_string", "dictionary", "string_view"]))
    if encoding == "dictionary":
        return texts.dictionary_encode()
    return texts.cast(getattr(pa, encoding)())


@st.composite
def date_column(draw, size):
    days = cells(draw, size, st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 3, 31)))
    kind = draw(st.sampled_from(["date32", "date64", "timestamp", "timestamp_tz", "text"]))
    if kind == "timestamp":
        return pa.array([None if day is None else datetime(day.year, day.month, day.day, 23, 59) for day in days])
    if kind == "timestamp_tz":
        moments = [None if day is None else datetime(*day.timetuple()[:3], 1, tzinfo=timezone.utc) for day in days]
        return pa.array(moments, pa.timestamp("s", tz="Asia/Shanghai"))
    if kind == "text":
        return pa.array([None if day is None else day.isoformat() for day in days], pa.string())
    return pa.array(days, getattr(pa, kind)())


@st.composite
def tables(draw):
    size = draw(st.integers(0, 20))
    labels = pa.array(cells(draw, size, st.sampled_from(["完成", "未完成", " 完成", "", "达标"])), pa.string())
    label_kind = draw(st.sampled_from(["string", "large_string", "dictionary", "string_view"]))
    labels = labels.dictionary_encode() if label_kind == "dictionary" else labels.cast(getattr(pa, label_kind)())
    return pa.table(
        {
            "检查": draw(quantity_column(size, small=True)),
            "检查@date": draw(date_column(size)),
            "金额": draw(quantity_column(size)),
            "平台": labels,
            "平台@date": draw(date_column(size)),
            "甲": draw(quantity_column(size)),
            "乙": draw(quantity_column(size)),
        }
    )


@settings(max_examples=150, deadline=None)
@given(table=tables(), as_of=st.dates(min_value=date(2023, 1, 1), max_value=date(2024, 3, 31)))
def test_every_encoding_is_read_as_the_row_wise_reader_reads_its_cells(table, as_of, rules):
    columnar = rules.evaluate_table(table, as_of=as_of)
    row_wise = [report.statuses() for report in rules.evaluate_many(rows_as_facts(table), as_of=as_of)]
    for position, name in enumerate(columnar):
        assert columnar.status(name).to_pylist() == [statuses[position].value for statuses in row_wise], name


def test_floats_are_read_as_their_shortest_decimals(rules):
    """0.1 + 0.2 is 0.30000000000000004, not 0.3; 90% of 0.3 is met exactly as written."""
    table = pa.table({"甲": [0.27, 0.1 + 0.2, 0.269999], "乙": [0.3, 0.3, 0.3]})
    assert rules.evaluate_table(table).status("率").to_pylist() == ["MET", "MET", "NOT_MET"]


def test_nan_is_missing_and_an_infinity_is_invalid(rules):
    table = pa.table({"金额": [math.nan, math.inf, 1.0]})
    assert rules.evaluate_table(table).status("金额").to_pylist() == ["MISSING", "INVALID", "MET"]


def test_text_with_units_is_read_in_the_facts_unit(rules):
    table = pa.table({"金额": ["12.4 万元", "125000 元", "12", "2 轮", "  "]})
    statuses = rules.evaluate_table(table).status("金额").to_pylist()
    assert statuses == ["MET", "NOT_MET", "MET", "INVALID", "MISSING"]


@pytest.mark.parametrize(
    ("column", "kind"),
    [(pa.array([b"5"]), "binary"), (pa.array([[5]]), "list<item: int64>"), (pa.array([True]), "bool")],
)
def test_a_quantity_column_of_another_type_is_refused_with_what_would_work(column, kind, rules):
    with pytest.raises(UsageError) as caught:
        rules.evaluate_table(pa.table({"金额": column}))
    assert str(caught.value) == (
        f"column 金额 is {kind}; a quantity column must hold numbers (integer, decimal or float) "
        "or text such as “3.86 万元”"
    )


def test_a_date_column_of_text_that_is_no_date_is_refused(rules):
    table = pa.table({"平台": ["完成"], "平台@date": ["10月底"]})
    with pytest.raises(UsageError, match="column 平台@date holds text that is not a date written YYYY-MM-DD"):
        rules.evaluate_table(table)


def test_a_date_column_of_numbers_is_refused(rules):
    table = pa.table({"平台": ["完成"], "平台@date": [20231001]})
    with pytest.raises(UsageError, match=r"column 平台@date must hold dates \(date32, date64, .*\), not int64"):
        rules.evaluate_table(table)


def test_a_decimal_wider_than_decimal128_is_decided_row_by_row(rules):
    """Beyond the limits' 34 digits a value is INVALID, as a fact given that way is."""
    wide = pa.array([Decimal("1" * 30), Decimal("0.5"), Decimal("1" * 39)], pa.decimal256(60, 1))
    statuses = rules.evaluate_table(pa.table({"金额": wide})).status("金额").to_pylist()
    assert statuses == ["NOT_MET", "MET", "INVALID"]
