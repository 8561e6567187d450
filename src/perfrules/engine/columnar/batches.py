"""One Arrow record batch in, one out, with a schema fixed before any data is seen: the entry point
any engine that ships a Python function over Arrow batches can run (Dask's `map_partitions`,
Spark's `mapInArrow`, DuckDB and polars over their Arrow streams).

This module imports pyarrow only when a function is made, so that `perfrules.BatchFunction` is
importable without the `arrow` extra. The function pickles small, as its program does (its source
text, compiled again once per process), so that it can be sent to worker processes; its plan is
made again where it runs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ...errors import UsageError
from ..plan import Plan
from ..program import Program
from .report import DATE_SUFFIX, statuses

STATUS = ".status"
"""Each indicator's column is named `指标.status`, as in `ColumnarReport.to_table`."""


class BatchFunction:
    """`function(batch) -> batch` with `function.schema` known before the first batch."""

    def __init__(self, program: Program, as_of: date | None, schema: Any, keep: Any = ()) -> None:
        pa = _arrow()
        from .inputs import check_schema, kept_columns

        if not isinstance(schema, pa.Schema):
            raise UsageError(f"batch_function takes the input's pyarrow.Schema, not {type(schema).__name__}")
        check_schema(program, schema)
        self.input_schema = schema
        self.keep = kept_columns(keep, schema.names)
        self.as_of = as_of
        self._program = program
        self._plan: Plan | None = None
        fields = [schema.field(name) for name in self.keep]
        fields += [pa.field(indicator.name + STATUS, pa.string(), nullable=False) for indicator in program.indicators]
        for name in self.keep:
            if name.endswith(STATUS) and name[: -len(STATUS)] in {indicator.name for indicator in program.indicators}:
                raise UsageError(f"keep: the column {name} would be named as an indicator's status column")
        self.schema = pa.schema(fields)

    @property
    def columns(self) -> tuple[str, ...]:
        """The input's columns this function reads (facts, their `@date` columns, kept keys), in
        the input's order: all an engine need send it."""
        facts = self._program.facts
        return tuple(
            name
            for name in self.input_schema.names
            if name in self.keep or name in facts or (name.endswith(DATE_SUFFIX) and name[: -len(DATE_SUFFIX)] in facts)
        )

    def projected(self) -> BatchFunction:
        """The same function over only the columns it reads (the output is the same). Raises nothing."""
        schema = _arrow().schema([self.input_schema.field(name) for name in self.columns])
        return BatchFunction(self._program, self.as_of, schema, self.keep)

    def __reduce__(self) -> tuple[Any, ...]:
        return BatchFunction, (self._program, self.as_of, self.input_schema, self.keep)

    def __repr__(self) -> str:
        return f"<BatchFunction as_of={self.as_of} columns={len(self.schema)}>"

    def __call__(self, batch: Any) -> Any:
        """The statuses of one batch (a RecordBatch or Table) as one RecordBatch of `schema`."""
        pa = _arrow()
        import pyarrow.compute as pc

        from .evaluation import evaluate_table
        from .inputs import as_table

        if self._plan is None:
            self._plan = Plan(self._program, self.as_of)
        try:
            table = as_table(batch)
        except TypeError:
            raise UsageError(f"a batch must be a pyarrow.RecordBatch, not {type(batch).__name__}") from None
        table = self._as_declared(table)
        report = evaluate_table(self._program, self._plan, table)
        names = statuses()
        columns = [table.column(name).combine_chunks().cast(self.schema.field(name).type) for name in self.keep]
        columns += [pc.take(names, report.codes(indicator.name)) for indicator in self._program.indicators]
        return pa.RecordBatch.from_arrays(columns, schema=self.schema)

    def _as_declared(self, table: Any) -> Any:
        """The batch with the input schema's columns and types: a column missing, or of a type
        it cannot be cast to safely, is a UsageError (an engine sent another schema)."""
        if table.schema == self.input_schema:
            return table
        missing = [name for name in self.input_schema.names if name not in table.column_names]
        if missing:
            raise UsageError(f"the batch has no column {missing[0]}, which the function's input schema has")
        try:
            return table.select(self.input_schema.names).cast(self.input_schema)
        except (_arrow().ArrowInvalid, _arrow().ArrowNotImplementedError) as error:
            raise UsageError(f"the batch does not have the function's input schema: {error}") from None


def _arrow() -> Any:
    """pyarrow, imported when a function is made (the optional `arrow` extra)."""
    try:
        import pyarrow
    except ImportError:
        raise UsageError("batch_function needs pyarrow: pip install 'perfrules[arrow]'") from None
    return pyarrow
