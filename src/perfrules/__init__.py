"""perfrules: performance target tables (绩效目标表) as text, compiled once, evaluated exactly.

>>> import datetime, perfrules
>>> rules = perfrules.compile("巡察工作 >= 2 轮 by 2023-12-31\\n")
>>> report = rules.evaluate({"巡察工作": 3}, as_of=datetime.date(2023, 12, 31))
>>> report["巡察工作"].status
<Status.MET: 'MET'>
"""

from .api import Indicator, Part, Ruleset, compile, load, load_facts, parse_facts  # noqa: A004
from .errors import FactsError, PerfRulesError, RulesetError, UsageError
from .limits import Limits
from .monitoring import MonitoringPolicy, MonitoringSheet
from .runtime import IndicatorResult, Report, Reports, Status
from .scoring import Scorecard, ScoringPolicy
from .values import Quantity, Target

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
    "Target",
    "UsageError",
    "compile",
    "load",
    "load_facts",
    "parse_facts",
]

__version__ = "0.1.0"
