"""The service's OpenAPI document (src/perfrules/service/openapi.json): valid OpenAPI 3.1, in step
with the code (routes, version, every vocabulary of codes), describing exactly what the service
answers (real answers for the seed ruleset validated against it, every member and status seen),
and fuzzed by schemathesis against the app in process."""

import json
from collections import Counter
from importlib import resources

import pytest

import perfrules

from ..conftest import ROOT

starlette = pytest.importorskip("starlette")
schemathesis = pytest.importorskip("schemathesis")
import jsonschema_rs  # noqa: E402  (installed with schemathesis, which validates with it too)
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.testclient import TestClient  # noqa: E402

from perfrules.assessment import monitoring, scoring, shares  # noqa: E402
from perfrules.assessment import wording as assessment_wording  # noqa: E402
from perfrules.engine import details, reasons  # noqa: E402
from perfrules.errors.diagnostic import MORE_PROBLEMS  # noqa: E402
from perfrules.language import weights  # noqa: E402
from perfrules.language.wording import MESSAGES  # noqa: E402
from perfrules.service import Settings, create_app  # noqa: E402
from perfrules.service import requests as service_requests  # noqa: E402
from perfrules.service.problems import KINDS  # noqa: E402

DOCUMENT = json.loads(resources.files("perfrules.service").joinpath("openapi.json").read_text(encoding="utf-8"))
SCHEMAS = DOCUMENT["components"]["schemas"]
STEM = ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023"
SEED = STEM.with_suffix(".perf").read_text(encoding="utf-8")
FACTS = json.loads(STEM.with_suffix(".facts.json").read_text(encoding="utf-8"))
MIDYEAR = json.loads(STEM.with_suffix(".midyear.facts.json").read_text(encoding="utf-8"))
BATCH = [json.loads(line) for line in STEM.with_suffix(".facts.jsonl").read_text(encoding="utf-8").splitlines()]
SEED_ID = "zhengzhou-jingkai-jijian-2023"
"""The id the seed is registered under, as the document's examples name it."""
TOKEN = "s3cret-token"

# What the seed does not show: a basis, a unit taken from the fact, an actual read past its
# comparator, an asserted attainment, an unreadable fact, a late completion, rows with no target,
# compounds with a part missing and with parts showing all of these, a fact no indicator uses (and a
# warning in the ruleset).
EXTRA = """year 2023
一级指标 产出指标
二级指标 数量指标
覆盖率 >= 95%(历史标准)
完工率 100
道路长度 >= 266 米
效果 == 效果明显
培训次数 >= 5 次
开展警示教育 >= 6 次 by 2023-06-30
预算执行率 %
规章制度建立与否
验收: 初验 == 完成 and 终验 == 完成
综合: 长度 >= 266 米 and 效果 == 效果明显 and 次数 >= 5 次 and 警示 >= 6 次 by 2023-06-30
"""
EXTRA_FACTS = {
    "覆盖率": "96%",
    "完工率": "100%",
    "道路长度": "≥266米",
    "效果": "达成预期指标",
    "培训次数": "abc",
    "开展警示教育": [{"value": 3, "date": "2023-05-01"}, {"value": 6, "date": "2023-08-01"}],
    "预算执行率": "93%",
    "规章制度建立与否": "是",
    "验收": {"初验": "完成"},
    "综合": {
        "长度": "≥266米",
        "效果": "达成预期指标",
        "次数": "abc",
        "警示": [{"value": 3, "date": "2023-05-01"}, {"value": 6, "date": "2023-08-01"}],
    },
    "无关": 1,
}
NO_YEAR = "巡察工作 >= 2 轮\n"
"""Neither a year nor a deadline: a report as of no date."""


def _pointer(reference):
    node = DOCUMENT
    for key in reference.removeprefix("#/").split("/"):
        node = node[key.replace("~1", "/").replace("~0", "~")]
    return node


def _resolved(node):
    return _pointer(node["$ref"]) if "$ref" in node else node


def _validator(schema):
    """A validator of one schema of the document, its references resolved within the document."""
    return jsonschema_rs.Draft202012Validator({"components": DOCUMENT["components"], **schema}, validate_formats=True)


def _walk(node, path=()):
    """Every (path, object) in the document."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))


def _operations():
    for template, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield template, method, operation


def _rulesets_of(app):
    """The app's own store of rulesets (behind its /v1/rulesets route)."""
    route = next(route for route in app.routes if getattr(route, "path", "") == "/v1/rulesets/{name}")
    return route.endpoint.__self__.rulesets


def conforms(method, template, response):
    """The answer is one the document gives for this operation: its status, content type, required
    headers and body (validated against the schema, formats included). Returns the body."""
    operation = DOCUMENT["paths"][template][method.lower()]
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, f"{method} {template} answered {response.status_code}: {response.text[:300]}"
    documented = _resolved(documented)
    for name, header in documented.get("headers", {}).items():
        assert not header.get("required") or name.lower() in response.headers, name
    if "content" not in documented:
        assert response.content == b""
        return None
    media = response.headers["content-type"]
    assert media in documented["content"], (media, list(documented["content"]))
    body = response.json()
    errors = [
        f"{error.instance_path}: {error.message}"
        for error in _validator(documented["content"][media]["schema"]).iter_errors(body)
    ]
    assert not errors, (method, template, errors[:5])
    return body


# (a) The document itself


def test_the_document_is_valid_openapi_3_1():
    """The OpenAPI 3.1 meta-schema (schemathesis's) accepts it, and every schema in it is valid JSON Schema 2020-12."""
    assert DOCUMENT["openapi"].startswith("3.1.")
    schemathesis.openapi.from_dict(DOCUMENT).validate()
    for schema in SCHEMAS.values():
        jsonschema_rs.meta.validate({"$schema": "https://json-schema.org/draft/2020-12/schema", **schema})


def test_every_reference_resolves_and_every_operation_is_named_once():
    """No dangling $ref; operationIds unique; each path parameter declared; servers relative."""
    for path, node in _walk(DOCUMENT):
        if isinstance(node.get("$ref"), str):
            assert node["$ref"].startswith("#/"), path
            _pointer(node["$ref"])
    ids = [operation["operationId"] for _template, _method, operation in _operations()]
    assert len(ids) == len(set(ids))
    for template, item in DOCUMENT["paths"].items():
        named = {parameter["name"] for parameter in item.get("parameters", []) if parameter["in"] == "path"}
        assert named == set(template.replace("}", "{").split("{")[1::2]), template
    assert DOCUMENT["servers"] == [{"url": "/", "description": DOCUMENT["servers"][0]["description"]}]


def test_the_version_is_the_packages():
    """info.version is perfrules.__version__, and the app serves this very document."""
    assert DOCUMENT["info"]["version"] == perfrules.__version__
    served = TestClient(create_app(Settings(token=TOKEN))).get("/openapi.json")
    assert served.status_code == 200 and served.headers["content-type"] == "application/json"
    assert served.json() == DOCUMENT


def test_every_route_and_method_is_described():
    """The app's routes and methods are the document's paths and operations; /v1 ones need the token."""
    app = create_app()
    served = {
        (route.path, method.lower())
        for route in app.routes
        if getattr(route, "methods", None) and route.path != "/"
        for method in route.methods - {"HEAD"}
    }
    assert served == {(template, method) for template, method, _operation in _operations()}
    for template, _method, operation in _operations():
        expected = [{"bearerAuth": []}] if template.startswith("/v1/") else []
        assert operation["security"] == expected, template
        if template.startswith("/v1/"):
            assert "401" in operation["responses"] and "500" in operation["responses"]
    assert DOCUMENT["components"]["securitySchemes"]["bearerAuth"] == {
        **DOCUMENT["components"]["securitySchemes"]["bearerAuth"],
        "type": "http",
        "scheme": "bearer",
    }


def test_every_schema_is_complete():
    """Every property is typed, every required member is a property, every object says whether it
    takes other members; only a fact's value is any JSON."""
    typed = {"type", "$ref", "anyOf", "oneOf", "const", "enum"}
    for path, node in _walk(SCHEMAS):
        if "properties" not in node or not isinstance(node["properties"], dict) or "properties" in path[-1:]:
            continue
        assert set(node.get("required", [])) <= set(node["properties"]), path
        if (path and path[-1] in ("if", "then", "else")) or path[-2:-1] == ("dependentSchemas",):
            continue  # a condition narrowing members declared beside it
        assert "additionalProperties" in node, path
        for name, member in node["properties"].items():
            assert member is False or typed & set(member), (path, name)
    assert "type" not in SCHEMAS["FactValue"] and SCHEMAS["FactSet"]["additionalProperties"] == {
        "$ref": "#/components/schemas/FactValue"
    }


def _enum(name):
    return SCHEMAS[name]["enum"]


def test_the_codes_are_the_codes_the_code_says():
    """Every vocabulary in the document is the code's own: statuses, comparators, reasons, details,
    notes, warnings, flags, likelihoods, outlooks, bands, grades, weights, diagnostics, problems, policies."""
    assert _enum("Status") == [status.value for status in perfrules.Status]
    assert _enum("Comparator") == [comparator.value for comparator in perfrules.Comparator]
    assert _enum("ReasonCode") == list(reasons.REASONS)
    assert _enum("DetailCode") == list(details.DETAILS)
    assert _enum("NoteCode") == list(reasons.NOTE_CODES)
    assert _enum("WarningCode") == list(reasons.WARNINGS)
    assert _enum("FlagCode") == list(assessment_wording.FLAGS)
    assert _enum("LikelihoodCode") == list(assessment_wording.LIKELIHOODS)
    assert _enum("Light") == [monitoring.LIGHTS[word] for word in monitoring.LIKELIHOOD_CODES]
    assert _enum("OutlookCode") == list(assessment_wording.OUTLOOKS)
    sheet_warning = SCHEMAS["MonitoringSheet"]["properties"]["warning_code"]["anyOf"][0]
    assert sheet_warning["enum"] == list(assessment_wording.WARNINGS)
    assert _enum("Band") == [band for band, _low, _high in shares.BANDS]
    assert _enum("Grade") == [name for _floor, name in scoring.GRADES]
    assert SCHEMAS["Scorecard"]["properties"]["weights"]["enum"] == [
        weights.EXPLICIT,
        weights.EQUAL_SHARES,
        weights.MINISTRY_DEFAULT,
    ]
    assert set(_enum("DiagnosticCode")) == {message.code for message in MESSAGES.values()} | {MORE_PROBLEMS}
    assert _enum("Language") == list(service_requests.LANGUAGES)
    assert list(SCHEMAS["ScoringPolicy"]["properties"]) == list(service_requests.SCORING)
    assert list(SCHEMAS["MonitoringPolicy"]["properties"]) == list(service_requests.MONITORING)
    assert set(SCHEMAS["AppliedScoringPolicy"]["properties"]) == set(service_requests.SCORING) - {"execution_indicator"}
    kinds = DOCUMENT["paths"]["/problems/{kind}"]["parameters"][0]["schema"]["enum"]
    assert kinds == list(KINDS)
    documented = {}
    for name, schema in SCHEMAS.items():
        if name.startswith("Problem") and name[7:].isdigit():
            status = schema["properties"]["status"]["const"]
            assert name == f"Problem{status}"
            documented.update(
                dict.fromkeys(
                    (kind.removeprefix("/problems/") for kind in schema["properties"]["type"]["enum"]), status
                )
            )
    assert documented == {kind: status for kind, (status, _title) in KINDS.items() if kind != "method-not-allowed"}


def test_a_batch_item_is_a_report_or_an_error():
    """BatchItem lists exactly the report's members and `error`, so it stays in step with Report."""
    item, report = SCHEMAS["BatchItem"]["properties"], SCHEMAS["Report"]["properties"]
    assert item == {**report, "error": item["error"]}
    validator = _validator({"$ref": "#/components/schemas/BatchItem"})
    problem = {"type": "/problems/invalid-facts", "title": "t", "status": 422, "detail": "fact_sets[1]: …"}
    assert validator.is_valid({"error": problem})
    assert not validator.is_valid({"error": problem, "as_of": None})
    assert not validator.is_valid({"as_of": None, "indicators": []})
    assert not validator.is_valid({})


@pytest.mark.parametrize(
    ("schema", "good", "bad"),
    [
        (
            "Value",
            [{"amount": "1.5", "unit": "次"}, {"label": "完成"}, None],
            [{}, {"amount": "1"}, {"label": "完成", "unit": ""}, {"amount": "1e3", "unit": ""}],
        ),
        (
            "Target",
            [
                {"comparator": ">=", "amount": "2", "unit": "轮"},
                {"comparator": "==", "label": "完成", "basis": "历史标准"},
            ],
            [
                {"comparator": ">="},
                {"comparator": ">=", "basis": "历史标准"},
                {"comparator": "==", "label": "完成", "amount": "1", "unit": ""},
                {"comparator": "≥", "amount": "2", "unit": ""},
            ],
        ),
        ("Decimal", ["0", "-0.108", "11254320.5", "3.00"], ["1e3", "1,000", "01", ".5", "NaN", "-"]),
        ("Date", ["2023-10-31"], ["2023-13-01", "2023-02-30", "20231031"]),
    ],
)
def test_the_shapes_are_exact(schema, good, bad):
    """The shapes answered are told apart exactly: a quantity or a label, never both or neither."""
    validator = _validator({"$ref": f"#/components/schemas/{schema}"})
    assert all(validator.is_valid(instance) for instance in good)
    assert not any(validator.is_valid(instance) for instance in bad)


# (b) Real answers, validated against the document


def _scenarios():
    """name → (method, path template, path, body): real requests, meant to show every member of
    every answer and every status of every operation that one app can answer."""
    seed = {"ruleset": SEED}
    scenarios = {}

    def post(name, template, body):
        scenarios[name] = ("POST", template, template, body)

    for language in ("zh", "en"):
        for as_of in (None, "2023-01-01", "2023-06-30", "2023-10-31", "2023-12-31", "2024-03-31"):
            for label, facts in (("facts", FACTS), ("midyear", MIDYEAR)):
                body = {**seed, "facts": facts, "language": language} | ({"as_of": as_of} if as_of else {})
                post(f"evaluate-{label}-{as_of}-{language}", "/v1/evaluate", body)
        extra = {"ruleset": EXTRA, "facts": EXTRA_FACTS, "as_of": "2023-10-31", "language": language}
        post(f"evaluate-extra-{language}", "/v1/evaluate", extra)
        post(f"evaluate-no-year-{language}", "/v1/evaluate", {"ruleset": NO_YEAR, "facts": {}, "language": language})
        post(
            f"evaluate-by-id-{language}", "/v1/evaluate", {"ruleset_id": SEED_ID, "facts": FACTS, "language": language}
        )
        fact_sets = [*BATCH, ["not", "a", "fact", "set"], FACTS, "x"]
        batch = {**seed, "fact_sets": fact_sets, "as_of": "2023-09-30", "language": language}
        post(f"batch-{language}", "/v1/evaluate-batch", batch)
        not_applicable = {**FACTS, "不适用": ["上级纪委会机关满意度"], "开展警示教育:得分": 1}
        policies = (
            None,
            {"reverse": "ratio", "places": 0},
            {"exclude_not_applicable": True, "qualitative": "lower", "places": 4, "overachievement": 1.2},
            {"execution_floor": 0.95, "execution_indicator": "预算调整率", "exclude_not_applicable": True},
        )
        for index, policy in enumerate(policies):
            for label, facts in (("facts", FACTS), ("not-applicable", not_applicable)):
                body = {**seed, "facts": facts, "language": language} | ({"policy": policy} if policy else {})
                post(f"score-{label}-{index}-{language}", "/v1/score", body)
        post(f"score-extra-{language}", "/v1/score", extra)
        policies = (None, {"tolerance": 0.05}, {"executed_facts": ["执行数"], "budget_name": "没有这个"})
        dates = (("facts", FACTS, "2023-10-31"), ("midyear", MIDYEAR, "2023-06-30"), ("early", MIDYEAR, "2022-12-01"))
        for index, policy in enumerate(policies):
            for label, facts, as_of in dates:
                body = {**seed, "facts": facts, "as_of": as_of, "language": language}
                post(
                    f"monitor-{label}-{index}-{language}", "/v1/monitor", body | ({"policy": policy} if policy else {})
                )
        post(f"monitor-extra-{language}", "/v1/monitor", extra)
        for name in ("预算执行率", "纪检监察干部培训", "监督平台建设"):
            post(
                f"explain-{name}-{language}",
                "/v1/explain",
                {**seed, "facts": FACTS, "name": name, "language": language},
            )
        post(f"check-ok-{language}", "/v1/check", {"ruleset": SEED, "language": language})
        post(f"check-warnings-{language}", "/v1/check", {"ruleset": EXTRA, "language": language})
        errors = "巡察工作 >= 2 轮 by 2023-13-01\n(\n" + "x >= 1 次\n" * 2
        post(f"check-errors-{language}", "/v1/check", {"ruleset": errors, "language": language})
    # Every error one app answers, on every operation that can answer it.
    invalid = "巡察工作 >= 2 轮 by 2023-13-01\n"
    for template, rest in (
        ("/v1/evaluate", {"facts": {}}),
        ("/v1/evaluate-batch", {"fact_sets": []}),
        ("/v1/score", {"facts": {}}),
        ("/v1/monitor", {"facts": {}, "as_of": "2023-06-30"}),
        ("/v1/explain", {"facts": {}, "name": "巡察工作"}),
    ):
        post(f"{template}-invalid-json", template, b'{"ruleset": 1,}')
        post(f"{template}-duplicate-key", template, b'{"facts": {}, "facts": {}}')
        post(f"{template}-unknown-field", template, {**seed, **rest, "langauge": "en"})
        post(f"{template}-unknown-ruleset", template, {"ruleset_id": "nobody", **rest})
        post(f"{template}-version-mismatch", template, {"ruleset_id": SEED_ID, "version": "0" * 16, **rest})
        post(f"{template}-invalid-ruleset", template, {"ruleset": invalid, "language": "en", **rest})
    post("/v1/check-invalid-json", "/v1/check", b"[1, 2")
    post("invalid-facts-score", "/v1/score", {**seed, "facts": {"不适用": ["没有这个指标"]}})
    post(
        "invalid-facts-monitor",
        "/v1/monitor",
        {**seed, "facts": {"监督平台建设:可能性": "大概"}, "as_of": "2023-06-30"},
    )
    post("no-as-of", "/v1/monitor", {"ruleset": NO_YEAR, "facts": {}})
    post("unknown-name", "/v1/explain", {**seed, "facts": {}, "name": "预算执行"})
    post("not-an-object", "/v1/evaluate", [1, 2])
    rulesets = "/v1/rulesets/{name}"
    for name, method, path, body in (
        ("register-new", "PUT", "/v1/rulesets/extra-1", {"ruleset": EXTRA, "language": "en"}),
        ("register-again", "PUT", "/v1/rulesets/extra-1", {"ruleset": EXTRA}),
        ("registered", "GET", "/v1/rulesets/extra-1", None),
        ("register-invalid", "PUT", "/v1/rulesets/extra-1", {"ruleset": invalid}),
        ("register-unknown-field", "PUT", "/v1/rulesets/extra-1", {"ruleset": EXTRA, "facts": {}}),
        ("delete", "DELETE", "/v1/rulesets/extra-1", None),
        ("delete-again", "DELETE", "/v1/rulesets/extra-1", None),
        ("registered-none", "GET", "/v1/rulesets/extra-1", None),
        ("bad-id-get", "GET", "/v1/rulesets/has%20space", None),
        ("bad-id-put", "PUT", "/v1/rulesets/" + "x" * 65, {"ruleset": EXTRA}),
        ("bad-id-delete", "DELETE", "/v1/rulesets/a:b", None),
    ):
        scenarios[name] = (method, rulesets, path, body)
    scenarios["health"] = ("GET", "/healthz", "/healthz", None)
    scenarios["openapi"] = ("GET", "/openapi.json", "/openapi.json", None)
    for kind in (*KINDS, "no-such-kind"):
        scenarios[f"kind-{kind}"] = ("GET", "/problems/{kind}", f"/problems/{kind}", None)
    return scenarios


SCENARIOS = _scenarios()


def _send(client, method, _template, path, body):
    if isinstance(body, bytes):
        return client.request(method, path, content=body, headers={"content-type": "application/json"})
    return client.request(method, path, json=body) if body is not None else client.request(method, path)


@pytest.fixture(scope="module")
def answers():
    """The real answers to every scenario, in order (registering, then deleting, in turn)."""
    client = TestClient(create_app(Settings(max_body=4_000_000, time_limit=60)))
    assert client.put(f"/v1/rulesets/{SEED_ID}", json={"ruleset": SEED}).status_code == 201
    return {name: _send(client, *request) for name, request in SCENARIOS.items()}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_each_real_answer_is_as_documented(answers, name):
    """The service's answer to a real request conforms to the document: status, type, headers, body."""
    method, template, _path, _body = SCENARIOS[name]
    conforms(method, template, answers[name])


def test_the_real_answers_show_every_member_and_status(answers):
    """The real answers above exercise every member of a result, a batch, a scorecard and a sheet,
    and every status each operation documents but those that need another app (see below)."""
    members = Counter()
    for name, response in answers.items():
        body = response.json() if response.content else None
        method, template = SCENARIOS[name][:2]
        members[(method.lower(), template, response.status_code)] += 1
        if template in ("/v1/evaluate", "/v1/evaluate-batch") and response.status_code == 200:
            reports = body.get("reports", [body])
            for report in reports:
                members.update(f"item.{key}" for key in report)
                for result in report.get("indicators", []):
                    members.update(f"result.{key}" for key in result)
                    members.update(f"target.{key}" for key in result["target"])
                    for part in result.get("parts", []):
                        members.update(f"part.{key}" for key in part)
        if template == "/v1/score" and response.status_code == 200:
            members.update(f"score.{row['status']}" for row in body["rows"])
            members.update(
                f"score.{key}" for row in body["rows"] for key, value in row.items() if value not in (None, [], False)
            )
        if template == "/v1/monitor" and response.status_code == 200:
            members.update(f"sheet.{key}" for key, value in body.items() if value is not None)
    assert {f"result.{key}" for key in SCHEMAS["IndicatorResult"]["properties"]} <= set(members)
    assert {f"part.{key}" for key in SCHEMAS["PartResult"]["properties"]} <= set(members)
    assert {f"target.{key}" for key in SCHEMAS["IndicatorTarget"]["properties"]} <= set(members)
    assert {f"item.{key}" for key in SCHEMAS["BatchItem"]["properties"]} <= set(members)
    assert {f"score.{key}" for key in SCHEMAS["ScoreRow"]["properties"]} <= set(members)
    assert {"score.NOT_APPLICABLE", "score.RECORDED"} <= set(members)
    assert {f"sheet.{key}" for key in SCHEMAS["MonitoringSheet"]["properties"]} <= set(members)
    documented = {
        (method, template, int(status))
        for template, method, operation in _operations()
        for status in operation["responses"]
    }
    elsewhere = {401, 413, 415, 500, 503, 507}  # test_every_error_is_a_documented_problem
    assert {entry for entry in documented - set(members) if entry[2] not in elsewhere} == set()


def test_every_error_is_a_documented_problem(monkeypatch):
    """The errors that need an app of their own (a token, a small body limit, a short time limit,
    a full store, a failure) answer the problem documents the document gives."""
    from perfrules.service import handlers

    small = {"ruleset": "巡察工作 >= 2 轮\n", "facts": {}}
    guarded = TestClient(create_app(Settings(token=TOKEN)))
    for template, method, _operation in _operations():
        if template.startswith("/v1/"):
            path = template.replace("{name}", SEED_ID)
            refused = guarded.request(method, path, json=small if method in ("post", "put") else None)
            assert conforms(method, template, refused)["type"] == "/problems/unauthorized"
            assert refused.headers["www-authenticate"] == 'Bearer realm="perfrules"'
    allowed = guarded.post("/v1/evaluate", json=small, headers={"Authorization": f"Bearer {TOKEN}"})
    conforms("POST", "/v1/evaluate", allowed)

    tight = TestClient(create_app(Settings(max_body=100, time_limit=0.001)))
    assert conforms("POST", "/v1/check", tight.post("/v1/check", json={"ruleset": "#" * 200}))["status"] == 413
    for template in ("/v1/check", "/v1/evaluate", "/v1/rulesets/{name}"):
        method = "PUT" if "{name}" in template else "POST"
        unsupported = tight.request(
            method, template.replace("{name}", "a"), content=b"x", headers={"content-type": "text/csv"}
        )
        assert conforms(method, template, unsupported)["status"] == 415
    slow = TestClient(create_app(Settings(time_limit=0.001)))
    fact_sets = [{"巡察工作": number} for number in range(3000)]
    late = slow.post("/v1/evaluate-batch", json={"ruleset": SEED, "fact_sets": fact_sets})
    assert conforms("POST", "/v1/evaluate-batch", late)["status"] == 503

    full = TestClient(create_app())
    _rulesets_of(full.app).most_registered = 1
    assert full.put("/v1/rulesets/a", json={"ruleset": small["ruleset"]}).status_code == 201
    assert (
        conforms("PUT", "/v1/rulesets/{name}", full.put("/v1/rulesets/b", json={"ruleset": "x >= 1 次\n"}))["status"]
        == 507
    )

    def broken(_body, _rulesets):
        raise RuntimeError("a bug")

    monkeypatch.setattr(handlers, "check", broken)
    failing = TestClient(create_app(), raise_server_exceptions=False)
    assert conforms("POST", "/v1/check", failing.post("/v1/check", json={"ruleset": "x"}))["status"] == 500


# (c) schemathesis against the app in process

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
FUZZED = create_app(Settings(max_body=200_000, time_limit=30))
FUZZED_SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", FUZZED)
FUZZED_SCHEMA.config.generation.update(modes=["positive", "negative"])
GUARDED = create_app(Settings(token=TOKEN, max_body=200_000, time_limit=30))
GUARDED_SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", GUARDED)
GUARDED_SCHEMA.config.generation.update(modes=["positive", "negative"])
STABLE = {"deadline": None, "derandomize": True, "database": None, "suppress_health_check": list(HealthCheck)}


@FUZZED_SCHEMA.parametrize()
@settings(max_examples=150, **STABLE)
def test_schemathesis_finds_nothing(case):
    """Generated requests, valid and not, to every operation: no server error, and every answer's
    status, content type, headers and body as documented (the seed registered under the document's
    example id, so that requests naming it get real reports)."""
    _rulesets_of(FUZZED).register(SEED_ID, SEED)
    case.call_and_validate(checks=CHECKS)


@GUARDED_SCHEMA.parametrize()
@settings(max_examples=30, **STABLE)
def test_schemathesis_finds_nothing_behind_a_token(case):
    """With a token: without it every /v1 request is a documented 401; with it, as without a token."""
    _rulesets_of(GUARDED).register(SEED_ID, SEED)
    response = case.call_and_validate(checks=CHECKS)
    if case.path.startswith("/v1/"):
        assert response.status_code in (401, 405), response.status_code
    case.call_and_validate(checks=CHECKS, headers={"Authorization": f"Bearer {TOKEN}"})
