"""The formatter: parse(format(x)) equals parse(x) apart from positions, and formatting is idempotent,
both keeping the comparators as written (the default) and normalising them (`normalize=True`)."""

import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

import perfrules
from perfrules.errors.source import Source, Span
from perfrules.language.build import build
from perfrules.language.formatter import format_text
from perfrules.language.parser import parse
from perfrules.quantities.comparators import Comparator

from ..conftest import ROOT, SEED
from ..strategies import GRAMMAR, ruleset_texts, terminals

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
    """Both layouts keep the AST and are fixed points, and normalising after keeping the spellings
    is normalising: keeping them changes nothing but the comparators."""
    kept, normalized = format_text(text), format_text(text, normalize=True)
    assert program(kept) == program(text) == program(normalized)
    assert format_text(kept) == kept
    assert format_text(normalized, normalize=True) == normalized
    assert format_text(kept, normalize=True) == normalized
    assert format_text(normalized) == normalized


def texts_with_every_spelling():
    """Generated rulesets whose comparators are spelled every way tables write them (≥, ＞＝, 不少于, …):
    the grammar alone only ever derives the NFKC-normalised forms the lexer reads."""
    spellings = st.sampled_from([form for comparator in Comparator for form in comparator.forms])
    return from_lark(GRAMMAR, explicit={**terminals(), "COMPARATOR": spellings})


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


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=texts_with_every_spelling())
def test_generated_rulesets_spelled_as_tables_write_them_round_trip(text):
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
        "巡察 不少于 1 次 by 2023-12-31\n"
        '    "d"\n'
    )


def test_syntax_errors_are_reported_not_formatted():
    with pytest.raises(perfrules.RulesetError):
        format_text("x >=\n")


def test_a_unit_definition_keeps_its_equals_sign():
    """There `=` defines rather than compares, so normalising does not make it `==`."""
    assert format_text("unit 千元=1000元\nunit 场\n") == "unit 千元 = 1000 元\nunit 场\n"
    assert format_text("unit 千元＝1000元\n") == "unit 千元 ＝ 1000 元\n"
    assert format_text("unit 千元＝1000元\n", normalize=True) == "unit 千元 = 1000 元\n"
    assert format_text("unit 千元 == 1000 元\n", normalize=True) == "unit 千元 = 1000 元\n"


@pytest.mark.parametrize(
    ("text", "kept", "normalized"),
    [
        ("巡察 ≥1次\n", "巡察 ≥ 1 次\n", "巡察 >= 1 次\n"),
        ("平台﹦完成\n", "平台 ﹦ 完成\n", "平台 == 完成\n"),
        ("平台＝完成\n", "平台 ＝ 完成\n", "平台 == 完成\n"),
        ("平台 ＞＝ 完成\n", "平台 ＞＝ 完成\n", "平台 >= 完成\n"),
        ("述责述廉活动不少于1次\n", "述责述廉活动 不少于 1 次\n", "述责述廉活动 >= 1 次\n"),
        ("资金到位率 不低于90%\n", "资金到位率 不低于 90%\n", "资金到位率 >= 90%\n"),
        ("巡察至少 2轮\n", "巡察 至少 2 轮\n", "巡察 >= 2 轮\n"),
        ("合格率 达到95%\n", "合格率 达到 95%\n", "合格率 >= 95%\n"),
        ("成本 不超过30万元\n", "成本 不超过 30 万元\n", "成本 <= 30 万元\n"),
        ("scale 差＜中≤优\n", "scale 差 ＜ 中 ≤ 优\n", "scale 差 < 中 <= 优\n"),
    ],
)
def test_a_comparator_keeps_its_spelling_unless_normalised(text, kept, normalized):
    """The file still reads like the table; a comparator written before the target, sign or word,
    stands one space from each side, so normalising changes the comparator and nothing else."""
    assert format_text(text) == kept
    assert format_text(text, normalize=True) == normalized


def test_the_seed_ruleset_is_a_fixed_point_however_its_comparators_are_spelled():
    """Written in ASCII it is a fixed point of both layouts; spelled as tables write it, the default
    keeps that spelling and normalising brings back the ASCII seed."""
    text = SEED.read_text(encoding="utf-8")
    assert format_text(text) == format_text(text, normalize=True) == text
    spelled = text.replace(" >= ", " 不少于 ").replace(" <= ", " 不超过 ").replace(" == ", " ＝ ")
    assert spelled != text
    assert format_text(spelled) == spelled
    assert format_text(spelled, normalize=True) == text


def test_a_comparator_after_the_number_stays_there_glued_to_it():
    """`95%以上` reads like the table, normalised or not; `达到` before a number is a comparator
    like `>=`, kept as written or normalised to it."""
    text = "year 2023\n覆盖率 95%以上\n成本 30 万元 以内 年底前\n人数 100人以下\n合格率 达到95%\n"
    layout = "year 2023\n覆盖率 95%以上\n成本 30 万元以内 年底前\n人数 100 人以下\n合格率 {} 95%\n"
    assert format_text(text) == layout.format("达到")
    assert format_text(text, normalize=True) == layout.format(">=")


def test_a_headings_printed_weight_and_bracketed_names_read_as_printed():
    text = "一级指标 产出指标（50分）\n二级指标 数量指标 ( 30 分 )\n发放(缴纳)覆盖率>=95%\n"
    assert format_text(text) == "一级指标 产出指标（50分）\n二级指标 数量指标(30分)\n发放(缴纳)覆盖率 >= 95%\n"


def test_a_labels_standard_stays_apart_unless_it_reads_the_same_glued():
    """`X (Y)` is the label X with the standard Y; glued, `X(Y)` would be the one label `X(Y)`."""
    assert format_text("平台 不少于 上线 (内部)\n") == "平台 不少于 上线 (内部)\n"
    assert format_text("平台 不少于 上线 (内部)\n", normalize=True) == "平台 >= 上线 (内部)\n"
    assert format_text("平台 == 上线(计划标准)\n") == "平台 == 上线(计划标准)\n"
    assert format_text("attainment  完成   达标\n") == "attainment 完成 达标\n"
