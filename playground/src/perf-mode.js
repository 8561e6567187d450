// The perfrules language for CodeMirror: a stream tokenizer (no Lezer grammar) that follows the
// token classes of the Pygments lexer (src/perfrules/language/highlight.py) and the terminals of
// grammar/indicator.lark, so the editor colours a ruleset as `pygmentize -l perfrules` does:
// keywords, group headings, names (the indicator defined on a line, references, labels), comparators
// (>= ≥ 不少于 …, 以上/以下/以内 after a number, 达到 before one), numbers, units, dates and deadlines
// (by 2023-12-31, 10月底前, 年底前, 上半年, periods), strings, comments.
//
// The editor shows the text as written, so full-width forms (＞＝, （）, ２) are matched here as
// well as their ASCII forms (the compiler reads each character through NFKC).

import { StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { Tag, tags, tagHighlighter } from "@lezer/highlight";

const CJK = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
const LATIN = "A-Za-z_\\u00c0-\\u00d6\\u00d8-\\u00f6\\u00f8-\\u024f\\uff21-\\uff3a\\uff41-\\uff5a";
const MARKS = "\\u201c\\u201d\\u2018\\u2019\\u300a\\u300b\\u3008\\u3009\\u300c\\u300d\\u300e\\u300f\\u00b7\\u30fb\\u3001";
const DIGIT = "[0-9\\uff10-\\uff19]";
const WORD_CHAR = `[${CJK}A-Za-z0-9_]`;

// A name never runs into a comparator phrase or a deadline (grammar/indicator.lark, NAME).
const NOT_INSIDE = `(?!不少于|不低于|至少|不超过|不高于|达到[ \\t\\u3000]*[+\\-＋－]?${DIGIT}|年底前|于${DIGIT}|${DIGIT}{1,2}月(?:底|${DIGIT}{1,2}日)?前)`;
const START = `[${CJK}${LATIN}${MARKS}]`;
const CONTINUE = `[${CJK}${LATIN}${MARKS}0-9\\uff10-\\uff19\\u3002]`;
const SEPARATOR = `[,;.\\uff0c\\uff1b\\uff0e](?=${START})`;
const BRACKETED = `[(\\uff08](?!${DIGIT}+(?:[.\\uff0e]${DIGIT}+)?分?[)\\uff09])(?:${NOT_INSIDE}${CONTINUE})+[)\\uff09]`;
const NAME = new RegExp(`^${NOT_INSIDE}${START}(?:${NOT_INSIDE}(?:${CONTINUE}|${SEPARATOR})|${BRACKETED})*`, "u");

const NOT_WORD_AFTER = `(?!${WORD_CHAR})`;
const YEAR = `(?:${DIGIT}{4}年)?`;
const DEADLINES = [
  // A period, due at the end of its last month: 2023.07-2024.01, 2023年7月至2024年1月.
  new RegExp(`^${DIGIT}{4}[.年]${DIGIT}{1,2}月?[ \\t]*(?:-|~|～|—|–|至|到)[ \\t]*${DIGIT}{4}[.年]${DIGIT}{1,2}月?`, "u"),
  new RegExp(`^于?${YEAR}${DIGIT}{1,2}月${DIGIT}{1,2}日前?(?:完成)?${NOT_WORD_AFTER}`, "u"),
  new RegExp(`^于?${YEAR}${DIGIT}{1,2}月(?:底前|底|前|份前|份|内)?(?:完成)?${NOT_WORD_AFTER}`, "u"),
  new RegExp(`^于?${YEAR}(?:年底前|年底|年末前|年末|年内)(?:完成)?${NOT_WORD_AFTER}`, "u"),
  new RegExp(`^于?${YEAR}[上下]半年(?:底前|末前|内|末|底|前)?(?:完成)?${NOT_WORD_AFTER}`, "u"),
];
const DATE = new RegExp(`^${DIGIT}{4}-${DIGIT}{1,2}-${DIGIT}{1,2}`, "u");
const NUMBER = new RegExp(`^(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\\.[0-9]+)?|${DIGIT}+(?:[.\\uff0e]${DIGIT}+)?)`, "u");
const KEYWORD = new RegExp(
  `^(?:department|year|budget|unit|fact|scale|attainment|by|weight|and|in)(?![A-Za-z0-9_\\u00c0-\\u024f${CJK}])`,
  "u",
);
const LEVEL = /^(?:一级指标|二级指标)/;
const WORD_COMPARATOR = /^(?:不少于|不低于|至少|不超过|不高于)/;
const REACHES = new RegExp(`^达到(?=[ \\t\\u3000]*[+\\-＋－]?${DIGIT})`, "u");
const SIGN_COMPARATOR = /^(?:>=|<=|==|!=|＞＝|＜＝|＝＝|！＝|≥|≤|≧|≦|≠|═|﹦|＝|=|>|<|＞|＜)/;
const POSTFIX = /^(?:以上|以下|以内)/;
const DEFINE = /^[:：][=＝]/;
const UNIT = new RegExp(
  `^(?:%|％|(?:(?!以上|以下|以内)[${CJK}A-Za-z\\u00b2\\u00b3])+(?:/(?:(?!以上|以下|以内)[${CJK}A-Za-z])+)?)`,
  "u",
);
const STANDARD = new RegExp(`^(?:(?:计划|行业|历史|其他)标准|定量|定性)${NOT_WORD_AFTER}`, "u");
const BRACKETED_STANDARD = /^[(（][^()（）\r\n]*标准[)）]/;
const PRINTED_WEIGHT = new RegExp(`^[(（]${DIGIT}+(?:[.．]${DIGIT}+)?分[)）]`, "u");
const STRING = /^"(?:[^"\\]|\\.)*"?/;
const QUOTED_NAME = /^`[^`]*`?/;
const ARITHMETIC = /^[+\-*/×÷＋－＊／]/;
const PUNCTUATION = /^[(){}（）｛｝:：,，]/;
const KEYWORDS_AS_UNITS = new Set(["by", "and", "in", "weight"]);

/** The tags of perfrules' own token kinds, beside @lezer/highlight's standard ones. */
export const perfTags = {
  level: Tag.define(tags.keyword),
  definition: tags.definition(tags.variableName),
  label: Tag.define(tags.atom),
  heading: Tag.define(tags.heading),
  comparator: Tag.define(tags.compareOperator),
  deadline: Tag.define(tags.literal),
  unit: tags.unit,
  standard: Tag.define(tags.annotation),
};

const TOKEN_TABLE = {
  level: perfTags.level,
  definition: perfTags.definition,
  label: perfTags.label,
  heading: perfTags.heading,
  comparator: perfTags.comparator,
  deadline: perfTags.deadline,
  unit: perfTags.unit,
  standard: perfTags.standard,
  define: tags.definitionOperator,
  arithmetic: tags.arithmeticOperator,
  punctuation: tags.punctuation,
  quotedName: tags.special(tags.variableName),
  name: tags.variableName,
};

function startState() {
  return { first: true, previous: null, afterNumber: false, afterComparator: false, mode: null };
}

function token(stream, state) {
  if (stream.sol()) {
    state.first = true;
    state.previous = null;
    state.afterNumber = false;
    state.afterComparator = false;
    state.mode = null;
  }
  if (stream.eatSpace() || stream.match(/^\u3000+/)) {
    return null;
  }
  const kind = next(stream, state);
  state.first = false;
  state.previous = kind;
  return kind;
}

function next(stream, state) {
  const afterNumber = state.afterNumber;
  state.afterNumber = false;
  if (stream.peek() === "#") {
    stream.skipToEnd();
    return "comment";
  }
  if (stream.match(STRING)) return "string";
  if (stream.match(QUOTED_NAME)) return state.first ? "definition" : "quotedName";
  if (afterNumber) {
    // Right after a number: 以上/以下/以内 compare (95%以上); a word is its unit (2 轮, 30万元,
    // 1 人/年), and after the unit, a unit column (28.8萬元 %).
    if (stream.match(POSTFIX)) return "comparator";
    const rest = stream.string.slice(stream.pos);
    const unit = stream.match(UNIT, false);
    const deadline = DEADLINES.some((pattern) => pattern.test(rest));
    if (unit && !deadline && !KEYWORDS_AS_UNITS.has(unit[0]) && !STANDARD.test(rest)) {
      if (afterNumber === true || /^[%％]/.test(unit[0])) {
        stream.match(UNIT);
        state.afterNumber = "unit";
        return "unit";
      }
    }
  }
  if (stream.match(LEVEL)) {
    state.mode = "heading";
    return "level";
  }
  const keyword = stream.match(KEYWORD);
  if (keyword) {
    const word = keyword[0];
    state.afterComparator = false;
    if (word === "scale" || word === "attainment") state.mode = "labels";
    else if (word === "unit" || word === "in") state.mode = "unit";
    else if (word === "fact") state.mode = "fact";
    else if (state.mode !== "labels") state.mode = null;
    return "keyword";
  }
  for (const deadline of DEADLINES) {
    if (stream.match(deadline)) return "deadline";
  }
  if (stream.match(DATE)) return "deadline";
  if (stream.match(STANDARD) || stream.match(BRACKETED_STANDARD)) return "standard";
  if (stream.match(PRINTED_WEIGHT)) return "number";
  if (stream.match(DEFINE)) {
    state.afterComparator = false;
    state.mode = state.mode === "unit" ? "unit" : "formula";
    return "define";
  }
  if (stream.match(WORD_COMPARATOR) || stream.match(REACHES) || stream.match(SIGN_COMPARATOR)) {
    if (state.mode !== "unit") state.afterComparator = true;
    return "comparator";
  }
  if (stream.match(NUMBER)) {
    state.afterNumber = true;
    return "number";
  }
  if (stream.match(ARITHMETIC)) return "arithmetic";
  if (stream.match(/^[%％]/)) return "unit";
  if (stream.match(PUNCTUATION)) {
    state.afterComparator = false;
    return "punctuation";
  }
  if (stream.match(NAME)) {
    if (state.mode === "heading") return "heading";
    if (state.mode === "labels") return "label";
    if (state.mode === "unit") return "unit";
    if (state.mode === "fact") return "definition";
    if (state.afterComparator) return "label";
    if (state.first) return "definition";
    // 预算编制完整性 完整: with no comparator, a word after the indicator's name is its target.
    if (state.previous === "definition" && state.mode !== "formula") return "label";
    return "name";
  }
  stream.next();
  return null;
}

/** The perfrules language: tokens, and `#` as its line comment (Mod-/ toggles it). */
export const perfLanguage = StreamLanguage.define({
  name: "perfrules",
  startState,
  token,
  copyState: (state) => ({ ...state }),
  tokenTable: TOKEN_TABLE,
  languageData: { commentTokens: { line: "#" } },
});

/** Every token kind as a stable CSS class (`pr-…`, coloured in app.css), for rulesets and JSON. */
export const highlighting = syntaxHighlighting(
  tagHighlighter([
    { tag: tags.comment, class: "pr-comment" },
    { tag: tags.string, class: "pr-string" },
    { tag: perfTags.level, class: "pr-level" },
    { tag: tags.keyword, class: "pr-keyword" },
    { tag: perfTags.heading, class: "pr-heading" },
    { tag: perfTags.definition, class: "pr-definition" },
    { tag: tags.special(tags.variableName), class: "pr-quoted" },
    { tag: perfTags.label, class: "pr-label" },
    { tag: tags.variableName, class: "pr-name" },
    { tag: perfTags.comparator, class: "pr-comparator" },
    { tag: tags.definitionOperator, class: "pr-define" },
    { tag: tags.arithmeticOperator, class: "pr-operator" },
    { tag: perfTags.deadline, class: "pr-deadline" },
    { tag: tags.number, class: "pr-number" },
    { tag: tags.unit, class: "pr-unit" },
    { tag: perfTags.standard, class: "pr-standard" },
    { tag: tags.punctuation, class: "pr-punctuation" },
    // JSON (the facts editor)
    { tag: tags.propertyName, class: "pr-property" },
    { tag: tags.bool, class: "pr-atom" },
    { tag: tags.null, class: "pr-atom" },
  ]),
);
