"""`py.typed` holds: a client written as users write one (client_typed.py) passes `mypy --strict`
against the installed package's inline types, and runs."""

import subprocess
import sys
from pathlib import Path

import pytest

CLIENT = Path(__file__).with_name("client_typed.py")


@pytest.mark.process
def test_a_client_passes_mypy_strict(tmp_path):
    """Run away from the repository and with a configuration of its own, so that mypy reads
    perfrules as a client's mypy does (from the installed package) and not the repository's settings."""
    pytest.importorskip("mypy")
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\nstrict = True\n", encoding="utf-8")
    checked = subprocess.run(
        [
            *(sys.executable, "-m", "mypy", "--strict", "--no-error-summary"),
            *(f"--config-file={config}", f"--cache-dir={tmp_path / 'cache'}", str(CLIENT)),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.process
def test_the_client_runs():
    ran = subprocess.run([sys.executable, str(CLIENT)], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    met = "巡察工作: MET 2 轮 (target ≥2 轮) met: as of 2023-06-30 the value was 2 轮, meeting the target ≥2 轮"
    assert met in lines
    assert "UnknownName: 巡查工作 is not an indicator of this ruleset; did you mean 巡察工作?" in lines
    assert any(line.startswith("UsageError: evaluate_table expects") and line.endswith("not dict") for line in lines)
