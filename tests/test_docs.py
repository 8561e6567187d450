"""Every ruleset snippet in docs/ and README compiles, or fails with the error it claims."""

import re

import pytest

import perfrules
from perfrules.assessment import wording
from perfrules.engine import details, reasons
from perfrules.errors.diagnostic import MORE_PROBLEMS
from perfrules.language.wording import MESSAGES

from .conftest import ROOT

BLOCK = re.compile(r"```(perf(?: error| warning)?)\n(.*?)```", re.DOTALL)


def snippets():
    for path in sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")]):
        text = path.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            yield pytest.param(match.group(1), match.group(2), id=f"{path.name}:{line}")


@pytest.mark.parametrize(("kind", "snippet"), list(snippets()))
def test_snippet(kind, snippet):
    if kind == "perf":
        perfrules.compile(snippet)
        return
    expected = snippet.splitlines()[0].lstrip("# ").strip()
    if kind == "perf warning":
        warnings = perfrules.compile(snippet).warnings
        assert expected in [warning.code for warning in warnings] + [str(warning.render()) for warning in warnings]
        return
    with pytest.raises(perfrules.RulesetError) as caught:
        perfrules.compile(snippet)
    assert expected in str(caught.value)


def test_package_docstring_example():
    import doctest

    assert doctest.testmod(perfrules, raise_on_error=True).attempted == 4


def test_every_diagnostic_code_is_documented():
    """docs/diagnostics.md has a section for every code of the message table, and no other."""
    codes = {message.code for message in MESSAGES.values()} | {MORE_PROBLEMS}
    documented = set(
        re.findall(r"^## `([a-z-]+)`", (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8"), re.M)
    )
    assert codes == documented


def test_every_code_said_of_results_is_documented():
    """docs/api.md's table has a row for every reason, detail, note, warning, flag, likelihood and outlook
    code, and no other."""
    rows = re.findall(r"^\| `([a-z-]+)` \| ([a-z ]+) \|", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.M)
    kinds = {
        "reason": reasons.REASONS,
        "detail": details.DETAILS,
        "note": reasons.NOTE_CODES,
        "warning": reasons.WARNINGS,
        "flag": wording.FLAGS,
        "likelihood": wording.LIKELIHOODS,
        "outlook": wording.OUTLOOKS,
        "sheet warning": wording.WARNINGS,
    }
    assert sorted(rows) == sorted((code, kind) for kind, codes in kinds.items() for code in codes)
