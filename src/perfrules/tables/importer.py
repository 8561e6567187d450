"""`import_table`: a table file into rulesets, facts and review lists, one per indicator grid
the file holds (a workbook's sheets, a document's tables, 长期 and 年度 grids)."""

from __future__ import annotations

from os import PathLike

from ..errors import TableFileError
from .layout import map_grid
from .read import Read, read_bytes, read_file
from .writer import Imported, write


def import_table(path: str | PathLike[str]) -> list[Imported]:
    """Import every indicator grid of a table file; raises TableFileError when there is none."""
    return imported_from(read_file(path))


def import_bytes(data: bytes, name: str = "<bytes>") -> list[Imported]:
    return imported_from(read_bytes(data, name))


def imported_from(read: Read) -> list[Imported]:
    results = [write(doc) for grid in read.grids for doc in map_grid(grid, read.name)]
    results = [item for item in results if item.doc.rows or item.flags]
    if not results:
        raise TableFileError(
            f"{read.name}: no indicator grid found (a header row naming 三级指标 or 指标名称 and another "
            "column such as 指标值, 分值 or 一级指标)"
        )
    return results
