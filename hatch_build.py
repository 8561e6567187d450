"""Wheel build hook: ship the analysed parser tables (see src/perfrules/parser_tables.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ParserTablesHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        # parser_tables needs only lark (a build requirement), not the rest of the package.
        sys.path.insert(0, str(root / "src" / "perfrules"))
        try:
            import parser_tables as tables
        finally:
            sys.path.pop(0)
        grammar = (root / "grammar" / "indicator.lark").read_text(encoding="utf-8")
        output = Path(tempfile.mkdtemp(prefix="perfrules-tables-")) / tables.TABLES_FILE
        output.write_text(tables.dump(tables.build(grammar), grammar), encoding="utf-8")
        build_data["force_include"][str(output)] = f"perfrules/grammar/{tables.TABLES_FILE}"
