// The playground page: a ruleset editor checked live by POST v1/check, a facts editor, an as-of
// date, and the evaluation (v1/evaluate), self-evaluation score (v1/score) and explanation of a row
// (v1/explain) of what they hold. Examples, a share link in the fragment, a token when asked for.

import { EditorView, minimalSetup } from "codemirror";
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { Decoration, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { bracketMatching } from "@codemirror/language";
import { forceLinting, lintGutter, lintKeymap, linter } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { json, jsonParseLinter } from "@codemirror/lang-json";

import { ApiError, body, post, storeToken, storedToken } from "./api.js";
import examples from "./examples.json";
import { readable } from "./format.js";
import { LANGUAGES, language, setLanguage, t, translatePage } from "./i18n.js";
import { highlighting, perfLanguage } from "./perf-mode.js";
import { decodeState, encodeState } from "./share.js";

const CHECK_DELAY = 500;
const EVALUATE_DELAY = 600;
const LANGUAGE_KEY = "perfrules.language";
const STATUSES = ["MET", "PENDING", "NOT_MET", "MISSING", "INVALID", "RECORDED"];

const $ = (id) => document.getElementById(id);
const recheck = StateEffect.define();

// The line of the indicator being explained, marked in the ruleset editor.
const explainLine = StateEffect.define();
const explainedLine = StateField.define({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(explainLine)) {
        marks = effect.value === null ? Decoration.none : Decoration.set([explainedMark.range(effect.value)]);
      }
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});
const explainedMark = Decoration.line({ class: "pr-explained" });

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

// ------------------------------------------------------------------ editors

const editorTheme = EditorView.theme({
  "&": { height: "100%" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-content": { padding: "6px 0" },
});

function evaluateKey() {
  // Above the default keymap, whose Mod-Enter inserts a blank line.
  return Prec.high(keymap.of([
    {
      key: "Mod-Enter",
      run: () => {
        evaluateNow();
        return true;
      },
    },
  ]));
}

function baseExtensions(labelId, hintId) {
  return [
    minimalSetup,
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    bracketMatching(),
    highlightSelectionMatches(),
    lintGutter(),
    evaluateKey(),
    keymap.of([...searchKeymap, ...lintKeymap]),
    highlighting,
    editorTheme,
    EditorView.contentAttributes.of({ "aria-labelledby": labelId, "aria-describedby": hintId }),
  ];
}

const rulesetView = new EditorView({
  parent: $("ruleset-editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      baseExtensions("ruleset-label", "ruleset-hint"),
      perfLanguage,
      explainedLine,
      EditorView.lineWrapping,
      linter(checkRuleset, {
        delay: CHECK_DELAY,
        needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((effect) => effect.is(recheck))),
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) scheduleEvaluation();
      }),
    ],
  }),
});

const factsView = new EditorView({
  parent: $("facts-editor"),
  state: EditorState.create({
    doc: "",
    extensions: [
      baseExtensions("facts-label", "facts-hint"),
      json(),
      EditorView.lineWrapping,
      linter(jsonParseLinter(), { delay: 300 }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) scheduleEvaluation();
      }),
    ],
  }),
});

function showDefinition(text) {
  // perfrules explain names the definition as `ruleset:LINE: …` (the service's source name).
  const found = /^\s*\S+\s+ruleset:(\d+):/m.exec(text);
  const doc = rulesetView.state.doc;
  const number = found ? Number(found[1]) : 0;
  if (number < 1 || number > doc.lines) {
    rulesetView.dispatch({ effects: explainLine.of(null) });
    return;
  }
  const line = doc.line(number);
  rulesetView.dispatch({ effects: [explainLine.of(line.from), EditorView.scrollIntoView(line.from, { y: "center" })] });
}

function setText(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 } });
  view.scrollDOM.scrollTop = 0;
}

// ------------------------------------------------------------------ the service

let tokenWasAsked = false;

/** Say what went wrong with a call (and ask for a token on 401); the text for a status line. */
function problemText(error) {
  if (!(error instanceof ApiError)) return t("problem-network", { detail: String(error?.message || error) });
  if (error.status === 401) {
    askForToken();
    return t(tokenWasAsked && storedToken() ? "token-wrong" : "token-needed");
  }
  if (error.status === 0) return t("problem-network", { detail: error.message });
  if (error.kind === "invalid-ruleset") return t("results-ruleset-errors");
  if (error.kind === "invalid-facts") return t("problem-facts", { detail: error.problem.detail || "" });
  return t("problem-other", { status: error.status, detail: error.problem.detail || error.problem.title || "" });
}

function askForToken() {
  const form = $("token-form");
  $("token-message").textContent = t(storedToken() ? "token-wrong" : "token-needed");
  if (form.hidden) {
    form.hidden = false;
    $("token").value = storedToken();
  }
  tokenWasAsked = true;
}

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  storeToken($("token").value.trim());
  $("token-form").hidden = true;
  rerunCheck();
  evaluateNow();
});

// ------------------------------------------------------------------ diagnostics (v1/check)

let checkAbort = null;
let lastCheck = null;

/** A 1-based column in code points (as the service counts) → an offset in the line's UTF-16 text. */
function offsetIn(text, column) {
  let offset = 0;
  for (let counted = 1; counted < column && offset < text.length; counted += 1) {
    offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
  }
  return offset;
}

function position(doc, line, column) {
  if (!line || line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const row = doc.line(line);
  return row.from + offsetIn(row.text, column || 1);
}

function severityOf(diagnostic) {
  return { error: "error", warning: "warning" }[diagnostic.severity] || "info";
}

function toCodeMirror(diagnostic, doc) {
  const from = position(doc, diagnostic.line, diagnostic.column);
  const to = Math.max(from, position(doc, diagnostic.end_line ?? diagnostic.line, diagnostic.end_column));
  const hint = diagnostic.hint ? `\n${t("hint")}${diagnostic.hint}` : "";
  return {
    from,
    to,
    severity: severityOf(diagnostic),
    source: diagnostic.code,
    message: `${diagnostic.message}${hint}`,
  };
}

async function checkRuleset(view) {
  const doc = view.state.doc;
  checkAbort?.abort();
  const controller = new AbortController();
  checkAbort = controller;
  $("diagnostics-summary").textContent = t("diagnostics-checking");
  try {
    const answer = await post(
      "check",
      body({ ruleset: doc.toString(), language: language() }),
      controller.signal,
    );
    if (controller.signal.aborted || view.state.doc !== doc) return [];
    lastCheck = { doc, diagnostics: answer.diagnostics || [] };
    renderDiagnostics();
    return lastCheck.diagnostics.map((diagnostic) => toCodeMirror(diagnostic, doc));
  } catch (error) {
    if (error?.name === "AbortError") return [];
    lastCheck = null;
    $("diagnostics-summary").textContent = problemText(error);
    $("diagnostics-list").replaceChildren();
    return [];
  }
}

function rerunCheck() {
  // A changed language or token needs a new check of the same text: the effect marks the linter's
  // result stale (its needsRefresh), and forceLinting runs it now rather than after its delay.
  rulesetView.dispatch({ effects: recheck.of(null) });
  forceLinting(rulesetView);
}

function renderDiagnostics() {
  const list = $("diagnostics-list");
  if (!lastCheck) return;
  const { doc, diagnostics } = lastCheck;
  const errors = diagnostics.filter((item) => item.severity === "error").length;
  const warnings = diagnostics.length - errors;
  $("diagnostics-summary").textContent = diagnostics.length
    ? t("diagnostics-count", { errors, warnings })
    : t("diagnostics-none");
  list.replaceChildren(
    ...diagnostics.map((item) => {
      const where = { line: item.line, column: item.column };
      const go = element(
        "button",
        { type: "button", className: "position", "aria-label": `${t("go-to", where)}: ${item.message}` },
        t("position", where),
      );
      go.addEventListener("click", () => {
        const current = rulesetView.state.doc;
        const cm = toCodeMirror(item, current === doc ? doc : current);
        rulesetView.dispatch({ selection: { anchor: cm.from, head: cm.to }, scrollIntoView: true });
        rulesetView.focus();
      });
      return element(
        "li",
        { className: `diagnostic severity-${severityOf(item)}`, "data-line": item.line, "data-column": item.column },
        go,
        " ",
        element("span", { className: "severity" }, t(item.severity) || item.severity),
        " ",
        element("span", { className: "message" }, item.message),
        item.hint ? element("span", { className: "hint-text" }, t("hint") + item.hint) : null,
        " ",
        element("code", { className: "code" }, item.code),
      );
    }),
  );
}

// ------------------------------------------------------------------ evaluation (v1/evaluate, v1/score)

let evaluateTimer = 0;
let evaluateAbort = null;
let selectedName = null;
let lastReport = null;
let lastScore = null;
let lastOutcome = null;

function scheduleEvaluation() {
  clearTimeout(evaluateTimer);
  evaluateTimer = setTimeout(evaluateNow, EVALUATE_DELAY);
}

/** The facts as typed, if they are a JSON object: {text} or {error}. */
function factsText() {
  const text = factsView.state.doc.toString();
  if (!text.trim()) return { text: "{}" };
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: t("facts-invalid", { detail: error.message }) };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { error: t("facts-not-object") };
  return { text };
}

function asOf() {
  const value = $("as-of").value;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : "";
}

function request(extra = {}) {
  const facts = factsText();
  if (facts.error) return { error: facts.error };
  return {
    body: body(
      { ruleset: rulesetView.state.doc.toString(), as_of: asOf(), language: language(), ...extra },
      { facts: facts.text },
    ),
  };
}

async function evaluateNow() {
  clearTimeout(evaluateTimer);
  evaluateAbort?.abort();
  const controller = new AbortController();
  evaluateAbort = controller;
  const made = request();
  const factsError = $("facts-error");
  factsError.hidden = !made.error;
  factsError.textContent = made.error || "";
  if (made.error) {
    setStatus(made.error);
    return;
  }
  setStatus(t("working"));
  $("results").setAttribute("aria-busy", "true");
  const [report, score] = await Promise.allSettled([
    post("evaluate", made.body, controller.signal),
    post("score", made.body, controller.signal),
  ]);
  if (controller.signal.aborted) return;
  $("results").removeAttribute("aria-busy");
  lastOutcome = { report, score };
  renderOutcome();
  if (report.status === "fulfilled" && selectedName && lastReport.indicators.some((row) => row.name === selectedName)) {
    explain(selectedName, { quiet: true });
  }
}

function renderOutcome() {
  if (!lastOutcome) return;
  const { report, score } = lastOutcome;
  const table = $("results-table");
  if (report.status === "fulfilled") {
    lastReport = report.value;
    table.classList.remove("stale");
    renderResults(lastReport);
  } else {
    table.classList.add("stale");
    setStatus(problemText(report.reason));
  }
  if (score.status === "fulfilled") {
    lastScore = score.value;
    renderScore(lastScore);
  } else {
    lastScore = null;
    $("score-body").replaceChildren(element("p", { className: "hint" }, problemText(score.reason)));
  }
}

function setStatus(text) {
  $("results-status").textContent = text;
}

function counts(indicators) {
  const tally = new Map();
  for (const row of indicators) tally.set(row.status, (tally.get(row.status) || 0) + 1);
  return STATUSES.filter((status) => tally.has(status))
    .map((status) => `${t(status)} ${tally.get(status)}`)
    .join(language() === "zh" ? "，" : ", ");
}

function statusChip(status) {
  return element("span", { className: `status status-${status}` }, t(status) || status);
}

function renderResults(report) {
  const table = $("results-table");
  const rows = report.indicators.map((row, index) => {
    const value = readable(row.value) + (row.asserted ? t("asserted") : "");
    const tr = element(
      "tr",
      {
        role: "row",
        tabindex: -1,
        "data-name": row.name,
        "data-status": row.status,
        "aria-current": row.name === selectedName ? "true" : null,
        className: row.name === selectedName ? "selected" : "",
      },
      element(
        "th",
        { scope: "row", role: "rowheader", "data-label": t("indicator") },
        element("span", { className: "name" }, row.name),
        row.group?.length ? element("span", { className: "group" }, row.group.join(" / ")) : null,
      ),
      element("td", { role: "cell", "data-label": t("status") }, statusChip(row.status)),
      element("td", { role: "cell", "data-label": t("value"), className: "number" }, value),
      element("td", { role: "cell", "data-label": t("target"), className: "number" }, readable(row.target)),
      element("td", { role: "cell", "data-label": t("deadline"), className: "date" }, row.deadline || "—"),
      element("td", { role: "cell", "data-label": t("reason"), className: "reason" }, row.reason || ""),
    );
    tr.dataset.index = String(index);
    return tr;
  });
  const focusable = rows.find((row) => row.dataset.name === selectedName) || rows[0];
  if (focusable) focusable.tabIndex = 0;
  const hadFocus = document.activeElement?.closest?.("#results-body tr")?.dataset.name;
  $("results-body").replaceChildren(...rows);
  if (hadFocus) rows.find((row) => row.dataset.name === hadFocus)?.focus();
  $("results-caption").textContent = t("results-caption", { day: report.as_of || "—", counts: counts(report.indicators) });
  table.hidden = rows.length === 0;
  setStatus(rows.length ? "" : t("results-empty"));

  const warnings = report.warnings || [];
  $("report-warnings").hidden = warnings.length === 0;
  $("report-warnings-list").replaceChildren(...warnings.map((text) => element("li", {}, text)));

  const formulas = Object.entries(report.formulas || {});
  $("formulas").hidden = formulas.length === 0;
  $("formulas-summary").textContent = t("formulas", { count: formulas.length });
  $("formulas-list").replaceChildren(
    ...formulas.flatMap(([name, value]) => [element("dt", {}, name), element("dd", {}, readable(value))]),
  );
}

function renderScore(card) {
  const groups = (card.groups || []).filter((group) => group.group.length === 1);
  $("score-body").replaceChildren(
    element(
      "p",
      { className: "total" },
      element("span", { className: "label" }, t("total")),
      " ",
      element("strong", { className: "score-total", "data-total": card.total }, card.total),
      element("span", { className: "out-of" }, ` / ${card.weight}`),
      " ",
      element("span", { className: "label" }, t("grade")),
      " ",
      element("strong", { className: "score-grade" }, card.grade || "—"),
    ),
    groups.length
      ? element(
          "table",
          { className: "groups" },
          element(
            "thead",
            {},
            element(
              "tr",
              {},
              element("th", { scope: "col" }, t("group")),
              element("th", { scope: "col", className: "number" }, t("weight")),
              element("th", { scope: "col", className: "number" }, t("points")),
            ),
          ),
          element(
            "tbody",
            {},
            groups.map((group) =>
              element(
                "tr",
                {},
                element("th", { scope: "row" }, group.group[0]),
                element("td", { className: "number" }, group.weight),
                element("td", { className: "number" }, group.score),
              ),
            ),
          ),
        )
      : null,
  );
}

// ------------------------------------------------------------------ explanations (v1/explain)

let explainAbort = null;

async function explain(name, { quiet = false } = {}) {
  selectedName = name;
  for (const row of $("results-body").rows) {
    const selected = row.dataset.name === name;
    row.classList.toggle("selected", selected);
    if (selected) row.setAttribute("aria-current", "true");
    else row.removeAttribute("aria-current");
  }
  const made = request({ name });
  if (made.error) return;
  explainAbort?.abort();
  const controller = new AbortController();
  explainAbort = controller;
  const label = $("explain-name");
  const text = $("explain-text");
  if (!quiet) label.textContent = t("explain-loading", { name });
  try {
    const answer = await post("explain", made.body, controller.signal);
    if (controller.signal.aborted) return;
    label.textContent = answer.name;
    text.textContent = answer.text;
    text.hidden = false;
    if (!quiet) {
      showDefinition(answer.text);
      $("explain").scrollIntoView({ block: "nearest" });
    }
  } catch (error) {
    if (error?.name === "AbortError") return;
    label.textContent = problemText(error);
    text.hidden = true;
  }
}

function moveFocus(from, to) {
  if (!to) return;
  from.tabIndex = -1;
  to.tabIndex = 0;
  to.focus();
}

$("results-body").addEventListener("click", (event) => {
  const row = event.target.closest("tr");
  if (!row) return;
  const current = $("results-body").querySelector("tr[tabindex='0']");
  if (current && current !== row) moveFocus(current, row);
  else row.focus();
  explain(row.dataset.name);
});

$("results-body").addEventListener("keydown", (event) => {
  const row = event.target.closest("tr");
  if (!row || event.target !== row) return;
  const rows = [...$("results-body").rows];
  const index = rows.indexOf(row);
  const targets = {
    ArrowDown: rows[index + 1],
    ArrowUp: rows[index - 1],
    Home: rows[0],
    End: rows[rows.length - 1],
  };
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    explain(row.dataset.name);
  } else if (event.key in targets) {
    event.preventDefault();
    moveFocus(row, targets[event.key]);
  }
});

// ------------------------------------------------------------------ examples, sharing, language

function fillExamples() {
  const select = $("example");
  select.replaceChildren(
    element("option", { value: "" }, t("example-none")),
    ...examples.map((example) => element("option", { value: example.id }, example.title[language()])),
  );
}

async function fetchText(path) {
  const response = await fetch(path);
  if (!response.ok) throw new ApiError(response.status, { detail: `${path}: HTTP ${response.status}` });
  return response.text();
}

async function loadExample(id) {
  const example = examples.find((item) => item.id === id);
  if (!example) return;
  try {
    const [ruleset, facts] = await Promise.all([
      fetchText(`static/examples/${example.ruleset}`),
      example.facts ? fetchText(`static/examples/${example.facts}`) : Promise.resolve("{}"),
    ]);
    apply({ ruleset, facts, asOf: example.as_of || "" });
  } catch (error) {
    setStatus(problemText(error));
  }
}

function apply({ ruleset, facts, asOf: day }) {
  setText(rulesetView, ruleset);
  setText(factsView, facts);
  $("as-of").value = day || "";
  selectedName = null;
  rulesetView.dispatch({ effects: explainLine.of(null) });
  $("explain-name").textContent = t("explain-empty");
  $("explain-text").hidden = true;
  evaluateNow();
}

$("load-example").addEventListener("click", () => loadExample($("example").value));

$("share").addEventListener("click", async () => {
  const fragment = await encodeState({
    ruleset: rulesetView.state.doc.toString(),
    facts: factsView.state.doc.toString(),
    asOf: asOf(),
  });
  const url = new URL(location.href);
  url.hash = fragment;
  history.replaceState(null, "", url.href);
  const field = $("share-url");
  field.value = url.href;
  $("share-row").hidden = false;
  field.focus();
  field.select();
  let copied = false;
  try {
    await navigator.clipboard.writeText(url.href);
    copied = true;
  } catch {
    copied = false;
  }
  setStatus(t(copied ? "share-copied" : "share-ready"));
});

async function restoreFromFragment() {
  const state = await decodeState(location.hash);
  if (state instanceof Error) {
    setStatus(t("share-bad"));
    return false;
  }
  if (!state) return false;
  apply(state);
  return true;
}

window.addEventListener("hashchange", restoreFromFragment);

function switchLanguage(next) {
  setLanguage(next);
  try {
    localStorage.setItem(LANGUAGE_KEY, language());
  } catch {
    // no storage: the choice lasts as long as the page
  }
  $("language").value = language();
  translatePage();
  fillExamples();
  if (!$("token-form").hidden) $("token-message").textContent = t(storedToken() ? "token-wrong" : "token-needed");
  if (!selectedName) $("explain-name").textContent = t("explain-empty");
  rerunCheck();
  evaluateNow();
}

$("language").addEventListener("change", (event) => switchLanguage(event.target.value));
$("as-of").addEventListener("input", scheduleEvaluation);
$("as-of").addEventListener("change", scheduleEvaluation);
$("evaluate").addEventListener("click", evaluateNow);
document.querySelector(".skip").addEventListener("click", (event) => {
  event.preventDefault();
  const first = $("results-body").querySelector("tr[tabindex='0']");
  (first || $("results")).focus();
});

function initialLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (LANGUAGES.includes(asked)) return asked;
  try {
    const stored = localStorage.getItem(LANGUAGE_KEY);
    if (LANGUAGES.includes(stored)) return stored;
  } catch {
    // no storage
  }
  return "zh";
}

async function start() {
  setLanguage(initialLanguage());
  $("language").value = language();
  translatePage();
  fillExamples();
  $("explain-name").textContent = t("explain-empty");
  if (!(await restoreFromFragment())) {
    const first = examples.find((example) => example.start) || examples[0];
    if (first) await loadExample(first.id);
  }
  document.body.dataset.ready = "true";
}

start();
