"""Every type a caller receives is exported from `perfrules` under its own name, and exporting
them costs no optional package at import."""

import inspect
import subprocess
import sys
import typing

import perfrules

EXPORTED = {name: getattr(perfrules, name) for name in perfrules.__all__}


def perfrules_classes(hint: object) -> set[type]:
    """The perfrules classes an annotation names (inside unions, containers and generics)."""
    found: set[type] = set()
    pending = [hint]
    while pending:
        item = pending.pop()
        for candidate in (item, typing.get_origin(item)):
            if isinstance(candidate, type) and candidate.__module__.startswith("perfrules"):
                found.add(candidate)
        pending.extend(typing.get_args(item))
    return found


def received(item: object) -> dict[str, object]:
    """What a caller receives from an exported function or class: return annotations, and the
    annotations of a class's public attributes and of its public methods' and properties' returns."""
    names = vars(perfrules)
    if not isinstance(item, type):
        return {"return": typing.get_type_hints(item, localns=names).get("return")}
    hints: dict[str, object] = {
        name: hint for name, hint in typing.get_type_hints(item, localns=names).items() if not name.startswith("_")
    }
    for name, member in inspect.getmembers(item):
        function = member.fget if isinstance(member, property) else member
        if (name.startswith("_") and name != "__getitem__") or not inspect.isfunction(function):
            continue
        if function.__module__.startswith("perfrules"):
            hints[f"{name}()"] = typing.get_type_hints(function, localns=names).get("return")
    return hints


def test_names_are_unique_and_each_is_its_objects_own():
    """No alias: `perfrules.X` is the class or function named X, so reprs and docs agree."""
    assert len(set(perfrules.__all__)) == len(perfrules.__all__)
    assert perfrules.__all__ == sorted(perfrules.__all__, key=lambda name: (name[0].islower(), name))
    assert all(item.__name__ == name for name, item in EXPORTED.items())


def test_every_perfrules_type_a_caller_receives_is_exported():
    """Followed through the types it leads to: a report's results, a result's target, its comparator, …"""
    exported = {item for item in EXPORTED.values() if isinstance(item, type)}
    missing: dict[str, str] = {}
    pending = list(EXPORTED.items())
    seen: set[int] = set()
    while pending:
        name, item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        for attribute, hint in received(item).items():
            for klass in perfrules_classes(hint):
                if klass not in exported:
                    missing.setdefault(f"{klass.__module__}.{klass.__qualname__}", f"{name}.{attribute}")
                pending.append((klass.__name__, klass))
    assert missing == {}


def test_the_walk_reaches_what_callers_are_given():
    """The check above sees the types it is for (a guard against a walk that finds nothing)."""
    assert perfrules_classes(typing.get_type_hints(perfrules.Ruleset)["warnings"]) == {perfrules.Diagnostic}
    assert perfrules.ColumnarReport in perfrules_classes(received(perfrules.Ruleset)["evaluate_table()"])
    assert perfrules.ScoreRow in perfrules_classes(received(perfrules.Scorecard)["rows"])
    assert perfrules.MonitorRow in perfrules_classes(received(perfrules.MonitoringSheet)["rows"])
    assert perfrules.Diagnostic in perfrules_classes(received(perfrules.RulesetError)["diagnostics"])


def test_importing_perfrules_imports_no_optional_package():
    """pyarrow (the `arrow` extra) is imported when a table is evaluated, not for `ColumnarReport`."""
    optional = ("pyarrow", "numpy", "pandas", "pygments", "openpyxl")
    code = f"import sys, perfrules; perfrules.ColumnarReport; print([m for m in {optional!r} if m in sys.modules])"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
