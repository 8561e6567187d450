"""Every endpoint of the service and every error path, through the ASGI app itself (Starlette's
test client speaks HTTP to it in process); `test_serve.py` runs the real server."""

import json
from datetime import date

import pytest

import perfrules

from ..conftest import ROOT

starlette = pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from perfrules.service import Settings, create_app  # noqa: E402
from perfrules.service.problems import KINDS  # noqa: E402

SEED = (ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.perf").read_text(encoding="utf-8")
FACTS = json.loads((ROOT / "rulesets" / "zhengzhou-jingkai-jijian-2023.facts.json").read_text(encoding="utf-8"))
SMALL = "year 2023\n巡察工作 >= 2 轮 by 2023-06-30\n廉政教育 == 完成\n"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(Settings(max_body=200_000, time_limit=30)))


def problem(response, status, kind):
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    document = response.json()
    assert document["type"] == f"/problems/{kind}" and document["status"] == status
    assert document["title"] == KINDS[kind][1] and document["detail"]
    return document


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok", "version": perfrules.__version__}


def test_check_lists_diagnostics_with_positions_in_either_language(client):
    bad = "巡察工作 >= 2 轮 by 2023-13-01\n"
    english = client.post("/v1/check", json={"ruleset": bad, "language": "en"}).json()
    assert english["ok"] is False
    (diagnostic,) = english["diagnostics"]
    assert diagnostic["code"] == "invalid-date"
    assert (diagnostic["line"], diagnostic["column"], diagnostic["end_line"], diagnostic["end_column"]) == (
        1,
        16,
        1,
        26,
    )
    assert set(diagnostic) == {
        "code",
        "severity",
        "message",
        "hint",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
    }
    chinese = client.post("/v1/check", json={"ruleset": bad}).json()
    assert chinese["diagnostics"][0]["message"] != diagnostic["message"]
    assert client.post("/v1/check", json={"ruleset": SMALL}).json() == {"ok": True, "diagnostics": []}


def test_evaluate_answers_exactly_the_reports_dict(client):
    answer = client.post("/v1/evaluate", json={"ruleset": SEED, "facts": FACTS, "as_of": "2023-09-30"})
    expected = perfrules.compile(SEED, source="ruleset").evaluate(FACTS, as_of=date(2023, 9, 30)).to_dict()
    assert answer.status_code == 200 and answer.json() == json.loads(json.dumps(expected))
    english = client.post("/v1/evaluate", json={"ruleset": SMALL, "facts": {}, "language": "en"}).json()
    assert "there is no data" in english["indicators"][0]["reason"]


def test_a_batch_goes_on_past_a_bad_fact_set(client):
    body = {
        "ruleset": SMALL,
        "fact_sets": [{"巡察工作": 2}, 3, {"巡察工作": {"value": 1, "date": "x"}}],
        "as_of": "2023-12-31",
    }
    reports = client.post("/v1/evaluate-batch", json=body).json()["reports"]
    assert reports[0]["indicators"][0]["status"] == "MET"
    assert reports[1]["error"]["type"] == "/problems/invalid-facts"
    assert "fact_sets[1]" in reports[1]["error"]["detail"]
    assert reports[2]["indicators"][0]["status"] == "INVALID"


def test_score_monitor_and_explain(client):
    base = {"ruleset": SEED, "facts": FACTS, "as_of": "2023-09-30"}
    card = client.post("/v1/score", json={**base, "policy": {"places": 1, "reverse": "ratio"}}).json()
    assert card["policy"]["places"] == 1 and "total" in card
    sheet = client.post("/v1/monitor", json={**base, "policy": {"tolerance": 0.2}}).json()
    assert sheet["as_of"] == "2023-09-30" and sheet["indicators"]
    explained = client.post("/v1/explain", json={**base, "name": "预算执行率", "language": "en"}).json()
    assert explained["name"] == "预算执行率" and "预算执行率" in explained["text"]


def test_a_ruleset_registered_once_is_evaluated_by_id_and_version(client):
    created = client.put("/v1/rulesets/small-1", json={"ruleset": SMALL})
    assert created.status_code == 201
    version = created.json()["version"]
    assert created.json()["indicators"] == 2
    assert client.put("/v1/rulesets/small-1", json={"ruleset": SMALL}).status_code == 200
    assert client.get("/v1/rulesets/small-1").json()["ruleset"] == SMALL
    by_id = client.post("/v1/evaluate", json={"ruleset_id": "small-1", "version": version, "facts": {"巡察工作": 3}})
    assert by_id.json()["indicators"][0]["status"] == "MET"
    problem(
        client.post("/v1/evaluate", json={"ruleset_id": "small-1", "version": "0" * 16, "facts": {}}),
        409,
        "version-mismatch",
    )
    assert client.delete("/v1/rulesets/small-1").status_code == 204
    problem(client.post("/v1/evaluate", json={"ruleset_id": "small-1", "facts": {}}), 404, "unknown-ruleset")
    problem(client.delete("/v1/rulesets/small-1"), 404, "unknown-ruleset")
    problem(client.get("/v1/rulesets/small-1"), 404, "unknown-ruleset")
    problem(client.put("/v1/rulesets/" + "x" * 65, json={"ruleset": SMALL}), 400, "invalid-request")


def test_registering_beyond_the_bound_is_refused():
    client = TestClient(create_app())
    app_rulesets = client.app.state.rulesets
    app_rulesets.most_registered = 2
    for name in ("a", "b"):
        assert client.put(f"/v1/rulesets/{name}", json={"ruleset": SMALL}).status_code == 201
    problem(client.put("/v1/rulesets/c", json={"ruleset": SMALL}), 507, "too-many-rulesets")


def test_compiled_rulesets_are_kept_with_a_bound():
    client = TestClient(create_app(Settings(kept_rulesets=2)))
    store = client.app.state.rulesets
    for year in (2021, 2022, 2023):
        client.post("/v1/evaluate", json={"ruleset": f"year {year}\n巡察工作 >= 2 轮\n", "facts": {}})
    assert len(store._compiled) == 2


@pytest.mark.parametrize(
    ("body", "status", "kind"),
    [
        (b"{not json", 400, "invalid-json"),
        (b"\xff\xfe", 400, "invalid-json"),
        (b'{"ruleset": "x", "ruleset": "y"}', 400, "invalid-json"),
        (b'{"ruleset": "x >= 1", "facts": {"x": NaN}}', 400, "invalid-json"),
        (b"[1, 2]", 400, "invalid-request"),
        (b"{}", 400, "invalid-request"),
        (b'{"ruleset": 3, "facts": {}}', 400, "invalid-request"),
        (b'{"ruleset": "x >= 1\\n", "ruleset_id": "a", "facts": {}}', 400, "invalid-request"),
        (b'{"ruleset": "x >= 1\\n", "facts": []}', 400, "invalid-request"),
        (b'{"ruleset": "x >= 1\\n", "facts": {}, "as_of": "2023-1-1"}', 400, "invalid-request"),
        (b'{"ruleset": "x >= 1\\n", "facts": {}, "language": "fr"}', 400, "invalid-request"),
        (b'{"ruleset": "x >= 1\\n", "facts": {}, "asof": "2023-01-01"}', 400, "invalid-request"),
        (b'{"ruleset": "x >=\\n", "facts": {}}', 422, "invalid-ruleset"),
        (b'{"ruleset": "x >= 1 \\u8f6e by 2023-06-30\\n", "facts": {}}', 400, "invalid-request"),
    ],
)
def test_each_bad_request_is_a_problem(client, body, status, kind):
    response = client.post("/v1/evaluate", content=body, headers={"content-type": "application/json"})
    document = problem(response, status, kind)
    assert document["instance"] == "/v1/evaluate"
    if kind == "invalid-ruleset":
        assert document["diagnostics"][0]["line"] == 1


def test_facts_that_cannot_be_used_are_unprocessable(client):
    body = {"ruleset": SEED, "facts": {"不适用": "没有这个指标"}, "as_of": "2023-12-31"}
    problem(client.post("/v1/score", json=body), 422, "invalid-facts")


@pytest.mark.parametrize(
    ("policy", "fragment"),
    [({"places": 9}, "places"), ({"places": "2"}, "whole number"), ({"curve": 1}, "no setting 'curve'")],
)
def test_a_bad_policy_is_named(client, policy, fragment):
    body = {"ruleset": SMALL, "facts": {}, "policy": policy}
    assert fragment in problem(client.post("/v1/score", json=body), 400, "invalid-request")["detail"]


def test_monitoring_without_an_as_of_date_is_refused(client):
    ruleset = "巡察工作 >= 2 轮 by 2023-06-30\n"
    problem(client.post("/v1/monitor", json={"ruleset": ruleset, "facts": {}}), 400, "invalid-request")


def test_explaining_an_unknown_name_suggests_the_nearest(client):
    body = {"ruleset": SEED, "facts": {}, "name": "预算执行"}
    assert "预算执行率" in problem(client.post("/v1/explain", json=body), 400, "invalid-request")["detail"]


def test_unknown_addresses_and_methods(client):
    problem(client.get("/v2/evaluate"), 404, "not-found")
    problem(client.get("/v1/evaluate"), 405, "method-not-allowed")
    problem(client.get("/problems/no-such-kind"), 404, "not-found")
    assert client.get("/problems/invalid-json").json()["status"] == 400


def test_a_body_over_the_limit_is_refused_before_it_is_read(client):
    problem(client.post("/v1/check", json={"ruleset": "#" * 300_000}), 413, "body-too-large")

    def chunks():  # no Content-Length: counted as it comes
        for _ in range(30):
            yield b" " * 10_000

    problem(
        client.post("/v1/check", content=chunks(), headers={"content-type": "application/json"}), 413, "body-too-large"
    )


def test_only_json_bodies(client):
    problem(
        client.post("/v1/check", content=b"ruleset", headers={"content-type": "text/plain"}),
        415,
        "unsupported-media-type",
    )


def test_a_request_past_the_time_limit_is_answered_at_the_limit():
    client = TestClient(create_app(Settings(time_limit=0.001)))
    fact_sets = [{"巡察工作": n} for n in range(3000)]
    problem(client.post("/v1/evaluate-batch", json={"ruleset": SEED, "fact_sets": fact_sets}), 503, "time-limit")


def test_the_token_is_required_on_v1_and_nowhere_else():
    client = TestClient(create_app(Settings(token="s3cret-token")))
    refused = client.post("/v1/check", json={"ruleset": SMALL})
    problem(refused, 401, "unauthorized")
    assert refused.headers["www-authenticate"].startswith("Bearer")
    wrong = client.post("/v1/check", json={"ruleset": SMALL}, headers={"authorization": "Bearer s3cret-tokeN"})
    problem(wrong, 401, "unauthorized")
    problem(
        client.post("/v1/check", json={"ruleset": SMALL}, headers={"authorization": "Basic s3cret-token"}),
        401,
        "unauthorized",
    )
    problem(client.get("/v1/rulesets/a"), 401, "unauthorized")
    right = client.post("/v1/check", json={"ruleset": SMALL}, headers={"authorization": "Bearer s3cret-token"})
    assert right.json()["ok"] is True
    assert client.get("/healthz").status_code == 200


def test_an_unforeseen_failure_is_a_problem_without_a_traceback(monkeypatch, caplog):
    from perfrules.service import handlers

    def broken(_body, _rulesets):
        raise RuntimeError("a bug")

    monkeypatch.setattr(handlers, "check", broken)
    client = TestClient(create_app(), raise_server_exceptions=False)
    document = problem(client.post("/v1/check", json={"ruleset": SMALL}), 500, "internal")
    assert "a bug" not in json.dumps(document) and "Traceback" not in json.dumps(document)
    assert "request failed" in caplog.text


def test_the_playground_is_served_with_its_policy_and_compressed(client):
    page = client.get("/")
    assert page.status_code == 200 and 'data-testid="ruleset-editor"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    script = client.get("/static/app.js", headers={"accept-encoding": "gzip"})
    assert script.status_code == 200 and script.headers["content-encoding"] == "gzip"
