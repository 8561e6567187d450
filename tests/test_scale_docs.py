"""Every example in docs/scale.md runs, in order, in one namespace: pandas, polars, DuckDB and
Dask always (the test extra installs them); Spark where pyspark and Java are installed."""

import re
import shutil

import pytest

from .conftest import ROOT

BLOCK = re.compile(r"```python( spark)?\n(.*?)```", re.DOTALL)
DOC = ROOT / "docs" / "scale.md"


def blocks():
    text = DOC.read_text(encoding="utf-8")
    found = BLOCK.finditer(text)
    return [(bool(match.group(1)), match.group(2), text.count("\n", 0, match.start()) + 1) for match in found]


def test_every_example_runs_in_order():
    pytest.importorskip("pyarrow")
    namespace: dict = {}
    ran = 0
    for spark, code, line in blocks():
        if spark:
            continue
        exec(compile(code, f"{DOC}:{line}", "exec"), namespace)
        ran += 1
    assert ran >= 5


@pytest.mark.jvm
def test_the_spark_example_runs():
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Spark needs a Java runtime")
    namespace: dict = {}
    for _spark, code, line in blocks():
        exec(compile(code, f"{DOC}:{line}", "exec"), namespace)
