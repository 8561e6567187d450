"""Label columns: each row's text read as the row-wise reader reads a label, once per distinct
text, and a condition's test made on the distinct labels (or, when every text is a label as
written, on the column itself)."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ...errors import UsageError
from ..cells import is_blank
from ..facts import Invalid, read_fact
from ..program import CompiledCondition


class LabelColumns:
    """The label facts of one table's evaluation (the table's `Columns` passed to each call, so
    that neither holds the other and their arrays are freed when the evaluation ends)."""

    def __init__(self, program: Any) -> None:
        self.program = program
        self._distinct: dict[str, Any] = {}
        self._unclean: set[str] = set()

    def decide(self, columns: Any, condition: CompiledCondition, name: str) -> tuple[Any, Any, Any, Any]:
        """(met, values, invalid, asserted) per row: whether the test holds (null where the
        value is missing), the values (null where missing), the rows refused (or the columns'
        all-false `none`), and rows to decide row by row (None: an attainment word is decided
        here)."""
        clean = self.clean(columns, name, condition)
        if clean is not None:  # compared on the column itself: each row's text is its label
            met = pc.call_function(condition.op.name_for_arrays, [clean, pa.scalar(condition.target_label)])
            return met, clean, columns.none, None
        labels, refused, indices = self.read(columns, name)
        met, outside = label_test(condition, labels)
        # An attainment word (完成) given where the target is another label asserts it met, as a
        # row says (engine/general.py), even outside the target's scale.
        words = pc.fill_null(
            pc.and_(pc.invert(met), pc.is_in(labels, value_set=pa.array(sorted(self.program.attainment), pa.string()))),
            False,
        )
        met, outside = pc.or_(met, words), pc.and_(outside, pc.invert(words))
        unusable = pc.or_(refused, outside)
        invalid = pc.fill_null(pc.take(unusable, indices), False) if pc.any(unusable).as_py() else columns.none
        return pc.take(met, indices), indices, invalid, None

    def read(self, columns: Any, name: str) -> tuple[Any, Any, Any]:
        """The fact's distinct labels as the row-wise reader reads them, which of them it refuses
        (too long, hidden characters; a blank label is missing), and each row's index into them.

        Labels repeat, so the reader runs once per distinct label, on the dictionary, and
        comparisons run there too and are then taken per row.
        """
        column = columns.column(name)
        if pa.types.is_null(column.type):
            column = column.cast(pa.string())
        if not pa.types.is_dictionary(column.type):
            if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
                raise UsageError(f"column {name} is {column.type}; a label column must hold text")
            column = pc.dictionary_encode(column)
        spec, program = self.program.facts[name], self.program
        labels, refused, blank = [], [], []
        for text in column.dictionary.to_pylist():
            blank.append(is_blank(text))
            read = None if blank[-1] else read_fact(spec, text, program.units, program.limits)
            refused.append(isinstance(read, Invalid))
            labels.append(read.constant if read is not None and not isinstance(read, Invalid) else None)
        indices = column.indices
        if any(blank):  # a blank cell is a missing one, as a null is
            indices = pc.if_else(pc.take(pa.array(blank), indices), pa.scalar(None, indices.type), indices)
        return pa.array(labels, pa.string()), pa.array(refused, pa.bool_()), indices

    def clean(self, columns: Any, name: str, condition: CompiledCondition) -> Any | None:
        """The fact's text column itself, for an equality, when every distinct text in it is a label
        the row-wise reader takes as written (none blank, refused or asserting the target: 完成
        given where 未完成 is wanted), so that no dictionary and no per-row lookup is needed."""
        if condition.measured or condition.op.ordering:
            return None
        column = columns.column(name)
        if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
            return None
        distinct = self._distinct.get(name)
        if distinct is None:
            distinct = self._distinct[name] = pc.unique(column).drop_null()
            spec, program = self.program.facts[name], self.program
            for text in distinct.to_pylist():
                read = None if is_blank(text) else read_fact(spec, text, program.units, program.limits)
                if read is None or isinstance(read, Invalid) or read.constant != text:
                    self._distinct[name] = distinct = pa.array([], pa.string())
                    self._unclean.add(name)
                    break
        if name in self._unclean:
            return None
        met, _outside = label_test(condition, distinct)
        words = pc.is_in(distinct, value_set=pa.array(sorted(self.program.attainment), pa.string()))
        return None if pc.any(pc.and_(pc.invert(met), words)).as_py() else column


def label_test(condition: CompiledCondition, labels: Any) -> tuple[Any, Any]:
    """(met, outside the target's scale) per distinct label; a row with no target records any."""
    if condition.measured:
        return pc.is_valid(labels), pa.repeat(False, len(labels))
    target = condition.target_label
    if not condition.op.ordering:
        met = pc.call_function(condition.op.name_for_arrays, [labels, pa.scalar(target)])
        return met, pa.repeat(False, len(labels))
    ranks = condition.scale
    assert ranks is not None and target is not None
    ordered = sorted(ranks, key=lambda label: ranks[label])
    rank = pc.index_in(labels, value_set=pa.array(ordered))
    outside = pc.and_(pc.is_null(rank), pc.is_valid(labels))
    met = pc.call_function(condition.op.name_for_arrays, [rank, pa.scalar(ranks[target], pa.int32())])
    return pc.fill_null(met, False), outside
