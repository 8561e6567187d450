"""Every ruleset error path, pinned by a golden rendering: message, line, column and caret.

Set PERFRULES_REGOLD=1 to rewrite the .txt files after a deliberate change, then review the diff.
"""

import os
from pathlib import Path

import pytest

import perfrules
from perfrules import RulesetError

GOLDEN = Path(__file__).parent / "golden" / "errors"
CASES = sorted(path.stem for path in GOLDEN.glob("*.perf"))


@pytest.mark.parametrize("case", CASES)
def test_error_renders_as_golden(case):
    source = GOLDEN / f"{case}.perf"
    with pytest.raises(RulesetError) as caught:
        perfrules.load(source)
    rendered = str(caught.value).replace(str(source), f"{case}.perf") + "\n"
    expected = GOLDEN / f"{case}.txt"
    if os.environ.get("PERFRULES_REGOLD"):
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")


def test_error_position_is_the_first_problem():
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("year 2023\n巡察工作 >= 2 轮 by 2023-13-01\n", source="t.perf")
    error = caught.value
    assert (error.line, error.column) == (2, 16)
    assert str(error).startswith("t.perf:2:16: error[invalid-date]: impossible date 2023-13-01")


def test_every_problem_is_reported_in_one_run():
    with pytest.raises(RulesetError) as caught:
        perfrules.load(GOLDEN / "every-problem-at-once.perf")
    assert [(d.line, d.code) for d in caught.value.diagnostics] == [
        (2, "unknown-unit"),
        (3, "unordered-label"),
        (4, "dimension-mismatch"),
        (6, "invalid-date"),
    ]


def test_caret_lands_under_the_offending_wide_character():
    with pytest.raises(RulesetError) as caught:
        perfrules.load(GOLDEN / "wide-characters-caret.perf")
    _, line, caret = str(caught.value).splitlines()[:3]
    column = caught.value.column
    source_line = line[4:]
    # Count display columns: wide and full-width characters take two.
    import unicodedata

    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in source_line[: column - 1])
    assert caret[4:].index("^") == width
    assert source_line[column - 1] == "２"


def test_columns_are_code_points_in_the_authors_line():
    """Full-width characters count as one column, and the echoed line is the author's text."""
    with pytest.raises(RulesetError) as caught:
        perfrules.compile("指标 ＞＝ ２ 斤\n")
    assert caught.value.column == 9
    assert "指标 ＞＝ ２ 斤" in str(caught.value)


def test_invalid_utf8_is_an_encoding_error_with_a_position(tmp_path):
    path = tmp_path / "bad.perf"
    path.write_bytes("巡察 >= 2 轮\n甲 >= ".encode() + b"\xff\xfe" + b"\n")
    with pytest.raises(RulesetError, match=r"byte 23 \(0xff\)") as caught:
        perfrules.load(path)
    assert (caught.value.line, caught.value.column) == (2, 6)


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(perfrules.UsageError, match="cannot read"):
        perfrules.load(tmp_path / "absent.perf")


WARNINGS = Path(__file__).parent / "golden" / "warnings"


@pytest.mark.parametrize("case", sorted(path.stem for path in WARNINGS.glob("*.perf")))
@pytest.mark.parametrize("language", ["en", "zh"])
def test_warnings_render_as_golden(case, language):
    """Warnings pinned like errors, in both languages: message, hint, line, column and caret."""
    source = WARNINGS / f"{case}.perf"
    warnings = perfrules.load(source).warnings
    rendered = "".join(warning.render(language).replace(str(source), f"{case}.perf") + "\n" for warning in warnings)
    expected = WARNINGS / f"{case}.{language}.txt"
    if os.environ.get("PERFRULES_REGOLD"):
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")
