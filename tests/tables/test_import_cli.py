"""`perfrules import` from the command line: the ruleset and facts it writes, the review list as
text or JSON, the exit code (0 clean, 1 something to review), and a file of several tables."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import perfrules
from perfrules.cli import main

FILES = Path(__file__).parent / "files"
SEED_TABLE = Path(__file__).parents[2] / "rulesets" / "zhengzhou-jingkai-jijian-2023.table.txt"


def test_import_writes_the_ruleset_and_facts_and_lists_what_to_review(tmp_path: Path, capsys) -> None:
    ruleset, facts = tmp_path / "out.perf", tmp_path / "facts.json"
    assert main(["import", str(FILES / "04-yunnan.xls"), "-o", str(ruleset), "--facts", str(facts)]) == 0
    compiled = perfrules.load(ruleset)
    written = json.loads(facts.read_text(encoding="utf-8"))
    assert written["学生受资助人数"] == "735" and written["学生受资助人数:得分"] == "10"
    assert written["预算执行率"] == "100%"
    report = compiled.evaluate(written)
    assert report.score().total == 96  # the table's own total: 总分 100, 96
    assert "0 处" in capsys.readouterr().out


def test_import_exits_1_when_something_needs_review(tmp_path: Path, capsys) -> None:
    assert main(["import", str(SEED_TABLE), "-o", str(tmp_path / "seed.perf")]) == 1
    out = capsys.readouterr().out
    assert "待核对 15 处" in out and "“绩效监控完成率” [文本 第35行第1列]" in out


def test_without_output_the_ruleset_goes_to_standard_output_and_the_review_to_standard_error(capsys) -> None:
    main(["import", str(FILES / "hazards.xlsx")])
    captured = capsys.readouterr()
    perfrules.compile(captured.out)
    assert "comparator-read-as-2" in captured.err


def test_the_review_list_as_json(tmp_path: Path, capsys) -> None:
    assert main(["import", str(FILES / "hazards.xlsx"), "-o", str(tmp_path / "h.perf"), "--format", "json"]) == 1
    (table,) = json.loads(capsys.readouterr().out)["tables"]
    assert table["ruleset"] == str(tmp_path / "h.perf") and table["kind"] == "目标表"
    assert {
        "code": "truncated-row",
        "indicator": "农田灌溉保证率",
        "cell": "绩效目标表!C19",
        "message": "这一行只有指标名，其余各格都是空的（可能被分页截断）；写成了没有目标、只记录的一行，请核对",
    } in table["review"]


def test_json_without_output_carries_the_ruleset_and_facts(capsys) -> None:
    main(["import", str(FILES / "01-sichuan.xlsx"), "--format", "json"])
    (table,) = json.loads(capsys.readouterr().out)["tables"]
    perfrules.compile(table["text"])
    assert table["facts"] == {"预算执行率": "100%"}


def test_a_file_of_two_tables_writes_two_rulesets(tmp_path: Path, capsys) -> None:
    book = openpyxl.Workbook()
    for number, sheet in enumerate((book.active, book.create_sheet()), 1):
        sheet.append(["一级指标", "二级指标", "三级指标", "指标值"])
        sheet.append(["产出指标", "数量指标", f"培训人次{number}", "≥300人次"])
    book.save(tmp_path / "two.xlsx")
    assert main(["import", str(tmp_path / "two.xlsx"), "-o", str(tmp_path / "two.perf")]) == 0
    first, second = perfrules.load(tmp_path / "two.perf"), perfrules.load(tmp_path / "two-2.perf")
    assert [item.name for item in first.indicators + second.indicators] == ["培训人次1", "培训人次2"]


def test_an_output_that_cannot_be_written_is_said_plainly(tmp_path: Path, capsys) -> None:
    assert main(["import", str(FILES / "01-sichuan.xlsx"), "-o", str(tmp_path / "missing" / "x.perf")]) == 2
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["legacy.doc"])
def test_a_file_perfrules_cannot_read_names_the_conversion(name: str, capsys) -> None:
    assert main(["import", str(FILES / name)]) == 1
    assert "soffice --headless --convert-to docx" in capsys.readouterr().err
