"""perfrules.spark on a real local Spark (two cores, Python workers of their own): the statuses
equal `Ruleset.evaluate_table`'s in process, cell for cell; kept decimals, dates and names in
Chinese come back as they went; bad calls are refused before Spark runs anything.

Selected with `pytest -m jvm`; skipped without pyspark or without Java."""

import os
import shutil
import subprocess
import sys
from datetime import date

import pytest

import perfrules
import perfrules.spark

from ..conftest import ROOT, SEED
from ..seed_rows import AS_OF, KEY, LABELS, seed_rows

pa = pytest.importorskip("pyarrow")

pytestmark = [
    pytest.mark.jvm,
    # pyspark checks for pandas before mapInArrow, which perfrules.spark does not use, and warns of pandas 3
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]

ZONE = "Asia/Shanghai"
"""The session's clock: eight hours ahead of UTC, so that a timestamp late in a UTC day is the next day here."""
ROWS = 3_000


@pytest.fixture(scope="module")
def spark():
    """A local Spark session whose Python workers run this interpreter (and so this perfrules)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java, and there is no java on PATH")
    from pyspark.sql import SparkSession

    previous = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("perfrules-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", ZONE)
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "400")  # several batches per task
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if previous is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = previous


@pytest.fixture(scope="module")
def ruleset():
    return perfrules.load(SEED)


@pytest.fixture(scope="module")
def table():
    return seed_rows(ROWS, evenings=True)


def on_the_session_clock(table: "pa.Table") -> "pa.Table":
    """The table with its timestamps on the session's clock: the same instants, as Spark sends them."""
    for position, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            table = table.set_column(position, field.name, table.column(position).cast(pa.timestamp("us", tz=ZONE)))
    return table


def statuses_of(result: "pa.Table", key: str = KEY) -> dict[str, list]:
    """Every column as Python values, rows in key order, statuses as text."""
    result = result.sort_by(key)
    return {name: result.column(name).cast(pa.string()).to_pylist() for name in result.column_names}


KEEP = [KEY, "预算数", "监督平台建设@date", "纪检监察干部培训.培训"]


def test_statuses_in_spark_equal_those_in_process(spark, ruleset, table):
    """3,000 rows in five partitions of several Arrow batches each, evaluated in Spark's Python
    workers: the same statuses as in process, cell for cell, and the kept columns as they went in,
    decimals and dates of their own Spark types."""
    from pyspark.sql.types import DateType, DecimalType, StringType

    sdf = spark.createDataFrame(table).repartition(5)
    result = perfrules.spark.evaluate(ruleset, sdf, as_of=AS_OF, keep=KEEP)
    names = [f"{indicator.name}.status" for indicator in ruleset.indicators]
    assert result.columns == [*KEEP, *names]
    types = {field.name: field.dataType for field in result.schema.fields}
    assert types["预算数"] == DecimalType(16, 2)
    assert types["监督平台建设@date"] == DateType()
    assert all(types[name] == StringType() for name in names)
    got = result.toArrow()
    assert got.num_rows == ROWS
    assert got.schema.field("预算数").type == pa.decimal128(16, 2)
    assert got.schema.field("监督平台建设@date").type == pa.date32()
    expected = ruleset.evaluate_table(on_the_session_clock(table), as_of=AS_OF, keep=KEEP).to_table()
    want, have = statuses_of(expected), statuses_of(got)
    assert list(have) == list(want)
    differing = {name: sum(a != b for a, b in zip(have[name], want[name], strict=True)) for name in want}
    assert {name: count for name, count in differing.items() if count} == {}
    assert set(have["监督平台建设.status"]) >= {"MET", "NOT_MET", "MISSING"}
    assert set(have["预算执行率.status"]) >= {"MET", "PENDING", "MISSING", "INVALID"}


def test_a_timestamp_is_the_day_it_is_on_the_sessions_clock(spark, ruleset, table):
    """Spark sends timestamps on the session's clock, as its `to_date` reads them: 20:00 UTC on
    the 15th is the 16th in Shanghai, after the as-of date; the test data has such rows."""
    utc = ruleset.evaluate_table(table, as_of=AS_OF).status("八项规定监督检查").cast(pa.string())
    local = ruleset.evaluate_table(on_the_session_clock(table), as_of=AS_OF).status("八项规定监督检查")
    assert utc != local.cast(pa.string())
    sdf = spark.createDataFrame(table.select([KEY, "八项规定监督检查", "八项规定监督检查@date"]))
    got = perfrules.spark.evaluate(ruleset, sdf, as_of=AS_OF, keep=[KEY]).toArrow()
    by_key = dict(zip(table.column(KEY).to_pylist(), local.cast(pa.string()).to_pylist(), strict=True))
    have = got.column("八项规定监督检查.status").to_pylist()
    assert have == [by_key[key] for key in got.column(KEY).to_pylist()]


def test_text_sent_as_large_strings_is_read_as_text(spark, ruleset, table):
    """Spark 4 can send text as large_string (`useLargeVarTypes`): labels, text with units and kept
    keys read and come back the same."""
    if spark.version < "4":
        pytest.skip("useLargeVarTypes is a setting of Spark 4")
    names = [KEY, "巡察工作", "纪检监察信息报送", "监督平台建设", "监督平台建设@date", *LABELS]
    sdf = spark.createDataFrame(table.select(names).slice(0, 500))
    spark.conf.set("spark.sql.execution.arrow.useLargeVarTypes", "true")
    try:
        got = perfrules.spark.evaluate(ruleset, sdf, as_of=AS_OF, keep=[KEY]).toArrow()
    finally:
        spark.conf.unset("spark.sql.execution.arrow.useLargeVarTypes")
    expected = ruleset.evaluate_table(table.select(names).slice(0, 500), as_of=AS_OF, keep=[KEY]).to_table()
    assert statuses_of(got) == statuses_of(expected)


def test_names_in_chinese_and_with_dots_survive(spark):
    """A compound's facts are named with a dot (`培训.次数`), which `mapInArrow` cannot take as
    a column name: they are read, and kept, under their own names."""
    rules = perfrules.compile(
        "year 2023\n巡察工作 >= 2 轮 by 2023-06-30\n培训: 次数 >= 5 次 and 测试 >= 5 次\n备注 == 完成\n"
    )
    table = pa.table(
        {
            "单位 名称": ["甲单位", "乙单位", "丙单位"],
            "巡察工作": pa.array([2, 3, None], pa.int32()),
            "巡察工作@date": pa.array([date(2023, 5, 1), date(2023, 7, 1), None], pa.date32()),
            "培训.次数": [5, 6, 4],
            "培训.测试": [5, None, 9],
            "备注": ["完成", "未完成", None],
        }
    )
    keep = ["单位 名称", "培训.次数", "巡察工作@date"]
    result = perfrules.spark.evaluate(rules, spark.createDataFrame(table), keep=keep)
    assert result.columns == [*keep, "巡察工作.status", "培训.status", "备注.status"]
    rows = [row.asDict() for row in result.orderBy("`单位 名称`").collect()]
    assert [row["单位 名称"] for row in rows] == ["丙单位", "乙单位", "甲单位"]  # code point order
    assert rows[2] == {
        "单位 名称": "甲单位",
        "培训.次数": 5,
        "巡察工作@date": date(2023, 5, 1),
        "巡察工作.status": "MET",
        "培训.status": "MET",
        "备注.status": "MET",
    }
    assert [row["巡察工作.status"] for row in rows] == ["MISSING", "NOT_MET", "MET"]
    assert [row["培训.status"] for row in rows] == ["NOT_MET", "MISSING", "MET"]
    expected = rules.evaluate_table(table, keep=keep).to_table()
    assert statuses_of(result.toArrow(), "单位 名称") == statuses_of(expected, "单位 名称")


def test_empty_partitions_and_columns_no_fact_has(spark, ruleset, table):
    """A filter that leaves partitions empty, and columns of types no fact has (an interval, an
    array) that the ruleset does not read: they are left out, the rest is evaluated."""
    from pyspark.sql import functions

    sdf = spark.createDataFrame(table.select([KEY, "预算数", "预算完成数"])).repartition(4)
    sdf = sdf.filter(functions.col(KEY) < "U000050").withColumn("间隔", functions.expr("make_interval(0, 0, 0, 1)"))
    sdf = sdf.withColumn("标签", functions.array(functions.lit("甲")))
    got = perfrules.spark.evaluate(ruleset, sdf, as_of=AS_OF, keep=[KEY]).toArrow()
    assert got.num_rows == 50
    few = table.filter(pa.compute.less(table.column(KEY), "U000050"))
    expected = ruleset.evaluate_table(few.select([KEY, "预算数", "预算完成数"]), as_of=AS_OF, keep=[KEY]).to_table()
    assert statuses_of(got) == statuses_of(expected)


def test_a_frame_with_nothing_to_send_keeps_its_rows(spark):
    """Spark sends a frame of no columns (or none it can send) as batches of no rows: every row
    is still there, its facts missing."""
    from pyspark.sql import functions

    rules = perfrules.compile("year 2023\n巡察工作 >= 2 轮\n")
    nothing = spark.range(7).drop("id")
    interval = spark.range(5).select(functions.expr("make_interval(0, 0, 0, 1)").alias("间隔"))
    for sdf, rows in ((nothing, 7), (interval, 5)):
        assert [row["巡察工作.status"] for row in perfrules.spark.evaluate(rules, sdf).collect()] == ["MISSING"] * rows


def refused_before_any_job(spark, call) -> str:
    """The UsageError `call` raises, checked to come before Spark ran any job."""
    group = "perfrules-refused"
    context = spark.sparkContext
    context.setJobGroup(group, "nothing should run")
    try:
        with pytest.raises(perfrules.UsageError) as refused:
            call()
    finally:
        context.setLocalProperty("spark.jobGroup.id", None)
    assert list(context.statusTracker().getJobIdsForGroup(group)) == []
    return str(refused.value)


@pytest.fixture(scope="module")
def frame(spark, table):
    return spark.createDataFrame(table.slice(0, 100))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"keep": ["单位代码"]}, "keep: the table has no column 单位代码; did you mean 单位编码"),
        ({"keep": KEY}, "keep takes a list of column names"),
        ({"as_of": "2023-11-15"}, "as_of"),
    ],
)
def test_bad_arguments_are_refused_before_spark_runs_anything(spark, ruleset, frame, arguments, message):
    error = refused_before_any_job(spark, lambda: perfrules.spark.evaluate(ruleset, frame, **arguments))
    assert message in error


def test_bad_frames_are_refused_before_spark_runs_anything(spark, ruleset, frame):
    """A column of a type its fact cannot have; an interval the ruleset reads, or that `keep` names;
    two columns of one name."""
    from pyspark.sql import functions

    def refused(sdf, **arguments) -> str:
        return refused_before_any_job(spark, lambda: perfrules.spark.evaluate(ruleset, sdf, **arguments))

    wrong = frame.withColumn("年度履职目标相关性", functions.lit(1))
    assert "年度履职目标相关性 is int32; a label column must hold text" in refused(wrong)
    interval = functions.expr("make_interval(0, 0, 0, 1)")
    assert "column 预算数 is interval, a type its fact cannot have" in refused(frame.withColumn("预算数", interval))
    assert "keep: column 间隔 is interval" in refused(frame.withColumn("间隔", interval), keep=["间隔"])
    assert "column names must be unique: 单位编码 appear more than once" in refused(frame.select(KEY, KEY, "预算数"))


def test_what_is_not_a_ruleset_or_a_spark_frame_is_refused(spark, ruleset, frame):
    pd = pytest.importorskip("pandas")
    with pytest.raises(perfrules.UsageError, match=r"not a pandas one: pass spark.createDataFrame\(df\)"):
        perfrules.spark.evaluate(ruleset, pd.DataFrame({KEY: ["U1"]}))
    with pytest.raises(perfrules.UsageError, match=r"pyspark.sql.DataFrame, not Table"):
        perfrules.spark.evaluate(ruleset, pa.table({KEY: ["U1"]}))
    with pytest.raises(perfrules.UsageError, match=r"perfrules\.Ruleset first, not str"):
        perfrules.spark.evaluate(SEED.read_text(encoding="utf-8"), frame)


def test_without_pyspark_the_error_names_the_extra():
    """Importing perfrules.spark needs nothing; evaluating without pyspark says what to install."""
    script = (
        "import sys; sys.modules['pyspark'] = None\n"
        "import perfrules, perfrules.spark\n"
        f"rules = perfrules.load({str(SEED)!r})\n"
        "try:\n"
        "    perfrules.spark.evaluate(rules, None)\n"
        "except perfrules.UsageError as error:\n"
        "    print(error)\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert output.stdout.strip() == (
        "perfrules.spark needs pyspark and pyarrow (pyspark is missing): pip install 'perfrules[spark]'"
    )
