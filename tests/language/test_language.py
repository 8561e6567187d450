"""The language, where the conformance data cannot say it: a compound's parts and the facts they read,
and warnings with their lines. Every ruleset → targets, deadlines, groups, results or error case is
data in tests/conformance/*.json."""

from decimal import Decimal

import perfrules
from perfrules import Quantity, Status


def test_compound_parts_read_facts_of_their_own():
    rules = perfrules.compile("培训 >= 1 次\n干部培训: 培训 >= 5 次 and 知识测试 >= 5 次\n")
    (_simple, compound) = rules.indicators
    assert [part.fact for part in compound.parts] == ["干部培训.培训", "干部培训.知识测试"]
    report = rules.evaluate({"培训": 1, "干部培训.培训": 5, "干部培训.知识测试": 4})
    assert report["培训"].status is Status.MET
    assert report["干部培训"].status is Status.NOT_MET
    assert report["干部培训"].value == {"培训": Quantity(Decimal(5), "次"), "知识测试": Quantity(Decimal(4), "次")}


def test_warnings_do_not_stop_compilation():
    rules = perfrules.compile(
        "year 2023\n率 := a / b × 100%\n率 >= 120%\n投诉 < 0 次\n平台 == 完成 2024年3月底前\n没用的 := 1\n"
    )
    assert [(item.code, item.line) for item in rules.warnings] == [
        ("never-met", 3),
        ("never-met", 4),
        ("deadline-outside-year", 5),
        ("unused-formula", 6),
    ]
