"""perfrules.dask on a real two-process cluster: partitions are pickled and evaluated in other
processes, and the statuses equal `Ruleset.evaluate_table`'s in process, cell for cell, each row
on its own index and with its key; bad calls are refused before anything is computed."""

import subprocess
import sys
from datetime import date
from decimal import Decimal

import numpy
import pytest

import perfrules

from ..conftest import ROOT, SEED
from ..seed_rows import AS_OF, KEY, seed_rows

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
perfrules_dask = pytest.importorskip("perfrules.dask")

pytestmark = [
    pytest.mark.process,  # workers are processes of their own
    pytest.mark.filterwarnings("ignore:Sending large graph"),  # the frames travel in the graph, on purpose
]

ROWS = 100_000


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        ) as cluster,
        distributed.Client(cluster) as connected,
    ):
        yield connected


@pytest.fixture(scope="module")
def ruleset():
    return perfrules.load(SEED)


@pytest.fixture(scope="module")
def table():
    return seed_rows(ROWS, empty_reports=True)


@pytest.fixture(scope="module")
def expected(ruleset, table):
    """The in-process statuses, by key."""
    report = ruleset.evaluate_table(table, as_of=AS_OF).to_table()
    frame = report.to_pandas().astype(str)
    frame.index = table.column(KEY).to_pandas()
    return frame


def in_partitions(table: "pa.Table", partitions: int, seed: int = 3) -> "dd.DataFrame":
    """A pyarrow-backed Dask frame of the table, rows shuffled so that the index is not in order."""
    frame = table.to_pandas(types_mapper=pd.ArrowDtype)
    frame = frame.sample(frac=1, random_state=seed)
    return dd.from_pandas(frame, npartitions=partitions, sort=False)


def assert_same_statuses(result, expected, source) -> None:
    """Every row carries its own key on its own index, and every status is the in-process one."""
    assert list(result.index) == list(source.index)
    assert result[KEY].tolist() == source[KEY].tolist()
    got = result.drop(columns=[KEY]).astype(str)
    want = expected.loc[result[KEY].tolist()]
    assert list(got.columns) == list(want.columns)
    differing = (got.to_numpy() != want.to_numpy()).sum(axis=0)
    assert {name: count for name, count in zip(got.columns, differing, strict=True) if count} == {}


def test_statuses_on_a_cluster_equal_those_in_process(client, ruleset, table, expected):
    """100,000 rows in 7 partitions, evaluated in two worker processes: the same statuses, cell for
    cell, with the key column kept and every row on its input index."""
    ddf = in_partitions(table, 7)
    result = perfrules_dask.evaluate(ruleset, ddf, as_of=AS_OF, keep=[KEY]).compute()
    assert len(result) == ROWS
    names = [f"{indicator.name}.status" for indicator in ruleset.indicators]
    assert list(result.columns) == [KEY, *names]
    assert all(result[name].dtype == pd.ArrowDtype(pa.string()) for name in names)
    assert result[KEY].dtype == pd.ArrowDtype(pa.string())
    assert_same_statuses(result, expected, ddf.compute())
    seen = set(numpy.unique(result[names].astype(str).to_numpy()))
    assert seen == {status.value for status in perfrules.Status} - {"RECORDED"}


def test_the_result_joins_back_on_the_index(client, ruleset, table):
    """The result keeps the input's partitions and index, so it joins back to the input row by row."""
    ddf = in_partitions(table.slice(0, 5_000), 3)
    statuses = perfrules_dask.evaluate(ruleset, ddf, as_of=AS_OF)
    assert statuses.npartitions == ddf.npartitions
    joined = ddf[[KEY, "预算数", "预算完成数"]].join(statuses[["预算执行率.status"]]).compute()
    alone = ruleset.evaluate_table(pa.Table.from_pandas(joined[[KEY, "预算数", "预算完成数"]]), as_of=AS_OF)
    assert joined["预算执行率.status"].astype(str).tolist() == alone.status("预算执行率").cast(pa.string()).to_pylist()


def test_empty_partitions_give_empty_results(client, ruleset, table):
    """A filter that empties some partitions: they evaluate to nothing, the others as before."""
    ddf = in_partitions(table.slice(0, 4_000), 4)
    few = ddf[ddf[KEY] < "U000100"]
    result = perfrules_dask.evaluate(ruleset, few, as_of=AS_OF, keep=[KEY]).compute()
    assert 0 < len(result) < 4_000
    assert result[KEY].tolist() == few[KEY].compute().tolist()


def object_frame(rows: int) -> "pd.DataFrame":
    """A numpy-backed frame as pandas makes one from Python values: Decimals and dates as objects."""
    rng = numpy.random.default_rng(5)
    return pd.DataFrame(
        {
            KEY: [f"U{number:04d}" for number in range(rows)],
            "预算数": [Decimal(int(cents)).scaleb(-2) for cents in rng.integers(900_000, 1_000_000, rows)],
            "预算完成数": [None if k % 17 == 0 else Decimal(k * 8_000).scaleb(-2) for k in range(rows)],
            "监督平台建设": rng.choice(["完成", "未完成"], rows).tolist(),
            "监督平台建设@date": [date(2023, 1 + k % 12, 1 + k % 28) for k in range(rows)],
        }
    )


OBJECT_SCHEMA = pa.schema(
    [("预算数", pa.decimal128(12, 2)), ("预算完成数", pa.decimal128(12, 2)), ("监督平台建设@date", pa.date32())]
)


def test_object_columns_need_their_type_and_evaluate_exactly_with_it(client, ruleset):
    """Columns of Python Decimals have no Arrow type in an empty meta: refused, naming them, until
    `schema=` gives it; dates as objects are read as the dates they are."""
    frame = object_frame(2_000)
    with dask.config.set({"dataframe.convert-string": False}):  # Dask would make them text otherwise
        ddf = dd.from_pandas(frame, npartitions=3)
    with pytest.raises(perfrules.UsageError, match="预算数, 预算完成数, 监督平台建设@date") as refused:
        perfrules_dask.evaluate(ruleset, ddf, as_of=AS_OF)
    assert "schema=" in str(refused.value) and "dtype_backend='pyarrow'" in str(refused.value)
    result = perfrules_dask.evaluate(ruleset, ddf, as_of=AS_OF, keep=[KEY], schema=OBJECT_SCHEMA).compute()
    alone = ruleset.evaluate_table(pa.Table.from_pandas(frame, preserve_index=False), as_of=AS_OF)
    for name in ("预算执行率", "监督平台建设"):
        assert result[f"{name}.status"].astype(str).tolist() == alone.status(name).cast(pa.string()).to_pylist()
    assert set(result["预算执行率.status"].astype(str)) == {"MET", "PENDING", "MISSING"}


def test_a_partition_that_does_not_fit_the_schema_is_a_usage_error(client, ruleset):
    """A value its declared type cannot hold is refused where the partition is computed, naming the column."""
    frame = object_frame(50)
    frame.loc[7, "预算数"] = "一百万"
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(frame, npartitions=2)
    statuses = perfrules_dask.evaluate(ruleset, ddf, as_of=AS_OF, schema=OBJECT_SCHEMA)
    with pytest.raises(perfrules.UsageError, match="预算数"):
        statuses.compute()


def _never(partition: int) -> "pd.DataFrame":
    raise AssertionError("a partition was computed")


def never_computed(columns: dict[str, "pa.DataType"]) -> "dd.DataFrame":
    """A Dask frame whose partitions fail if computed: errors must come before."""
    meta = pd.DataFrame({name: pd.Series([], dtype=pd.ArrowDtype(kind)) for name, kind in columns.items()})
    return dd.from_map(_never, [0, 1], meta=meta)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"keep": ["单位代码"]}, "keep: the table has no column 单位代码; did you mean 单位编码"),
        ({"keep": KEY}, "keep takes a list of column names"),
        ({"as_of": "2023-11-15"}, "as_of"),
        ({"schema": {"预算数": "decimal"}}, "schema must be a pyarrow.Schema"),
        ({"schema": pa.schema([("预算总数", pa.decimal128(12, 2))])}, "schema names column.* 预算总数"),
    ],
)
def test_bad_arguments_are_refused_before_any_compute(client, ruleset, arguments, message):
    ddf = never_computed({KEY: pa.string(), "预算数": pa.decimal128(12, 2)})
    with pytest.raises(perfrules.UsageError, match=message):
        perfrules_dask.evaluate(ruleset, ddf, **arguments)


def test_a_column_of_the_wrong_type_is_refused_before_any_compute(client, ruleset):
    ddf = never_computed({KEY: pa.string(), "年度履职目标相关性": pa.int64()})
    with pytest.raises(perfrules.UsageError, match=r"年度履职目标相关性.*label column must hold text"):
        perfrules_dask.evaluate(ruleset, ddf)


def test_what_is_not_a_ruleset_or_a_dask_frame_is_refused(ruleset):
    frame = pd.DataFrame({KEY: ["U1"]})
    with pytest.raises(perfrules.UsageError, match=r"not a pandas one: pass dask.dataframe.from_pandas"):
        perfrules_dask.evaluate(ruleset, frame)
    with pytest.raises(perfrules.UsageError, match="Dask DataFrame, not list"):
        perfrules_dask.evaluate(ruleset, [])
    with pytest.raises(perfrules.UsageError, match=r"perfrules\.Ruleset first, not str"):
        perfrules_dask.evaluate(SEED.read_text(encoding="utf-8"), dd.from_pandas(frame, npartitions=1))


def test_without_dask_the_error_names_the_extra():
    """Importing perfrules.dask needs nothing; evaluating without Dask says what to install."""
    script = (
        "import sys; sys.modules['dask'] = None\n"
        "import perfrules, perfrules.dask\n"
        f"rules = perfrules.load({str(SEED)!r})\n"
        "try:\n"
        "    perfrules.dask.evaluate(rules, None)\n"
        "except perfrules.UsageError as error:\n"
        "    print(error)\n"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert output.stdout.strip() == (
        "perfrules.dask needs Dask, pandas and pyarrow (dask is missing): pip install 'perfrules[dask]'"
    )
