"""What `perfrules import` writes for every table it is tested on, pinned by golden files: the
ruleset text, the facts and the review list (its every message), for the corpus's transcribed
tables, the seed and each real file.

Set PERFRULES_REGOLD=1 to rewrite the golden files after a deliberate change, then review them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from perfrules.tables.importer import import_table
from perfrules.tables.review import render_json, render_text

ROOT = Path(__file__).parents[2]
GOLDEN = Path(__file__).parent / "golden"
SOURCES = [
    *sorted(path.relative_to(ROOT) / "table.txt" for path in (ROOT / "tests" / "tables").glob("[0-9][0-9]-*")),
    Path("rulesets/zhengzhou-jingkai-jijian-2023.table.txt"),
    *sorted(
        path.relative_to(ROOT)
        for path in (ROOT / "tests" / "tables" / "files").iterdir()
        if path.suffix in (".xlsx", ".xls", ".ods", ".docx", ".pdf")
    ),
]


def golden_name(source: Path) -> str:
    return (source.parent.name if source.name == "table.txt" else source.name) + ".txt"


@pytest.mark.parametrize("source", SOURCES, ids=golden_name)
def test_an_import_is_golden(source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    results = import_table(source)
    parts = []
    for result in results:
        parts += [result.text, json.dumps(result.facts, ensure_ascii=False, indent=2, sort_keys=True)]
    pairs = [(result, f"out-{number}.perf") for number, result in enumerate(results, 1)]
    parts += [render_text(pairs), render_json(pairs)]
    rendered = "\n--------\n".join(parts)
    expected = GOLDEN / golden_name(source)
    if os.environ.get("PERFRULES_REGOLD"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")
