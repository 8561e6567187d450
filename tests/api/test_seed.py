"""The seed table end to end: every row expressed, evaluated against the sample facts."""

import json
from datetime import date
from decimal import Decimal

from perfrules import Quantity, Status, Target

SEED_ROWS = {
    ("工作目标管理", "年度履职目标相关性"): ["年度履职目标相关性", "工作任务科学性", "绩效指标合理性"],
    ("工作目标管理", "预算编制完整性"): ["预算编制完整性", "专项资金细化率", "预算执行率"],
    ("投入管理指标", "预算和财务管理"): [
        "预算调整率",
        "结转结余率",
        "“三公经费”控制率",
        "政府采购执行率",
        "决算真实性",
        "资金使用合规性",
        "管理制度健全性",
        "预决算信息公开性",
        "资产管理规范性",
    ],
    ("投入管理指标", "绩效管理"): [
        "绩效目标编制完成率",
        "绩效监控完成率",
        "绩效自评完成率",
        "部门绩效评价完成率",
        "评价结果应用率",
    ],
    ("产出指标", "重点工作任务完成"): [
        "“一把手”和领导班子监督检查",
        "述责述廉活动",
        "八项规定监督检查",
        "民生领域专项监督检查",
        "围绕区中心工作开展监督检查",
        "开展警示教育",
        "巡察工作",
        "监督平台建设",
        "纪检监察干部培训",
        "纪检监察信息报送",
    ],
    ("产出指标", "履职目标实现"): ["年度工作目标完成率"],
    ("效益指标", "履职效益"): ["社会效益"],
    ("效益指标", "满意度"): ["上级纪委会机关满意度"],
}

SEED_FORMULAS = [
    "预算执行率",
    "预算调整率",
    "结转结余率",
    "“三公经费”控制率",
    "政府采购执行率",
    "专项资金细化率",
    "绩效目标编制完成率",
    "绩效监控完成率",
    "绩效自评完成率",
    "部门绩效评价完成率",
    "评价结果应用率",
]


def test_every_seed_row_is_an_indicator_in_its_group(seed):
    """All 33 三级指标 are defined, in the seed's groups and order."""
    groups = {}
    for indicator in seed.indicators:
        groups.setdefault(indicator.group, []).append(indicator.name)
    for group, names in SEED_ROWS.items():
        assert groups[group] == names
    assert sum(len(names) for names in SEED_ROWS.values()) == 33


def test_header_budget_and_year(seed):
    """The header's unit, year and budget are declared; the budget is exact."""
    assert seed.department == "郑州经济技术开发区纪检监察工委"
    assert seed.year == 2023
    assert seed.budget["部门预算总额"] == Quantity(Decimal("11961500.0"), "元")
    assert seed.budget["基本支出"].amount == Decimal("11961500")
    assert seed.budget["项目支出"].amount == 0


def test_seed_targets_follow_the_table(seed):
    """Targets read as the table writes them; no comparator means >= for numbers, == for labels."""
    by_name = {indicator.name: indicator for indicator in seed.indicators}
    assert by_name["巡察工作"].target == Target(">=", Quantity(Decimal(2), "轮"))
    assert by_name["预算调整率"].target == Target("<=", Quantity(Decimal(20), "%"))
    assert by_name["专项资金细化率"].target == Target(">=", Quantity(Decimal(100), "%"))
    assert by_name["监督平台建设"].target == Target("==", "完成")
    assert by_name["监督平台建设"].deadline == date(2023, 10, 31)
    assert by_name["开展警示教育"].deadline == date(2023, 12, 31)
    training = by_name["纪检监察干部培训"]
    assert [part.fact for part in training.parts] == ["纪检监察干部培训.培训", "纪检监察干部培训.知识测试"]
    assert by_name["纪检监察信息报送"].description.startswith("强化纪检监察信息报送工作")


def test_every_seed_formula_is_defined(seed):
    assert set(SEED_FORMULAS) <= set(seed.formulas)


def test_seed_facts_evaluate_to_the_expected_statuses(seed, seed_facts):
    """The sample facts: most met, some not, a late completion, a missing and a zero division."""
    report = seed.evaluate(seed_facts)
    assert report.as_of == date(2023, 12, 31)
    statuses = {name: result.status for name, result in report.items()}
    assert statuses["预算执行率"] is Status.MET
    assert statuses["“三公经费”控制率"] is Status.NOT_MET
    assert statuses["资产管理规范性"] is Status.NOT_MET
    assert statuses["评价结果应用率"] is Status.NOT_MET
    assert statuses["民生领域专项监督检查"] is Status.NOT_MET
    assert statuses["上级纪委会机关满意度"] is Status.MISSING
    assert statuses["专项资金细化率"] is Status.INVALID
    assert statuses["纪检监察干部培训"] is Status.MET
    late = report["监督平台建设"]
    assert late.status is Status.NOT_MET
    assert late.met_on == date(2023, 11, 20)
    assert "2023-11-20" in late.reason
    assert "除数为零" in report["专项资金细化率"].reason


def test_seed_formula_values_are_exact(seed, seed_facts):
    report = seed.evaluate(seed_facts)
    assert report.formulas["政府采购执行率"] == Quantity(Decimal(91), "%")
    assert report.formulas["评价结果应用率"] == Quantity(Decimal("87.5"), "%")
    # (11,254,320.50 / 11,961,500.00) × 100%, to 34 significant digits
    assert report.formulas["预算执行率"].amount == Decimal("94.08786941437110730259582828240605")
    # 3.86 万元 / 4.5 万元: units convert exactly before dividing
    assert report.formulas["“三公经费”控制率"].amount == Decimal("85.77777777777777777777777777777778")
    assert report.formulas["专项资金细化率"] is None


def test_report_to_dict_is_json_without_floats(seed, seed_facts):
    data = seed.evaluate(seed_facts).to_dict()
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text, parse_float=lambda _: (_ for _ in ()).throw(AssertionError("float")))
    row = next(item for item in data["indicators"] if item["name"] == "巡察工作")
    assert row == {
        "name": "巡察工作",
        "group": ["产出指标", "重点工作任务完成"],
        "status": "MET",
        "value": {"amount": "2", "unit": "轮"},
        "target": {"comparator": ">=", "amount": "2", "unit": "轮"},
        "deadline": "2023-12-31",
        "final": True,
        "reason": "截至2023-12-31为2 轮，达到目标≥2 轮",
        "reason_code": "met",
    }
    assert data["formulas"]["政府采购执行率"] == {"amount": "91", "unit": "%"}


def test_design_card_lines_parse_verbatim():
    """Both lines of the design card are complete indicators on their own."""
    import perfrules

    rules = perfrules.compile("巡察工作 >= 2 轮 by 2023-12-31\n监督平台建设 == 完成 by 2023-10-31\n")
    report = rules.evaluate({"巡察工作": 2, "监督平台建设": "完成"}, as_of=date(2023, 11, 1))
    assert report["巡察工作"].status is Status.MET
    assert report["巡察工作"].final is False
    assert report["监督平台建设"].status is Status.MET
    assert report["监督平台建设"].final is True
    early = rules.evaluate({"巡察工作": 1, "监督平台建设": "未完成"}, as_of=date(2023, 6, 30))
    assert early["巡察工作"].status is Status.PENDING
    assert early["监督平台建设"].status is Status.PENDING
    late = rules.evaluate({"巡察工作": 1, "监督平台建设": "未完成"}, as_of=date(2024, 1, 1))
    assert late["巡察工作"].status is Status.NOT_MET
    assert late["监督平台建设"].status is Status.NOT_MET
