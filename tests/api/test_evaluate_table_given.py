"""`Ruleset.evaluate_table` given something other than a pyarrow.Table says what to pass instead:
the conversion for the tables callers often hold, else what it expects and what it was given."""

import re

import pytest

import perfrules
from perfrules import UsageError
from perfrules.engine.columnar import evaluation

pa = pytest.importorskip("pyarrow")


class DataFrame:
    """Stands in for polars' DataFrame where polars is not installed: told apart, as polars' own
    is, by its module and name alone."""

    __module__ = "polars.dataframe.frame"


@pytest.fixture(scope="module")
def rules():
    return perfrules.compile("year 2023\n巡察工作 >= 2 轮\n")


def polars_frame():
    """A polars DataFrame: the real one where polars is installed, else the stand-in."""
    try:
        import polars
    except ImportError:
        return DataFrame()
    return polars.DataFrame({"巡察工作": [3]})


def test_a_pandas_dataframe_names_the_conversion(rules):
    pd = pytest.importorskip("pandas")
    with pytest.raises(UsageError, match=re.escape("pass pyarrow.Table.from_pandas(df)")) as caught:
        rules.evaluate_table(pd.DataFrame({"巡察工作": [3]}))
    assert "expects a pyarrow.Table, not a pandas." in str(caught.value)


def test_a_polars_dataframe_names_the_conversion(rules):
    with pytest.raises(UsageError, match=re.escape("pass df.to_arrow()")) as caught:
        rules.evaluate_table(polars_frame())
    assert "expects a pyarrow.Table, not a polars." in str(caught.value)


def test_a_record_batch_names_the_conversion(rules):
    batch = pa.RecordBatch.from_pydict({"巡察工作": [3]})
    with pytest.raises(UsageError, match=re.escape("pass pyarrow.Table.from_batches([batch])")):
        rules.evaluate_table(batch)


@pytest.mark.parametrize(("given", "named"), [({"巡察工作": [3]}, "dict"), ([[3]], "list"), (None, "NoneType")])
def test_anything_else_is_named_beside_what_is_expected(rules, given, named):
    with pytest.raises(UsageError) as caught:
        rules.evaluate_table(given)
    assert str(caught.value) == f"evaluate_table expects a pyarrow.Table, not {named}"


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
