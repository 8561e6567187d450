"""Layer 0, errors: what every other layer reports with, and imports nothing of perfrules.

The exception root (`PerfRulesError` and its kinds), source text with positions (`Source`,
`Span`, the per-cluster NFKC normalisation that maps back to the author's text), text as people
see it (hidden characters spelled U+XXXX, terminal widths, short quotations, near names), the
`Diagnostic` with its one renderer, and `phrases`: what is said of results, as a stable code and
its values, worded in Chinese or English when read.
"""

from .diagnostic import Diagnostic
from .exceptions import FactsError, PerfRulesError, RulesetError, TableFileError, UnknownName, UsageError
from .source import Source, Span

__all__ = [
    "Diagnostic",
    "FactsError",
    "PerfRulesError",
    "RulesetError",
    "Source",
    "Span",
    "TableFileError",
    "UnknownName",
    "UsageError",
]
