"""`Ruleset.batch_function`: one Arrow batch to one, its schema fixed before any data is seen,
equal to `evaluate_table` batch by batch; and each way to misuse it, refused with a UsageError."""

import pickle
from datetime import date

import pytest

import perfrules
from perfrules import UsageError

pa = pytest.importorskip("pyarrow")

RULES = "year 2023\n巡察工作 >= 2 轮 by 2023-06-30\n廉政教育 == 完成\n"
SCHEMA = pa.schema([("单位编码", pa.string()), ("巡察工作", pa.int64()), ("廉政教育", pa.string())])


@pytest.fixture(scope="module")
def rules():
    return perfrules.compile(RULES)


def batch(codes, counts, words):
    return pa.record_batch([pa.array(codes), pa.array(counts, pa.int64()), pa.array(words)], schema=SCHEMA)


def test_the_schema_is_known_before_any_batch(rules):
    function = rules.batch_function(SCHEMA, as_of=date(2023, 9, 30), keep=["单位编码"])
    assert function.schema == pa.schema(
        [
            ("单位编码", pa.string()),
            pa.field("巡察工作.status", pa.string(), nullable=False),
            pa.field("廉政教育.status", pa.string(), nullable=False),
        ]
    )
    assert function.input_schema == SCHEMA
    assert repr(function) == "<BatchFunction as_of=2023-09-30 columns=3>"


def test_each_batch_is_evaluated_as_evaluate_table_evaluates_it(rules):
    function = rules.batch_function(SCHEMA, as_of=date(2023, 9, 30), keep=["单位编码"])
    given = batch(["a", "b", "c"], [2, 1, None], ["完成", "未完成", None])
    out = function(given)
    assert out.schema == function.schema
    expected = rules.evaluate_table(given, as_of=date(2023, 9, 30), keep=["单位编码"]).to_table()
    assert out.to_pylist() == expected.to_pylist()
    assert function(given.slice(0, 0)).num_rows == 0


def test_it_travels_as_the_rulesets_text(rules):
    function = rules.batch_function(SCHEMA, keep=["单位编码"])
    data = pickle.dumps(function)
    assert len(data) < 2000
    assert pickle.loads(data)(batch(["a"], [3], ["完成"])).to_pylist() == [
        {"单位编码": "a", "巡察工作.status": "MET", "廉政教育.status": "MET"}
    ]


def test_a_batch_of_other_but_castable_types_is_cast(rules):
    function = rules.batch_function(SCHEMA, keep=["单位编码"])
    other = pa.record_batch({"廉政教育": ["完成"], "巡察工作": pa.array([3], pa.int8()), "单位编码": ["a"]})
    assert function(other).column(1).to_pylist() == ["MET"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: r.batch_function({"巡察工作": "int64"}), "takes the input's pyarrow.Schema, not dict"),
        (lambda r: r.batch_function(SCHEMA, keep="单位编码"), "keep takes a list of column names"),
        (lambda r: r.batch_function(SCHEMA, keep=["单位编"]), "no column 单位编; did you mean 单位编码?"),
        (lambda r: r.batch_function(SCHEMA, keep=["单位编码", "单位编码"]), "the column 单位编码 is named twice"),
        (lambda r: r.batch_function(SCHEMA, as_of="2023-06-30"), "as_of must be a date"),
        (lambda r: r.batch_function(pa.schema([("廉政教育", pa.int64())])), "a label column must hold text"),
        (lambda r: r.batch_function(pa.schema([("巡察工作", pa.binary())])), "a quantity column must hold numbers"),
    ],
)
def test_a_function_that_cannot_be_made_is_refused(rules, call, message):
    with pytest.raises(UsageError, match=message):
        call(rules)


def test_a_kept_column_named_as_a_status_column_is_refused(rules):
    schema = SCHEMA.append(pa.field("巡察工作.status", pa.string()))
    with pytest.raises(UsageError, match="would be named as an indicator's status column"):
        rules.batch_function(schema, keep=["巡察工作.status"])


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"巡察工作": [1]}, "a batch must be a pyarrow.RecordBatch, not dict"),
        (pa.record_batch({"巡察工作": [1]}), "the batch has no column 单位编码"),
        (
            pa.record_batch({"单位编码": ["a"], "巡察工作": ["x"], "廉政教育": ["完成"]}),
            "does not have the function's input schema",
        ),
    ],
)
def test_a_batch_that_is_not_the_declared_one_is_refused(rules, given, message):
    function = rules.batch_function(SCHEMA, keep=["单位编码"])
    with pytest.raises(UsageError, match=message):
        function(given)


def test_a_function_names_the_columns_it_reads_and_can_be_projected_onto_them(rules):
    schema = pa.schema(
        [("备注", pa.string()), ("单位编码", pa.string()), ("巡察工作", pa.int64()), ("巡察工作@date", pa.date32())]
    )
    function = rules.batch_function(schema, keep=["单位编码"])
    assert function.columns == ("单位编码", "巡察工作", "巡察工作@date")
    projected = function.projected()
    assert projected.input_schema.names == list(function.columns) and projected.schema == function.schema
    given = pa.record_batch(
        [pa.array(["x"]), pa.array(["a"]), pa.array([3]), pa.array([date(2023, 6, 1)])], schema=schema
    )
    assert projected(given).to_pylist() == function(given).to_pylist()
