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
from .assessment.monitoring import MonitoringPolicy, MonitoringSheet
from .assessment.scoring import Scorecard, ScoringPolicy
from .engine.report import Reports
from .engine.results import IndicatorResult
from .engine.status import Status
from .errors import FactsError, PerfRulesError, RulesetError, TableFileError, UnknownName, UsageError
from .language.limits import Limits
from .quantities.values import Quantity, Target
from .version import __version__ as __version__

__all__ = [
    "FactsError",
    "Indicator",
    "IndicatorResult",
    "Limits",
    "MonitoringPolicy",
    "MonitoringSheet",
    "Part",
    "PerfRulesError",
    "Quantity",
    "Report",
    "Reports",
    "Ruleset",
    "RulesetError",
    "Scorecard",
    "ScoringPolicy",
    "Status",
    "TableFileError",
    "Target",
    "UnknownName",
    "UsageError",
    "compile",
    "load",
    "load_facts",
    "monitor",
    "parse_facts",
    "score",
]
