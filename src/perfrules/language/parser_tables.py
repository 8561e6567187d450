"""The analysed parser, serialised to JSON at build time and loaded without re-analysis.

Building the LALR tables takes lark a few tens of milliseconds, and many seconds when the
optional `interegular` package is installed (lark then checks every pair of terminals for
collisions). So the wheel carries the tables, made once when it is built, as JSON: data only,
never pickle, never code. They are used only when they were made from this very grammar by this
very lark version; otherwise the grammar is analysed as usual. Nothing is written at run time.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import lark
from lark import Lark
from lark.grammar import Rule
from lark.lexer import TerminalDef

FORMAT = 1
OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    "lexer": "contextual",
    "propagate_positions": True,
    "maybe_placeholders": False,
}
"""The one set of options the parser is built with, at build time and at run time alike."""
TABLES_FILE = "indicator.lark.json"
_TUPLE = "\u0000tuple"
_ITEMS = "\u0000items"


def fingerprint(grammar: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "lark": lark.__version__,
        "grammar_sha256": hashlib.sha256(grammar.encode("utf-8")).hexdigest(),
        "options": OPTIONS,
    }


def build(grammar: str) -> Lark:
    """Analyse the grammar: the slow path, and the build hook's way to make the tables."""
    return Lark(grammar, **OPTIONS)


def dump(parser: Lark, grammar: str) -> str:
    data, memo = parser.memo_serialize([TerminalDef, Rule])
    return json.dumps({"fingerprint": fingerprint(grammar), "data": _encode(data), "memo": _encode(memo)})


def load(text: str, grammar: str) -> Lark | None:
    """The parser from serialised tables, or None when they do not fit this grammar and lark."""
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict) or document.get("fingerprint") != fingerprint(grammar):
        return None
    parser: Lark = Lark.load({"data": _decode(document["data"]), "memo": _decode(document["memo"])})
    return parser


def _encode(value: Any) -> Any:
    """JSON keeps only string keys and lists; lark's tables have integer keys and tuples."""
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value):
            return {key: _encode(item) for key, item in value.items()}
        return {_ITEMS: [[_encode(key), _encode(item)] for key, item in value.items()]}
    if isinstance(value, tuple):
        return {_TUPLE: [_encode(item) for item in value]}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot serialise {type(value).__name__} in parser tables")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if _ITEMS in value:
            return {_decode(key): _decode(item) for key, item in value[_ITEMS]}
        if _TUPLE in value:
            return tuple(_decode(item) for item in value[_TUPLE])
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value
