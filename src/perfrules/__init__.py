"""perfrules: performance target tables (绩效目标表) as text, compiled once, evaluated exactly.

>>> import datetime, perfrules
>>> rules = perfrules.compile("巡察工作 >= 2 轮 by 2023-12-31\\n")
>>> report = rules.evaluate({"巡察工作": 3}, as_of=datetime.date(2023, 12, 31))
>>> report["巡察工作"].status
<Status.MET: 'MET'>
"""

from .api import (
    Indicator,
    Part,
    Report,
    Ruleset,
    compile,  # noqa: A004 - perfrules.compile is the stage's name, as in re.compile
    load,
    load_facts,
    monitor,
    parse_facts,
    score,
)
from .assessment.monitoring import MonitoringPolicy, MonitoringSheet, MonitorRow
from .assessment.scoring import GroupScore, Scorecard, ScoreRow, ScoringPolicy
from .engine.columnar.batches import BatchFunction  # pyarrow is imported only when a function is made
from .engine.columnar.report import ColumnarReport  # pyarrow is imported only when a column is made
from .engine.report import Reports
from .engine.results import IndicatorResult
from .engine.status import Status
from .engine.trace import DefinitionTrace, FactTrace, FormulaTrace, NodeTrace, ReadingTrace, Trace
from .errors import (
    Diagnostic,
    FactsError,
    PerfRulesError,
    RulesetError,
    Source,
    Span,
    TableFileError,
    UnknownName,
    UsageError,
)
from .errors.phrases import Phrase
from .language.limits import Limits
from .language.weights import Weights
from .quantities.comparators import Comparator
from .quantities.units import Dimension, Unit
from .quantities.values import Measure, Quantity, Target
from .version import __version__ as __version__

__all__ = [
    "BatchFunction",
    "ColumnarReport",
    "Comparator",
    "DefinitionTrace",
    "Diagnostic",
    "Dimension",
    "FactTrace",
    "FactsError",
    "FormulaTrace",
    "GroupScore",
    "Indicator",
    "IndicatorResult",
    "Limits",
    "Measure",
    "MonitorRow",
    "MonitoringPolicy",
    "MonitoringSheet",
    "NodeTrace",
    "Part",
    "PerfRulesError",
    "Phrase",
    "Quantity",
    "ReadingTrace",
    "Report",
    "Reports",
    "Ruleset",
    "RulesetError",
    "ScoreRow",
    "Scorecard",
    "ScoringPolicy",
    "Source",
    "Span",
    "Status",
    "TableFileError",
    "Target",
    "Trace",
    "Unit",
    "UnknownName",
    "UsageError",
    "Weights",
    "compile",
    "load",
    "load_facts",
    "monitor",
    "parse_facts",
    "score",
]
