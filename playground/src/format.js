// Values and targets of Report.to_dict() for people, as the reports print them
// (perfrules.quantities.values.readable): exact decimal text with thousands separators, an amount
// with more than four decimals rounded to two (half-even, marked ≈, never onto a whole number it is
// not), `%` glued to the number and other units a space away.

import { t } from "./i18n.js";

const SIGNS = { ">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "!=": "≠" };

function parseDecimal(text) {
  const match = /^([+-]?)([0-9]*)(?:\.([0-9]*))?$/.exec(text);
  if (!match) return null;
  const fraction = match[3] ?? "";
  const digits = BigInt((match[2] || "0") + fraction);
  return { negative: match[1] === "-", digits, scale: fraction.length };
}

function roundTo({ negative, digits, scale }, places) {
  if (scale <= places) return { negative, digits, scale };
  const divisor = 10n ** BigInt(scale - places);
  let quotient = digits / divisor;
  const twice = (digits % divisor) * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) quotient += 1n;
  return { negative, digits: quotient, scale: places };
}

function same(a, b) {
  const scale = Math.max(a.scale, b.scale);
  const left = a.digits * 10n ** BigInt(scale - a.scale);
  const right = b.digits * 10n ** BigInt(scale - b.scale);
  return left === right && (a.negative === b.negative || left === 0n);
}

function isWhole({ digits, scale }) {
  return digits % 10n ** BigInt(scale) === 0n;
}

function decimalText({ negative, digits, scale }) {
  let text = digits.toString().padStart(scale + 1, "0");
  let whole = scale ? text.slice(0, -scale) : text;
  let fraction = scale ? text.slice(-scale) : "";
  whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  fraction = fraction.replace(/0+$/, "");
  text = fraction ? `${whole}.${fraction}` : whole;
  return negative && digits !== 0n ? `-${text}` : text;
}

/** An exact decimal string as the reports show it: "94.0878…" → "≈94.09", "11961500" → "11,961,500". */
export function readableAmount(amount) {
  const exact = parseDecimal(String(amount));
  if (exact === null) return String(amount);
  let shown = exact.scale > 4 ? roundTo(exact, 2) : exact;
  let places = 2;
  while (!same(shown, exact) && isWhole(shown) && places < 12) {
    places += 1;
    shown = roundTo(exact, places);
  }
  return (same(shown, exact) ? "" : "≈") + decimalText(shown);
}

function withUnit(text, unit) {
  return !unit || unit === "%" ? text + (unit ?? "") : `${text} ${unit}`;
}

/** A value, target or compound mapping of Report.to_dict() as text. */
export function readable(value) {
  if (value === null || value === undefined) return "—";
  if (typeof value !== "object") return String(value);
  if (value.measured) return value.unit ? t("no-target-unit", { unit: value.unit }) : t("no-target");
  if ("comparator" in value) {
    const basis = value.basis ? `（${value.basis}）` : "";
    return (SIGNS[value.comparator] ?? value.comparator) + readable(withoutComparator(value)) + basis;
  }
  if ("label" in value) return value.label;
  if ("amount" in value) return withUnit(readableAmount(value.amount), value.unit);
  return Object.entries(value)
    .map(([name, part]) => `${name} ${readable(part)}`)
    .join("、");
}

function withoutComparator(target) {
  const { comparator: _comparator, basis: _basis, ...value } = target;
  return value;
}
