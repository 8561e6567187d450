"""Regenerate the importer fixtures in tests/tables/files/ from the corpus transcriptions.

Run from the repository root, with no network:

    .venv/bin/python tests/tables/files/make_fixtures.py            # every file
    .venv/bin/python tests/tables/files/make_fixtures.py 04 hazards # only names containing these

Needs: openpyxl and python-docx (the `tables` extra); xlwt (`pip install xlwt`, only to
regenerate 04-yunnan.xls); Chromium (`chromium` on PATH, with fonts-noto-cjk) and pdfplumber only to
regenerate 08-hunan.pdf. A file whose Python module is missing is left as it is, with a message; with no
Chromium the PDF is skipped. The seed is read from rulesets/zhengzhou-jingkai-jijian-2023.table.txt.

Each corpus fixture is one table of ../NN-*/table.txt laid out as the published file would have been:
the title merged across the width, header-block labels with their values merged to the right,
一级/二级 (and section labels) merged DOWN over their rows wherever table.txt leaves a blank slot
below a label, the grid header, the money block. Cell texts are those of table.txt, so an importer's
result can be compared with the table's expected.json. The layouts are written below as Excel ranges,
one per table.txt cell ("-" = a slot covered by a merge, blank in table.txt); slots no cell covers
become empty cells.

Files (see README.md beside this script):
  01-sichuan.xlsx            01-sichuan-qingshen-gongzi-ziping, openpyxl, real merges, 预算执行率 as
                             fractions with number format 0.00%, amounts as numbers (0.00).
  04-yunnan.xls              04-yunnan-yongde-yingyang-ziping, real BIFF8 via xlwt, write_merge merges,
                             two-row grid header, percentages as fractions with format 0%.
  07-hunan-html.xls          07-hunan-xiangtan-wupaoche-2023-mubiao, Excel-style HTML table
                             (rowspan/colspan) named .xls, GBK bytes declared charset=gb2312,
                             &nbsp; in empty cells, <br> inside two labels.
  08-hunan.pdf               08-hunan-xiangtan-wupaoche-2024-mubiao, bordered HTML table printed by
                             headless Chromium (Noto CJK); pdfplumber's lines strategy gets the grid.
  09-hubei-spreadsheetml.xls 09-hubei-huangshi-shenyi-jiankong (监控表), SpreadsheetML 2003 XML named
                             .xls, ss:MergeAcross/ss:MergeDown, ss:Index after covered slots.
  10-sichuan.docx            10-sichuan-jingyan-mata-mubiao, python-docx: title paragraphs, then a table
                             with vMerge (单位/项目/预算数/年度目标 down each project) and gridSpan.
  12-fujian-wps.xlsx         12-fujian-ningde-fangzhi-zhengti-ziping, .xlsx rewritten to look WPS-made
                             (app.xml "WPS 表格", custom.xml KSOProductBuildVer), money as numbers.
  seed.xlsx                  the seed TSV, cell for cell, all text, no merges, blank rows kept.
  seed-as.xls                the seed TSV bytes unchanged under a .xls name (file-type lie).
  hazards.xlsx/.json         a small invented 目标表 with planted hazards; hazards.json lists them.
  two-row-header.xlsx        an invented 自评表 whose grid header takes two rows (年度指标值 over
                             指标性质|指标值|度量单位); two-row-header.expected.json in the corpus shape.
  legacy.doc                 an OLE2 compound file holding a minimal Word 97 document (WordDocument +
                             1Table streams, no Workbook), written by the small CFB writer below.

Output is deterministic: fixed document properties, fixed zip entry times, fixed PDF dates.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TABLES = HERE.parent
SEED = TABLES.parents[1] / "rulesets" / "zhengzhou-jingkai-jijian-2023.table.txt"

FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
AUTHOR = "Administrator"


def table_txt(prefix: str) -> Path:
    (path,) = TABLES.glob(f"{prefix}-*/table.txt")
    return path


def seed_bytes() -> bytes:
    """The seed TSV (rulesets/, a copy of the published table); seed-as.xls is a byte copy of it."""
    return SEED.read_bytes()


# --------------------------------------------------------------------------------------------
# The cell grid: table.txt cells placed at Excel ranges
# --------------------------------------------------------------------------------------------


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(n: int) -> str:
    s = ""
    while n:
        n, rem = divmod(n - 1, 26)
        s = chr(65 + rem) + s
    return s


def parse_range(token: str) -> tuple[int, int, int, int]:
    def one(ref: str) -> tuple[int, int]:
        m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
        assert m, ref
        return int(m.group(2)), col_number(m.group(1))

    first, _, last = token.partition(":")
    r1, c1 = one(first)
    r2, c2 = one(last) if last else (r1, c1)
    assert r1 <= r2 and c1 <= c2, token
    return r1, c1, r2, c2


@dataclass
class Cell:
    r1: int
    c1: int
    r2: int
    c2: int
    text: str
    filler: bool = False  # a slot no table.txt cell covers

    @property
    def rowspan(self) -> int:
        return self.r2 - self.r1 + 1

    @property
    def colspan(self) -> int:
        return self.c2 - self.c1 + 1

    @property
    def ref(self) -> str:
        return f"{col_letters(self.c1)}{self.r1}"

    @property
    def range(self) -> str:
        return f"{self.ref}:{col_letters(self.c2)}{self.r2}"

    @property
    def merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass
class Grid:
    width: int
    rows: int
    cells: list[Cell]
    plain: set[int]  # rows drawn without borders (titles, notes above/below the table)

    def anchored(self, row: int) -> list[Cell]:
        return sorted((c for c in self.cells if c.r1 == row), key=lambda c: c.c1)


def lay_out(path: Path, spec: dict[int, str], width: int, plain: set[int]) -> Grid:
    """Place every table.txt cell at its range, check the layout, fill uncovered slots."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    assert set(spec) == set(range(1, len(lines) + 1)), (path, sorted(set(spec) ^ set(range(1, len(lines) + 1))))
    owner: dict[tuple[int, int], Cell] = {}
    cells: list[Cell] = []
    for n, line in enumerate(lines, 1):
        texts = line.split("\t")
        tokens = spec[n].split()
        assert len(texts) == len(tokens), (path.parent.name, n, len(texts), len(tokens))
        col = 1
        for text, token in zip(texts, tokens, strict=True):
            if token == "-":
                assert text == "", (n, text)
                assert (n, col) in owner, (path.parent.name, n, col, "'-' on a slot no merge covers")
                col += 1
                continue
            r1, c1, r2, c2 = parse_range(token)
            assert r1 == n and c1 >= col and c2 <= width, (path.parent.name, n, token)
            cell = Cell(r1, c1, r2, c2, text)
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    assert (r, c) not in owner, (path.parent.name, token, "overlaps", owner[r, c].range)
                    owner[r, c] = cell
            cells.append(cell)
            col = c1 + 1
    for r in range(1, len(lines) + 1):
        for c in range(1, width + 1):
            if (r, c) not in owner:
                cell = Cell(r, c, r, c, "", filler=True)
                owner[r, c] = cell
                cells.append(cell)
    return Grid(width, len(lines), cells, plain)


def numeric(text: str) -> tuple[object, str | None] | None:
    """A printed number as Excel would hold it: (value, number format), or None for text."""
    t = text.strip()
    if re.fullmatch(r"-?\d+", t):
        return int(t), None
    m = re.fullmatch(r"-?\d+\.(\d+)", t)
    if m:
        return float(t), "0." + "0" * len(m.group(1))
    m = re.fullmatch(r"(\d+(?:\.(\d+))?)%", t)
    if m:
        decimals = len(m.group(2) or "")
        value = round(float(m.group(1)) / 100, decimals + 2)
        return value, "0%" if not decimals else "0." + "0" * decimals + "%"
    return None


# --------------------------------------------------------------------------------------------
# Layouts of the corpus tables (table.txt line number -> one range per table.txt cell)
# --------------------------------------------------------------------------------------------


def seq(row: int, first: str, last: str) -> str:
    return " ".join(f"{col_letters(c)}{row}" for c in range(col_number(first), col_number(last) + 1))


LAYOUT_01 = {  # width 11, A..K
    1: seq(1, "A", "F"),
    2: "A2:K2",
    3: "A3 B3:K3",
    4: "A4 B4:E4 F4:G4 H4:K4",
    5: "A5:A7 B5:B6 C5:F5 G5:K5",
    6: "- - C6:F6 G6:K6",
    7: "- B7 C7:K7",
    8: "A8:A13 " + seq(8, "B", "H") + " I8:K8",
    9: "- " + seq(9, "B", "H") + " I9:K13",
    **{r: "- " + seq(r, "B", "H") for r in range(10, 14)},
    14: "A14:A16 " + seq(14, "B", "K"),
    15: "- " + seq(15, "B", "K"),
    16: "- " + seq(16, "B", "K"),
    17: "A17:H17 I17 J17 K17",
    18: "A18 B18:K18",
    19: "A19 B19:K19",
    20: "A20 B20:K20",
    21: "A21:D21 E21:H21 I21:K21",
}

LAYOUT_04 = {  # width 10, A..J; grid header over rows 12-13
    1: "A1:G1 H1:J1",
    2: "A2:J2",
    3: "A3:C3 D3:J3",
    4: "A4:C4 D4:E4 F4:G4 H4:J4",
    5: "A5:B5 " + seq(5, "C", "G") + " H5:J5",
    # The money lines printed 年初预算数 blank; text copied out of the page lost the blank cell.
    6: "A6:B6 " + seq(6, "D", "H"),
    7: "A7:B7 " + seq(7, "D", "G"),
    8: "A8:B8 " + seq(8, "D", "G"),
    9: "A9:B9 " + seq(9, "C", "G"),
    10: "A10:B11 C10:F10 G10:J10",
    11: "- C11:F11 G11:J11",
    12: "A12:C12 D12:F12 G12:G13 H12:H13 I12:I13 J12:J13",
    13: seq(13, "A", "F"),
    14: "A14:A17 " + seq(14, "B", "I"),
    **{r: "- " + seq(r, "B", "I") for r in (15, 16, 17)},
    18: "A18:A21 B18 C18 D18:F18 G18 H18 I18",
    19: "- " + seq(19, "B", "I"),
    20: "- B20",
    21: "- " + seq(21, "B", "I"),
    22: "A22:A23 B22:B23 " + seq(22, "C", "I"),
    23: "- - " + seq(23, "C", "I"),
    24: "A24:C24 D24:J24",
    25: "A25:G25 H25 I25 J25",
}

LAYOUT_07 = {  # width 6
    1: "A1:F1",
    2: "A2:F2",
    3: "A3 B3:C3 D3 E3:F3",
    4: "A4 B4:C4 D4 E4:F4",
    5: "A5 B5:F5",
    6: "A6 B6:F6",
    7: "A7 B7:F7",
    8: "A8:A18 " + seq(8, "B", "F"),
    9: "- B9:B13 C9:C10 D9 E9 F9",
    10: "- - - D10 E10 F10",
    **{r: "- - " + seq(r, "C", "F") for r in (11, 12, 13)},
    14: "- B14:B18 " + seq(14, "C", "F"),
    **{r: "- - " + seq(r, "C", "F") for r in (15, 16, 17, 18)},
    19: "A19 B19:F19",
    20: "A20:F20",
}

LAYOUT_08 = {  # width 6
    1: "A1:F1",
    2: "A2:F2",
    3: "A3 B3:C3 D3 E3:F3",
    4: "A4 B4:C4 D4 E4:F4",
    5: "A5 B5:C5 D5 E5:F5",
    6: "A6 B6:F6",
    7: "A7 B7:F7",
    8: "A8:A9 B8:D8 E8 F8",
    9: "- B9:D9 E9 F9",
    10: "A10:A11 B10:C10 D10:F10",
    11: "- B11:C11 D11:F11",
    12: "A12:A22 " + seq(12, "B", "F"),
    13: "- B13:B17 C13:C14 D13 E13 F13",
    14: "- - - D14 E14 F14",
    **{r: "- - " + seq(r, "C", "F") for r in (15, 16, 17)},
    18: "- B18:B22 " + seq(18, "C", "F"),
    **{r: "- - " + seq(r, "C", "F") for r in (19, 20, 21, 22)},
    23: "A23 B23:F23",
    24: "A24:F24",
}

LAYOUT_09 = {  # width 7
    1: "A1:G1",
    2: "A2:G2",
    3: "A3:G3",
    4: "A4 B4:G4",
    5: "A5 B5:C5 D5 E5:G5",
    6: "A6 B6:G6",
    7: "A7:A8 B7:G7",
    8: "- B8:G8",
    9: "A9:A11 B9:C9 D9 E9 F9:G9",
    10: "- B10:C10 D10 E10 F10:G10",
    11: "- B11:C11 D11 E11 F11:G11",
    12: "A12:A16 " + seq(12, "B", "G"),
    13: "- B13:B15 " + seq(13, "C", "G"),
    14: "- - " + seq(14, "C", "G"),
    15: "- - " + seq(15, "C", "G"),
    16: "- B16 C16 D16:E16 F16 G16",
    17: "A17:C17 D17:G17",
    18: "A18:C18 D18:G18",
    19: "A19:G19",
}

LAYOUT_10 = {  # width 12, A..L; lines 1-2 become paragraphs above the table
    1: "A1:L1",
    2: "A2:L2",
    3: seq(3, "A", "L"),
    4: "A4:B4 - C4",
    5: "A5:A17 B5:B12 C5:C12 D5:D12 " + seq(5, "E", "L"),
    **{r: "- - - - " + seq(r, "E", "L") for r in range(6, 13)},
    13: "- B13:B17 C13:C17 D13:D17 " + seq(13, "E", "L"),
    **{r: "- - - - " + seq(r, "E", "L") for r in (14, 15, 16)},
    17: "- - - - " + seq(17, "E", "K"),
}

LAYOUT_12 = {  # width 10, A..J
    1: "A1:J1",
    2: "A2:J2",
    3: "A3:B3 C3:F3 G3:H3 I3:J3",
    4: "A4:A12 B4:B5 C4:F4 G4:H4 I4:J4",
    5: "- - " + seq(5, "C", "J"),
    6: "- " + seq(6, "B", "J"),
    7: "- B7",
    8: "- " + seq(8, "B", "J"),
    9: "- B9",
    10: "- B10",
    11: "- B11",
    12: "- " + seq(12, "B", "J"),
    13: "A13:A14 B13:F13 G13:J13",
    14: "- B14:F14 G14:J14",
    15: "A15:A16 B15 C15 D15 E15:F15 G15 H15 I15 J15",
    16: "- B16 C16 D16 E16:F16",
}


# --------------------------------------------------------------------------------------------
# Zip normalisation (fixed entry times, fixed document dates)
# --------------------------------------------------------------------------------------------


def normalize_zip(
    path: Path,
    edits: dict[str, bytes | None] | None = None,
    extra: dict[str, bytes] | None = None,
    when: str = "2024-01-01T00:00:00Z",
) -> None:
    """Rewrite a zip with fixed entry times; replace (bytes) or drop (None) entries; add entries;
    pin dcterms:created/modified in docProps/core.xml."""
    edits = edits or {}
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries + list((extra or {}).items()):
            if name in edits:
                data = edits[name]
                if data is None:
                    continue
            if name == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>" + when.encode() + rb"\g<2>",
                    data,
                )
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())


# --------------------------------------------------------------------------------------------
# openpyxl (.xlsx)
# --------------------------------------------------------------------------------------------


def new_workbook(created: dt.datetime):
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = created
    wb.properties.modified = created
    return wb


def xlsx_styles():
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "font": Font(name="宋体", size=10),
        "title": Font(name="宋体", size=16, bold=True),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
    }


def grid_to_sheet(ws, grid: Grid, typer=None, widths: dict[str, float] | None = None, title_rows=(1,)) -> None:
    """Write a Grid into an openpyxl worksheet: values, merges, borders on every slot of a box."""
    st = xlsx_styles()
    for cell in sorted(grid.cells, key=lambda c: (c.r1, c.c1)):
        target = ws.cell(row=cell.r1, column=cell.c1)
        if cell.text != "":
            typed = typer(cell) if typer else None
            if typed is None:
                target.value = cell.text
            else:
                target.value, fmt = typed
                if fmt:
                    target.number_format = fmt
        if cell.merged:
            ws.merge_cells(cell.range)
        target.font = st["title"] if cell.r1 in title_rows else st["font"]
        long_text = len(cell.text) > 24
        target.alignment = (
            st["left"] if long_text or (cell.r1 in grid.plain and cell.r1 not in title_rows) else st["center"]
        )
        if cell.r1 not in grid.plain:
            for r in range(cell.r1, cell.r2 + 1):
                for c in range(cell.c1, cell.c2 + 1):
                    ws.cell(row=r, column=c).border = st["border"]
    for letter, width in (widths or {}).items():
        ws.column_dimensions[letter].width = width


def write_xlsx(wb, path: Path, created: str, edits=None, extra=None) -> None:
    wb.save(path)
    normalize_zip(path, edits, extra, when=created)


def make_01(out: Path) -> None:
    grid = lay_out(table_txt("01"), LAYOUT_01, 11, plain={1, 2})

    def typer(cell: Cell):
        if (cell.r1 in range(9, 14) and cell.c1 in range(3, 9)) or (cell.r1 in (15, 16, 17) and cell.c1 in (6, 9)):
            return numeric(cell.text)
        return None

    wb = new_workbook(dt.datetime(2024, 3, 12, 9, 30))
    ws = wb.active
    ws.title = "部门预算项目支出绩效自评表"
    widths = dict(zip("ABCDEFGHIJK", (14, 16, 14, 18, 12, 12, 10, 10, 10, 10, 24), strict=True))
    grid_to_sheet(ws, grid, typer, widths, title_rows=(2,))
    write_xlsx(wb, out, "2024-03-12T09:30:00Z")


def make_12(out: Path) -> None:
    grid = lay_out(table_txt("12"), LAYOUT_12, 10, plain={1, 2})
    money_rows = (6, 8, 12)

    def typer(cell: Cell):
        if cell.r1 in money_rows and cell.c1 >= 3:
            if cell.c1 == 8:  # 支出实现率 ⑥=⑤/④, the unrounded ratio shown as 93%
                return 2546673.98 / 2751417.82, "0%"
            if cell.c1 == 10:  # 资金结余率 ⑧=⑦/④, shown as 7%
                return 204743.84 / 2751417.82, "0%"
            return numeric(cell.text)
        return None  # 部门预算编码 901001033 stays text, as codes are typed in

    wb = new_workbook(dt.datetime(2019, 12, 30, 8, 41, 12))
    ws = wb.active
    ws.title = "Sheet1"
    widths = dict(zip("ABCDEFGHIJ", (16, 18, 14, 12, 12, 14, 14, 12, 14, 12), strict=True))
    grid_to_sheet(ws, grid, typer, widths, title_rows=(1,))
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        "<Application>WPS 表格</Application>"
        '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant>'
        "<vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>"
        '<TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>Sheet1</vt:lpstr></vt:vector></TitlesOfParts>'
        "</Properties>"
    ).encode()
    custom = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
        b"<vt:lpwstr>2052-11.1.0.9208</vt:lpwstr></property></Properties>"
    )
    wb.save(out)
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode("utf-8")
        rels = z.read("_rels/.rels").decode("utf-8")
    types = types.replace(
        "</Types>",
        '<Override PartName="/docProps/custom.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    )
    assert 'Id="rId4"' not in rels, rels
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rId4" Target="docProps/custom.xml" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"/>'
        "</Relationships>",
    )
    normalize_zip(
        out,
        {"docProps/app.xml": app, "[Content_Types].xml": types.encode("utf-8"), "_rels/.rels": rels.encode("utf-8")},
        {"docProps/custom.xml": custom},
        when="2019-12-30T08:41:12Z",
    )


def make_seed_xlsx(out: Path) -> None:
    wb = new_workbook(dt.datetime(2023, 2, 20, 10, 0))
    ws = wb.active
    ws.title = "Sheet1"
    lines = seed_bytes().decode("utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()
    for r, line in enumerate(lines, 1):
        for c, text in enumerate(line.split("\t"), 1):
            if text != "":
                ws.cell(row=r, column=c, value=text)  # every cell as text, exactly as the TSV has it
    write_xlsx(wb, out, "2023-02-20T10:00:00Z")


# --------------------------------------------------------------------------------------------
# hazards.xlsx: an invented 目标表 with planted hazards
# --------------------------------------------------------------------------------------------

# (level1, level2, name, 指标性质, 指标值, 度量单位, 分值, 指标解释, hazard code or None, hazard column)
# A value "=..." is written as a formula (openpyxl stores no cached result).
HAZARD_ROWS = [
    (
        "产出指标(50分)",
        "数量指标",
        "管护设施数量",
        "≥",
        50,
        "个",
        10,
        "纳入管护范围的灌溉、道路等田间设施数量",
        None,
        None,
    ),
    ("", "", "田间巡查次数", "", "2280次", "次", 5, "全年开展田间设施巡查的次数", "comparator-read-as-2", "E"),
    ("", "", "新建灌溉渠道长度", "", 100, "米", 5, "年度新建衬砌灌溉渠道长度", "comparator-inferred", "E"),
    ("", "", "……", "", "", "", "", "", "placeholder", "C"),
    (
        "",
        "质量指标",
        "田间道路维护合格率",
        "",
        "292%",
        "%",
        5,
        "经验收合格的维护路段占维护路段总数的比例",
        "comparator-read-as-2",
        "E",
    ),
    ("", "", "设施完好率", "≥", 0.95, "%", 5, "管护期内正常运行的设施占设施总数的比例", "percent-ambiguous", "E"),
    ("", "", "其他质量指标", "", "/", "", "", "", "placeholder", "E"),
    ("", "时效指标", "管护台账建立", "=", "完成", "", 5, "10月底前完成管护台账建立并报县农业农村局备案", None, None),
    ("", "成本指标", "设备购置成本", "≤", "28.8万元", "%", 5, "巡查及养护设备购置支出", "unit-conflict", "E"),
    ("", "", "管护经费支出", "≤", 90, "万元", 5, "年度管护经费控制在预算内", None, None),
    ("效益指标(30分)", "社会效益指标", "灌溉设施修复完成率", "≥", 95, "%", 10, "完成率=完成数/计划数×100%", None, None),
    ("", "", "指标1：", "", "", "", "", "", "placeholder", "C"),
    ("", "经济效益指标", "亩均粮食增产", "≥", 50, "公斤", "=5+5", "项目区亩均粮食增产量", "formula-uncached", "G"),
    (
        "",
        "可持续影响指标",
        "设施长效管护机制",
        "=",
        "见附件",
        "",
        10,
        "建立健全田间设施长效管护机制",
        "unreadable-target",
        "E",
    ),
    ("", "", "农田灌溉保证率", "", "", "", "", "", "truncated-row", "C"),
    (
        "满意度指标(20分)",
        "服务对象满意度指标",
        "受益农户满意度",
        "≥",
        90,
        "%",
        10,
        "抽样问卷调查受益农户的满意程度",
        None,
        None,
    ),
    ("", "", "村集体经济组织满意度", "≥", 90, "%", 10, "问卷调查项目区村集体经济组织的满意程度", None, None),
]
HAZARD_FIRST_ROW = 5


def runs(values: list[str]) -> list[tuple[int, int]]:
    """(first, last) index ranges of a label column: a label, then blanks below it."""
    starts = [i for i, v in enumerate(values) if v]
    return [(s, (starts[k + 1] if k + 1 < len(starts) else len(values)) - 1) for k, s in enumerate(starts)]


def make_hazards(out: Path, out_json: Path) -> None:
    st = xlsx_styles()
    wb = new_workbook(dt.datetime(2024, 1, 15, 14, 5))
    ws = wb.active
    ws.title = "绩效目标表"
    ws["A1"] = "2024年度项目支出绩效目标表"
    ws.merge_cells("A1:H1")
    ws["A1"].font, ws["A1"].alignment = st["title"], st["center"]
    head = [
        ("A2", "单位名称"),
        ("B2", "青山县农业农村局"),
        ("E2", "项目名称"),
        ("F2", "高标准农田建设管护经费"),
        ("A3", "年度"),
        ("B3", 2024),
        ("E3", "金额单位"),
        ("F3", "万元"),
    ]
    for ref, value in head:
        ws[ref] = value
    for rng in ("B2:D2", "F2:H2", "B3:D3", "F3:H3"):
        ws.merge_cells(rng)
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "分值", "指标解释"]
    for c, text in enumerate(header, 1):
        ws.cell(row=4, column=c, value=text)
    hazards = []
    for i, row in enumerate(HAZARD_ROWS):
        r = HAZARD_FIRST_ROW + i
        for c, value in enumerate(row[2:8], 3):
            if value != "":
                ws.cell(row=r, column=c, value=value)  # str "=5+5" becomes a formula with no cached value
        code, col = row[8], row[9]
        if code:
            name = None if row[2] in ("……", "指标1：") else row[2]
            hazards.append({"code": code, "name": name, "cell": f"{col}{r}"})
    last = HAZARD_FIRST_ROW + len(HAZARD_ROWS) - 1
    assert all(row[1] for row in HAZARD_ROWS if row[0])  # a 二级 run never crosses a 一级 boundary
    for col, index in (("A", 0), ("B", 1)):
        values = [row[index] for row in HAZARD_ROWS]
        for first, lastrun in runs(values):
            r1, r2 = HAZARD_FIRST_ROW + first, HAZARD_FIRST_ROW + lastrun
            ws[f"{col}{r1}"] = values[first]
            if r2 > r1:
                ws.merge_cells(f"{col}{r1}:{col}{r2}")
    # weights-mismatch: 产出指标(50分) whose 三级 分值 add up to 45
    (first_out, last_out), *_ = runs([row[0] for row in HAZARD_ROWS])
    assert sum(row[6] for row in HAZARD_ROWS[first_out : last_out + 1] if row[6] != "") == 45
    hazards.append({"code": "weights-mismatch", "name": None, "cell": f"A{HAZARD_FIRST_ROW}"})
    for r in range(1, last + 1):
        for c in range(1, 9):
            cell = ws.cell(row=r, column=c)
            if r > 1:
                cell.font = st["font"]
                cell.alignment = st["left"] if c == 8 else st["center"]
                cell.border = st["border"]
            if r >= HAZARD_FIRST_ROW and c == 5 and isinstance(cell.value, float):
                cell.number_format = "General"  # 0.95 under unit %: no percent format
    for letter, width in zip("ABCDEFGH", (16, 18, 22, 9, 10, 9, 7, 40), strict=True):
        ws.column_dimensions[letter].width = width
    write_xlsx(wb, out, "2024-01-15T14:05:00Z")
    hazards.sort(key=lambda h: (int(h["cell"][1:]), h["cell"][0]))
    lines = ",\n".join("  " + json.dumps(h, ensure_ascii=False) for h in hazards)
    out_json.write_text("[\n" + lines + "\n]\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# two-row-header.xlsx: an invented 自评表 with a two-row grid header
# --------------------------------------------------------------------------------------------

# (一级, 二级, 三级, 指标性质, 指标值, 度量单位, 实际完成值, 分值, 得分)
TWO_ROW_ROWS = [
    ("产出指标", "数量指标", "维修养护供水工程", "≥", 35, "处", "38处", 15, 15),
    ("", "", "更换老旧供水管网长度", "≥", 12, "公里", "12.6公里", 10, 10),
    ("", "质量指标", "维修工程验收合格率", "=", 100, "%", "100%", 10, 10),
    ("", "时效指标", "维修养护完成及时率", "≥", 95, "%", "92%", 10, 9),
    ("", "成本指标", "维修养护成本", "≤", 120, "万元", "118.6万元", 5, 5),
    ("效益指标", "社会效益指标", "受益人口", "≥", 2.3, "万人", "2.41万人", 15, 15),
    ("", "可持续影响指标", "工程正常运行年限", "≥", 5, "年", "5年", 10, 10),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥", 90, "%", "93%", 15, 14),
]


def make_two_row(out: Path, out_json: Path) -> None:
    st = xlsx_styles()
    wb = new_workbook(dt.datetime(2024, 2, 28, 16, 20))
    ws = wb.active
    ws.title = "项目支出绩效自评表"
    layout = [  # (range, text)
        ("A1:I1", "项目支出绩效自评表"),
        ("A2:I2", "(2023年度)"),
        ("A3:B3", "项目名称"),
        ("C3:I3", "农村饮水安全工程维修养护经费"),
        ("A4:B4", "主管部门"),
        ("C4:E4", "青山县水利局"),
        ("F4:G4", "实施单位"),
        ("H4:I4", "青山县农村供水管理站"),
        ("A5:A6", "一级指标"),
        ("B5:B6", "二级指标"),
        ("C5:C6", "三级指标"),
        ("D5:F5", "年度指标值"),
        ("G5:G6", "实际完成值"),
        ("H5:H6", "分值"),
        ("I5:I6", "得分"),
        ("D6", "指标性质"),
        ("E6", "指标值"),
        ("F6", "度量单位"),
    ]
    first = 7
    last = first + len(TWO_ROW_ROWS) - 1
    for i, row in enumerate(TWO_ROW_ROWS):
        for c, value in enumerate(row[2:], 3):
            ws.cell(row=first + i, column=c, value=value)
    assert all(row[1] for row in TWO_ROW_ROWS if row[0])
    for col, index in (("A", 0), ("B", 1)):
        values = [row[index] for row in TWO_ROW_ROWS]
        for a, b in runs(values):
            layout.append((f"{col}{first + a}:{col}{first + b}" if b > a else f"{col}{first + a}", values[a]))
    total_row = last + 1
    weight = sum(row[7] for row in TWO_ROW_ROWS)
    score = sum(row[8] for row in TWO_ROW_ROWS)
    layout += [(f"A{total_row}:G{total_row}", "合计"), (f"H{total_row}", weight), (f"I{total_row}", score)]
    for rng, value in layout:
        anchor = rng.split(":")[0]
        ws[anchor] = value
        if ":" in rng:
            ws.merge_cells(rng)
    for r in range(1, total_row + 1):
        for c in range(1, 10):
            cell = ws.cell(row=r, column=c)
            cell.font = st["title"] if r == 1 else st["font"]
            cell.alignment = st["center"]
            if r > 2:
                cell.border = st["border"]
    for letter, width in zip("ABCDEFGHI", (12, 18, 22, 9, 9, 9, 12, 7, 7), strict=True):
        ws.column_dimensions[letter].width = width
    write_xlsx(wb, out, "2024-02-28T16:20:00Z")

    level1 = level2 = ""
    indicators = []
    for row in TWO_ROW_ROWS:
        level1 = row[0] or level1
        level2 = row[1] or (level2 if not row[0] else "")
        indicators.append(
            {
                "level1": level1,
                "level2": level2,
                "name": row[2],
                "target": fmt_number(row[4]),
                "actual": row[6],
                "weight": fmt_number(row[7]),
                "score": fmt_number(row[8]),
                "deviation_reason": None,
                "likelihood": None,
                "comparator": row[3],
                "unit": row[5],
            }
        )
    expected = {
        "kind": "自评表",
        "year": "2023",
        "indicators": indicators,
        "total_score": fmt_number(score),
        "budget": None,
    }
    out_json.write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def fmt_number(value) -> str:
    return str(value)


# --------------------------------------------------------------------------------------------
# xlwt (.xls, BIFF8)
# --------------------------------------------------------------------------------------------


def make_04(out: Path) -> None:
    import xlwt

    grid = lay_out(table_txt("04"), LAYOUT_04, 10, plain={1, 2})
    base = "font: name 宋体, height 200; align: wrap on, vert centre, horiz {h}; {b}"
    borders = "borders: left thin, right thin, top thin, bottom thin"
    cache: dict[tuple, object] = {}

    def style(h="centre", border=True, fmt=None, title=False):
        key = (h, border, fmt, title)
        if key not in cache:
            spec = base.format(h=h, b=borders if border else "")
            if title:
                spec = spec.replace("height 200", "height 320, bold on")
            cache[key] = xlwt.easyxf(spec.rstrip("; "), num_format_str=fmt) if fmt else xlwt.easyxf(spec.rstrip("; "))
        return cache[key]

    def typed(cell: Cell):
        # amounts, scores, 735/100/95 targets, percentages (1.0 formatted 0%); "公开14表" etc. stay text
        if cell.r1 >= 5 and cell.r1 != 10 and cell.r1 != 11:
            return numeric(cell.text)
        return None

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("公开14表")
    for cell in sorted(grid.cells, key=lambda c: (c.r1, c.c1)):
        value, fmt = typed(cell) or (cell.text, None)
        h = "left" if len(cell.text) > 24 or (cell.r1 == 1 and cell.c1 > 1) else "centre"
        if cell.r1 == 2:
            h = "right"
        s = style(h, cell.r1 not in grid.plain, fmt, title=cell.r1 == 1 and cell.c1 == 1)
        if cell.merged:
            ws.write_merge(cell.r1 - 1, cell.r2 - 1, cell.c1 - 1, cell.c2 - 1, value, s)
        else:
            ws.write(cell.r1 - 1, cell.c1 - 1, value, s)
    for c, width in enumerate((12, 14, 22, 10, 10, 10, 12, 8, 8, 20)):
        ws.col(c).width = width * 256
    wb.save(str(out))


# --------------------------------------------------------------------------------------------
# HTML (07 as an Excel-style .xls, 08 for the PDF)
# --------------------------------------------------------------------------------------------


def html_rows(grid: Grid, rows, content) -> list[str]:
    out = []
    for r in rows:
        tds = []
        for cell in grid.anchored(r):
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            cls, body = content(cell)
            if cls:
                attrs += f' class="{cls}"'
            tds.append(f"<td{attrs}>{body}</td>")
        out.append(" <tr>" + "".join(tds) + "</tr>")
    return out


def make_07(out: Path) -> None:
    grid = lay_out(table_txt("07"), LAYOUT_07, 6, plain={1, 2, 20})
    breaks = {  # table.txt joined these printed lines with a space; the export has <br>
        "年度本级 预算金额": "年度本级<br>预算金额",
        "本年度 绩效指标": "本年度<br>绩效指标",
    }

    def content(cell: Cell):
        if cell.text == "":
            return ("xl25" if cell.r1 not in grid.plain else None), "&nbsp;"
        body = breaks.get(cell.text) or html.escape(cell.text, quote=False)
        if cell.r1 == 2:
            body = body.replace(" ", "&nbsp;")
        cls = "xl24" if cell.r1 == 1 else "xl26" if cell.r1 in grid.plain else "xl25"
        return cls, body

    head = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<meta name="ProgId" content="Excel.Sheet">
<meta name="Generator" content="Microsoft Excel 11">
<style>
<!--table
 {mso-displayed-decimal-separator:"\\.";
 mso-displayed-thousand-separator:"\\,";}
td {padding-top:1px; padding-right:1px; padding-left:1px; mso-ignore:padding; color:windowtext;
 font-size:10.5pt; font-family:宋体; mso-font-charset:134; vertical-align:middle; white-space:nowrap}
.xl24 {font-size:16.0pt; font-weight:700; text-align:center;}
.xl25 {text-align:center; border:.5pt solid windowtext; white-space:normal;}
.xl26 {text-align:left;}
-->
</style>
<!--[if gte mso 9]><xml>
 <x:ExcelWorkbook>
  <x:ExcelWorksheets>
   <x:ExcelWorksheet>
    <x:Name>Sheet1</x:Name>
    <x:WorksheetOptions><x:Selected/></x:WorksheetOptions>
   </x:ExcelWorksheet>
  </x:ExcelWorksheets>
 </x:ExcelWorkbook>
</xml><![endif]-->
</head>
<body>
<table x:str border="0" cellpadding="0" cellspacing="0" width="868"
 style="border-collapse:collapse;table-layout:fixed;width:651pt">
 <col width="108"><col width="120"><col width="150"><col width="260"><col width="120"><col width="110">
"""
    rows = html_rows(grid, range(1, grid.rows + 1), content)
    text = head + "\n".join(rows) + "\n</table>\n</body>\n</html>\n"
    out.write_bytes(text.replace("\n", "\r\n").encode("gbk"))


def make_08(out: Path) -> bool | None:
    grid = lay_out(table_txt("08"), LAYOUT_08, 6, plain={1, 2, 24})
    cells = {(c.r1, c.c1): c.text for c in grid.cells}

    def content(cell: Cell):
        cls = "l" if len(cell.text) > 24 else None
        return cls, html.escape(cell.text, quote=False)

    rows = html_rows(grid, range(3, 24), content)
    doc = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(cells[1, 1])}</title>
<style>
@page {{ size: A4; margin: 15mm 12mm; }}
body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; }}
h1 {{ text-align: center; font-size: 16pt; margin: 0 0 8pt 0; }}
p {{ margin: 0 0 4pt 0; }}
table {{ border-collapse: collapse; width: 100%; table-layout: fixed; }}
td {{ border: 0.75pt solid #000; padding: 3pt 4pt; text-align: center; vertical-align: middle; }}
td.l {{ text-align: left; }}
</style></head>
<body>
<h1>{html.escape(cells[1, 1])}</h1>
<p>{html.escape(cells[2, 1])}</p>
<table>
<colgroup>{"".join(f'<col style="width:{w}%">' for w in (14, 13, 17, 26, 16, 14))}</colgroup>
{chr(10).join(rows)}
</table>
<p style="margin-top:6pt">{html.escape(cells[24, 1])}</p>
</body></html>
"""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        print(f"skip {out.name}: no chromium on PATH")
        return False
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "08-hunan.html"
        page.write_text(doc, encoding="utf-8")
        pdf = Path(tmp) / "out.pdf"
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--user-data-dir={tmp}/profile",
                f"--print-to-pdf={pdf}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
            env={**os.environ, "TZ": "UTC"},
        )
        data = pdf.read_bytes()
    # pin the dates Chromium stamps (same length, so the xref offsets stay valid)
    data = re.sub(rb"\(D:\d{14}", b"(D:20240709000000", data)
    expected = {(c.r1 - 3, c.c1 - 1): c.text for c in grid.cells if 3 <= c.r1 <= 23}
    out.write_bytes(repair_radicals(data, expected))


def pdf_table(data: bytes) -> tuple[list[list[str | None]], str]:
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # Skia's Type3 fonts: "Could not get FontBBox"
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        (table,) = page.extract_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines"})
        return table, "".join(ch["text"] for ch in page.chars)


def repair_radicals(data: bytes, expected: dict[tuple[int, int], str]) -> bytes:
    """Skia writes each glyph's ToUnicode as the LOWEST code point the font maps to it, and Noto CJK
    shares glyphs between radicals and ideographs: 目 comes out as U+2F6C KANGXI RADICAL EYE, 车 as
    U+2ECB CJK RADICAL C-SIMPLIFIED CART. Learn radical -> ideograph from the table cells (same glyph,
    known text), rewrite those ToUnicode CMaps, renumber the xref, and check the text reads back."""
    radical = re.compile("[\u2e80-\u2fdf]")
    squeeze = lambda s: re.sub(r"\s+", "", s or "")  # noqa: E731
    table, chars = pdf_table(data)
    mapping: dict[str, str] = {}
    for (r, c), text in expected.items():
        got, want = squeeze(table[r][c]), squeeze(text)
        if len(got) == len(want):
            mapping.update((a, b) for a, b in zip(got, want, strict=True) if a != b and radical.match(a))
    if not radical.search(chars):
        return data
    missing = set(radical.findall(chars)) - set(mapping)
    assert not missing, f"radicals with no known ideograph: {missing}"

    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    head = re.compile(rb"xref\s+0 (\d+)\s+").match(data, startxref)
    count = int(head.group(1))
    rows = [data[head.end() + 20 * k : head.end() + 20 * (k + 1)] for k in range(count)]
    tail = data[head.end() + 20 * count :]
    offsets = {k: int(row[:10]) for k, row in enumerate(rows) if row[17:18] == b"n"}
    order = sorted(offsets, key=offsets.get)
    ends = {k: (offsets[order[i + 1]] if i + 1 < len(order) else startxref) for i, k in enumerate(order)}
    targets = {int(n) for n in re.findall(rb"/ToUnicode (\d+) 0 R", data)}
    hexmap = {f"{ord(a):04X}".encode(): f"{ord(b):04X}".encode() for a, b in mapping.items()}

    def fix_cmap(cmap: bytes) -> bytes:
        codes: dict[bytes, bytes] = {}
        for block in re.findall(rb"beginbfchar\s*(.*?)endbfchar", cmap, re.S):
            for src, dst in re.findall(rb"<([0-9A-F]+)>\s*<([0-9A-F]+)>", block):
                codes[src] = dst
        for block in re.findall(rb"beginbfrange\s*(.*?)endbfrange", cmap, re.S):
            for lo, hi, dst in re.findall(rb"<([0-9A-F]+)>\s*<([0-9A-F]+)>\s*<([0-9A-F]+)>", block):
                for i in range(int(hi, 16) - int(lo, 16) + 1):
                    codes[b"%0*X" % (len(lo), int(lo, 16) + i)] = b"%04X" % (int(dst, 16) + i)
        if not any(dst in hexmap for dst in codes.values()):
            return cmap
        items = sorted((src, hexmap.get(dst, dst)) for src, dst in codes.items())
        body = b"".join(
            b"%d beginbfchar\n" % len(chunk) + b"".join(b"<%s> <%s>\n" % pair for pair in chunk) + b"endbfchar\n"
            for chunk in (items[i : i + 100] for i in range(0, len(items), 100))
        )
        start = re.search(rb"\d+ begin(?:bfchar|bfrange)", cmap).start()
        return cmap[:start] + body + cmap[cmap.index(b"endcmap") :]

    chunks = {}
    for k in order:
        chunk = data[offsets[k] : ends[k]]
        if k in targets:
            m = re.compile(rb"(\d+ 0 obj\s*<<.*?/Length )(\d+)(>>\s*stream\r?\n)", re.S).match(chunk)
            length = int(m.group(2))
            cmap = fix_cmap(zlib.decompress(chunk[m.end() : m.end() + length]))
            packed = zlib.compress(cmap, 9)
            chunk = m.group(1) + str(len(packed)).encode() + m.group(3) + packed + chunk[m.end() + length :]
        chunks[k] = chunk
    out = bytearray(data[: offsets[order[0]]])
    for k in order:
        rows[k] = b"%010d" % len(out) + rows[k][10:]
        out += chunks[k]
    xref_at = len(out)
    out += data[startxref : head.end()] + b"".join(rows)
    out += re.sub(rb"startxref\s+\d+", b"startxref\n%d" % xref_at, tail)
    result = bytes(out)

    table, chars = pdf_table(result)
    assert not radical.search(chars), sorted(set(radical.findall(chars)))
    for (r, c), text in expected.items():
        assert squeeze(table[r][c]) == squeeze(text), ((r, c), table[r][c], text)
    return result


# --------------------------------------------------------------------------------------------
# SpreadsheetML 2003 (09)
# --------------------------------------------------------------------------------------------


def make_09(out: Path) -> None:
    grid = lay_out(table_txt("09"), LAYOUT_09, 7, plain={1, 2, 3, 19})
    numbers = {(10, 4), (11, 4), (10, 5), (11, 5)}  # 年初预算数 220, 1-6月执行数 87.57
    border = (
        '<Borders><Border ss:Position="Bottom" ss:LineStyle="Continuous" ss:Weight="1"/>'
        '<Border ss:Position="Left" ss:LineStyle="Continuous" ss:Weight="1"/>'
        '<Border ss:Position="Right" ss:LineStyle="Continuous" ss:Weight="1"/>'
        '<Border ss:Position="Top" ss:LineStyle="Continuous" ss:Weight="1"/></Borders>'
    )
    font = '<Font ss:FontName="宋体" x:CharSet="134" ss:Size="10"/>'
    styles = f"""  <Style ss:ID="Default" ss:Name="Normal">
   <Alignment ss:Vertical="Center"/>
   <Borders/>
   {font}
   <Interior/>
   <NumberFormat/>
   <Protection/>
  </Style>
  <Style ss:ID="s21">
   <Alignment ss:Horizontal="Center" ss:Vertical="Center"/>
   <Font ss:FontName="宋体" x:CharSet="134" ss:Size="16" ss:Bold="1"/>
  </Style>
  <Style ss:ID="s22">
   <Alignment ss:Horizontal="Left" ss:Vertical="Center" ss:WrapText="1"/>
  </Style>
  <Style ss:ID="s23">
   <Alignment ss:Horizontal="Center" ss:Vertical="Center" ss:WrapText="1"/>
   {border}
  </Style>
  <Style ss:ID="s24">
   <Alignment ss:Horizontal="Left" ss:Vertical="Center" ss:WrapText="1"/>
   {border}
  </Style>
  <Style ss:ID="s25">
   <Alignment ss:Horizontal="Center" ss:Vertical="Center"/>
   {border}
   <NumberFormat ss:Format="0.00"/>
  </Style>"""
    out_rows = []
    for r in range(1, grid.rows + 1):
        parts = []
        expect = 1
        for cell in grid.anchored(r):
            attrs = ""
            if cell.c1 != expect:
                attrs += f' ss:Index="{cell.c1}"'
            if cell.colspan > 1:
                attrs += f' ss:MergeAcross="{cell.colspan - 1}"'
            if cell.rowspan > 1:
                attrs += f' ss:MergeDown="{cell.rowspan - 1}"'
            if r == 1:
                sid = "s21"
            elif r in grid.plain:
                sid = "s22"
            elif (r, cell.c1) in numbers:
                sid = "s25"
            else:
                sid = "s24" if len(cell.text) > 24 else "s23"
            attrs += f' ss:StyleID="{sid}"'
            if cell.text == "":
                parts.append(f"<Cell{attrs}/>")
            elif (r, cell.c1) in numbers:
                parts.append(f'<Cell{attrs}><Data ss:Type="Number">{cell.text}</Data></Cell>')
            else:
                parts.append(f'<Cell{attrs}><Data ss:Type="String">{html.escape(cell.text, quote=False)}</Data></Cell>')
            expect = cell.c2 + 1
        height = ' ss:AutoFitHeight="0" ss:Height="27"' if r == 1 else ""
        out_rows.append(f"   <Row{height}>\n    " + "\n    ".join(parts) + "\n   </Row>")
    widths = (70, 62, 90, 150, 110, 110, 60)
    doc = f"""<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">
  <Author>{AUTHOR}</Author>
  <LastAuthor>{AUTHOR}</LastAuthor>
  <Created>2019-08-20T02:15:00Z</Created>
  <LastSaved>2019-08-20T02:15:00Z</LastSaved>
  <Version>12.00</Version>
 </DocumentProperties>
 <ExcelWorkbook xmlns="urn:schemas-microsoft-com:office:excel">
  <ProtectStructure>False</ProtectStructure>
  <ProtectWindows>False</ProtectWindows>
 </ExcelWorkbook>
 <Styles>
{styles}
 </Styles>
 <Worksheet ss:Name="Sheet1">
  <Table ss:ExpandedColumnCount="{grid.width}" ss:ExpandedRowCount="{grid.rows}" x:FullColumns="1"
   x:FullRows="1" ss:DefaultColumnWidth="54" ss:DefaultRowHeight="14.25">
{chr(10).join(f'   <Column ss:AutoFitWidth="0" ss:Width="{w}"/>' for w in widths)}
{chr(10).join(out_rows)}
  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">
   <PageSetup><Layout x:Orientation="Landscape"/></PageSetup>
   <Selected/>
   <ProtectObjects>False</ProtectObjects>
   <ProtectScenarios>False</ProtectScenarios>
  </WorksheetOptions>
 </Worksheet>
</Workbook>
"""
    out.write_bytes(doc.encode("utf-8"))


# --------------------------------------------------------------------------------------------
# python-docx (10)
# --------------------------------------------------------------------------------------------


def make_10(out: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    grid = lay_out(table_txt("10"), LAYOUT_10, 12, plain={1, 2})
    first_row = 3
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Pt(42))
    normal = doc.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(9)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    cells = {(c.r1, c.c1): c.text for c in grid.cells}
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(cells[1, 1])
    run.bold = True
    run.font.size = Pt(16)
    unit = doc.add_paragraph(cells[2, 1])
    unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    table = doc.add_table(rows=grid.rows - first_row + 1, cols=grid.width)
    table.style = "Table Grid"
    for cell in grid.cells:
        if cell.r1 < first_row:
            continue
        top = table.cell(cell.r1 - first_row, cell.c1 - 1)
        target = top.merge(table.cell(cell.r2 - first_row, cell.c2 - 1)) if cell.merged else top
        target.text = cell.text
        target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    props = doc.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = props.comments = ""
    props.revision = 1
    props.created = props.modified = dt.datetime(2023, 3, 1, 9, 0)
    doc.save(out)
    normalize_zip(out, when="2023-03-01T09:00:00Z")


# --------------------------------------------------------------------------------------------
# legacy.doc: an OLE2 compound file with a minimal Word 97 document
# --------------------------------------------------------------------------------------------

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF


def word97_streams(text: str) -> list[tuple[str, bytes]]:
    """WordDocument (FIB + the text, UTF-16) and 1Table (a CLX with one piece)."""
    body = (text + "\r").encode("utf-16-le")
    fc_text = 0x800
    wd = bytearray(max(4096, fc_text + len(body)))
    wd[fc_text : fc_text + len(body)] = body
    struct.pack_into("<HHHHH", wd, 0, 0xA5EC, 0x00C1, 0, 0x0804, 0)  # wIdent, nFib, unused, lid zh-CN, pnNext
    struct.pack_into("<H", wd, 10, 0x0200 | 0x1000)  # fWhichTblStm (1Table), fExtChar
    struct.pack_into("<H", wd, 12, 0x00BF)  # nFibBack
    struct.pack_into("<H", wd, 32, 14)  # csw, then fibRgW (28 bytes)
    struct.pack_into("<H", wd, 62, 22)  # cslw, then fibRgLw (88 bytes)
    struct.pack_into("<I", wd, 64, len(wd))  # cbMac
    struct.pack_into("<i", wd, 76, len(text) + 1)  # ccpText
    struct.pack_into("<H", wd, 152, 0x5D)  # cbRgFcLcb (Word 97: 93 pairs)
    clx = struct.pack("<BI", 0x02, 16) + struct.pack("<II", 0, len(text) + 1) + struct.pack("<HIH", 0, fc_text, 0)
    struct.pack_into("<II", wd, 154 + 33 * 8, 0, len(clx))  # fcClx, lcbClx (offset 0x1A2)
    struct.pack_into("<H", wd, 154 + 93 * 8, 0)  # cswNew
    table = bytearray(4096)
    table[: len(clx)] = clx
    return [("WordDocument", bytes(wd)), ("1Table", bytes(table))]


def compound_file(streams: list[tuple[str, bytes]], root_clsid: bytes) -> bytes:
    """A version-3 compound file; every stream is >= 4096 bytes, so no mini stream is needed."""
    sector = 512
    fat: list[int] = []
    data = b""
    starts = []
    for _, payload in streams:
        assert len(payload) >= 4096
        padded = payload + b"\0" * (-len(payload) % sector)
        n = len(padded) // sector
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [ENDOFCHAIN]
        data += padded
    dir_sector = len(fat)
    fat.append(ENDOFCHAIN)
    fat_sector = len(fat)
    fat.append(FATSECT)
    fat += [FREESECT] * (sector // 4 - len(fat))
    assert len(fat) == sector // 4

    def entry(
        name: str,
        kind: int,
        color: int,
        left: int,
        right: int,
        child: int,
        start: int,
        size: int,
        clsid: bytes = b"\0" * 16,
    ) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(raw), kind, color, left, right, child)
            + clsid
            + struct.pack("<IQQIQ", 0, 0, 0, start, size)
        )

    names = [name for name, _ in streams]
    assert names == ["WordDocument", "1Table"]  # tree: root -> WordDocument, whose left sibling is 1Table
    directory = (
        entry("Root Entry", 5, 1, NOSTREAM, NOSTREAM, 1, ENDOFCHAIN, 0, root_clsid)
        + entry("WordDocument", 2, 1, 2, NOSTREAM, NOSTREAM, starts[0], len(streams[0][1]))
        + entry("1Table", 2, 0, NOSTREAM, NOSTREAM, NOSTREAM, starts[1], len(streams[1][1]))
        + entry("", 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0)
    )
    header = (
        bytes.fromhex("D0CF11E0A1B11AE1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, dir_sector, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
        + struct.pack("<I", fat_sector)
        + struct.pack("<I", FREESECT) * 108
    )
    assert len(header) == sector
    return header + data + directory + struct.pack(f"<{len(fat)}I", *fat)


def make_legacy_doc(out: Path) -> None:
    word_clsid = bytes.fromhex("0609020000000000C000000000000046")  # {00020906-0000-0000-C000-000000000046}
    text = "2023年项目支出绩效目标申报表\r本文件为 Word 97-2003 文档(.doc),不是工作簿。"
    out.write_bytes(compound_file(word97_streams(text), word_clsid))


# --------------------------------------------------------------------------------------------


def make_seed_as_xls(out: Path) -> None:
    out.write_bytes(seed_bytes())


def make_ods(out: Path) -> bool:
    """01-sichuan.xlsx as LibreOffice saves it in OpenDocument (.ods); needs `soffice` on PATH."""
    if shutil.which("soffice") is None:
        print(f"skip {out.name}: soffice is not installed")
        return False
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "ods", "--outdir", folder, str(HERE / "01-sichuan.xlsx")],
            check=True,
            capture_output=True,
        )
        out.write_bytes((Path(folder) / "01-sichuan.ods").read_bytes())
    return True


def make_dated_xls(out: Path) -> None:
    """A small .xls 目标表 whose footer holds a date cell (填报日期) and a yes/no cell, as real
    workbooks do: the cell kinds a BIFF reader must turn into text."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("目标表")
    for column, text in enumerate(("一级指标", "二级指标", "三级指标", "指标值")):
        sheet.write(0, column, text)
    for column, text in enumerate(("产出指标", "数量指标", "培训人次", "≥300人次")):
        sheet.write(1, column, text)
    sheet.write(2, 0, "填报日期")
    sheet.write(2, 1, dt.datetime(2023, 3, 1), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    sheet.write(2, 2, True)
    book.save(str(out))


def main(argv: list[str]) -> int:
    jobs = [
        ("01-sichuan.xlsx", lambda: make_01(HERE / "01-sichuan.xlsx")),
        ("04-yunnan.xls", lambda: make_04(HERE / "04-yunnan.xls")),
        ("07-hunan-html.xls", lambda: make_07(HERE / "07-hunan-html.xls")),
        ("08-hunan.pdf", lambda: make_08(HERE / "08-hunan.pdf")),
        ("09-hubei-spreadsheetml.xls", lambda: make_09(HERE / "09-hubei-spreadsheetml.xls")),
        ("10-sichuan.docx", lambda: make_10(HERE / "10-sichuan.docx")),
        ("12-fujian-wps.xlsx", lambda: make_12(HERE / "12-fujian-wps.xlsx")),
        ("seed.xlsx", lambda: make_seed_xlsx(HERE / "seed.xlsx")),
        ("seed-as.xls", lambda: make_seed_as_xls(HERE / "seed-as.xls")),
        ("hazards.xlsx", lambda: make_hazards(HERE / "hazards.xlsx", HERE / "hazards.json")),
        (
            "two-row-header.xlsx",
            lambda: make_two_row(HERE / "two-row-header.xlsx", HERE / "two-row-header.expected.json"),
        ),
        ("legacy.doc", lambda: make_legacy_doc(HERE / "legacy.doc")),
        ("dated.xls", lambda: make_dated_xls(HERE / "dated.xls")),
        ("01-sichuan.ods", lambda: make_ods(HERE / "01-sichuan.ods")),
    ]
    for name, job in jobs:
        if argv and not any(word in name for word in argv):
            continue
        try:
            if job() is False:
                continue
        except ModuleNotFoundError as exc:
            print(f"skip {name}: {exc}")
            continue
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
