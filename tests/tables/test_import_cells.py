"""The importer's small parts, each on the case that needs it: cell values as sheets show them,
merges that reach past a sheet, headers and headings, target cells in every printed form, and
markup that is cut off or unusual."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import perfrules
from perfrules.tables.grid import BLANK, Cell, spread
from perfrules.tables.headers import field_of
from perfrules.tables.importer import import_bytes, import_table
from perfrules.tables.markup import read_docx, read_html, read_spreadsheetml
from perfrules.tables.model import Field, Row
from perfrules.tables.sniff import decode
from perfrules.tables.targets import compound_actual, reading
from perfrules.tables.workbooks import text_of
from perfrules.tables.writer import quoted

FILES = Path(__file__).parent / "files"
GRID = "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t分值\t指标解释\n"


def imported(rows: str, head: str = "2023年度项目绩效目标表\n") -> perfrules.tables.writer.Imported:
    (result,) = import_bytes((head + GRID + rows).encode(), "t.txt")
    return result


def row(**cells: str) -> Row:
    fields = {Field(key): value for key, value in cells.items()}
    return Row("产出指标", "数量指标", {Field.NAME: "培训人次", **fields}, {}, place="A1")


def test_cells_read_as_the_sheet_shows_them() -> None:
    assert text_of(datetime.datetime(2023, 3, 1)).text == "2023-03-01"
    assert text_of(datetime.datetime(2023, 3, 1, 9, 30)).text == "2023-03-01 09:30:00"
    assert text_of(datetime.date(2023, 3, 1)).text == "2023-03-01"
    assert text_of(True).text == "是"
    assert text_of(Decimal("NaN")).text == "NaN"
    assert text_of(0.925, "0%").text == "92.5%"
    assert text_of(3.0).text == "3"


def test_an_xls_date_and_yes_no_cell_are_text_and_a_dated_footer_ends_the_grid() -> None:
    (result,) = import_table(FILES / "dated.xls")
    assert [row.name for row in result.doc.rows] == ["培训人次"]


def test_a_merge_reaching_past_the_sheet_or_a_short_row_is_kept_within() -> None:
    rows = [[Cell("合并")], [BLANK]]
    spread(rows, [(0, 0, 3, 2), (9, 0, 9, 1), (0, 5, 0, 5)])
    assert [[cell.text for cell in line] for line in rows] == [["合并"] * 3 + ["", "", ""], ["合并"] * 3]


def test_a_compound_actual_that_does_not_split_stays_whole() -> None:
    assert compound_actual("已完成") is None
    assert compound_actual("培训 6 次、已完成") is None
    assert compound_actual("培训 6 次、知识测试 5 次") == {"培训": "6 次", "知识测试": "5 次"}


def test_a_month_range_header_names_the_actual_column() -> None:
    assert field_of("1-7月执行情况") is Field.ACTUAL
    assert field_of("完成目标可能性(确定能、有可能、不可能)") is Field.LIKELIHOOD


def test_a_heading_printing_a_weight_range_is_flagged_and_takes_no_weight() -> None:
    result = imported("产出指标(40-50)分\t数量指标(10-15)分\t培训人次\t≥\t300\t人次\t\t\n")
    assert [flag.code for flag in result.flags].count("weight-range") == 2
    assert perfrules.compile(result.text).indicators[0].group == ("产出指标", "数量指标")


def test_comma_separated_text_is_a_table_too() -> None:
    (result,) = import_bytes(
        "一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,培训人次,≥300人次\n".encode(), "t.csv"
    )
    assert str(perfrules.compile(result.text).indicators[0].target) == "≥300 人次"


@pytest.mark.parametrize(
    ("cells", "text", "codes"),
    [
        ({"comparator": "大于等于", "target": "300", "unit": "人次"}, ">= 300人次", []),
        ({"comparator": "≤", "target": "≥90%"}, "≥ 90%", ["comparator-conflict"]),
        ({"comparator": "正向", "target": "≥90%"}, "≥ 90%", ["comparator-unread"]),
        ({"target": "95%以上"}, "95%以上", []),
        ({"target": "大于等于90%"}, "大于等于 90%", []),
        ({"target": "完成", "explanation": "按计划完成"}, "== 完成", []),
        (
            {"target": "完成", "explanation": "10月底前完成", "standard": "计划标准"},
            "== 完成 计划标准 10月底前",
            ["deadline-from-explanation"],
        ),
        ({"target": "≥90%", "standard": "历史标准"}, "≥ 90% 历史标准", []),
    ],
)
def test_a_target_cell_reads_as_printed(cells: dict[str, str], text: str, codes: list[str]) -> None:
    found = reading(row(**cells))
    assert found is not None
    assert (found.text, [code for code, _, _ in found.doubts]) == (text, codes)


def test_a_heading_that_is_not_a_name_becomes_a_comment_flagged() -> None:
    result = imported("2023\t数量指标\t培训人次\t≥\t300\t人次\t\t\n")
    assert "# 一级指标 2023" in result.text
    assert [flag.code for flag in result.flags] == ["unreadable-line"]


def test_a_formula_the_language_rejects_stays_in_the_description_only() -> None:
    result = imported("产出指标\t数量指标\t完成率\t≥\t90\t%\t\t完成率=(完成数/计划数×100%\n")
    assert ":=" not in result.text and "完成率=(完成数/计划数×100%" in result.text


def test_budget_lines_in_two_groups_keep_their_groups() -> None:
    head = "部门整体绩效目标表(2023年度)\n预算情况\t部门预算总额(万元)\t100\n"
    head += "\t1、资金来源: (1) 财政拨款\t90\n\t(2) 单位资金\t10\n\t2、资金结构: (1) 基本支出\t100\n\t结余\t0\n"
    result = imported("产出指标\t数量指标\t培训人次\t≥\t300\t人次\t\t\n", head)
    assert (
        "    资金来源 {\n        财政拨款 := 90 万元\n        单位资金 := 10 万元\n    }\n    资金结构 {" in result.text
    )
    assert "        基本支出 := 100 万元\n    }\n    结余 := 0 万元\n}" in result.text
    assert perfrules.compile(result.text).budget["基本支出"].amount == 100


def test_a_money_block_without_a_total_line_and_a_rate_not_given() -> None:
    money = "项目支出绩效自评表(2023年度)\n项目资金(万元)\t\t年初预算数\t全年执行数\t执行率\t分值\n"
    head = money + "\t其中:财政拨款\t1\t1\t/\t10\n"
    assert "预算执行率" not in imported("产出指标\t数量指标\t培训人次\t≥\t300\t人次\t\t\n", head).text
    head = money + "\t总额\t1\t1\t/\t10\n"
    result = imported("产出指标\t数量指标\t培训人次\t≥\t300\t人次\t90\t\n", head)
    assert "预算执行率 % weight 10" in result.text and "预算执行率" not in (result.facts or {})
    head = "部门整体绩效目标表\n预算情况\n\t部门预算总额(万元)\t100\n"
    assert "部门预算总额 := 100 万元" in imported("产出指标\t数量指标\t培训人次\t≥\t300\t人次\t\t\n", head).text


def test_html_cut_off_inside_its_table_keeps_what_it_has() -> None:
    (grid,) = read_html("<table><tr><td colspan='x'>一级指标</td><td>三级指标</td><td>指标值")
    assert [cell.text for cell in grid.rows[0]] == ["一级指标", "三级指标", "指标值"]


def test_a_spreadsheetml_number_that_is_not_one_is_text() -> None:
    (grid,) = read_spreadsheetml(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="表"><Table><Row>'
        '<Cell><Data ss:Type="Number">约5</Data></Cell></Row></Table></Worksheet></Workbook>'
    )
    assert grid.rows[0][0].text == "约5"


def test_a_word_table_keeps_tabs_breaks_and_skipped_columns() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    cell = "<w:tc><w:p><w:r><w:t>产出</w:t><w:tab/><w:t>指标</w:t><w:br/><w:t>(50分)</w:t></w:r></w:p></w:tc>"
    row = f"<w:tr><w:trPr><w:gridBefore w:val='1'/></w:trPr>{cell}</w:tr>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {w}><w:body><w:tbl>{row}</w:tbl></w:body></w:document>")
    (grid,) = read_docx(buffer.getvalue())
    assert [cell.text for cell in grid.rows[0]] == ["", "产出 指标\n(50分)"]


def test_a_missing_calamine_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from perfrules import TableFileError
    from perfrules.tables.workbooks import read_calamine

    monkeypatch.setitem(sys.modules, "python_calamine", None)
    with pytest.raises(TableFileError) as caught:
        read_calamine(b"")
    assert str(caught.value) == "reading this file needs python-calamine: pip install 'perfrules[tables]'"


def test_a_document_too_large_or_not_utf8_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from perfrules import TableFileError
    from perfrules.tables import markup

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", b"<w:document>\xff</w:document>")
    with pytest.raises(TableFileError) as caught:
        read_docx(buffer.getvalue())
    assert str(caught.value).startswith("this .docx document cannot be read: ")
    monkeypatch.setattr(markup, "MAX_XML", 4)
    with pytest.raises(TableFileError) as caught:
        read_docx(buffer.getvalue())
    assert str(caught.value) == "this document unpacks to 26 bytes, more than a table needs"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("三级指标".encode("utf-16"), "三级指标"),
        ("三级指标".encode("gbk"), "三级指标"),
        (b'<meta charset="big5">' + "指標".encode("big5"), '<meta charset="big5">指標'),
        (b'<meta charset="nonsense">' + "指标".encode("gbk"), '<meta charset="nonsense">指标'),
    ],
)
def test_text_is_decoded_as_declared_or_as_chinese_systems_write_it(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_an_html_page_gives_its_title_lines_and_every_table_in_order() -> None:
    page = (
        "<html><head><title>页面</title><style>td { color: red }</style><script>var x = '<td>';</script></head>"
        "<body><h1>2023年项目绩效目标表</h1><div>单位：某局</div>填报<br>日期"
        "<table><tr><th>一级指标</th><td>外<p>层<table><tr><td>内层</td></tr></table></td></tr>"
        "<tr><td rowspan='2'>合</td><td>甲</td></tr><tr><td>乙</td></tr></table>"
        "<p>表后文字</p><table><tr><td>第二表</td></tr></table></body></html>"
    )
    outer, inner, second = read_html(page)
    assert [[cell.text for cell in row] for row in outer.rows] == [
        ["2023年项目绩效目标表", ""],
        ["单位：某局", ""],
        ["填报", ""],
        ["日期", ""],
        ["一级指标", "外\n层"],
        ["合", "甲"],
        ["合", "乙"],
    ]
    assert (inner.sheet, inner.rows[0][0].text, second.sheet, second.rows[0][0].text) == (
        "表2",
        "内层",
        "表3",
        "第二表",
    )


def test_a_name_printed_twice_keeps_the_second_row_as_a_comment_flagged() -> None:
    result = imported("产出指标\t数量指标\t培训人次\t≥\t300\t人次\t\t\n\t质量指标\t培训人次\t≥\t90\t%\t\t\n")
    assert "# 培训人次 ≥ 90%" in result.text
    (flag,) = result.flags
    assert (flag.code, flag.name, flag.place) == ("unreadable-line", "培训人次", "文本 第4行第3列")


def test_spreadsheetml_indexes_spans_styles_and_formulas() -> None:
    """Rows and cells placed by ss:Index, spans by ss:MergeAcross / ss:MergeDown, a number under a
    Percent or 0.0% style as a percentage, a formula with no value as uncomputed, sheets unnamed."""
    ss = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
    book = (
        f'<?xml version="1.0"?><Workbook {ss}><Styles>'
        '<Style ss:ID="p"><NumberFormat ss:Format="Percent"/></Style>'
        '<Style ss:ID="q"><NumberFormat ss:Format="0.0%"/></Style><Style ss:ID="plain"/></Styles>'
        "<Worksheet><Table>"
        '<Row><Cell ss:MergeAcross="1"><Data ss:Type="String">标题</Data></Cell>'
        '<Cell ss:MergeDown="1"><Data ss:Type="String">纵</Data></Cell></Row>'
        '<Row ss:Index="3"><Cell ss:Index="2" ss:StyleID="p"><Data ss:Type="Number">0.92</Data></Cell>'
        '<Cell ss:StyleID="q"><Data ss:Type="Number">0.925</Data></Cell>'
        '<Cell ss:StyleID="plain"><Data ss:Type="Number">7</Data></Cell>'
        '<Cell ss:Formula="=1+1"/><Cell ss:Index="x"><Data ss:Type="String">甲</Data></Cell></Row>'
        "</Table></Worksheet><Worksheet ss:Name='第二'><Table/></Worksheet></Workbook>"
    )
    first, second = read_spreadsheetml(book)
    assert [[cell.text for cell in row] for row in first.rows] == [
        ["标题", "标题", "纵", "", "", ""],
        ["", "", "纵", "", "", ""],
        ["", "92%", "92.5%", "7", "", "甲"],
    ]
    assert [cell.uncomputed for cell in first.rows[2]] == [False, False, False, False, True, False]
    assert (first.sheet, second.sheet, second.rows) == ("表1", "第二", ())


def test_a_word_document_gives_spans_vertical_merges_and_its_title_to_the_first_table() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def cell(text: str, span: int = 1, merge: str | None = None) -> str:
        properties = (f"<w:gridSpan w:val='{span}'/>" if span > 1 else "") + (
            "<w:vMerge/>" if merge == "continue" else "<w:vMerge w:val='restart'/>" if merge else ""
        )
        return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t><w:t/></w:r></w:p></w:tc>"

    rows = [
        cell("标题", span=3),
        cell("产出指标", merge="restart") + cell("甲") + cell("≥1次"),
        cell("", merge="continue") + cell("乙") + cell("≥2次"),
        cell("", merge="continue") + cell("丙", span=2),
    ]
    table = "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"
    body = f"<w:p><w:r><w:t>2023年度绩效目标表</w:t></w:r></w:p>{table}<w:p><w:r><w:t>表间</w:t></w:r></w:p>{table}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f"<w:document {w}><w:body>{body}</w:body></w:document>")
    first, second = read_docx(buffer.getvalue())
    assert [[cell.text for cell in row] for row in first.rows] == [
        ["2023年度绩效目标表", "", ""],
        ["标题", "标题", "标题"],
        ["产出指标", "甲", "≥1次"],
        ["产出指标", "乙", "≥2次"],
        ["产出指标", "丙", "丙"],
    ]
    assert [cell.text for cell in second.rows[0]] == ["标题", "标题", "标题"]
    assert (first.sheet, second.sheet) == ("表1", "表2")


def test_names_and_descriptions_are_written_so_the_language_reads_them_back() -> None:
    """A name the language cannot take bare goes between backticks; one holding a backtick is
    kept as a comment; a description keeps its quotes, backslashes, tabs and line breaks."""
    explanation = '含“引号”与"直引号"、反斜杠\\\\与换行'
    result = imported(
        f"产出指标\t数量指标\t2023年完成率\t≥\t90\t%\t\t{explanation}\n"
        "\t\t带`反引号`的名\t≥\t1\t次\t\t\n"
        "\t\t培训人次\t≥\t5\t次\t\t\n"
    )
    ruleset = perfrules.compile(result.text)
    indicator = ruleset.indicators[0]
    assert (indicator.name, indicator.description) == ("2023年完成率", explanation)
    assert quoted('甲\t乙\n"丙\\') == '"甲 乙\\n\\"丙\\\\"'
    assert "`2023年完成率` ≥ 90%" in result.text and "# 带`反引号`的名 ≥1次" in result.text
    assert [flag.code for flag in result.flags] == ["unreadable-target"]


def test_a_two_row_header_at_the_top_of_the_text_is_joined() -> None:
    text = "绩效指标\t年度指标值\t实际完成值\t分值\n一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\n"
    (result,) = import_bytes((text + "产出指标\t数量指标\t培训人次\t≥\t300\t人次\t320人次\t10\n").encode(), "t.txt")
    (row,) = result.doc.rows
    assert (row.get(Field.TARGET), row.get(Field.ACTUAL), row.get(Field.WEIGHT)) == ("300", "320人次", "10")


def test_an_actual_that_looks_like_parts_stays_whole_for_a_simple_target() -> None:
    result = imported("产出指标\t数量指标\t培训\t≥\t5\t次\t\t\n")
    assert result.facts is None
    text = "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\n产出指标\t数量指标\t培训\t≥5次\t培训 6 次、测试 5 次\n"
    (result,) = import_bytes(text.encode(), "t.txt")
    assert result.facts == {"培训": "培训 6 次、测试 5 次"}


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ("一级指标\t三级指标\t指标值\n".encode("utf-16"), "TEXT"),
        ("<TABLE><TR><TD>一级指标</TD></TR></TABLE>".encode(), "HTML"),
        (b'  <?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>', "SPREADSHEETML"),
        (b'<?xml version="1.0"?><root>urn:other</root>', "TEXT"),
    ],
)
def test_a_file_is_sniffed_by_its_text(data: bytes, kind: str) -> None:
    from perfrules.tables.sniff import Kind, sniff

    assert sniff(data) is Kind[kind]


def test_an_actual_written_as_a_fraction_of_a_percentage_target_is_flagged() -> None:
    text = "一级指标\t二级指标\t三级指标\t指标值\t实际完成值\n"
    text += "产出指标\t数量指标\t合格率\t≥90%\t0.95\n\t\t培训\t≥5次\t0.5\n"
    (result,) = import_bytes(text.encode(), "t.txt")
    (flag,) = result.flags
    assert (flag.code, flag.name, flag.place) == ("percent-ambiguous", "合格率", "文本 第2行第5列")
    assert flag.message == "指标值是百分数，实际完成值却是 0.95：是 0.95% 还是 0.95（即 95%）？按写的读"
    assert result.facts == {"合格率": "0.95", "培训": "0.5"}


@pytest.mark.parametrize(
    ("columns", "line", "written"),
    [
        ("执行率", "95%", "预算执行率 %\n"),
        ("分值", "10", "预算执行率 % weight 10\n"),
        ("分值", "十", "预算执行率 %\n"),
    ],
)
def test_the_money_block_row_is_written_from_what_its_total_line_gives(columns: str, line: str, written: str) -> None:
    head = f"项目支出绩效自评表(2023年度)\n项目资金(万元)\t\t年初预算数\t{columns}\n\t年度资金总额\t1\t{line}\n"
    assert written in imported("产出指标\t数量指标\t培训人次\t≥\t300\t人次\t\t\n", head).text


def test_a_quantity_a_goal_sets_that_no_indicator_targets_is_flagged() -> None:
    head = "2023年度项目绩效目标表\n年度总体目标\n预期目标\t培训不少于300人次，满意度不低于95%\n"
    result = imported("产出指标\t数量指标\t培训人次\t≥\t300\t人次\t\t\n", head)
    (flag,) = result.flags
    assert (flag.code, flag.name, flag.place) == ("goal-without-indicator", None, "文本 第3行第2列")
    assert flag.message == "目标中写有“不低于95%”，表中没有指标以此为目标；需要时补一个指标"
