"""The shape of the package (docs/architecture.md): no import circle anywhere in the module graph,
each layer's package says what it is for, no module reaches for another's private names, and
modules and classes stay small enough to read, or say why not.

`lint-imports` (in CI) keeps the layers' order and the optional packages confined; this file
checks what its contracts do not: circles inside a layer, function-level and type-checking
imports included.
"""

import ast
from pathlib import Path

import grimp
import pytest

import perfrules

PACKAGE = Path(perfrules.__file__).parent
LAYERS = ("errors", "quantities", "language", "engine", "assessment", "reports", "tables", "cli")

LONG_ON_PURPOSE = {
    "language/messages.py:Messages": "one two-line constructor per message of the table",
    "cli/__init__.py:_arguments": "one flat declaration per option of nine commands",
    "language/assemble.py:assemble": "one pass, as headings and descriptions depend on statement order",
    "reports/sheets.py:monitor_layout": "the nine printed columns laid out one a line",
}
"""Units over the size limits, each with the reason (also said in its docstring)."""


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def name_of(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def circles_in(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of a graph: its strongly connected components of more than one module
    (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, pending = work[-1]
            following = next(pending, None)
            if following is None:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    component = []
                    while not component or component[-1] != module:
                        component.append(stack.pop())
                        on_stack.discard(component[-1])
                    if len(component) > 1:
                        circles.append(sorted(component))
            elif following not in index:
                index[following] = low[following] = len(index)
                stack.append(following)
                on_stack.add(following)
                work.append((following, iter(sorted(edges.get(following, set())))))
            elif following in on_stack:
                low[module] = min(low[module], index[following])
    return sorted(circles)


def test_the_module_graph_has_no_circle():
    """Every import between perfrules modules, lazy and type-checking ones included, goes one way."""
    graph = grimp.build_graph("perfrules")
    edges = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    assert len(edges) >= 60  # the whole package was read
    assert circles_in(edges) == []


@pytest.mark.parametrize(
    ("edges", "circles"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": {"d"}}, [["a", "b", "c"], ["d", "e"]]),
        ({"a": {"b", "c"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"a"}}, []),
    ],
)
def test_the_circle_check_finds_every_circle_and_nothing_else(edges, circles):
    assert circles_in(edges) == circles


def test_a_lazy_import_is_an_edge_of_the_graph(tmp_path, monkeypatch):
    """grimp reads imports inside functions too, so a lazy import that closes a circle is found."""
    package = tmp_path / "circular_example"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from . import second\n")
    (package / "second.py").write_text("def later():\n    from . import first\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circular_example", cache_dir=None)
    edges = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    assert circles_in(edges) == [["circular_example.first", "circular_example.second"]]


@pytest.mark.parametrize("layer", LAYERS)
def test_each_layer_opens_by_saying_what_it_is_for_and_may_import(layer):
    docstring = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")))
    assert docstring is not None and docstring.startswith("Layer ")
    assert "import" in docstring


def test_no_module_imports_another_modules_private_names():
    found = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found.extend(
                    f"{name_of(path)}:{node.lineno} {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                )
    assert found == []


def test_modules_and_classes_stay_small_or_say_why():
    """No module over 400 lines, no class over 200, no function over 50, except those named above."""
    oversized = []
    for path in modules():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > 400:
            oversized.append(name_of(path))
        for node in ast.walk(ast.parse(text)):
            limit = {ast.ClassDef: 200, ast.FunctionDef: 50}.get(type(node))
            if limit is not None:
                assert isinstance(node, ast.ClassDef | ast.FunctionDef)
                unit = f"{name_of(path)}:{node.name}"
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > limit and unit not in LONG_ON_PURPOSE:
                    oversized.append(unit)
    assert oversized == []


def test_every_unit_long_on_purpose_still_is():
    """The list of exceptions does not outlive them."""
    units = set()
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef | ast.FunctionDef):
                units.add(f"{name_of(path)}:{node.name}")
    assert set(LONG_ON_PURPOSE) <= units


def test_no_two_public_classes_share_a_name():
    """A class name means one thing: `Report` is the public report, its engine base is
    `EvaluationReport`; `Part` is the API's, the syntax tree's is `CompoundPart`."""
    defined: dict[str, list[str]] = {}
    for path in modules():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                defined.setdefault(node.name, []).append(name_of(path))
    assert {name: places for name, places in defined.items() if len(places) > 1} == {}


def test_records_are_never_told_apart_by_length():
    """Evaluation's records have one shape, (code, value, outcome): no `len(record)` anywhere."""
    offences = [
        f"{name_of(path)}:{node.lineno}"
        for path in modules()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and any(isinstance(argument, ast.Name) and "record" in argument.id for argument in node.args)
    ]
    assert offences == []
