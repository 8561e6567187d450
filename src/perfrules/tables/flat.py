"""Tables that have lost their structure, into grids: the plain-text dump of a table (cells split
by tabs, or a CSV), and a PDF's drawn tables through pdfplumber. Neither knows which cells a
merge covered, so their grids say so, and a PDF's every row is marked for review."""

from __future__ import annotations

import csv
import io
import logging
import re

from ..errors import TableFileError
from .grid import Cell, Grid, rectangle
from .markup import clean
from .workbooks import missing

_TAG = re.compile(r"</?(p|br|span|div|b|strong|font)\b[^>]*>", re.IGNORECASE)
MAX_PAGES = 50
_RADICALS = str.maketrans(
    "⻋⻓⻔⻚⻛⻜⻝⻢⻦⻥⻩⻬⻮⻰⻳⻅⻆⻉⻈⻊⻏⻎⻍⻌⻄⺠", "车长门页风飞食马鸟鱼黄齐齿龙龟见角贝讠足阝阝辶辶礻民"
)
"""CJK Radicals Supplement forms some PDF fonts map common characters to (⻋ for 车); NFKC leaves them."""


def read_text(text: str, sheet: str = "文本") -> list[Grid]:
    """Tab-separated rows (as copied out of a browser or a PDF viewer), else comma-separated."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if any("\t" in line for line in lines):
        rows = [line.split("\t") for line in lines]
    else:
        rows = list(csv.reader(io.StringIO("\n".join(lines))))
    cells = [
        [Cell(clean(_TAG.sub(lambda tag: "\n" if tag.group(0).lower().startswith("<p") else "", raw))) for raw in row]
        for row in rows
    ]
    return [Grid(sheet, rectangle(cells), positional=False)]


def read_pdf(data: bytes) -> list[Grid]:
    """Each ruled table of each page (pdfplumber's "lines" strategy), the text above the first
    table as its title; slots a spanning cell covers come back empty."""
    try:
        import pdfplumber
    except ImportError:
        raise missing("pdfplumber") from None
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are not the reader's business
    grids: list[Grid] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as document:
            if len(document.pages) > MAX_PAGES:
                raise TableFileError(f"this PDF has {len(document.pages)} pages, more than a table has ({MAX_PAGES})")
            titles: list[list[list[Cell]]] = []
            for number, page in enumerate(document.pages, 1):
                for table in page.find_tables():
                    above = page.crop((0, 0, page.width, max(table.bbox[1], 1))).extract_text() or ""
                    titles.append([[Cell(line)] for line in clean(above.translate(_RADICALS)).split("\n") if line])
                    rows = [[Cell(clean((text or "").translate(_RADICALS))) for text in row] for row in table.extract()]
                    grids.append(Grid(f"第{number}页", rectangle(rows), low_confidence=True))
    except TableFileError:
        raise
    except Exception as error:
        raise TableFileError(f"this PDF cannot be read: {error}") from None
    if grids:  # the text above the first table is its title
        grids[0] = Grid(
            grids[0].sheet, rectangle(titles[0] + [list(row) for row in grids[0].rows]), low_confidence=True
        )
    else:
        raise TableFileError("this PDF has no ruled table perfrules can find (a scanned page has no text to read)")
    return grids
