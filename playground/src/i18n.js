// The page's words, in Chinese (the default) and English. The service answers in the same language
// (its `language` field), so diagnostics, reasons and explanations follow the switch too.

export const LANGUAGES = ["zh", "en"];

const WORDS = {
  zh: {
    "html-lang": "zh-CN",
    title: "perfrules 绩效目标表试算",
    skip: "跳到评估结果",
    language: "界面语言",
    example: "示例",
    "example-none": "选择示例…",
    "load-example": "载入示例",
    share: "生成分享链接",
    "share-label": "分享链接（规则集、事实与评估日期都在 # 之后，不会发送到服务器）",
    "share-copied": "分享链接已生成并复制。",
    "share-ready": "分享链接已生成。",
    "share-bad": "地址中的分享内容无法读取，已忽略。",
    ruleset: "规则集（绩效目标表）",
    "ruleset-hint": "每行一个指标；停止输入后自动检查并评估（Ctrl+Enter 立即评估）。",
    diagnostics: "诊断",
    "diagnostics-none": "没有发现问题。",
    "diagnostics-checking": "正在检查…",
    "diagnostics-count": "${errors} 个错误，${warnings} 个警告",
    position: "第 ${line} 行，第 ${column} 列",
    "go-to": "跳到第 ${line} 行第 ${column} 列",
    hint: "提示：",
    error: "错误",
    warning: "警告",
    note: "注",
    facts: "事实（JSON）",
    "facts-hint": "指标名 → 实际值，例如 {\"巡察工作\": \"2 轮\"}。",
    "facts-invalid": "事实不是有效的 JSON：${detail}",
    "facts-not-object": "事实必须是一个 JSON 对象（{…}）。",
    "as-of": "评估日期",
    "as-of-hint": "留空则为规则集年度的年末。",
    evaluate: "评估",
    results: "评估结果",
    "results-empty": "输入规则集和事实后，这里显示每个指标的状态。",
    "results-caption": "截至 ${day} 的评估结果：${counts}",
    "results-help": "点击某一行或在行上按 Enter 查看计算过程；上下方向键在行间移动。",
    "results-ruleset-errors": "规则集有错误，请先按“诊断”修正。",
    working: "正在计算…",
    indicator: "指标",
    status: "状态",
    value: "实际值",
    target: "指标值",
    deadline: "截止日期",
    reason: "说明",
    asserted: "（认定）",
    "no-target": "（无指标值）",
    "no-target-unit": "（无指标值，填报${unit}）",
    MET: "达成",
    PENDING: "进行中",
    NOT_MET: "未达成",
    MISSING: "缺数据",
    INVALID: "数据无效",
    RECORDED: "已填报",
    warnings: "提示",
    formulas: "公式（${count} 个）",
    score: "自评得分",
    "score-empty": "评估后显示自评总分与等级。",
    total: "总分",
    grade: "等级",
    "score-of": "${score} / ${weight}",
    group: "一级指标",
    weight: "分值",
    points: "得分",
    explain: "计算过程",
    "explain-empty": "点击结果表中的一行，查看该指标的计算过程。",
    "explain-loading": "正在读取“${name}”的计算过程…",
    token: "访问令牌",
    "token-needed": "服务需要访问令牌。请输入令牌后继续（仅保存在本标签页）。",
    "token-wrong": "令牌不正确，请重新输入。",
    "token-use": "使用令牌",
    "problem-facts": "事实无法使用：${detail}",
    "problem-other": "服务返回错误（${status}）：${detail}",
    "problem-network": "无法连接服务：${detail}",
    licenses: "第三方许可",
    footer: "perfrules 试算页面：所有计算由本服务完成，页面不加载任何外部资源。",
  },
  en: {
    "html-lang": "en",
    title: "perfrules playground",
    skip: "Skip to the results",
    language: "Language",
    example: "Example",
    "example-none": "Choose an example…",
    "load-example": "Load example",
    share: "Make a share link",
    "share-label": "Share link (the ruleset, facts and date travel after the #, never to the server)",
    "share-copied": "Share link made and copied.",
    "share-ready": "Share link made.",
    "share-bad": "The shared content in the address could not be read; it was ignored.",
    ruleset: "Ruleset (performance target table)",
    "ruleset-hint": "One indicator per line; checked and evaluated when you pause typing (Ctrl+Enter: now).",
    diagnostics: "Diagnostics",
    "diagnostics-none": "No problems found.",
    "diagnostics-checking": "Checking…",
    "diagnostics-count": "${errors} error(s), ${warnings} warning(s)",
    position: "line ${line}, column ${column}",
    "go-to": "Go to line ${line}, column ${column}",
    hint: "Hint: ",
    error: "error",
    warning: "warning",
    note: "note",
    facts: "Facts (JSON)",
    "facts-hint": "Indicator name → actual value, e.g. {\"巡察工作\": \"2 轮\"}.",
    "facts-invalid": "The facts are not valid JSON: ${detail}",
    "facts-not-object": "The facts must be a JSON object ({…}).",
    "as-of": "As of",
    "as-of-hint": "Empty: the end of the ruleset's year.",
    evaluate: "Evaluate",
    results: "Results",
    "results-empty": "Enter a ruleset and facts to see each indicator's status here.",
    "results-caption": "Results as of ${day}: ${counts}",
    "results-help": "Click a row or press Enter on it to see how it was computed; arrow keys move between rows.",
    "results-ruleset-errors": "The ruleset has errors: fix them first (see Diagnostics).",
    working: "Working…",
    indicator: "Indicator",
    status: "Status",
    value: "Actual",
    target: "Target",
    deadline: "Deadline",
    reason: "Reason",
    asserted: " (asserted)",
    "no-target": "(no target)",
    "no-target-unit": "(no target; records ${unit})",
    MET: "met",
    PENDING: "pending",
    NOT_MET: "not met",
    MISSING: "missing",
    INVALID: "invalid",
    RECORDED: "recorded",
    warnings: "Warnings",
    formulas: "Formulas (${count})",
    score: "Self-evaluation score",
    "score-empty": "The total and grade appear after an evaluation.",
    total: "Total",
    grade: "Grade",
    "score-of": "${score} / ${weight}",
    group: "Group",
    weight: "Weight",
    points: "Score",
    explain: "Explanation",
    "explain-empty": "Click a row of the results to see how that indicator was computed.",
    "explain-loading": "Reading how “${name}” was computed…",
    token: "Access token",
    "token-needed": "The service needs an access token. Enter it to go on (kept in this tab only).",
    "token-wrong": "The token was refused; enter it again.",
    "token-use": "Use token",
    "problem-facts": "The facts cannot be used: ${detail}",
    "problem-other": "The service answered with an error (${status}): ${detail}",
    "problem-network": "The service cannot be reached: ${detail}",
    licenses: "Third-party licences",
    footer: "perfrules playground: the service does every computation; the page loads nothing from elsewhere.",
  },
};

const TRANSLATED = ["aria-label", "title", "placeholder"];

let current = "zh";

export function setLanguage(language) {
  current = LANGUAGES.includes(language) ? language : "zh";
}

export function language() {
  return current;
}

/** The words for `key` in the current language, with ${placeholders} filled from `values`. */
export function t(key, values = {}) {
  const text = WORDS[current][key] ?? WORDS.zh[key] ?? key;
  return text.replace(/\$\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** Fill every element marked data-i18n (its text) or data-i18n-ATTRIBUTE (that attribute). */
export function translatePage(root = document) {
  document.documentElement.lang = t("html-lang");
  document.title = t("title");
  const attributes = ["data-i18n", ...TRANSLATED.map((name) => `data-i18n-${name}`)];
  for (const element of root.querySelectorAll(attributes.map((name) => `[${name}]`).join(","))) {
    const key = element.getAttribute("data-i18n");
    if (key) element.textContent = t(key);
    for (const name of TRANSLATED) {
      const attribute = element.getAttribute(`data-i18n-${name}`);
      if (attribute) element.setAttribute(name, t(attribute));
    }
  }
}
