"""What columnar evaluation hands back: a status column per indicator, with values on request.

This module imports pyarrow only when a column is asked for, so that `perfrules.ColumnarReport`
is importable (and usable in annotations) without the `arrow` extra; a report is only ever
made by `evaluation.evaluate_table`, which needs pyarrow before it makes one.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from ...errors import UnknownName
from ..evaluate import evaluate
from ..plan import Plan
from ..program import Program
from ..report import EvaluationReport
from ..status import STATUS_ORDER

DATE_SUFFIX = "@date"
"""A fact's date column is named `事实@date` (date32): a dated observation, as {"value", "date"}."""


class ColumnarReport:
    """Per indicator, a status column (and on request a value column) for every row of a table.

    Iterating gives the indicator names in source order.
    """

    as_of: date | None
    """The evaluation date, as for a `Report`."""
    num_rows: int

    def __init__(
        self, program: Program, plan: Plan, table: Any, codes: dict[str, Any], keep: tuple[str, ...] = ()
    ) -> None:
        self.as_of = plan.as_of
        self.keep = keep
        """The key columns `to_table` carries first (`evaluate_table(..., keep=[...])`)."""
        self.num_rows = table.num_rows
        self._program = program
        self._plan = plan
        self._table = table
        self._codes = codes
        self._rows: list[EvaluationReport] | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        """A report pickles as its program (its source text), date, table and status columns."""
        return ColumnarReport, (self._program, self._plan, self._table, self._codes, self.keep)

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __repr__(self) -> str:
        return f"<ColumnarReport as_of={self.as_of} rows={self.num_rows:,} indicators={len(self._codes)}>"

    def codes(self, name: str) -> Any:
        """Status codes for one indicator, as a pyarrow int8 array of `Status.code` values.

        Raises UnknownName for a name that is not an indicator of the ruleset.
        """
        codes = self._codes.get(name) if isinstance(name, str) else None
        if codes is None:
            raise UnknownName(name, "an indicator", self._codes)
        return codes

    def status(self, name: str) -> Any:
        """The status of one indicator in every row, as a pyarrow dictionary array of status names.

        Raises UnknownName for a name that is not an indicator of the ruleset.
        """
        pa = _arrow()
        return pa.DictionaryArray.from_arrays(self.codes(name), statuses())

    def value(self, name: str) -> Any:
        """What each row compared (worked out row by row): exact decimals in the indicator's display
        unit (named in `value_field(name).metadata`), labels as text, a compound's parts as a
        struct; text, as results show them, where rows hold both (a word asserting a target).

        Raises UnknownName for a name that is not an indicator of the ruleset.
        """
        return self.value_field(name)[1]

    def value_field(self, name: str) -> tuple[Any, Any]:
        """(pyarrow field, array) of `value(name)`: the field's metadata names the unit.

        Raises UnknownName for a name that is not an indicator of the ruleset.
        """
        self.codes(name)
        from .values import value_field

        if self._rows is None:
            self._rows = [
                evaluate(EvaluationReport, self._program, self._plan, facts) for facts in rows_as_facts(self._table)
            ]
        indicator = self._program.indicators[self._plan.index[name]]
        return value_field(self._program, indicator, [report[name].value for report in self._rows], f"{name}.value")

    def to_table(self, *, values: bool = False) -> Any:
        """A pyarrow.Table of the kept key columns, then `NAME.status` columns (and `NAME.value`
        ones when asked for, their units in the fields' metadata).

        Raises nothing.
        """
        pa = _arrow()
        fields, columns = [], []
        for name in self.keep:
            fields.append(self._table.schema.field(name))
            columns.append(self._table.column(name))
        for name in self._codes:
            fields.append(pa.field(f"{name}.status", statuses_type()))
            columns.append(self.status(name))
            if values:
                field, column = self.value_field(name)
                fields.append(field)
                columns.append(column)
        return pa.table(columns, schema=pa.schema(fields))


def statuses_type() -> Any:
    """The type of a status column: int8 codes into the status names."""
    pa = _arrow()
    return pa.dictionary(pa.int8(), pa.string())


@functools.cache
def statuses() -> Any:
    """Status names by code, as a pyarrow array: `ColumnarReport.codes` indexes into it."""
    return _arrow().array([status.value for status in STATUS_ORDER])


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
            if value is None or (type(value) is float and math.isnan(value)):  # null, or NaN: missing
                continue
            day = dates[name][row] if name in dates else None
            if isinstance(day, datetime):  # a timestamp: the day on its own clock
                day = day.date()
            if day is not None:
                value = {"value": value, "date": day if isinstance(day, str) else day.isoformat()}
            facts[name] = value
        yield facts


def _arrow() -> Any:
    """pyarrow, imported when a column is first made (the optional `arrow` extra)."""
    import pyarrow

    return pyarrow
