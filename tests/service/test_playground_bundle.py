"""The playground bundle that ships in the wheel (src/perfrules/service/playground/) is the build of
its sources (playground/), as they are now.

playground/build.sh writes playground/bundle.sha256: the sha256 of every source (all of
playground/ but node_modules, and the rulesets/ files it copies as examples) and of every file it
outputs. Here both halves are checked against the files on disk, so neither the sources nor the
output can change without a rebuild. With npm on the machine and PERFRULES_BUILD_PLAYGROUND=1, the
bundle is also rebuilt into a temporary folder and compared byte for byte (esbuild is
deterministic: the same sources give the same bytes).
"""

import hashlib
import json
import os
import re
import shutil
import subprocess

import pytest

from ..conftest import ROOT

SOURCES = ROOT / "playground"
OUTPUT = ROOT / "src" / "perfrules" / "service" / "playground"
MANIFEST = SOURCES / "bundle.sha256"
REBUILD = "rebuild with playground/build.sh (it needs Node 18+ and npm), and commit its output and manifest"
pytestmark = pytest.mark.skipif(not MANIFEST.is_file(), reason="no playground manifest (playground/bundle.sha256)")


def digest(path):
    """As build.mjs hashes: sha256 of the bytes with CRLF read as LF (a Windows checkout agrees)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def manifest():
    """{"sources": {path: sha256}, "output": {path: sha256}}, paths relative to the repository."""
    sections = {"sources": {}, "output": {}}
    section = None
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and line[2:] in sections:
            section = sections[line[2:]]
        elif line and not line.startswith("#"):
            match = re.fullmatch(r"([0-9a-f]{64})  (\S.*)", line)
            assert match and section is not None, f"bundle.sha256: unreadable line {line!r}"
            section[match.group(2)] = match.group(1)
    return sections


def files_under(folder, *skipped):
    return {
        path.relative_to(ROOT).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and not any(part in skipped for part in path.relative_to(folder).parts)
    }


def test_the_sources_are_those_the_bundle_was_built_from():
    sources = manifest()["sources"]
    changed = [
        path for path, expected in sources.items() if not (ROOT / path).is_file() or digest(ROOT / path) != expected
    ]
    assert not changed, f"changed since the bundle was built: {changed}; {REBUILD}"
    on_disk = files_under(SOURCES, "node_modules") - {MANIFEST.relative_to(ROOT).as_posix()}
    unlisted = sorted(on_disk - set(sources))
    assert not unlisted, f"sources the bundle was not built from: {unlisted}; {REBUILD}"
    for required in ("package.json", "package-lock.json", "build.sh", "build.mjs", "src/main.js", "src/index.html"):
        assert f"playground/{required}" in sources


def test_the_shipped_files_are_the_build_output():
    output = manifest()["output"]
    shipped = files_under(OUTPUT, "__pycache__")
    assert shipped == set(output), f"shipped files differ from the build's: {sorted(shipped ^ set(output))}; {REBUILD}"
    changed = [path for path, expected in output.items() if digest(ROOT / path) != expected]
    assert not changed, f"shipped files changed after the build: {changed}; {REBUILD}"
    for name in ("index.html", "app.js", "app.css", "licenses.txt", "examples/zhengzhou-jingkai-jijian-2023.perf"):
        assert (OUTPUT / name).is_file()


def test_the_examples_are_the_seed_files():
    for name in (
        "zhengzhou-jingkai-jijian-2023.perf",
        "zhengzhou-jingkai-jijian-2023.facts.json",
        "zhengzhou-jingkai-jijian-2023.midyear.facts.json",
    ):
        assert (OUTPUT / "examples" / name).read_bytes() == (ROOT / "rulesets" / name).read_bytes(), REBUILD


def test_every_package_is_pinned_and_locked():
    package = json.loads((SOURCES / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((SOURCES / "package-lock.json").read_text(encoding="utf-8"))
    declared = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    assert {"codemirror", "esbuild", "@codemirror/lint", "@codemirror/lang-json"} <= set(declared)
    loose = {name: version for name, version in declared.items() if not re.fullmatch(r"\d+\.\d+\.\d+", version)}
    assert not loose, f"versions must be exact (no ^ or ~): {loose}"
    assert lock["lockfileVersion"] >= 2
    for name, version in declared.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
    assert "playground/node_modules/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_page_loads_nothing_from_elsewhere():
    """Offline: every asset is a relative static/ path of the package; no CDN, no web font."""
    page = (OUTPUT / "index.html").read_text(encoding="utf-8")
    style = (OUTPUT / "app.css").read_text(encoding="utf-8")
    links = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert links and all(link.startswith(("static/", "data:", "#")) for link in links), links
    assert re.search(r'src="static/app\.js\?v=[0-9a-f]{12}"', page)
    assert "@import" not in style and "@font-face" not in style
    assert not re.search(r"url\((?!['\"]?data:)", style), "app.css refers to a file"
    script = (OUTPUT / "app.js").read_text(encoding="utf-8")
    assert not re.search(r"""fetch\(\s*["'`]https?:""", script)


@pytest.mark.skipif(
    os.environ.get("PERFRULES_BUILD_PLAYGROUND") != "1" or shutil.which("npm") is None,
    reason="rebuilding needs npm and PERFRULES_BUILD_PLAYGROUND=1",
)
def test_a_rebuild_gives_the_same_bytes(tmp_path):
    out = tmp_path / "playground"
    subprocess.run(["bash", str(SOURCES / "build.sh"), "--out", str(out)], check=True, timeout=600, capture_output=True)
    built = {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()}
    shipped = {path.relative_to(OUTPUT).as_posix() for path in OUTPUT.rglob("*") if path.is_file()}
    shipped = {path for path in shipped if "__pycache__" not in path}
    assert built == shipped
    different = [name for name in sorted(built) if (out / name).read_bytes() != (OUTPUT / name).read_bytes()]
    assert not different, f"a rebuild differs from what is committed: {different}; {REBUILD}"
