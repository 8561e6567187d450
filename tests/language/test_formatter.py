"""The formatter: parse(format(x)) equals parse(x) apart from positions, and formatting is idempotent."""

import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings

import perfrules
from perfrules.errors.source import Source, Span
from perfrules.language.build import build
from perfrules.language.formatter import format_text
from perfrules.language.parser import parse

from ..conftest import ROOT
from ..strategies import ruleset_texts

SPAN_FIELDS = {"span", "op_span", "unit_span"}


def shape(value):
    """An AST with every position left out, for comparing two parses."""
    if attrs.has(type(value)):
        return (
            type(value).__name__,
            *tuple(
                (field.name, shape(getattr(value, field.name)))
                for field in attrs.fields(type(value))
                if field.name not in SPAN_FIELDS and not isinstance(getattr(value, field.name), Span)
            ),
        )
    if isinstance(value, tuple):
        if len(value) == 2 and isinstance(value[1], Span):  # (operator, its span) in unit declarations
            return shape(value[0])
        return tuple(shape(item) for item in value)
    if isinstance(value, Decimal):
        return str(value.normalize()) if value else "0"
    return value


def program(text):
    source = Source(text)
    return shape(build(parse(source), source))


def assert_round_trip(text):
    formatted = format_text(text)
    assert program(formatted) == program(text)
    assert format_text(formatted) == formatted


def snippets():
    for path in sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")]):
        for match in re.finditer(r"```perf(?: error| warning)?\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL):
            yield pytest.param(match.group(1), id=f"{path.name}:{match.start()}")


@pytest.mark.parametrize("path", sorted((ROOT / "rulesets").glob("*.perf")), ids=lambda path: path.name)
def test_rulesets_are_formatted(path):
    text = path.read_text(encoding="utf-8")
    assert format_text(text) == text
    assert_round_trip(text)


@pytest.mark.parametrize("text", list(snippets()))
def test_doc_snippets_round_trip(text):
    try:
        parse(Source(text))
    except perfrules.RulesetError:
        pytest.skip("shows an error the parser reports")
    assert_round_trip(text)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=ruleset_texts())
def test_generated_rulesets_round_trip(text):
    try:
        parse(Source(text))
    except perfrules.RulesetError:
        assume(False)
    assert_round_trip(text)


def test_layout_details():
    text = (
        "budget {\n  a := 1 元   # 注释\n  g {\n b:=2元\n}\n}\n\n\n\n"
        'x:=-(a+2)*3  # c\n巡察 不少于1次 by 2023-12-31\n  "d"\n'
    )
    assert format_text(text) == (
        "budget {\n"
        "    a := 1 元  # 注释\n"
        "    g {\n"
        "        b := 2 元\n"
        "    }\n"
        "}\n"
        "\n"
        "x := -(a + 2) * 3  # c\n"
        "巡察 >= 1 次 by 2023-12-31\n"
        '    "d"\n'
    )


def test_syntax_errors_are_reported_not_formatted():
    with pytest.raises(perfrules.RulesetError):
        format_text("x >=\n")


def test_a_unit_definition_keeps_its_equals_sign():
    assert format_text("unit 千元=1000元\nunit 场\n") == "unit 千元 = 1000 元\nunit 场\n"


def test_a_comparator_after_the_number_stays_there_glued_to_it():
    """`95%以上` reads like the table; `达到` before a number is written as the comparator it is."""
    text = "year 2023\n覆盖率 95%以上\n成本 30 万元 以内 年底前\n人数 100人以下\n合格率 达到95%\n"
    assert format_text(text) == ("year 2023\n覆盖率 95%以上\n成本 30 万元以内 年底前\n人数 100 人以下\n合格率 >= 95%\n")


def test_a_headings_printed_weight_and_bracketed_names_read_as_printed():
    text = "一级指标 产出指标（50分）\n二级指标 数量指标 ( 30 分 )\n发放(缴纳)覆盖率>=95%\n"
    assert format_text(text) == "一级指标 产出指标（50分）\n二级指标 数量指标(30分)\n发放(缴纳)覆盖率 >= 95%\n"


def test_a_labels_standard_stays_apart_unless_it_reads_the_same_glued():
    """`X (Y)` is the label X with the standard Y; glued, `X(Y)` would be the one label `X(Y)`."""
    assert format_text("平台 不少于 上线 (内部)\n") == "平台 >= 上线 (内部)\n"
    assert format_text("平台 == 上线(计划标准)\n") == "平台 == 上线(计划标准)\n"
    assert format_text("attainment  完成   达标\n") == "attainment 完成 达标\n"
