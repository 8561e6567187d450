""" "Did you mean": an unknown unit names the known unit it likely mistypes, a mistyped deadline
names the deadline, in both languages; and a hint never suggests a declaration that makes no sense."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

import perfrules
from perfrules import RulesetError
from perfrules.errors import Diagnostic
from perfrules.quantities.guesses import INTENDED, MAGNITUDES
from perfrules.quantities.units import builtin_units


def first_problem(text: str) -> Diagnostic:
    with pytest.raises(RulesetError) as caught:
        perfrules.compile(text)
    return caught.value.diagnostics[0]


def hints(diagnostic: Diagnostic) -> tuple[str | None, str | None]:
    return diagnostic.text("en")[1], diagnostic.text("zh")[1]


def test_a_mistyped_unit_is_named_first_in_both_languages():
    """`2 论` was meant as `2 轮`; declaring 论 comes second."""
    problem = first_problem("year 2023\n巡察工作 >= 2 论 by 2023-12-31\n")
    assert (problem.code, problem.line, problem.column) == ("unknown-unit", 2, 11)
    assert hints(problem) == ("did you mean 轮? If not, declare `unit 论`", "是否想写 轮？如果不是，请声明 `unit 论`")


def test_a_mistyped_declared_unit_is_named():
    problem = first_problem("unit 场次\n活动 >= 3 场欠\n")
    assert hints(problem)[0] == "did you mean 场次? If not, declare `unit 场欠`"


def test_a_unit_defined_over_a_mistyped_unit():
    """The unit a declaration is defined over gets the same suggestion."""
    problem = first_problem("unit 大轮 = 3 论\n巡察 >= 1 大轮\n")
    assert (problem.line, problem.column) == (1, 13)
    assert hints(problem)[0] == "did you mean 轮? If not, declare `unit 论`"


def test_a_unit_of_its_own_is_only_declared():
    """斤 is near no known unit: no suggestion, and no multiple of 元 it has nothing to do with."""
    assert hints(first_problem("重量 >= 3 斤\n")) == (
        "if it is a unit of its own, declare it: `unit 斤`",
        "如果这是一个单独的计量单位，请声明：`unit 斤`",
    )


def test_a_magnitude_before_a_known_unit_is_declared_as_its_multiple():
    assert hints(first_problem("培训 >= 3 万场次\nunit 场次\n")) == (
        "declare it as a multiple of 场次: `unit 万场次 = 10000 场次`",
        "请声明为 场次 的倍数：`unit 万场次 = 10000 场次`",
    )


def test_a_rate_names_the_part_to_declare():
    """公斤/亩 cannot be declared as written; 公斤 can, and then the rate is known."""
    problem = first_problem("亩产 >= 300 公斤/亩\n")
    assert hints(problem) == (
        "公斤/亩 is a rate of two units, known once both are: declare `unit 公斤`",
        "公斤/亩 由“/”两侧的单位组成，两者都已知才可用：请声明 `unit 公斤`",
    )
    perfrules.compile("unit 公斤\n亩产 >= 300 公斤/亩\n")


def test_a_rate_with_a_mistyped_part_is_named():
    assert hints(first_problem("人均 >= 3 人/约\n"))[0] == "did you mean 人/月? If not, declare `unit 约`"


def test_a_deadline_read_as_a_unit_is_named():
    """`10月底钱` after a name reads as 10 of a unit 月底钱: the hint names the deadline instead."""
    problem = first_problem("year 2023\n监督平台建设 １０月底钱\n")
    assert (problem.code, problem.line, problem.column) == ("unknown-unit", 2, 10)
    assert hints(problem) == ("did you mean the deadline 10月底前?", "是否想写截止日期 10月底前？")


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("10月底钱", "10月底前"),
        ("10月底签", "10月底前"),
        ("10月末钱", "10月底前"),
        ("10月底以前", "10月底前"),
        ("10月底之前", "10月底前"),
        ("10月地前", "10月底前"),
        ("12月31日钱", "12月31日前"),
        ("12月31号前", "12月31日前"),
        ("年底钱", "年底前"),
        ("年末钱", "年末前"),
        ("2023年10月底钱", "2023年10月底前"),
        ("10月前完城", "10月前完成"),
    ],
)
def test_a_mistyped_deadline_is_named_with_the_syntax_error(written, meant):
    """The syntax error stays, at the deadline's first token, and its hint names the deadline."""
    problem = first_problem(f"year 2023\n监督平台建设 == 完成 {written}\n")
    assert (problem.code, problem.line, problem.column) == ("syntax", 2, 14)
    assert hints(problem) == (f"did you mean the deadline {meant}?", f"是否想写截止日期 {meant}？")
    perfrules.compile(f"year 2023\n监督平台建设 == 完成 {meant}\n")


@pytest.mark.parametrize("written", ["10次", "10月底钱包", "10月底前前"])
def test_no_deadline_is_named_where_none_is_near(written):
    problem = first_problem(f"year 2023\n监督平台建设 == 完成 {written}\n")
    assert problem.code == "syntax"
    assert "deadline 1" not in str(problem.render())


def test_a_label_ending_in_a_mistyped_deadline_is_a_warning():
    """`完成10月底钱`, written without a space as tables print it, is one label: a warning names the
    deadline it was meant to carry, and the suggestion compiles with that deadline."""
    (warning,) = perfrules.compile("year 2023\n平台建设 == 完成10月底钱\n").warnings
    assert (warning.code, warning.line, warning.column) == ("no-date", 2, 9)
    assert hints(warning) == (
        "did you mean `完成10月底前`, with the deadline 10月底前? Written so, perfrules checks the date",
        "是否想写 `完成10月底前`（截止日期 10月底前）？这样写，perfrules 才能检查时间",
    )
    assert not perfrules.compile("year 2023\n平台建设 == 完成10月底前\n").warnings


def test_a_label_whose_deadline_would_stay_in_the_name_is_left_alone():
    """完成年末前 is one name to the grammar: suggesting it would change nothing."""
    assert not perfrules.compile("year 2023\n平台建设 == 完成年末钱\n").warnings


UNIT_WORD = st.text(
    alphabet=sorted({*"".join(name for name in builtin_units() if not name.isascii()), *INTENDED, *"斤棵分方"}),
    min_size=1,
    max_size=4,
).filter(lambda word: "以" not in word and word not in builtin_units())
MULTIPLE = re.compile(r"= (\d+) (\S+)`")


@given(UNIT_WORD)
def test_a_hint_never_suggests_a_declaration_that_makes_no_sense(word):
    """A multiple is suggested only for a magnitude before a known unit (`= 1000 元` only for 千元,
    which is known), and a suggested unit is a known one other than the word."""
    try:
        perfrules.compile(f"指标 >= 1 {word}\n")
    except RulesetError as error:
        (problem,) = error.diagnostics
        hint, hint_zh = hints(problem)
        assert hint is not None and hint_zh is not None
        for found in (MULTIPLE.search(hint), MULTIPLE.search(hint_zh)):
            if found is not None:
                factor, base = found.groups()
                assert word == next(prefix for prefix, value in MAGNITUDES.items() if value == int(factor)) + base
                assert base in builtin_units()
        if hint.startswith("did you mean "):
            meant = hint.removeprefix("did you mean ").split("?")[0]
            assert meant != word and meant in builtin_units()
