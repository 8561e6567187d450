"""The comparators a target is written with, and everything known about each: one owner.

The grammar, the builder, the formatter, the highlighter, the checker, the compiler, the columnar
engine, scoring and monitoring all ask a `Comparator` rather than keep a table of their own.
"""

from __future__ import annotations

import enum
import operator
import unicodedata
from collections.abc import Callable
from typing import Any


class Comparator(str, enum.Enum):
    """`value OP target`: the canonical ASCII code is the value (`Comparator.GE == ">="`)."""

    GE = ">="
    LE = "<="
    GT = ">"
    LT = "<"
    EQ = "=="
    NE = "!="

    def __str__(self) -> str:
        return self.value

    @property
    def sign(self) -> str:
        """How reports print it: ≥ ≤ > < = ≠."""
        return _SIGNS[self]

    @property
    def forms(self) -> tuple[str, ...]:
        """Every way tables write it, full-width forms and word forms (不少于, 不超过, …) included."""
        return _FORMS[self]

    @property
    def ordering(self) -> bool:
        """Whether it needs an order (labels compared with it need a declared scale)."""
        return self in (Comparator.GE, Comparator.LE, Comparator.GT, Comparator.LT)

    @property
    def mirror(self) -> Comparator:
        """The comparator with its sides swapped: `a >= b` is `b <= a`."""
        return _MIRRORS[self]

    @property
    def function(self) -> Callable[[Any, Any], bool]:
        """`function(value, target)`: the comparison itself, as one C call (operator.ge, …)."""
        return _FUNCTIONS[self]

    @property
    def name_for_arrays(self) -> str:
        """The name array libraries give the comparison (pyarrow.compute, NumPy): "greater_equal", …"""
        return _ARRAY_NAMES[self]

    @property
    def postfix_forms(self) -> tuple[str, ...]:
        """The words written after the target for it: 95%以上 (at least), 30万元以内 (at most)."""
        return _POSTFIX_FORMS.get(self, ())

    @classmethod
    def written(cls, text: str) -> Comparator:
        """The comparator a form stands for, as the grammar reads it (NFKC-normalised) or as printed.
        Raises KeyError for a form no table writes (no perfrules error: `Target` turns it into one)."""
        return _BY_FORM[unicodedata.normalize("NFKC", text)]

    @classmethod
    def written_after(cls, text: str) -> Comparator:
        """The comparator a word written after the target stands for (以上, 以下, 以内). Raises
        KeyError for any other word (no perfrules error)."""
        return _BY_POSTFIX_FORM[text]


_SIGNS = {
    Comparator.GE: "≥",
    Comparator.LE: "≤",
    Comparator.GT: ">",
    Comparator.LT: "<",
    Comparator.EQ: "=",
    Comparator.NE: "≠",
}
_FORMS: dict[Comparator, tuple[str, ...]] = {
    Comparator.GE: (">=", "≥", "≧", "＞＝", "不少于", "不低于", "至少", "达到"),
    Comparator.LE: ("<=", "≤", "≦", "＜＝", "不超过", "不高于"),
    Comparator.GT: (">", "＞"),
    Comparator.LT: ("<", "＜"),
    Comparator.EQ: ("==", "=", "＝", "﹦", "═"),
    Comparator.NE: ("!=", "≠"),
}
# As in Chinese statutes and tables, 以上 and 以下 include the number itself.
_POSTFIX_FORMS: dict[Comparator, tuple[str, ...]] = {
    Comparator.GE: ("以上",),
    Comparator.LE: ("以下", "以内"),
}
_MIRRORS = {
    Comparator.GE: Comparator.LE,
    Comparator.LE: Comparator.GE,
    Comparator.GT: Comparator.LT,
    Comparator.LT: Comparator.GT,
    Comparator.EQ: Comparator.EQ,
    Comparator.NE: Comparator.NE,
}
_FUNCTIONS: dict[Comparator, Callable[[Any, Any], bool]] = {
    Comparator.GE: operator.ge,
    Comparator.LE: operator.le,
    Comparator.GT: operator.gt,
    Comparator.LT: operator.lt,
    Comparator.EQ: operator.eq,
    Comparator.NE: operator.ne,
}
_ARRAY_NAMES = {
    Comparator.GE: "greater_equal",
    Comparator.LE: "less_equal",
    Comparator.GT: "greater",
    Comparator.LT: "less",
    Comparator.EQ: "equal",
    Comparator.NE: "not_equal",
}
_BY_FORM = {unicodedata.normalize("NFKC", form): comparator for comparator in Comparator for form in comparator.forms}

_BY_POSTFIX_FORM = {form: comparator for comparator, forms in _POSTFIX_FORMS.items() for form in forms}

WRITTEN_FORMS: frozenset[str] = frozenset(_BY_FORM)
"""Every form as the grammar's COMPARATOR terminal reads it (after NFKC)."""
PRINTED_FORMS: tuple[str, ...] = tuple(form for comparator in Comparator for form in comparator.forms)
"""Every form written before the target as tables print it, for highlighting raw text."""
POSTFIX_FORMS: tuple[str, ...] = tuple(_BY_POSTFIX_FORM)
"""Every form written after the target (以上, 以下, 以内)."""
