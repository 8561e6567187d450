"""Columnar evaluation over Apache Arrow (the `perfrules[arrow]` extra; pyarrow is imported only here).

A table holds one row per unit and one column per fact; the result holds one status column per
indicator. Statuses are decided with pyarrow compute, a column at a time:
  - quantities compare exactly, as scaled 64-bit integers or as decimal128/decimal256 (never
    floats), and only once every value of their column keeps the limits the row-wise reader
    enforces;
  - a formula is carried as an exact fraction N/D built by one fold in either arithmetic lane
    (columnar/fold.py, columnar/lanes.py), and `N/D op t` is decided as `N op t·D` (mirrored
    where D < 0); D = 0 is a division by zero, as row by row;
  - labels are read by the row-wise reader itself, once per distinct label; scales become ranks;
  - a fact may come with a date column named `事实@date` (date32): a dated observation, with the
    same meaning as {"value": …, "date": …} in a fact set.
The row-wise evaluator is the definition: wherever a column cannot be decided exactly the same
way here (a value beyond the limits, too wide for decimal256, a dated formula input, a row whose
rounded value could compare otherwise than its exact one), that indicator, or only those rows,
is decided row by row, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...errors import UnknownName, UsageError
from ..evaluate import evaluate
from ..plan import Plan
from ..program import Program
from ..report import EvaluationReport
from ..status import STATUS_ORDER

try:
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError:  # pragma: no cover - exercised where the extra is not installed
    pa = None
    pc = None

DATE_SUFFIX = "@date"
STATUSES: Any = pa.array([status.value for status in STATUS_ORDER]) if pa is not None else None
"""Status names by code: `ColumnarReport.codes` indexes into it."""


class ColumnarReport:
    """Per indicator, a status column (and on request a value column) for every row."""

    def __init__(self, program: Program, plan: Plan, table: Any, codes: dict[str, Any]) -> None:
        self.as_of = plan.as_of
        self.num_rows = table.num_rows
        self._program = program
        self._plan = plan
        self._table = table
        self._codes = codes
        self._rows: list[EvaluationReport] | None = None

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def codes(self, name: str) -> Any:
        """Status codes (int8, see `STATUSES`) for one indicator."""
        codes = self._codes.get(name) if isinstance(name, str) else None
        if codes is None:
            raise UnknownName(name, "an indicator", self._codes)
        return codes

    def status(self, name: str) -> Any:
        """The status of one indicator in every row, as a dictionary array of status names."""
        return pa.DictionaryArray.from_arrays(self.codes(name), STATUSES)

    def value(self, name: str) -> Any:
        """What each row compared, as exact decimal strings or labels (worked out row by row)."""
        self.codes(name)
        if self._rows is None:
            self._rows = [
                evaluate(EvaluationReport, self._program, self._plan, facts) for facts in rows_as_facts(self._table)
            ]
        values = [report[name].value for report in self._rows]
        return pa.array([None if value is None else str(value) for value in values], pa.string())

    def to_table(self, *, values: bool = False) -> Any:
        columns: dict[str, Any] = {}
        for name in self._codes:
            columns[f"{name}.status"] = self.status(name)
            if values:
                columns[f"{name}.value"] = self.value(name)
        return pa.table(columns)


def rows_as_facts(table: Any) -> Iterator[dict[str, Any]]:
    """Each row as a fact set: nulls absent, `事实@date` columns folded into dated values."""
    names = [name for name in table.column_names if not name.endswith(DATE_SUFFIX)]
    columns = {name: table.column(name).to_pylist() for name in names}
    dates = {
        name: table.column(name + DATE_SUFFIX).to_pylist() for name in names if name + DATE_SUFFIX in table.column_names
    }
    for row in range(table.num_rows):
        facts: dict[str, Any] = {}
        for name in names:
            value = columns[name][row]
            if value is None:
                continue
            day = dates[name][row] if name in dates else None
            facts[name] = value if day is None else {"value": value, "date": day.isoformat()}
        yield facts


def evaluate_table(program: Program, plan: Plan, table: Any) -> ColumnarReport:
    """Decide every indicator for every row of `table` (see the module's docstring)."""
    if pa is None:
        raise UsageError("columnar evaluation needs pyarrow: pip install 'perfrules[arrow]'")
    if not isinstance(table, pa.Table):
        raise UsageError(f"expected a pyarrow.Table, not {type(table).__name__}")
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
    return ColumnarReport(program, plan, table, codes)


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
