"""What a table file really is, told by its bytes and never by its name: government "xls"
downloads are often HTML, SpreadsheetML 2003 XML or tab-separated text, and a ".doc" may be a
Word 97 file no Python library reads."""

from __future__ import annotations

import codecs
import enum
import re
import zipfile
from io import BytesIO

from ..errors import TableFileError

OLE2 = bytes.fromhex("d0cf11e0a1b11ae1")


def _convert(kind: str) -> str:
    """The LibreOffice command that turns a legacy file into one perfrules reads."""
    return f"soffice --headless --convert-to {kind} FILE"


_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


class Kind(enum.Enum):
    XLSX = "xlsx"
    XLS = "xls"
    SPREADSHEET = "ods"
    DOCX = "docx"
    HTML = "html"
    SPREADSHEETML = "spreadsheetml"
    TEXT = "text"
    PDF = "pdf"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(data: bytes) -> Kind:
    """The kind of a table file from its first bytes (and, for archives, their contents)."""
    if data.startswith(b"PK\x03\x04"):
        return _archive(data)
    if data.startswith(OLE2):
        return _compound(data)
    if data.startswith(b"%PDF"):
        return Kind.PDF
    text = decode(data)
    start = text.lstrip()[:16].lower()
    if start.startswith("{\\rtf"):
        raise TableFileError("this file is RTF, which perfrules cannot read; convert it: " + _convert("docx"))
    if "\x00" in text:
        raise TableFileError("this file is neither a workbook, a document nor text; perfrules cannot read it")
    if start.startswith("<?xml") and "urn:schemas-microsoft-com:office:spreadsheet" in text:
        return Kind.SPREADSHEETML
    if "<table" in text.lower() or start.startswith(("<!doctype html", "<html")):
        return Kind.HTML
    return Kind.TEXT


def _archive(data: bytes) -> Kind:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise TableFileError("this file looks like a zip archive (.xlsx or .docx) but is damaged or cut off") from None
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return Kind.XLSX if "xl/workbook.xml" in names else Kind.SPREADSHEET
    if "word/document.xml" in names:
        return Kind.DOCX
    if "content.xml" in names:
        return Kind.SPREADSHEET
    raise TableFileError("this zip archive is neither an Excel workbook (.xlsx) nor a Word document (.docx)")


def _compound(data: bytes) -> Kind:
    """An OLE2 compound file: an Excel 97 workbook, or a Word 97 / WPS document to convert."""
    if _utf16("WordDocument") in data:
        raise TableFileError(
            "this is a legacy Word (.doc) document, which perfrules cannot read; convert it to .docx: "
            + _convert("docx")
        )
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return Kind.XLS
    raise TableFileError(
        "this is a legacy Office or WPS file (.doc, .et, .wps) that perfrules cannot read; convert it: "
        + _convert("xlsx")
        + " (or --convert-to docx for a document)"
    )


def decode(data: bytes) -> str:
    """Text of a file: UTF-8 (BOM or not), UTF-16 with a BOM, else the charset an HTML page
    declares, else GB18030 (which reads GBK and GB2312), the encodings Chinese systems write."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(data[:4096])
    encoding = "gb18030"
    if declared:
        try:
            name = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            name = "gb18030"
        encoding = "gb18030" if name in ("gbk", "gb2312") else name
    return data.decode(encoding, errors="replace")
