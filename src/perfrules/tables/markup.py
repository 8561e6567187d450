"""Tables written as markup into grids: HTML (also what many ".xls" downloads are), SpreadsheetML
2003 XML, and the tables of a .docx, with row and column spans expanded into merged slots.

Only the standard library reads them: html.parser for HTML and ElementTree for the XML, which
is refused outright when it declares a DOCTYPE, so no entity can expand. python-docx is not
used: its public API repeats a vertically merged cell's text in every row without saying it
is a merge, while the document's own XML (`w:vMerge`, `w:gridSpan`) says exactly.
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from io import BytesIO
from xml.etree import ElementTree

import attrs

from ..errors import TableFileError
from .grid import BLANK, Cell, Grid, rectangle, spread
from .workbooks import text_of

MAX_XML = 64 * 1024 * 1024
"""Bytes a workbook's or document's XML part may unpack to."""
MAX_SPAN = 1000
_HIDDEN = ("script", "style", "head")
_BREAKS = ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "caption")
_SPACE = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
_DOCTYPE = re.compile(r"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def clean(text: str) -> str:
    """Cell text as printed: spaces (also no-break and ideographic) collapsed, lines kept."""
    lines = (_SPACE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


@attrs.define
class _Placer:
    """Cells laid out with their spans, as browsers and Word lay a table out."""

    cells: dict[tuple[int, int], Cell] = attrs.Factory(dict)
    covered: set[tuple[int, int]] = attrs.Factory(set)
    spans: list[tuple[int, int, int, int]] = attrs.Factory(list)
    row: int = -1
    column: int = 0

    def next_row(self) -> None:
        self.row += 1
        self.column = 0

    def place(self, cell: Cell, rows: int, columns: int) -> None:
        """A cell at the next free slot of the current row, covering `rows` × `columns` slots."""
        self.row = max(self.row, 0)
        while (self.row, self.column) in self.covered:
            self.column += 1
        rows, columns = max(1, min(rows, MAX_SPAN)), max(1, min(columns, MAX_SPAN))
        self.covered.update(
            (row, column)
            for row in range(self.row, self.row + rows)
            for column in range(self.column, self.column + columns)
        )
        self.cells[(self.row, self.column)] = cell
        self.spans.append((self.row, self.column, self.row + rows - 1, self.column + columns - 1))
        self.column += columns

    def grid(self, sheet: str, preamble: tuple[str, ...] = ()) -> Grid:
        height = max((row for row, _ in self.covered), default=-1) + 1
        width = max((column for _, column in self.covered), default=-1) + 1
        rows = [[Cell(line)] for line in preamble]
        rows += [[self.cells.get((row, column), BLANK) for column in range(width)] for row in range(height)]
        shift = len(preamble)
        spread(rows, [(top + shift, left, bottom + shift, right) for top, left, bottom, right in self.spans])
        return Grid(sheet, rectangle(rows))


def _span(value: str | None) -> int:
    try:
        return int(value or 1)
    except ValueError:
        return 1


@attrs.define
class _Open:
    """A table being read, and the cell of the table around it that it interrupted."""

    placer: _Placer
    order: int
    cell: list[str] | None = None
    span: tuple[int, int] = (1, 1)


class _Html(HTMLParser):
    """Every <table> of a page (a nested one on its own) and the text before the first."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.done: list[tuple[int, _Placer]] = []
        self.open: list[_Open] = []
        self.opened = 0
        self.preamble: list[str] = []
        self.loose: list[str] = []
        """Text outside any table, line breaks where block elements begin and end."""
        self.skipping = 0

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.skipping += 1
        elif tag == "table":
            if not self.done and not self.open:  # the text before the first table is its title
                self.preamble = [line for line in clean("".join(self.loose)).split("\n") if line]
            self.open.append(_Open(_Placer(), self.opened))
            self.opened += 1
        elif not self.open:
            self.loose.append("\n" if tag in _BREAKS else "")
        elif tag == "tr":
            self._end_cell()
            self.open[-1].placer.next_row()
        elif tag in ("td", "th"):
            found = dict(attributes)
            self._end_cell()
            self.open[-1].cell = []
            self.open[-1].span = (_span(found.get("rowspan")), _span(found.get("colspan")))
        elif tag in _BREAKS and self.open[-1].cell is not None:
            self.open[-1].cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.skipping = max(0, self.skipping - 1)
        elif not self.open:
            self.loose.append("\n" if tag in _BREAKS else "")
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "table":
            self._end_cell()
            finished = self.open.pop()
            self.done.append((finished.order, finished.placer))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if not self.open:
            self.loose.append(data)
        elif self.open[-1].cell is not None:
            self.open[-1].cell.append(data)

    def _end_cell(self) -> None:
        current = self.open[-1]
        if current.cell is not None:
            current.placer.place(Cell(clean("".join(current.cell))), *current.span)
            current.cell = None


def read_html(text: str) -> list[Grid]:
    parser = _Html()
    parser.feed(text)
    parser.close()
    while parser.open:
        parser.handle_endtag("table")  # a page cut off inside its table keeps what it has
    if not parser.done:
        raise TableFileError("this HTML page has no <table>")
    placers = [placer for _, placer in sorted(parser.done, key=lambda item: item[0])]
    preamble = tuple(parser.preamble)
    return [placer.grid(f"表{number}", preamble if number == 1 else ()) for number, placer in enumerate(placers, 1)]


_SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _xml(text: str, what: str) -> ElementTree.Element:
    if _DOCTYPE.search(text[:65536]):
        raise TableFileError(f"this {what} declares a DOCTYPE or entities, which perfrules does not read")
    try:
        return ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise TableFileError(f"this {what} is not well-formed XML: {error}") from None


def read_spreadsheetml(text: str) -> list[Grid]:
    """SpreadsheetML 2003 (Excel's "XML Spreadsheet"): ss:Index skips covered cells, ss:MergeAcross
    and ss:MergeDown give spans, a style's NumberFormat says which numbers are percentages."""
    root = _xml(text, "SpreadsheetML workbook")
    formats = {
        style.get(f"{_SS}ID"): (style.find(f"{_SS}NumberFormat").get(f"{_SS}Format") or "")  # type: ignore[union-attr]
        for style in root.iter(f"{_SS}Style")
        if style.find(f"{_SS}NumberFormat") is not None
    }
    formats = {key: ("0%" if value.lower() == "percent" else value) for key, value in formats.items()}
    grids = []
    for number, sheet in enumerate(root.iter(f"{_SS}Worksheet"), 1):
        placer = _Placer()
        for row in sheet.iter(f"{_SS}Row"):
            index = row.get(f"{_SS}Index")
            placer.row = int(index) - 1 if index and index.isdigit() else placer.row + 1
            placer.column = 0
            for cell in row.findall(f"{_SS}Cell"):
                at = cell.get(f"{_SS}Index")
                if at and at.isdigit():
                    placer.column = int(at) - 1
                placer.place(
                    _ss_cell(cell, formats),
                    _span(cell.get(f"{_SS}MergeDown")) + 1 if cell.get(f"{_SS}MergeDown") else 1,
                    _span(cell.get(f"{_SS}MergeAcross")) + 1 if cell.get(f"{_SS}MergeAcross") else 1,
                )
        grids.append(placer.grid(sheet.get(f"{_SS}Name") or f"表{number}"))
    if not grids:
        raise TableFileError("this SpreadsheetML workbook has no worksheet")
    return grids


def _ss_cell(cell: ElementTree.Element, formats: dict[str | None, str]) -> Cell:
    data = cell.find(f"{_SS}Data")
    if data is None:
        return Cell("", uncomputed=bool(cell.get(f"{_SS}Formula")))
    value = clean("".join(data.itertext()))
    if data.get(f"{_SS}Type") == "Number":
        try:
            return text_of(float(value), formats.get(cell.get(f"{_SS}StyleID")))
        except ValueError:
            return Cell(value)
    return Cell(value)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes) -> list[Grid]:
    """The tables of a Word document, the paragraphs before the first (its title) above it."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        info = archive.getinfo("word/document.xml")
        if info.file_size > MAX_XML:
            raise TableFileError(f"this document unpacks to {info.file_size} bytes, more than a table needs")
        text = archive.read(info).decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, OSError) as error:
        raise TableFileError(f"this .docx document cannot be read: {error}") from None
    body = _xml(text, "Word document").find(f"{_W}body")
    preamble: list[str] = []
    grids: list[Grid] = []
    for block in body if body is not None else ():
        if block.tag == f"{_W}p" and not grids:
            line = _paragraph(block)
            if line:
                preamble.append(line)
        elif block.tag == f"{_W}tbl":
            grids.append(_word_table(block, len(grids) + 1, tuple(preamble) if not grids else ()))
    if not grids:
        raise TableFileError("this Word document has no table")
    return grids


def _paragraph(paragraph: ElementTree.Element) -> str:
    pieces = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t":
            pieces.append(node.text or "")
        elif node.tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            pieces.append(" " if node.tag == f"{_W}tab" else "\n")
    return clean("".join(pieces))


def _word_table(table: ElementTree.Element, number: int, preamble: tuple[str, ...]) -> Grid:
    placer = _Placer()
    below: dict[int, tuple[int, int]] = {}
    """Column → the slot whose vertical merge is still open there."""
    for row in table.findall(f"{_W}tr"):
        placer.next_row()
        before = row.find(f"{_W}trPr/{_W}gridBefore")
        placer.column = _span(before.get(f"{_W}val")) if before is not None else 0
        for cell in row.findall(f"{_W}tc"):
            span_node = cell.find(f"{_W}tcPr/{_W}gridSpan")
            columns = _span(span_node.get(f"{_W}val")) if span_node is not None else 1
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            column = placer.column
            if merge is not None and merge.get(f"{_W}val") != "restart" and column in below:
                top, left = below[column]  # a vertical merge goes on: the slots are its anchor's
                placer.spans.append((top, left, placer.row, left + columns - 1))
                placer.covered.update((placer.row, left + offset) for offset in range(columns))
                placer.column += columns
                continue
            text = "\n".join(filter(None, (_paragraph(p) for p in cell.findall(f"{_W}p"))))
            placer.place(Cell(text), 1, columns)
            below[column] = (placer.row, column)
    return placer.grid(f"表{number}", preamble)
