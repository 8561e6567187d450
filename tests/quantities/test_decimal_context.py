"""The caller's decimal context cannot change a result.

perfrules computes in contexts of its own (and in exact integers and fractions), never in the
thread-local one. Every output of the key cases (evaluation, scoring and monitoring in every
format, explain, batches, columns, diagnostics, the command line) is produced once under the
default context and again under hostile ones; they must be identical.
"""

import contextlib
import decimal
import io
from datetime import date
from decimal import Decimal

import pytest

import perfrules
from perfrules.cli import main
from perfrules.quantities import arithmetic
from perfrules.reports.evaluation import render_json, render_table
from perfrules.reports.sheets import FORMATS, render

from ..conftest import ROOT, SEED, SEED_FACTS

MIDYEAR = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.midyear.facts.json"
ODD = (
    "year 2023\nfact 金额 in 万元\n"
    "率 := 甲 / 乙 × 100%\n率 >= 90%\n"
    "金额 <= 12.5 万元\n"
    "差 := 甲 - 乙\n差 >= 0.0001\n"
    "三分 := 甲 / 3\n三分 >= 1 weight 100\n"
    "平台 == 完成\n"
)
HOSTILE = {
    "prec=5, round down": decimal.Context(prec=5, rounding=decimal.ROUND_DOWN),
    "prec=3": decimal.Context(prec=3),
    "prec=1, round up": decimal.Context(prec=1, rounding=decimal.ROUND_UP),
    "Emax=3": decimal.Context(Emax=3, Emin=-3),
    "every trap": decimal.Context(traps=list(decimal.getcontext().flags)),
    "lower-case exponents, clamped": decimal.Context(capitals=0, clamp=1),
}


def outputs():
    """Every text the key cases produce."""
    seen = {}
    rules = perfrules.load(SEED)
    report = rules.evaluate(perfrules.load_facts(SEED_FACTS))
    seen["eval json"] = render_json(report)
    seen["eval table"] = render_table(report, rules.department)
    seen["formulas"] = repr(report.formulas)
    for places in (0, 2):
        card = report.score(perfrules.ScoringPolicy(places=places, reverse="ratio", overachievement="1.05"))
        for form in FORMATS:
            seen[f"score {places} {form}"] = render(card, form, "t")
    midyear = rules.evaluate(perfrules.load_facts(MIDYEAR), as_of=date(2023, 6, 30))
    for form in FORMATS:
        seen[f"monitor {form}"] = render(midyear.monitor(perfrules.MonitoringPolicy(tolerance="0.05")), form, "t")
    seen["explain"] = _explained(report, "预算执行率")
    odd = perfrules.compile(ODD)
    fact_sets = [
        {"甲": 1, "乙": 3, "金额": "12.4999 万元"},
        {"甲": Decimal("123456789.123456789"), "乙": Decimal("0.000001"), "金额": 12.5},
        {"甲": 2.5, "乙": "1,000.25", "金额": Decimal("1E+2")},
        {"甲": Decimal("1E+90"), "乙": Decimal("1E-90"), "金额": Decimal("99999999999999999999999999999999.99")},
        {"甲": Decimal("-0"), "乙": Decimal("7E+50"), "平台": Decimal("1E+50")},
    ]
    seen["batch"] = repr([each.to_dict() for each in odd.evaluate_many(fact_sets)])
    seen["odd score"] = repr([each.score().to_dict() for each in odd.evaluate_many(fact_sets)])
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - the test extra installs pyarrow
        pass
    else:
        table = pa.table({"甲": pa.array([1, 9, 2]), "乙": pa.array([3, 10, 0]), "金额": pa.array([12, 13, None])})
        columns = odd.evaluate_table(table)
        seen["columns"] = repr(columns.to_table(values=True).to_pydict())
    with pytest.raises(perfrules.RulesetError) as caught:
        perfrules.compile("一级指标 甲 weight 33.3\n指标一 >= 1\n一级指标 乙 weight 66.6\n指标二 >= 1\n")
    seen["diagnostics"] = caught.value.render("zh") + str(caught.value)
    for argv in (
        ["score", str(SEED), "--facts", str(SEED_FACTS), "--policy", "places=0", "--format", "csv"],
        ["monitor", str(SEED), "--facts", str(MIDYEAR), "--as-of", "2023-06-30", "--tolerance", "0.2"],
    ):
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            assert main(argv) == 0
        seen[" ".join(argv[:1])] = stdout.getvalue()
    return seen


@pytest.fixture(scope="module")
def expected():
    with decimal.localcontext(decimal.Context()):
        return outputs()


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_outputs_do_not_depend_on_the_callers_context(name, expected):
    with decimal.localcontext(HOSTILE[name]):
        got = outputs()
    assert got.keys() == expected.keys()
    for key in expected:
        assert got[key] == expected[key], key


def test_the_callers_context_is_left_as_it_was():
    hostile = decimal.Context(prec=3, rounding=decimal.ROUND_DOWN, capitals=0)
    with decimal.localcontext(hostile) as context:
        outputs()
        assert (context.prec, context.rounding, context.capitals) == (3, decimal.ROUND_DOWN, 0)


def _explained(report, name):
    """The explanation `perfrules explain` prints for one indicator or formula of a report."""
    return report.explain(name)


def test_the_engines_contexts_take_no_setting_from_the_default_context(monkeypatch):
    """A setting left out of a Context comes from decimal.DefaultContext, which callers may change:
    the engine's contexts state every setting themselves (34 digits half-even, within 10^±1000)."""
    for setting, hostile in (("prec", 5), ("rounding", decimal.ROUND_DOWN), ("Emax", 3), ("Emin", -3)):
        monkeypatch.setattr(decimal.DefaultContext, setting, hostile)
    monkeypatch.setattr(decimal.DefaultContext, "capitals", 0)
    monkeypatch.setattr(decimal.DefaultContext, "clamp", 1)
    monkeypatch.setattr(decimal.DefaultContext, "traps", dict.fromkeys(decimal.DefaultContext.traps, False))
    context = arithmetic._context([decimal.Inexact])
    settings = (context.prec, context.rounding, context.Emax, context.Emin, context.capitals, context.clamp)
    assert settings == (34, decimal.ROUND_HALF_EVEN, 1000, -1000, 1, 0)
    assert [trap for trap, on in context.traps.items() if on] == [decimal.Inexact]
    assert arithmetic.EXACT.traps == {**context.traps, **dict.fromkeys(arithmetic._TRAPS, True)}
