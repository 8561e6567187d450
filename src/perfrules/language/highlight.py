"""A Pygments lexer for perfrules rulesets (the `highlight` extra), so docs and terminals colour them.

Registered through the `pygments.lexers` entry point: `pygmentize -l perfrules FILE`, or
```perfrules fences in Sphinx and MkDocs.
"""

from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from ..quantities.comparators import POSTFIX_FORMS, PRINTED_FORMS

# Longest forms first, so that `>=` is never `>` then `=`; word forms are highlighted as words.
# 达到 compares only before a number (达到95%), and 以上/以下/以内 only after one (95%以上):
# elsewhere they are parts of names and labels (达到预期, 县级以上).
_WORDS = tuple(form for form in PRINTED_FORMS if "\u4e00" <= form[0] <= "\u9fff" and form != "达到")
_POSTFIX = "|".join(POSTFIX_FORMS)
_COMPARATORS = tuple(
    sorted((form for form in PRINTED_FORMS if not "\u4e00" <= form[0] <= "\u9fff"), key=len, reverse=True)
)


class PerfRulesLexer(RegexLexer):  # type: ignore[misc]
    """Rulesets of the perfrules indicator language (绩效目标表)."""

    name = "perfrules"
    aliases = ["perfrules", "perf"]  # noqa: RUF012 - Pygments' own class attributes
    filenames = ["*.perf"]  # noqa: RUF012
    mimetypes = ["text/x-perfrules"]  # noqa: RUF012

    tokens = {  # noqa: RUF012
        "root": [
            (r"[ \t\u3000]+", Whitespace),
            (r"\r\n|\r|\n", Whitespace),
            (r"#[^\r\n]*", Comment.Single),
            (r'"(?:[^"\\\r\n]|\\["\\nt])*"', String.Double),
            (r"`[^`\r\n]+`", Name.Variable),
            (r"(一级指标|二级指标)", Keyword.Namespace),
            (
                words(
                    (
                        "department",
                        "year",
                        "budget",
                        "unit",
                        "fact",
                        "scale",
                        "attainment",
                        "by",
                        "weight",
                        "and",
                        "in",
                    ),
                    suffix=r"\b",
                ),
                Keyword,
            ),
            (r"(?:[0-9]{4}年)?(?:[0-9]{1,2}月(?:底|[0-9]{1,2}日)前|年底前)", Name.Constant),
            (r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", Name.Constant),
            (r"(:=|：＝)", Operator.Word),
            (words(_WORDS), Operator.Word),
            (r"达到(?=[ \t]*[+\-]?[0-9０-９])", Operator.Word),
            (words(_COMPARATORS), Operator),
            (r"[+\-*/×÷＋－＊／]", Operator),
            (
                r"([0-9０-９]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9０-９]+(?:\.[0-9０-９]+)?)(\s*)"
                r"(%|％|[万千亿]?元|人次|[\u4e00-\u9fff]{1,2}(?=[\s\r\n]|$|by|" + _POSTFIX + r"))?"
                r"(\s*)(" + _POSTFIX + r")?",
                bygroups(Number, Whitespace, Name.Builtin, Whitespace, Operator.Word),
            ),
            (r"[(){}（）:：]", Punctuation),
            (r"(?:(?!" + "|".join(_WORDS) + r")[^\s#\"`()（）{}:：=<>≥≤≠+\-*/×÷0-9０-９])+", Name),
            (r".", Text),
        ]
    }
