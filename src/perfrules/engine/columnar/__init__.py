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

Its `report` (the `ColumnarReport` callers receive) imports pyarrow only when a column is made,
so that `perfrules` exports the type without needing the extra; `evaluation` (imported when a
table is evaluated), `columns`, `fold` and `lanes` do the work.
"""

from .report import DATE_SUFFIX, ColumnarReport, rows_as_facts, statuses

__all__ = ["DATE_SUFFIX", "ColumnarReport", "rows_as_facts", "statuses"]
