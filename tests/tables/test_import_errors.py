"""Files perfrules cannot import get a perfrules error saying why and what helps, never a
traceback: one test per way a table file can be wrong."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfrules import TableFileError
from perfrules.tables import flat, read, workbooks
from perfrules.tables.importer import import_bytes, import_table
from perfrules.tables.sniff import OLE2

FILES = Path(__file__).parent / "files"


def zipped(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def ole2(stream: str) -> bytes:
    return OLE2 + bytes(504) + stream.encode("utf-16-le") + bytes(64)


CONVERT = "soffice --headless --convert-to"
CASES = {
    "empty": (b"  \n", "the file is empty"),
    "rtf": (
        b"\r\n{\\RTF1\\ansi table}",
        f"this file is RTF, which perfrules cannot read; convert it: {CONVERT} docx FILE",
    ),
    "word 97": (
        ole2("WordDocument"),
        f"this is a legacy Word (.doc) document, which perfrules cannot read; convert it to .docx: {CONVERT} docx FILE",
    ),
    "wps or et": (
        ole2("WpsContent"),
        "this is a legacy Office or WPS file (.doc, .et, .wps) that perfrules cannot read; convert it: "
        f"{CONVERT} xlsx FILE (or --convert-to docx for a document)",
    ),
    "damaged xls": (
        ole2("Workbook"),
        f"this .xls workbook cannot be read (*); if WPS or an old Excel made it, convert it: {CONVERT} xlsx FILE",
    ),
    "excel 5 book": (
        ole2("Book"),
        f"this .xls workbook cannot be read (*); if WPS or an old Excel made it, convert it: {CONVERT} xlsx FILE",
    ),
    "zip, not office": (
        zipped({"readme.txt": "hi"}),
        "this zip archive is neither an Excel workbook (.xlsx) nor a Word document (.docx)",
    ),
    "cut-off zip": (
        b"PK\x03\x04" + bytes(40),
        "this file looks like a zip archive (.xlsx or .docx) but is damaged or cut off",
    ),
    "damaged xlsx": (zipped({"xl/workbook.xml": "<nonsense"}), "this .xlsx workbook cannot be read: *"),
    "damaged ods": (
        zipped({"content.xml": "<x/>", "mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
        "this workbook cannot be read: *",
    ),
    "docx without a table": (
        zipped(
            {
                "word/document.xml": '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                "<w:body><w:p/></w:body></w:document>"
            }
        ),
        "this Word document has no table",
    ),
    "docx with broken xml": (
        zipped({"word/document.xml": "<w:document"}),
        "this Word document is not well-formed XML: *",
    ),
    "binary": (
        b"\x00\x01\x02garbage",
        "this file is neither a workbook, a document nor text; perfrules cannot read it",
    ),
    "html without a table": ("<html><body><p>绩效目标表</p></body></html>".encode(), "this HTML page has no <table>"),
    "html with a doctype": ("<!DOCTYPE HTML><p>绩效目标表</p>".encode(), "this HTML page has no <table>"),
    "xlsb": (zipped({"xl/workbook.bin": "x"}), "this workbook cannot be read: *"),
    "spreadsheetml with entities": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
        b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
        "this SpreadsheetML workbook declares a DOCTYPE or entities, which perfrules does not read",
    ),
    "spreadsheetml without a sheet": (
        b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
        "this SpreadsheetML workbook has no worksheet",
    ),
    "pdf damaged": (b"%PDF-1.4\n garbage", "this PDF cannot be read: *"),
}
"""Each wrong file and its whole message after `NAME: `; `*` stands for the reading library's own words."""


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_file_that_cannot_be_imported_says_why(case: str) -> None:
    data, message = CASES[case]
    with pytest.raises(TableFileError) as caught:
        import_bytes(data, case)
    pattern = ".+".join(re.escape(part) for part in f"{case}: {message}".split("*"))
    assert re.fullmatch(pattern, str(caught.value), re.DOTALL), str(caught.value)


def test_a_file_without_an_indicator_grid_says_what_one_looks_like() -> None:
    with pytest.raises(TableFileError) as caught:
        import_bytes("部门名称\t某局\n年度\t2023\n".encode(), "t.txt")
    assert str(caught.value) == (
        "t.txt: no indicator grid found (a header row naming 三级指标 or 指标名称 and another column such as 指标值, "
        "分值 or 一级指标)"
    )


def test_a_pdf_without_ruled_tables_says_so(tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    assert pdfplumber  # the PDF below is drawn by hand: one page, text, no lines
    content = b"BT /F1 12 Tf 72 720 Td (no table here) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with pytest.raises(TableFileError) as caught:
        import_bytes(data, "scan.pdf")
    assert str(caught.value) == (
        "scan.pdf: this PDF has no ruled table perfrules can find (a scanned page has no text to read)"
    )


def test_a_pdf_of_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flat, "MAX_PAGES", 0)
    with pytest.raises(TableFileError) as caught:
        import_table(FILES / "08-hunan.pdf")
    assert str(caught.value) == f"{FILES / '08-hunan.pdf'}: this PDF has 1 pages, more than a table has (0)"


def test_a_file_larger_than_any_table_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 10)
    with pytest.raises(TableFileError) as caught:
        import_table(FILES / "01-sichuan.xlsx")
    size = (FILES / "01-sichuan.xlsx").stat().st_size
    assert str(caught.value) == f"{FILES / '01-sichuan.xlsx'} has {size} bytes, more than a table file has (10)"


def test_a_sheet_wider_than_any_table_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbooks, "MAX_SLOTS", 10)
    with pytest.raises(TableFileError) as caught:
        import_table(FILES / "01-sichuan.xlsx")
    assert str(caught.value) == (
        f"{FILES / '01-sichuan.xlsx'}: sheet 部门预算项目支出绩效自评表 spans 21 rows × 11 columns, "
        "more than a table has (10 cells)"
    )


@pytest.mark.parametrize(
    ("module", "name"),
    [("openpyxl", "01-sichuan.xlsx"), ("xlrd", "04-yunnan.xls"), ("pdfplumber", "08-hunan.pdf")],
)
def test_a_missing_reader_names_the_extra(module: str, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(TableFileError) as caught:
        import_table(FILES / name)
    package = {"openpyxl": "openpyxl", "xlrd": "xlrd", "pdfplumber": "pdfplumber"}[module]
    assert str(caught.value) == f"{FILES / name}: reading this file needs {package}: pip install 'perfrules[tables]'"


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    from perfrules import UsageError

    with pytest.raises(UsageError, match="cannot read"):
        import_table(tmp_path / "nothing.xlsx")


def test_calamine_keeps_leading_blank_rows_and_fills_merges(tmp_path: Path) -> None:
    """Cells keep their places (a review list names them), and a merge fills its slots."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B3"], sheet["C3"], sheet["B4"], sheet["C4"], sheet["C5"] = "一级指标", "三级指标", "产出指标", "甲", "乙"
    sheet.merge_cells("B4:B5")
    book.save(tmp_path / "t.xlsx")
    (grid,) = workbooks.read_calamine((tmp_path / "t.xlsx").read_bytes())
    assert [[cell.text for cell in row] for row in grid.rows] == [
        ["", "", ""],
        ["", "", ""],
        ["", "一级指标", "三级指标"],
        ["", "产出指标", "甲"],
        ["", "产出指标", "乙"],
    ]
    assert grid.sheet == "Sheet" and grid.place(4, 2) == "Sheet!C5"


def test_an_xls_reads_dates_yes_no_and_merges_as_its_sheet_shows_them() -> None:
    (dated,) = read.read_file(FILES / "dated.xls").grids
    assert [cell.text for cell in dated.rows[2]] == ["填报日期", "2023-03-01", "是", ""]
    (yunnan,) = read.read_file(FILES / "04-yunnan.xls").grids
    assert yunnan.sheet == "公开14表"
    assert [cell.text for cell in yunnan.rows[3]] == ["主管部门"] * 3 + ["永德县教育体育局"] * 2 + ["实施单位"] * 2 + [
        "永德县明朗中学"
    ] * 3
    assert [cell.text for cell in yunnan.rows[5]][:8] == [
        "年度资金总额",
        "年度资金总额",
        "",
        "387664.62",
        "387664.62",
        "10",
        "100%",
        "10",
    ]
