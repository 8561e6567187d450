"""The HTML sheets printed as a finance office files them, by a real browser: headless Chromium
prints each to PDF, and the PDF's pages and text are read back.

A4 landscape; the indicator table's header on every page it spans; never a name squeezed to one
character a line; the signature line at the end. Without Chromium on the machine the tests skip,
except in CI (`.ci/run` installs it), where they must run.
"""

import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest

import perfrules
from perfrules.reports.sheets import render

from ..conftest import ROOT, SEED, SEED_FACTS

pypdf = pytest.importorskip("pypdf")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
if CHROMIUM is None and os.environ.get("CI"):
    pytest.fail("CI prints the sheets with Chromium: .ci/run installs it", pytrace=False)
pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (CI installs it)"),
]
MIDYEAR = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.midyear.facts.json"
A4_LANDSCAPE = (842, 595)
"""Points, rounded."""


def printed(tmp_path, kind):
    rules = perfrules.load(SEED)
    if kind == "score":
        sheet = rules.evaluate(perfrules.load_facts(SEED_FACTS)).score()
    else:
        sheet = rules.evaluate(perfrules.load_facts(MIDYEAR), as_of=date(2023, 6, 30)).monitor()
    page = tmp_path / f"{kind}.html"
    page.write_text(render(sheet, "html", rules.department or ""), encoding="utf-8")
    pdf = tmp_path / f"{kind}.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    reader = pypdf.PdfReader(pdf)
    return reader.pages, [unicodedata.normalize("NFKC", page.extract_text()) for page in reader.pages]


def _extracted(name):
    """A name as a PDF's text layer may give it back: some characters come out as CJK radicals
    (门 as ⻔, U+2E80–U+2EFF), which NFKC does not map back."""
    return "".join(f"(?:{re.escape(char)}|[\u2e80-\u2eff])" for char in name)


@pytest.mark.parametrize("kind", ["score", "monitor"])
def test_a_sheet_prints_on_a4_landscape_one_row_a_line(tmp_path, kind):
    pages, texts = printed(tmp_path, kind)
    assert 2 <= len(pages) <= 5
    for page in pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == A4_LANDSCAPE
    names = [indicator.name for indicator in perfrules.load(SEED).indicators]
    for text in texts:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert [line for line in lines if len(line) == 1] == []  # no name squeezed to a character a line
        if any(name in text for name in names):
            assert "三级指标" in text  # the header repeats on every page of the table
    joined = "".join("".join(texts).split())
    assert [name for name in names if len(name) <= 9 and not re.search(_extracted(name), joined)] == []
    assert "单位负责人:" in "".join(texts[-1].split())
