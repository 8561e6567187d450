"""`Ruleset.evaluate_table` takes the tables callers hold (a pyarrow Table or RecordBatch, or
anything with the Arrow stream interface: pandas, polars, DuckDB) and, given anything else, says
what it expects and what it was given (the conversion, for a pandas DataFrame of a version
without the interface)."""

import re

import pytest

import perfrules
from perfrules import UsageError
from perfrules.engine.columnar import evaluation

pa = pytest.importorskip("pyarrow")

EXPECTED = (
    "evaluate_table expects a pyarrow.Table or RecordBatch, or a table with the Arrow stream interface "
    "(__arrow_c_stream__: a pandas or polars DataFrame, a DuckDB relation)"
)


class DataFrame:
    """A pandas DataFrame of a version before the Arrow stream interface (pandas < 2.2): told
    apart, as pandas' own is, by its module and name alone."""

    __module__ = "pandas.core.frame"


@pytest.fixture(scope="module")
def rules():
    return perfrules.compile("year 2023\n巡察工作 >= 2 轮\n")


def statuses(rules, table):
    return rules.evaluate_table(table).status("巡察工作").to_pylist()


def test_a_pandas_dataframe_is_read_through_the_stream_interface(rules):
    pd = pytest.importorskip("pandas")
    assert statuses(rules, pd.DataFrame({"巡察工作": [3, 1]})) == ["MET", "NOT_MET"]


def test_a_polars_dataframe_is_read_through_the_stream_interface(rules):
    pl = pytest.importorskip("polars")
    assert statuses(rules, pl.DataFrame({"巡察工作": [3, None]})) == ["MET", "MISSING"]


def test_a_duckdb_relation_is_read_through_the_stream_interface(rules):
    duckdb = pytest.importorskip("duckdb")
    relation = duckdb.connect().sql('SELECT 2::DECIMAL(4, 1) AS "巡察工作" UNION ALL SELECT 1.5')
    assert sorted(statuses(rules, relation)) == ["MET", "NOT_MET"]


def test_record_batches_and_their_readers_are_read(rules):
    batch = pa.RecordBatch.from_pydict({"巡察工作": [3, 1]})
    assert statuses(rules, batch) == ["MET", "NOT_MET"]
    reader = pa.RecordBatchReader.from_batches(batch.schema, [batch, batch])
    assert statuses(rules, reader) == ["MET", "NOT_MET", "MET", "NOT_MET"]


def test_an_old_pandas_dataframe_names_the_conversion(rules):
    with pytest.raises(UsageError) as caught:
        rules.evaluate_table(DataFrame())
    assert str(caught.value) == f"{EXPECTED}, not a pandas.core.frame.DataFrame: pass pyarrow.Table.from_pandas(df)"


@pytest.mark.parametrize(("given", "named"), [({"巡察工作": [3]}, "dict"), ([[3]], "list"), (None, "NoneType")])
def test_anything_else_is_named_beside_what_is_expected(rules, given, named):
    with pytest.raises(UsageError) as caught:
        rules.evaluate_table(given)
    assert str(caught.value) == f"{EXPECTED}, not {named}"


def test_without_pyarrow_the_extra_to_install_is_named(rules, monkeypatch):
    """Even for a DataFrame: whatever was given, the extra comes first."""
    monkeypatch.setattr(evaluation, "pa", None)
    with pytest.raises(UsageError, match=re.escape("pip install 'perfrules[arrow]'")):
        rules.evaluate_table(DataFrame())


def test_a_table_is_evaluated_into_a_columnar_report(rules):
    report = rules.evaluate_table(pa.table({"巡察工作": [3, 1]}))
    assert isinstance(report, perfrules.ColumnarReport)
    assert report.status("巡察工作").to_pylist() == ["MET", "NOT_MET"]
    assert repr(report) == "<ColumnarReport as_of=2023-12-31 rows=2 indicators=1>"
