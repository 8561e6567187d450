"""A Java client from the service's OpenAPI document: openapi-generator (the `openapi-generator-cli`
package, which bundles its jar) validates the document and generates the `java` client with the
`native` library, whose API classes and models are the ones docs/service.md shows. Marked `spark`:
the CI step with Java runs it; elsewhere it is skipped."""

import shutil
import subprocess
import sys
from importlib import resources

import pytest

pytestmark = pytest.mark.jvm

pytest.importorskip("openapi_generator_cli")
if shutil.which("java") is None:
    pytest.skip("openapi-generator needs a Java runtime", allow_module_level=True)

DOCUMENT = resources.files("perfrules.service").joinpath("openapi.json")
CLIENT = "src/main/java/org/openapitools/client"
OPERATIONS = {
    "EvaluationApi": ("evaluate", "evaluateBatch", "score", "monitor", "explain"),
    "RulesetsApi": ("checkRuleset", "getRuleset", "registerRuleset", "deleteRuleset"),
    "ServiceApi": ("health", "getOpenApi", "getProblemKind"),
}


def generator(*arguments):
    """openapi-generator-cli ARGUMENTS, as its command runs it (the jar on the Java found on PATH)."""
    command = [sys.executable, "-c", "from openapi_generator_cli import cli; cli()", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_the_generator_finds_nothing_to_say():
    """`openapi-generator-cli validate` accepts the document without a warning or recommendation."""
    result = generator("validate", "-i", str(DOCUMENT))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No validation issues detected." in result.stdout, result.stdout


def test_a_java_client_is_generated(tmp_path):
    """`generate -g java --library native` makes an API class per tag with a method per operation,
    and plain models (no oneOf wrappers) for what the service answers."""
    result = generator("generate", "-i", str(DOCUMENT), "-g", "java", "--library", "native", "-o", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert " ERROR " not in result.stdout + result.stderr
    for name, methods in OPERATIONS.items():
        source = (tmp_path / CLIENT / "api" / f"{name}.java").read_text(encoding="utf-8")
        for method in methods:
            assert f" {method}(" in source, (name, method)
    assert sorted(path.stem for path in (tmp_path / CLIENT / "api").glob("*.java")) == sorted(OPERATIONS)
    models = tmp_path / CLIENT / "model"
    evaluation = (tmp_path / CLIENT / "api" / "EvaluationApi.java").read_text(encoding="utf-8")
    assert "public Report evaluate(" in evaluation and "public BatchReports evaluateBatch(" in evaluation
    assert "public Scorecard score(" in evaluation and "public MonitoringSheet monitor(" in evaluation
    result_model = (models / "IndicatorResult.java").read_text(encoding="utf-8")
    assert "private IndicatorValue value;" in result_model and "private IndicatorTarget target;" in result_model
    composed = [
        path.name
        for path in models.glob("*.java")
        if "extends AbstractOpenApiSchema" in path.read_text(encoding="utf-8")
    ]
    assert composed == [], composed  # a oneOf without a discriminator cannot be read reliably in Java
