"""Wheel build hook: ship the analysed parser tables (see src/perfrules/language/parser_tables.py)."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class ParserTablesHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        # parser_tables needs only lark (a build requirement), not the rest of the package; it is
        # loaded from its file alone, so that no folder of the package shadows a standard module.
        location = root / "src" / "perfrules" / "language" / "parser_tables.py"
        spec = importlib.util.spec_from_file_location("perfrules_parser_tables", location)
        assert spec is not None and spec.loader is not None
        tables = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tables)
        grammar = (root / "grammar" / "indicator.lark").read_text(encoding="utf-8")
        output = Path(tempfile.mkdtemp(prefix="perfrules-tables-")) / tables.TABLES_FILE
        output.write_text(tables.dump(tables.build(grammar), grammar), encoding="utf-8")
        build_data["force_include"][str(output)] = f"perfrules/language/grammar/{tables.TABLES_FILE}"
