"""A table file, whatever it really is, into grids: sniffed by content, read by the reader for
its kind, bounded in size before any reader sees it."""

from __future__ import annotations

from os import PathLike

import attrs

from .. import files
from ..errors import TableFileError
from .flat import read_pdf, read_text
from .grid import Grid
from .markup import read_docx, read_html, read_spreadsheetml
from .sniff import Kind, decode, sniff
from .workbooks import read_calamine, read_xls, read_xlsx

MAX_BYTES = 32 * 1024 * 1024
"""A table file's largest size; published tables are a few hundred kilobytes."""

KIND_NAMES = {
    Kind.XLSX: "Excel 工作簿 (.xlsx)",
    Kind.XLS: "Excel 97-2003 工作簿 (.xls)",
    Kind.SPREADSHEET: "OpenDocument / xlsb 工作簿",
    Kind.DOCX: "Word 文档 (.docx)",
    Kind.HTML: "HTML 表格",
    Kind.SPREADSHEETML: "SpreadsheetML 2003 XML",
    Kind.TEXT: "文本表格（制表符分隔）",
    Kind.PDF: "PDF",
}


@attrs.frozen
class Read:
    """What a file held: its kind as sniffed and every table in it."""

    name: str
    kind: Kind
    grids: tuple[Grid, ...]


def read_file(path: str | PathLike[str]) -> Read:
    """Read a table file (or standard input, `-`)."""
    data, size = files.read(path, MAX_BYTES)
    if size > MAX_BYTES:
        raise TableFileError(f"{path} has {size} bytes, more than a table file has ({MAX_BYTES})")
    return read_bytes(data, str(path))


def read_bytes(data: bytes, name: str = "<bytes>") -> Read:
    """Read a table file's bytes; an error names the file."""
    try:
        return Read(name, *_grids(data))
    except TableFileError as error:
        raise TableFileError(f"{name}: {error}") from None


def _grids(data: bytes) -> tuple[Kind, tuple[Grid, ...]]:
    if not data.strip():
        raise TableFileError("the file is empty")
    kind = sniff(data)
    if kind is Kind.XLSX:
        grids = read_xlsx(data)
    elif kind is Kind.XLS:
        grids = read_xls(data)
    elif kind is Kind.SPREADSHEET:
        grids = read_calamine(data)
    elif kind is Kind.DOCX:
        grids = read_docx(data)
    elif kind is Kind.PDF:
        grids = read_pdf(data)
    else:
        text = decode(data)
        readers = {Kind.HTML: read_html, Kind.SPREADSHEETML: read_spreadsheetml}
        grids = readers[kind](text) if kind in readers else read_text(text)
    return kind, tuple(grid for grid in grids if grid.rows)
