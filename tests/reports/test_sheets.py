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
from perfrules.reports.sheets import FORMATS, render, score_layout

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


@pytest.mark.parametrize("case", ["score-midyear", "monitor-midyear", "monitor-yearend"])
def test_english_sheets_are_golden(case):
    """`--language en`: English titles, headers, flags, bands, likelihoods, lights and reasons."""
    built, title = sheet(*CASES[case])
    rendered = render(built, "table", title, "en")
    expected = GOLDEN / f"{case}.en.table"
    if os.environ.get("PERFRULES_REGOLD"):
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("form", ["md", "csv", "html"])
def test_english_sheets_in_every_format_have_no_chinese_of_their_own(form):
    """Only the table's own words (names, targets, units, the title) stay Chinese in English sheets."""
    for case in ("score-midyear", "monitor-midyear"):
        built, title = sheet(*CASES[case])
        page = render(built, form, title, "en")
        for word in ("一级指标", "偏差原因", "预警灯", "完成目标可能性", "未达成目标", "有可能", "缺数据", "截至"):
            assert word not in page, (case, form, word)
        assert "● 黄" not in page and "● 绿" not in page
    html = render(sheet(*CASES["monitor-midyear"])[0], "html", "单位", "en")
    assert '<html lang="en">' in html and '<span style="color:#f9a825">●</span> yellow' in html


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
    assert main(["score", str(SEED), "--facts", str(SEED_FACTS), "--policy", "reverse=sideways"]) == 2
    assert "reverse must be" in capsys.readouterr().err


# texts that must not mislead: 缺数据 and 不适用

SMALL = "year 2023\n一级指标 产出指标\n培训 >= 3 次\n平台 == 完成\n巡察 >= 2 轮\n"
"""Two rows that may lack data or not apply (a count and a label), and one that is always given."""
LAID_OUT = ("table", "md", "csv", "html")


def small_card(facts, policy=None):
    return perfrules.compile(SMALL).evaluate({"巡察": 2, **facts}, as_of=date(2023, 12, 31)).score(policy)


def notes(card):
    """The 偏差原因 cell of each indicator row, by name."""
    (rows, _groups) = score_layout(card, "单位").tables
    return {row[2]: row[-1] for row in rows.rows if row[0] != "合计"}


def test_a_row_with_no_data_reads_no_data_on_the_score_sheet():
    """培训 and 平台 given nothing: 缺数据, never 未达成目标 nor 未达成年度指标且效果较差, in every laid-out format."""
    card = small_card({})
    assert notes(card) == {"培训": "缺数据", "平台": "缺数据", "巡察": ""}
    for form in LAID_OUT:
        page = render(card, form, "单位")
        assert "缺数据" in page and "效果较差" not in page and "未达成" not in page


def test_a_band_given_to_a_row_with_no_data_is_kept_beside_no_data():
    """A reviewer's band for 平台 without an actual is the reviewer's word: 缺数据 and the band."""
    card = small_card({"平台:档次": "部分达成年度指标并具有一定效果"})
    assert notes(card)["平台"] == "缺数据；部分达成年度指标并具有一定效果（按档次下限计分）"


def test_an_excluded_indicator_reads_not_applicable_in_every_format():
    """培训 (1 of ≥ 3 次, unmet) listed 不适用 under exclude-na: 不适用, no score, never 未达成."""
    card = small_card({"培训": 1, "不适用": ["培训"]}, perfrules.ScoringPolicy(exclude_not_applicable=True))
    assert notes(card)["培训"] == "不适用"
    for form in LAID_OUT:
        assert "未达成" not in render(card, form, "单位")
    (row,) = [row for row in json.loads(render(card, "json", "单位"))["rows"] if row["name"] == "培训"]
    assert (row["flags"], row["score"], row["band"]) == (["不适用"], None, None)


def test_an_excluded_indicator_has_a_status_of_its_own_in_json():
    """An excluded 培训 is NOT_APPLICABLE in JSON, not the NOT_MET of the value it was given."""
    card = small_card({"培训": 1, "不适用": ["培训"]}, perfrules.ScoringPolicy(exclude_not_applicable=True))
    assert card.rows[0].to_dict()["status"] == "NOT_APPLICABLE"


def test_without_exclusion_an_indicator_not_applicable_reads_so_and_scores_nothing():
    """Without exclude-na, 培训 listed 不适用 keeps its weight and scores 0, and says 不适用, not 未达成目标."""
    card = small_card({"培训": 1, "不适用": ["培训"]})
    row = card.rows[0].to_dict()
    assert (row["status"], row["flags"], row["score"]) == ("NOT_APPLICABLE", ["不适用"], "0.00")
    assert notes(card)["培训"] == "不适用"


def test_a_row_with_no_data_reads_no_data_in_json():
    """JSON, which is the scorecard's own to_dict(), says 缺数据 too and puts no band on 平台."""
    rows = {row["name"]: row for row in json.loads(render(small_card({}), "json", "单位"))["rows"]}
    assert (rows["培训"]["flags"], rows["平台"]["flags"], rows["平台"]["band"]) == (["缺数据"], ["缺数据"], None)


# CSV for Excel


def test_csv_opens_as_utf8_in_excel_and_keeps_every_table():
    import csv

    monitored, _department = sheet("monitor", MIDYEAR, date(2023, 6, 30))
    text = render(monitored, "csv", "纪检监察工委")
    assert text.startswith("\ufeff纪检监察工委 绩效监控表\n")
    rows = list(csv.reader(text[1:].splitlines()))
    assert ["年初预算数", "执行数", "预算执行进度", "时间进度", "偏差", "预警"] in rows
    assert any(row[:1] == ["预算执行"] for row in rows)


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("=相关", "'=相关"),
        ("+1 次", "'+1 次"),
        ("@平台", "'@平台"),
        ("-x", "'-x"),
        ("-14.59%", "-14.59%"),
        ("+3", "+3"),
    ],
)
def test_csv_never_hands_excel_a_formula(written, kept):
    import csv

    rules = perfrules.compile("year 2023\n平台 == 上线 weight 100\n")
    card = rules.evaluate({"平台": written}, as_of=date(2023, 12, 31)).score()
    text = render(card, "csv", "单位")
    rows = list(csv.reader(text[1:].splitlines()))
    assert [row[4] for row in rows if len(row) > 4 and row[2] == "平台"] == [kept]
