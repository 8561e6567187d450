"""The rules of the columnar benchmarks as plain data, from which the peers' queries are written.

Each spec is one indicator, read as perfrules decides it (checked cell for cell against
`ColumnarReport.codes`, so a spec that drifts from perfrules shows up as disagreements):
  Quantity  a number against a target (`x >= 5`), optionally with a `NAME@date` column;
  Ratio     (numerator − offset) / denominator × 100 against a target in percent;
  Label     a text against its target word, or a word asserting it was attained;
  All       several conditions of one indicator: the worst status (the highest code) wins.
Status codes are perfrules' `Status.code`: MET 0, PENDING 1, MISSING 2, INVALID 3, NOT_MET 4.
`workload_specs` mirrors benchmarks/workload.py; `seed_specs` mirrors the seed ruleset
(rulesets/zhengzhou-jingkai-jijian-2023.perf), written out by hand as an analyst would.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from . import workload

MET, PENDING, MISSING, INVALID, NOT_MET = 0, 1, 2, 3, 4

YEAR_END = date(2023, 12, 31)

ATTAINED = ("完成", "已完成", "全部完成", "按期完成", "达成", "已达成", "达成预期指标", "达成年度指标")
ATTAINED += ("达到", "已达到", "达标", "已达标")
"""Words a reviewer writes for "the target was met"; perfrules reads any of them as MET for a
label target (its own list is `program.attainment`, private: kept in step by the cell check)."""


@dataclass(frozen=True)
class Quantity:
    indicator: str
    column: str
    op: str
    target: Decimal
    deadline: date = YEAR_END
    dated: bool = False


@dataclass(frozen=True)
class Ratio:
    indicator: str
    numerator: str
    denominator: str | Decimal
    op: str
    percent: Decimal
    deadline: date = YEAR_END
    offset: Decimal = Decimal(0)

    def inputs(self) -> list[str]:
        return [self.numerator] + ([self.denominator] if isinstance(self.denominator, str) else [])


@dataclass(frozen=True)
class Label:
    indicator: str
    column: str
    target: str
    deadline: date = YEAR_END
    dated: bool = False

    def accepted(self) -> tuple[str, ...]:
        return (self.target, *(word for word in ATTAINED if word != self.target))


@dataclass(frozen=True)
class All:
    indicator: str
    parts: tuple[Quantity, ...]


Spec = Quantity | Ratio | Label | All

MIRRORED = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "==": "=="}
"""The comparison with its sides swapped: N/D op t is N op t·D when D > 0, N op' t·D when D < 0."""


def unmet(deadline: date, as_of: date) -> int:
    """A target not (yet) met: NOT_MET once its deadline has come, PENDING before."""
    return NOT_MET if as_of >= deadline else PENDING


def read_on(deadline: date, as_of: date) -> date:
    """The day a dated value is read on: its deadline once passed, else the as-of date."""
    return deadline if as_of >= deadline else as_of


def workload_specs(copies: int = 1) -> list[Spec]:
    """The 40-rule workload, in the ruleset's indicator order."""
    specs: list[Spec] = []
    names = workload.rule_names(copies)
    for (count, pair, done, label), k in zip(names, workload.thresholds(copies), strict=True):
        specs.append(Quantity(count, count, ">=", Decimal(k)))
        specs.append(Ratio(f"r{pair}", f"a{pair}", f"b{pair}", ">=", Decimal(90)))
        specs.append(Label(done, done, "完成", date.fromisoformat(workload.DEADLINE), dated=True))
        specs.append(Label(label, label, "完成"))
    return specs


BUDGET = Decimal("11961500.0")
"""The seed's 部门预算总额 (年初预算数), a constant of the ruleset."""

SEED_LABELS = (
    ("年度履职目标相关性", "相关"),
    ("工作任务科学性", "科学"),
    ("绩效指标合理性", "合理"),
    ("预算编制完整性", "完整"),
)
SEED_LABELS_2 = (
    ("决算真实性", "真实"),
    ("资金使用合规性", "合规"),
    ("管理制度健全性", "健全"),
    ("预决算信息公开性", "公开"),
    ("资产管理规范性", "规范"),
)
SEED_WORK_RATES = (
    ("绩效目标编制完成率", "已完成绩效目标编制项目数量", "部门应编制绩效目标项目总数"),
    ("绩效监控完成率", "已完成绩效监控项目数量", "部门项目总数"),
    ("绩效自评完成率", "已完成自评项目数量", "部门项目总数"),
    ("部门绩效评价完成率", "已完成重点评价项目数量", "部门重点绩效评价项目数"),
    ("评价结果应用率", "评价提出的意见建议采纳数", "提出的意见建议总数"),
)
SEED_COUNTS = (
    ("“一把手”和领导班子监督检查", 1),
    ("述责述廉活动", 1),
    ("八项规定监督检查", 4),
    ("民生领域专项监督检查", 20),
    ("围绕区中心工作开展监督检查", 5),
    ("开展警示教育", 6),
    ("巡察工作", 2),
)
DATED_COUNTS = {"八项规定监督检查"}


def seed_specs() -> list[Spec]:
    """The seed ruleset's 34 indicators, in its order, as an analyst would restate them."""
    specs: list[Spec] = [Label(name, name, target) for name, target in SEED_LABELS]
    hundred, ninety = Decimal(100), Decimal(90)
    specs += [
        Ratio("专项资金细化率", "已细化到具体市县和承担单位的资金数", "部门参与分配资金总数", ">=", hundred),
        Ratio("预算执行率", "预算完成数", "预算数", ">=", ninety),
        Ratio("预算调整率", "预算调整数", BUDGET, "<=", Decimal(20), offset=BUDGET),
        Ratio("结转结余率", "结转结余总额", "预算数", "<=", Decimal(20)),
        Ratio("“三公经费”控制率", "本年度“三公经费”实际支出数", "“三公经费”预算数", "<=", Decimal(20)),
        Ratio("政府采购执行率", "实际政府采购金额", "政府采购预算数", ">=", ninety),
    ]
    specs += [Label(name, name, target) for name, target in SEED_LABELS_2]
    specs += [Ratio(name, done, total, ">=", hundred) for name, done, total in SEED_WORK_RATES]
    specs += [Quantity(name, name, ">=", Decimal(k), dated=name in DATED_COUNTS) for name, k in SEED_COUNTS]
    training = tuple(
        Quantity(f"纪检监察干部培训.{p}", f"纪检监察干部培训.{p}", ">=", Decimal(5)) for p in ("培训", "知识测试")
    )
    specs += [
        Label("监督平台建设", "监督平台建设", "完成", date(2023, 10, 31), dated=True),
        All("纪检监察干部培训", training),
        Quantity("纪检监察信息报送", "纪检监察信息报送", ">=", Decimal(5)),
        Quantity("年度工作目标完成率", "年度工作目标完成率", ">=", hundred),  # the column is in %
        Label("社会效益", "社会效益", "良好"),
        Label("上级纪委会机关满意度", "上级纪委会机关满意度", "满意"),
        Ratio("前两种形态占比", "前两种形态处理件数", "“四种形态”处理总件数", ">=", Decimal(75)),
    ]
    return specs
