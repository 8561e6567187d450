"""Columnar evaluation itself: a pyarrow.Table in, a `ColumnarReport` out (see the package's docstring).

pyarrow is imported here at module level: this module is imported only when a table is
evaluated, so that `import perfrules` never needs the `arrow` extra.
"""

from __future__ import annotations

from typing import Any

from ...errors import UsageError
from ..evaluate import evaluate
from ..plan import Plan
from ..program import Program
from ..report import EvaluationReport
from .inputs import as_table, check_schema, kept_columns
from .report import ColumnarReport, rows_as_facts

try:
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError:  # pragma: no cover - exercised where the extra is not installed
    pa = None
    pc = None

CONVERSIONS = {
    ("pandas", "DataFrame"): "pyarrow.Table.from_pandas(df)",
}
"""Tables of other kinds a caller may hold (by top-level module and class name) without the Arrow
stream interface (pandas before 2.2) → the call that turns one into a pyarrow.Table. Told apart by
name: pandas is not imported."""
EXPECTED = (
    "a pyarrow.Table or RecordBatch, or a table with the Arrow stream interface (__arrow_c_stream__: "
    "a pandas or polars DataFrame, a DuckDB relation)"
)


def evaluate_table(program: Program, plan: Plan, table: Any, keep: Any = ()) -> ColumnarReport:
    """Decide every indicator for every row of `table` (see the package's docstring); `keep` names
    the key columns the report's table carries beside the statuses."""
    if pa is None:
        raise UsageError("columnar evaluation needs pyarrow: pip install 'perfrules[arrow]'")
    try:
        table = as_table(table)
    except TypeError:
        raise not_a_table(table) from None
    check_schema(program, table.schema)
    kept = kept_columns(keep, table.column_names)
    from .columns import Columns
    from .lanes import RowWise, Wide

    columns = Columns(program, plan, table)
    rows = _RowWiseCodes(program, plan, table)
    codes: dict[str, Any] = {}
    for position, indicator in enumerate(program.indicators):
        try:
            decided = [columns.condition(condition) for condition in indicator.conditions]
        except (RowWise, Wide, pa.ArrowInvalid):
            codes[indicator.name] = rows.all(position)
            continue
        combined = decided[0][0]
        for part, _unsure in decided[1:]:
            combined = pc.max_element_wise(combined, part)
        unsure = [mask for _codes, mask in decided if mask is not None]
        if unsure:
            combined = rows.patch(position, combined, unsure)
        codes[indicator.name] = combined.cast(pa.int8())
    return ColumnarReport(program, plan, table, codes, kept)


def not_a_table(given: object) -> UsageError:
    """What to say of something Arrow cannot read as a table: what is expected, what was given
    and, for a table of a kind callers often hold, the conversion."""
    kind = type(given)
    module = kind.__module__.partition(".")[0]
    named = f"{kind.__module__}.{kind.__qualname__}" if module != "builtins" else kind.__qualname__
    conversion = CONVERSIONS.get((module, kind.__name__))
    if conversion is not None:
        return UsageError(f"evaluate_table expects {EXPECTED}, not a {named}: pass {conversion}")
    return UsageError(f"evaluate_table expects {EXPECTED}, not {named}")


class _RowWiseCodes:
    """Status codes decided row by row: for whole indicators, or for a few rows of one."""

    def __init__(self, program: Program, plan: Plan, table: Any) -> None:
        self.program = program
        self.plan = plan
        self.table = table
        self._all: list[list[int]] | None = None

    def all(self, position: int) -> Any:
        if self._all is None:
            self._all = [self._codes(facts) for facts in rows_as_facts(self.table)]
        return pa.array([row[position] for row in self._all], pa.int8())

    def patch(self, position: int, codes: Any, masks: list[Any]) -> Any:
        """`codes` with the rows any mask marks decided row by row instead."""
        mask = masks[0]
        for other in masks[1:]:
            mask = pc.or_(mask, other)
        indices = pc.indices_nonzero(mask)
        if not len(indices):
            return codes
        patched = codes.to_pylist()
        for index, facts in zip(indices.to_pylist(), rows_as_facts(self.table.take(indices)), strict=True):
            patched[index] = self._codes(facts)[position]
        return pa.array(patched, pa.int8())

    def _codes(self, facts: dict[str, Any]) -> list[int]:
        return [status.code for status in evaluate(EvaluationReport, self.program, self.plan, facts).statuses()]
