"""A compiled ruleset travels: it pickles as its source text, name and limits (never compiled or
generated code), is compiled again once per process where it is loaded, and evaluates the same;
so do its reports, a batch's reports, a columnar report and a batch function."""

import json
import pickle
import subprocess
import sys
from datetime import date

import pytest
from hypothesis import given, settings

import perfrules

from ..conftest import ROOT
from ..engine.test_fast_path import CASES, spread

SEED = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf"
SEED_FACTS = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.facts.json"


def round_trip(thing):
    return pickle.loads(pickle.dumps(thing))


@settings(deadline=None)
@given(**CASES)
def test_any_ruleset_evaluates_the_same_after_a_round_trip(source, limits, chosen, as_of):
    text, facts = source
    rules = perfrules.compile(text, limits=limits)
    given_facts = spread(chosen, facts)
    travelled = round_trip(rules)
    assert travelled.indicators == rules.indicators
    assert travelled.evaluate(given_facts, as_of=as_of).to_dict() == rules.evaluate(given_facts, as_of=as_of).to_dict()
    report = rules.evaluate(given_facts, as_of=as_of)
    assert round_trip(report).to_dict() == report.to_dict()


@pytest.fixture(scope="module")
def seed():
    return perfrules.load(SEED), json.loads(SEED_FACTS.read_text(encoding="utf-8"))


def test_a_pickle_holds_the_text_not_compiled_code(seed):
    rules, _facts = seed
    data = pickle.dumps(rules)
    assert len(data) < len(SEED.read_bytes()) + 1024
    assert b"generated" not in data and b"lambda" not in data


def test_loaded_once_per_process(seed):
    rules, _facts = seed
    data = pickle.dumps(rules)
    first, second = pickle.loads(data), pickle.loads(data)
    assert first._program is second._program


def test_reports_and_batches_travel_with_their_results(seed):
    rules, facts = seed
    report = rules.evaluate(facts, as_of=date(2023, 9, 30))
    travelled = round_trip(report)
    assert isinstance(travelled, perfrules.Report)
    assert travelled.to_dict() == report.to_dict()
    assert travelled.explain("预算执行率") == report.explain("预算执行率")
    assert travelled.score().to_dict() == report.score().to_dict()
    batch = rules.evaluate_many([facts, {}], as_of=date(2023, 9, 30))
    assert [item.to_dict() for item in round_trip(batch)] == [item.to_dict() for item in batch]


def test_a_columnar_report_and_a_batch_function_travel():
    pa = pytest.importorskip("pyarrow")
    rules = perfrules.compile("year 2023\n巡察工作 >= 2 轮\n")
    table = pa.table({"单位": ["甲", "乙"], "巡察工作": [3, 1]})
    report = round_trip(rules.evaluate_table(table, keep=["单位"]))
    assert report.to_table().to_pylist() == [
        {"单位": "甲", "巡察工作.status": "MET"},
        {"单位": "乙", "巡察工作.status": "NOT_MET"},
    ]
    function = round_trip(rules.batch_function(table.schema, keep=["单位"]))
    assert function(table.to_batches()[0]).to_pylist() == report.to_table().to_pylist()


def test_a_program_compiled_without_its_source_says_so():
    from perfrules.engine.compiler import compile_program

    rules = perfrules.compile("巡察工作 >= 2 轮\n")
    bare = compile_program(rules._program.checked)
    with pytest.raises(TypeError, match="compiled without its source"):
        pickle.dumps(bare)


@pytest.mark.process
def test_another_process_compiles_it_again_and_agrees(seed, tmp_path):
    """A fresh interpreter, as a worker process is: the pickle is all it is given."""
    rules, facts = seed
    report = rules.evaluate(facts, as_of=date(2023, 9, 30))
    (tmp_path / "rules.pickle").write_bytes(pickle.dumps((rules, report)))
    script = (
        "import json, pickle, sys\n"
        "rules, report = pickle.load(open(sys.argv[1], 'rb'))\n"
        "print(json.dumps([rules.evaluate(report.facts, as_of=report.as_of).to_dict(), report.to_dict()]))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "rules.pickle")], capture_output=True, text=True, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    again, carried = json.loads(ran.stdout)
    assert again == carried == json.loads(json.dumps(report.to_dict()))
