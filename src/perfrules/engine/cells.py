"""Cells as callers give them: what counts as blank (a missing fact, never an invalid one), and
NumPy scalars as the numbers they hold. NumPy and pandas are never imported: a value's type says
what it is."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any


def is_blank(raw: Any) -> bool:
    """A cell left empty, as spreadsheets and DataFrames give one: None, NaN (float, or a quiet Decimal NaN),
    pandas' NA and NaT, or text of spaces only. A blank fact is a missing fact, never an invalid one."""
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, float):
        return math.isnan(raw)
    if isinstance(raw, Decimal):
        return raw.is_qnan()
    kind = type(raw)
    if kind.__module__ == "numpy":
        return raw.dtype.kind in "fmM" and raw != raw  # NaN, NaT; every NumPy scalar has a dtype
    return kind.__name__ in ("NAType", "NaTType") and kind.__module__.startswith("pandas")


def numpy_number(raw: Any) -> int | Decimal | None:
    """A NumPy integer or floating scalar as the number it holds (a float32 as it prints, 0.1 not
    0.100000001…); None for anything else. NumPy is not imported: a caller's scalar tells its kind."""
    if type(raw).__module__ != "numpy":
        return None
    dtype = raw.dtype
    if dtype.kind in "iu":
        return int(raw)
    if dtype.kind == "f":
        return Decimal(str(raw))  # inf reads as Infinity, which the reader refuses as not finite
    return None
