"""The playground page (GET /) in a real browser: Debian's Chromium driven by Playwright, against the
service started for real with uvicorn on a loopback port.

What a person does with it: type a ruleset with a mistake and see it listed and underlined, fix it,
type facts, set the date, read the statuses and the score, click a row for its explanation; load
the seed example (34 indicators); share the whole state in a link and open it elsewhere; use it
with the keyboard alone; read it at 1280×800 and on a 400 px window; give the token the service
asks for. Every request stays on the service's own origin (the page works offline).

Without Playwright (the test extra) or /usr/bin/chromium the tests skip. `playwright install` is
never needed: the browser is the system's. With PERFRULES_SCREENSHOT=1, the 1280×800 view of the
seed example is written to docs/images/playground.png for the docs.
"""

import json
import os
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from ..conftest import ROOT, SEED, SEED_FACTS

uvicorn = pytest.importorskip("uvicorn")
sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.process,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="the system's Chromium (/usr/bin/chromium) is not installed"),
    pytest.mark.skipif(
        not (ROOT / "src" / "perfrules" / "service" / "playground" / "index.html").is_file(),
        reason="the playground bundle is not built (playground/build.sh)",
    ),
]
expect = sync_api.expect
TOKEN = "playground-t0ken"
WAIT = 15_000
"""Milliseconds a check waits for the page (debounced checks and evaluations take about one)."""

FACTS = "[data-testid=facts-editor] .cm-content"
ROWS = "[data-testid=results] tbody tr"


class Service:
    """uvicorn serving create_app(settings) on a free loopback port, in a thread of this process."""

    def __init__(self, settings):
        from perfrules.service import create_app

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/"
        config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *_):
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.socket.close()


@pytest.fixture(scope="module")
def service():
    from perfrules.service import Settings

    with Service(Settings()) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """open_page(url, width=1280, height=800): a page in a fresh context, ready (its first example
    loaded and evaluated); every request it makes is recorded in `page.requests`."""
    contexts = []

    def opened(url, width=1280, height=800, ready=True):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.requests = []
        page.errors = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.goto(url)
        if ready:
            expect(page.locator("body")).to_have_attribute("data-ready", "true", timeout=WAIT)
            expect(page.locator(ROWS).first).to_be_visible(timeout=WAIT)
        return page

    yield opened
    for context in contexts:
        context.close()


FIXED = "\n".join(
    [
        "# 年度目标",
        "year 2023",
        "一级指标 产出指标",
        "巡察工作 >= 2 轮 by 2023-12-31",
        "监督平台建设 == 完成 10月底前",
        '开展警示教育 >= 6 次 "全年不少于6次"',
    ]
)
HIGHLIGHTED = [
    ["pr-comment", "# 年度目标"],
    ["pr-keyword", "year"],
    ["pr-number", "2023"],
    ["pr-level", "一级指标"],
    ["pr-heading", "产出指标"],
    ["pr-definition", "巡察工作"],
    ["pr-comparator", ">="],
    ["pr-number", "2"],
    ["pr-unit", "轮"],
    ["pr-keyword", "by"],
    ["pr-deadline", "2023-12-31"],
    ["pr-definition", "监督平台建设"],
    ["pr-comparator", "=="],
    ["pr-label", "完成"],
    ["pr-deadline", "10月底前"],
    ["pr-definition", "开展警示教育"],
    ["pr-comparator", ">="],
    ["pr-number", "6"],
    ["pr-unit", "次"],
    ["pr-string", '"全年不少于6次"'],
]
"""The fixed ruleset, and each of its tokens as the editor colours it (class, text)."""


def replace_text(page, editor, text):
    """Select all in a CodeMirror editor and type `text` as a person would."""
    page.click(editor)
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(text)


def statuses(page):
    return page.eval_on_selector_all(ROWS, "rows => rows.map(row => [row.dataset.name, row.dataset.status])")


def only_local(page, base):
    strays = [url for url in page.requests if not (url.startswith(base) or url.startswith("data:"))]
    assert not strays, f"the page fetched from elsewhere: {strays}"
    assert not page.errors, page.errors


def test_check_evaluate_score_and_explain(service, open_page, tmp_path):
    page = open_page(service.url)
    ruleset = page.locator("[data-testid=ruleset-editor] .cm-content")
    diagnostics = page.locator("[data-testid=diagnostics]")

    # A bad date: listed with its line and column, and underlined in the editor.
    replace_text(page, "[data-testid=ruleset-editor] .cm-content", "巡察工作 >= 2 轮 by 2023-13-01")
    listed = diagnostics.locator("li.diagnostic")
    expect(listed).to_have_count(1, timeout=WAIT)
    expect(listed).to_have_attribute("data-line", "1")
    expect(listed).to_contain_text("第 1 行，第 16 列")
    expect(listed).to_contain_text("2023-13-01")
    underline = ruleset.locator(".cm-lintRange-error")
    expect(underline).to_have_count(1, timeout=WAIT)
    assert underline.inner_text() == "2023-13-01"
    page.screenshot(path=tmp_path / "diagnostic.png")

    # Its button puts the cursor on the mistake.
    listed.locator("button").click()
    selected = page.evaluate("getSelection().toString()")
    assert selected == "2023-13-01"

    # Fixed: no diagnostic and no underline left.
    replace_text(page, "[data-testid=ruleset-editor] .cm-content", FIXED)
    expect(diagnostics.locator("li.diagnostic")).to_have_count(0, timeout=WAIT)
    expect(diagnostics).to_contain_text("没有发现问题")
    expect(ruleset.locator(".cm-lintRange-error")).to_have_count(0)
    tokens = ruleset.evaluate(
        "e => [...e.querySelectorAll('[class^=pr-]')].map(token => [token.className, token.textContent])"
    )
    assert tokens == HIGHLIGHTED

    # Facts typed, the date set: the statuses and the score.
    replace_text(page, FACTS, '{"巡察工作": "2 轮", "监督平台建设": "完成", "开展警示教育": 4}')
    page.fill("[data-testid=as-of]", "2023-06-30")
    results = page.locator("[data-testid=results]")
    expect(results.locator("caption")).to_contain_text("2023-06-30", timeout=WAIT)
    expect(page.locator(ROWS)).to_have_count(3)
    assert statuses(page) == [["巡察工作", "MET"], ["监督平台建设", "MET"], ["开展警示教育", "PENDING"]]
    expect(results.locator("tr[data-name=开展警示教育] .status")).to_have_text("进行中")
    expect(results.locator("tr[data-name=开展警示教育]")).to_contain_text("截至2023-06-30为4 次")
    colour = results.locator("tr[data-name=开展警示教育] .status").evaluate("e => getComputedStyle(e).color")
    assert colour != results.locator("tr[data-name=巡察工作] .status").evaluate("e => getComputedStyle(e).color")
    total = page.locator("[data-testid=score] .score-total")
    expect(total).to_have_text(re.compile(r"^\d+(\.\d+)?$"), timeout=WAIT)
    expect(page.locator("[data-testid=score]")).to_contain_text("等级")

    # A row's explanation, in the panel.
    results.locator("tr[data-name=开展警示教育]").click()
    explanation = page.locator("[data-testid=explain] pre")
    expect(explanation).to_contain_text("开展警示教育", timeout=WAIT)
    expect(explanation).to_contain_text("PENDING")
    expect(explanation).to_contain_text("≥6 次")
    page.screenshot(path=tmp_path / "evaluated.png", full_page=True)

    # In English: the page, the diagnostics and the reasons.
    page.select_option("#language", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(diagnostics).to_contain_text("No problems found", timeout=WAIT)
    expect(results.locator("tr[data-name=开展警示教育] .status")).to_have_text("pending", timeout=WAIT)
    expect(results.locator("tr[data-name=开展警示教育]")).to_contain_text("as of 2023-06-30", timeout=WAIT)
    only_local(page, service.url)


def test_the_seed_example_and_its_share_link(service, open_page, tmp_path):
    page = open_page(service.url)
    page.select_option("#example", "zhengzhou-jingkai-jijian-2023")
    page.click("#load-example")
    expect(page.locator(ROWS)).to_have_count(34, timeout=WAIT)
    expect(page.locator("[data-testid=as-of]")).to_have_value("2023-12-31")
    expect(page.locator("[data-testid=score] .score-total")).to_have_text(re.compile(r"^\d+\.\d+$"), timeout=WAIT)
    expect(page.locator("[data-testid=diagnostics]")).to_contain_text("没有发现问题", timeout=WAIT)
    seed = statuses(page)
    facts = json.loads(SEED_FACTS.read_text(encoding="utf-8"))
    assert len(seed) == 34 and {"MET", "NOT_MET", "MISSING", "INVALID"} <= {status for _, status in seed}
    assert "预算执行率" in dict(seed) and "巡察工作" in facts

    # Explaining a row shows its definition in the editor too.
    page.locator(f"{ROWS}[data-name=巡察工作]").click()
    expect(page.locator("[data-testid=explain] pre")).to_contain_text("巡察工作 >= 2 轮 by 2023-12-31", timeout=WAIT)
    expect(page.locator("[data-testid=ruleset-editor] .pr-explained")).to_contain_text("巡察工作 >= 2 轮")
    if os.environ.get("PERFRULES_SCREENSHOT") == "1":
        (ROOT / "docs" / "images").mkdir(exist_ok=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=ROOT / "docs" / "images" / "playground.png")
    page.locator(f"{ROWS}[data-name=预算执行率]").click()
    expect(page.locator("[data-testid=explain] pre")).to_contain_text(
        "预算执行率 := (预算完成数 / 预算数)", timeout=WAIT
    )
    page.screenshot(path=tmp_path / "seed.png")

    # The share link carries everything in its fragment; opened elsewhere, the same table.
    page.click("#share")
    expect(page.locator("#share-url")).to_have_value(re.compile("#z="), timeout=WAIT)
    link = page.locator("#share-url").input_value()
    base, _, fragment = link.partition("#")
    assert base == service.url and re.fullmatch(r"z=[A-Za-z0-9_-]+", fragment), link
    assert page.url == link
    shared = open_page(link)
    expect(shared.locator(ROWS)).to_have_count(34, timeout=WAIT)
    expect(shared.locator("[data-testid=as-of]")).to_have_value("2023-12-31")
    assert statuses(shared) == seed
    first_line = SEED.read_text(encoding="utf-8").splitlines()[0]
    expect(shared.locator("[data-testid=ruleset-editor] .cm-line").first).to_have_text(first_line)
    assert all("#" not in url for url in shared.requests), "the fragment must never reach the server"
    only_local(page, service.url)
    only_local(shared, service.url)


def test_keyboard_alone(service, open_page):
    page = open_page(service.url)
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        where = page.evaluate(
            """() => {
                const e = document.activeElement;
                const testid = e.closest('[data-testid]')?.dataset.testid || '';
                const shown = e.closest('.editor') || e;  // an editor shows focus around its frame
                // (A date input's calendar button is inside the browser's own shadow tree.)
                const outline = e.matches(':focus') ? getComputedStyle(shown).outlineStyle : 'solid';
                return {testid, tag: e.tagName, outline,
                        row: e.tagName === 'TR' ? e.dataset.name : null};
            }"""
        )
        reached.append(where)
        if where["row"]:
            break
    order = [where["testid"] for where in reached if where["testid"]]
    for testid in ("ruleset-editor", "facts-editor", "as-of", "results"):
        assert testid in order, (testid, reached)
    assert order.index("ruleset-editor") < order.index("facts-editor") < order.index("as-of") < order.index("results")
    assert all(where["outline"] == "solid" for where in reached), [w for w in reached if w["outline"] != "solid"]

    # In the results: arrows move between rows, Enter explains the row.
    first = reached[-1]["row"]
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.dataset.name")
    assert second and second != first
    page.keyboard.press("Enter")
    expect(page.locator("[data-testid=explain] pre")).to_contain_text(second, timeout=WAIT)

    # Controls are what they look like, and each has a label.
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
            .map(e => e.id || e.outerHTML)"""
    )
    assert unlabelled == []
    assert page.evaluate("document.querySelectorAll('[onclick], div[role=button], span[role=button]').length") == 0
    for editor in ("ruleset-editor", "facts-editor"):
        labelled = page.get_attribute(f"[data-testid={editor}] .cm-content", "aria-labelledby")
        assert labelled and page.locator(f"#{labelled}").inner_text()


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (400, 800)])
def test_layout_without_horizontal_scroll(service, open_page, tmp_path, width, height):
    page = open_page(service.url, width, height)
    page.select_option("#example", "zhengzhou-jingkai-jijian-2023")
    page.click("#load-example")
    expect(page.locator(ROWS)).to_have_count(34, timeout=WAIT)
    expect(page.locator("[data-testid=score] .score-total")).to_be_visible(timeout=WAIT)
    expect(page.locator("[data-testid=diagnostics]")).to_contain_text("没有发现问题", timeout=WAIT)
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    ruleset = page.locator("[data-testid=ruleset-editor]").bounding_box()
    facts = page.locator("[data-testid=facts-editor]").bounding_box()
    if width >= 1000:
        assert facts["x"] >= ruleset["x"] + ruleset["width"], "the editors side by side"
        assert ruleset["y"] + ruleset["height"] <= height, "both editors in the first screen"
    else:
        assert facts["y"] >= ruleset["y"] + ruleset["height"], "the panels stacked"
        assert ruleset["width"] <= width and facts["width"] <= width
    page.screenshot(path=tmp_path / f"seed-{width}x{height}.png", full_page=True)


def test_a_token_asked_for_and_kept_in_the_tab(open_page):
    from perfrules.service import Settings

    with Service(Settings(token=TOKEN)) as guarded:
        page = open_page(guarded.url, ready=False)
        form = page.locator("#token-form")
        expect(form).to_be_visible(timeout=WAIT)
        expect(page.locator("[data-testid=results] tbody tr")).to_have_count(0)
        page.fill("#token", TOKEN)
        page.press("#token", "Enter")
        expect(form).to_be_hidden()
        expect(page.locator(ROWS).first).to_be_visible(timeout=WAIT)
        expect(page.locator("[data-testid=diagnostics]")).to_contain_text("没有发现问题", timeout=WAIT)
        assert page.evaluate("sessionStorage.getItem('perfrules.token')") == TOKEN
        assert page.evaluate("localStorage.getItem('perfrules.token')") is None


def test_it_runs_under_the_services_content_security_policy(service, browser):
    """The page needs no inline script and nothing from elsewhere: the policy the service sends
    with it (app.PAGE_HEADERS) breaks nothing. (CodeMirror writes its own styles into a <style>
    element, hence 'unsafe-inline' for styles only.)"""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()

        policy = page.request.get(service.url).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        page.add_init_script(
            "window.violations = [];"
            "document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective));"
        )
        page.goto(service.url)
        expect(page.locator(ROWS).first).to_be_visible(timeout=WAIT)
        expect(page.locator("[data-testid=ruleset-editor] .pr-keyword").first).to_be_visible()
        assert page.evaluate("window.violations") == []
        # CodeMirror's own styles applied (its gutter sits beside the text, not above it).
        gutter = page.locator("[data-testid=ruleset-editor] .cm-gutters").bounding_box()
        content = page.locator("[data-testid=ruleset-editor] .cm-content").bounding_box()
        assert gutter["x"] + gutter["width"] <= content["x"] + 1
    finally:
        context.close()
