"""Scoring and monitoring sheets in every format, pinned by golden files on the seed ruleset.

Set PERFRULES_REGOLD=1 to rewrite the golden files after a deliberate change, then review them.
"""

import json
import os
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import perfrules
from perfrules.reports.sheets import FORMATS, render

from ..conftest import ROOT, SEED, SEED_FACTS

GOLDEN = Path(__file__).parent / "golden" / "sheets"
MIDYEAR = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.midyear.facts.json"
CASES = {
    "score-yearend": ("score", SEED_FACTS, None),
    "score-midyear": ("score", MIDYEAR, date(2023, 6, 30)),
    "monitor-midyear": ("monitor", MIDYEAR, date(2023, 6, 30)),
    "monitor-yearend": ("monitor", SEED_FACTS, date(2023, 12, 31)),
}


def sheet(kind, facts, as_of):
    rules = perfrules.load(SEED)
    report = rules.evaluate(perfrules.load_facts(facts), as_of=as_of)
    return (report.score() if kind == "score" else report.monitor()), rules.department


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_sheet_renders_as_golden(case, form):
    built, title = sheet(*CASES[case])
    rendered = render(built, form, title)
    expected = GOLDEN / f"{case}.{form}"
    if os.environ.get("PERFRULES_REGOLD"):
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")


def test_html_is_self_contained_and_well_formed():
    built, title = sheet(*CASES["monitor-midyear"])
    page = render(built, "html", title)
    assert "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<svg" in page

    class Checker(HTMLParser):
        def __init__(self):
            super().__init__()
            self.open = []

        def handle_starttag(self, tag, attrs):
            if tag != "meta":
                self.open.append(tag)

        def handle_startendtag(self, tag, attrs):
            pass

        def handle_endtag(self, tag):
            assert self.open.pop() == tag

    checker = Checker()
    checker.feed(page)
    assert checker.open == []


def test_cli_score_and_monitor(capsys):
    from perfrules.cli import main

    assert main(["score", str(SEED), "--facts", str(SEED_FACTS), "--format", "json"]) == 0
    card = json.loads(capsys.readouterr().out)
    assert card["grade"] in ("优", "良", "中", "差")
    assert main(["monitor", str(SEED), "--facts", str(MIDYEAR), "--as-of", "2023-06-30", "--format", "json"]) == 0
    sheet_data = json.loads(capsys.readouterr().out)
    assert sheet_data["warning"].startswith("预算执行进度 35%")
    assert main(["score", str(SEED), "--facts", str(SEED_FACTS), "--policy", "reverse=sideways"]) == 1
    assert "reverse must be" in capsys.readouterr().err
