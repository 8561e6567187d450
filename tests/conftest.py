import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# No deadlines and no health checks on speed: a busy machine must not fail a test that is right.
# Speed is measured in benchmarks/, never asserted here.
UNTIMED = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", max_examples=100, **UNTIMED)
settings.register_profile("ci", max_examples=300, **UNTIMED)
# Mutation testing runs the suite once per mutant: fewer examples, and the same ones every time.
settings.register_profile("mutation", max_examples=60, derandomize=True, database=None, **UNTIMED)
# Long runs on demand: HYPOTHESIS_PROFILE=fuzz pytest tests/untrusted/test_untrusted.py tests/engine/test_oracle.py
settings.register_profile(
    "fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck), print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf"
SEED_FACTS = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.facts.json"


@pytest.fixture(autouse=True)
def no_locale():
    """The command's output follows the locale: tests read it in the default language whatever the
    developer's locale is, and set one where they mean to (a patch of its own, which a test's
    `monkeypatch.undo()` leaves in place)."""
    with pytest.MonkeyPatch.context() as patch:
        for variable in ("PERFRULES_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
            patch.delenv(variable, raising=False)
        yield


@pytest.fixture(scope="session")
def seed():
    import perfrules

    return perfrules.load(SEED)


@pytest.fixture(scope="session")
def seed_facts():
    import perfrules

    return perfrules.load_facts(SEED_FACTS)
