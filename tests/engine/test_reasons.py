"""Reasons as codes and words: every reason code an evaluation can give, reached by a real
evaluation, with its Chinese and English sentence and its code in to_dict(); the warnings about
facts likewise; and the wording tables in step (the same codes and placeholders in both languages)."""

from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules.engine import factset, reasons
from perfrules.errors.phrases import placeholders

YEAR_END = date(2023, 12, 31)
MID_YEAR = date(2023, 6, 30)
LATE = "year 2023\nx >= 2 次 by 2023-06-30\n"
RATIO = "year 2023\nfact a in 元\nfact b in 元\nr := a / b\nr >= 1\n"
COMPOUND = "year 2023\n培训: 培训 >= 5 次 and 考核 == 合格\n"

CASES = [
    (
        "recorded",
        "year 2023\n预算执行率 %\n",
        {"预算执行率": "86%"},
        YEAR_END,
        "截至2023-12-31填报为86%；本行无指标值，不判断是否达成",
        "as of 2023-12-31 it was reported as 86%; this row has no target, so attainment is not judged",
    ),
    (
        "met",
        "year 2023\nx >= 2 次\n",
        {"x": 3},
        YEAR_END,
        "截至2023-12-31为3 次，达到目标≥2 次",
        "as of 2023-12-31 the value was 3 次, meeting the target ≥2 次",
    ),
    (
        "met-asserted",
        "year 2023\nx <= 30 万元\n",
        {"x": "完成"},
        YEAR_END,
        "截至2023-12-31填报为“完成”，认定达到目标≤30 万元（填报人认定，非实测值）",
        "as of 2023-12-31 it was reported as “完成”, taken as meeting the target ≤30 万元 (asserted by the reporter,"
        " not measured)",
    ),
    (
        "pending",
        "year 2023\nx >= 2 次 by 2023-12-31\n",
        {"x": 1},
        MID_YEAR,
        "截至2023-06-30为1 次，尚未达到目标≥2 次，截止日期2023-12-31",
        "as of 2023-06-30 the value was 1 次, not yet meeting the target ≥2 次; deadline 2023-12-31",
    ),
    (
        "missing",
        "year 2023\nx >= 2 次\n",
        {},
        YEAR_END,
        "截至2023-12-31缺少“x”的数据",
        "as of 2023-12-31 there is no data for “x”",
    ),
    (
        "missing-at-deadline",
        LATE,
        {"x": [{"value": 1, "date": "2023-09-30"}]},
        YEAR_END,
        "截止日期2023-06-30时缺少“x”的数据，未达到目标≥2 次",
        "on the deadline 2023-06-30 there was no data for “x”: the target ≥2 次 was not met",
    ),
    (
        "missing-at-deadline-late",
        LATE,
        {"x": [{"value": 3, "date": "2023-09-30"}]},
        YEAR_END,
        "截止日期2023-06-30时缺少“x”的数据，未达到目标≥2 次；2023-09-30才达到，已逾期",
        "on the deadline 2023-06-30 there was no data for “x”: the target ≥2 次 was not met;"
        " met only on 2023-09-30, after the deadline",
    ),
    (
        "not-met",
        "year 2023\nx >= 2 次\n",
        {"x": 1},
        YEAR_END,
        "截至2023-12-31为1 次，未达到目标≥2 次",
        "as of 2023-12-31 the value was 1 次, not meeting the target ≥2 次",
    ),
    (
        "not-met-late",
        LATE,
        {"x": [{"value": 1, "date": "2023-01-31"}, {"value": 3, "date": "2023-09-30"}]},
        YEAR_END,
        "截至2023-06-30为1 次，未达到目标≥2 次；2023-09-30才达到，已逾期",
        "as of 2023-06-30 the value was 1 次, not meeting the target ≥2 次; met only on 2023-09-30, after the deadline",
    ),
    (
        "invalid-fact",
        "year 2023\nx >= 2 次\n",
        {"x": "abc"},
        YEAR_END,
        "“x”的数据无法使用：应为数值，而不是 “abc”",
        "the data for “x” cannot be used: expected a number, not “abc”",
    ),
    (
        "word-in-formula",
        RATIO,
        {"a": "完成", "b": 1},
        YEAR_END,
        "“a”填报为“完成”，但它要参与公式计算，需要数值",
        "“a” is reported as “完成”, but it feeds a formula, which needs a number",
    ),
    (
        "division-by-zero",
        RATIO,
        {"a": 1, "b": 0},
        YEAR_END,
        "计算“r”时除数为零",
        "division by zero computing “r”",
    ),
    (
        "too-precise",
        "year 2023\nr := a + b\nr >= 1\n",
        {"a": Decimal("1E+40"), "b": Decimal("0.5")},
        YEAR_END,
        "计算“r”时结果超过34位有效数字，无法精确表示",
        "computing “r” needs more than 34 significant digits, which cannot be held exactly",
    ),
    (
        "out-of-range",
        "year 2023\nr := a * b * b * b * b * b * b * b * b * b * b * b\nr >= 1\n",
        {"a": Decimal("1E+99"), "b": Decimal("1E+99")},
        YEAR_END,
        "计算“r”时结果超出精确计算范围",
        "computing “r” goes beyond the range of exact arithmetic",
    ),
    (
        "outside-scale",
        "year 2023\nscale 差 < 中 < 好\nx >= 中\n",
        {"x": "优"},
        YEAR_END,
        "“优”不在目标≥中所属的等级中",
        "“优” is not in the scale of the target ≥中",
    ),
    (
        "compound-met",
        COMPOUND,
        {"培训": {"培训": 6, "考核": "合格"}},
        YEAR_END,
        "各分项均达到目标：培训：截至2023-12-31为6 次，达到目标≥5 次；考核：截至2023-12-31为合格，达到目标=合格",
        "every part meets its target: 培训: as of 2023-12-31 the value was 6 次, meeting the target ≥5 次;"
        " 考核: as of 2023-12-31 the value was 合格, meeting the target =合格",
    ),
    (
        "compound-unmet",
        COMPOUND,
        {"培训": {"培训": 3, "考核": "合格"}},
        YEAR_END,
        "培训：截至2023-12-31为3 次，未达到目标≥5 次",
        "培训: as of 2023-12-31 the value was 3 次, not meeting the target ≥5 次",
    ),
]


def first(text, facts, as_of):
    report = perfrules.compile(text).evaluate(facts, as_of=as_of)
    return report[next(iter(report))]


@pytest.mark.parametrize(("code", "text", "facts", "as_of", "zh", "en"), CASES, ids=[case[0] for case in CASES])
def test_each_reason_has_its_code_and_both_texts(code, text, facts, as_of, zh, en):
    """The code is on the result and in to_dict() in either language, beside the text in that language."""
    result = first(text, facts, as_of)
    assert (result.reason_code, result.reason, result.reason_in("zh"), result.reason_in("en")) == (code, zh, zh, en)
    assert {key: result.to_dict()[key] for key in ("reason", "reason_code")} == {"reason": zh, "reason_code": code}
    assert {key: result.to_dict("en")[key] for key in ("reason", "reason_code")} == {"reason": en, "reason_code": code}


def test_every_reason_code_is_reached_above_but_units_disagree():
    """units-disagree (facts with units that do not fit a formula) is pinned on its own below."""
    assert {case[0] for case in CASES} | {"units-disagree"} == set(reasons.REASONS)


def test_units_that_do_not_fit_a_formula_have_their_code():
    text = "year 2023\n执行率 := 完成数 / 预算数 × 100%\n执行率 >= 90%\n"
    result = first(text, {"完成数": "100 元", "预算数": "3 次"}, YEAR_END)
    assert (result.reason_code, result.detail_code) == ("units-disagree", "formula-in-other-dimension")
    assert result.reason_in("en") == (
        "in the units the facts came with, “执行率” comes out as 元·次^-1, but the ruleset compares it as a ratio or"
        " a plain number"
    )  # each detail code is pinned in tests/engine/test_details.py


def test_a_note_on_how_a_value_was_read_follows_the_reason_in_its_language():
    result = first("year 2023\nx >= 100\n", {"x": "100%"}, YEAR_END)
    assert result.reason_code == "met"
    assert result.reason.endswith("（规则集未给单位，按事实自带的单位%计）")
    assert result.reason_in("en").endswith(" (the ruleset gives no unit: read in the fact's own unit, %)")


def test_without_an_as_of_date_the_values_are_the_latest():
    rules = perfrules.compile("x >= 2 次\n")
    result = rules.evaluate({"x": 3})["x"]
    assert result.reason == "截至最新为3 次，达到目标≥2 次"
    assert result.reason_in("en") == "as of the latest data the value was 3 次, meeting the target ≥2 次"


def test_parts_carry_their_own_codes_in_json():
    data = first(COMPOUND, {"培训": {"培训": 3, "考核": "合格"}}, YEAR_END).to_dict("en")
    assert data["reason_code"] == "compound-unmet"
    assert [(part["reason_code"], part["reason"][:5]) for part in data["parts"]] == [
        ("not-met", "as of"),
        ("met", "as of"),
    ]


def test_warnings_about_facts_have_codes_and_both_texts():
    rules = perfrules.compile(
        "year 2023\nbudget {\n  总额 := 10 万元\n}\nfact a in 元\nr := a * 2\nr >= 1 元\nx >= 1 次\n"
    )
    report = rules.evaluate({1: 2, "r": 3, "总额": 4, "ｘ": 1, "zzz": 1}, as_of=YEAR_END)
    assert report.warning_codes == (
        "fact-not-text",
        "fact-shadows-formula",
        "fact-shadows-constant",
        "fact-written-otherwise",
        "fact-unused",
    )
    assert set(report.warning_codes) == set(reasons.WARNINGS)
    assert (
        report.warnings
        == report.warnings_in("zh")
        == (
            "事实名应为文字，已忽略 1",
            "事实“r”与公式同名，已忽略：事实不能覆盖公式",
            "事实“总额”与预算常量同名，已忽略：事实不能覆盖预算常量",
            "事实“ｘ”未被使用：规则集中的名称写作“x”（全角与半角字符视为同一名称，请按此写法给出）",
            "事实“zzz”未被任何指标或公式使用",
        )
    )
    assert report.warnings_in("en") == (
        "a fact's name must be text; ignored 1",
        "the fact “r” has a formula's name and is ignored: a fact cannot override a formula",
        "the fact “总额” has a budget constant's name and is ignored: a fact cannot override a budget constant",
        "the fact “ｘ” is not used: the ruleset writes the name “x”"
        " (full-width and half-width characters are one name; give it as the ruleset writes it)",
        "the fact “zzz” is not used by any indicator or formula",
    )
    data = report.to_dict("en")
    assert (data["warnings"], data["warning_codes"]) == (list(report.warnings_in("en")), list(report.warning_codes))


def test_the_json_report_has_a_code_for_every_indicator_and_part(seed, seed_facts):
    for language in ("zh", "en"):
        for row in seed.evaluate(seed_facts).to_dict(language)["indicators"]:
            assert row["reason_code"] in reasons.REASONS
            assert all(part["reason_code"] in reasons.REASONS for part in row.get("parts", []))


def test_an_unknown_language_is_a_usage_error(seed, seed_facts):
    report = seed.evaluate(seed_facts)
    with pytest.raises(perfrules.UsageError, match="language must be one of 'zh', 'en', not 'fr'"):
        report.to_dict("fr")
    with pytest.raises(perfrules.UsageError):
        report["巡察工作"].reason_in("EN")


def test_both_languages_word_every_code_with_the_same_placeholders():
    assert reasons.ZH.keys() == reasons.EN.keys()
    for code, words in reasons.ZH.items():
        assert placeholders(words) == placeholders(reasons.EN[code]), code
    assert set(reasons.REASONS) | set(reasons.WARNINGS) <= reasons.ZH.keys()


def test_an_unused_fact_names_the_fact_it_likely_means():
    """巡查工作 for 巡察工作: the warning asks whether the ruleset's name was meant, in both languages."""
    report = perfrules.compile("year 2023\n巡察工作 >= 2 轮\n").evaluate({"巡查工作": 2}, as_of=YEAR_END)
    assert report.warning_codes == ("fact-unused",)
    assert report.warnings_in("zh") == ("事实“巡查工作”未被任何指标或公式使用；是否应为“巡察工作”？",)
    assert report.warnings_in("en") == (
        "the fact “巡查工作” is not used by any indicator or formula; did you mean “巡察工作”?",
    )


def test_an_unused_fact_names_a_formula_input_it_likely_means():
    rules = perfrules.compile("year 2023\n率 := 预算完成数 / 预算数\n率 >= 1\n")
    report = rules.evaluate({"预算数": 1, "预算完成": 1}, as_of=YEAR_END)
    assert report.warnings_in("en") == (
        "the fact “预算完成” is not used by any indicator or formula; did you mean “预算完成数”?",
    )


def test_an_unused_fact_names_nothing_when_nothing_is_near_or_the_near_fact_is_given():
    """No suggestion for a key near no fact, nor of a fact the set already gives."""
    rules = perfrules.compile("year 2023\n巡察工作 >= 2 轮\n")
    assert rules.evaluate({"zzz": 1}, as_of=YEAR_END).warnings == ("事实“zzz”未被任何指标或公式使用",)
    report = rules.evaluate({"巡察工作": 2, "巡查工作": 2}, as_of=YEAR_END)
    assert report.warnings_in("en") == ("the fact “巡查工作” is not used by any indicator or formula",)


def test_the_names_are_looked_through_only_for_an_unused_fact(monkeypatch):
    """A fact set whose keys are all read costs no search for near names."""

    def forbidden(*_arguments):
        raise AssertionError("searched for a near name with no unused fact")

    monkeypatch.setattr(factset, "closest_name", forbidden)
    report = perfrules.compile("year 2023\n巡察工作 >= 2 轮\n").evaluate({"巡察工作": 2}, as_of=YEAR_END)
    assert report.warnings == ()
