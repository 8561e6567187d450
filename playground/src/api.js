// Calls to the service's /v1 API, relative to the page (so a service mounted under a prefix works),
// with the bearer token when one was given (kept in sessionStorage: this tab only).

const TOKEN_KEY = "perfrules.token";

export class ApiError extends Error {
  /** An answer that is not 2xx: its status and problem document (RFC 9457), or a network failure. */
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  get kind() {
    return (this.problem.type || "").split("/").pop();
  }
}

export function storedToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  } catch {
    return "";
  }
}

export function storeToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage may be disabled: the token then lasts as long as the page
  }
  memoryToken = token;
}

let memoryToken = "";

/**
 * POST `body` (a string of JSON, so that the facts reach the service exactly as typed, numbers and
 * all) to `v1/<endpoint>`; the parsed answer, or an ApiError.
 */
export async function post(endpoint, body, signal) {
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const token = storedToken() || memoryToken;
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(`v1/${endpoint}`, { method: "POST", headers, body, signal, credentials: "same-origin" });
  } catch (error) {
    if (error?.name === "AbortError") throw error;
    throw new ApiError(0, { detail: String(error?.message || error) });
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** A JSON body with `fields` (JSON values) and `raw` (members whose JSON text is already written). */
export function body(fields, raw = {}) {
  const members = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null && value !== "")
    .map(([name, value]) => `${JSON.stringify(name)}:${JSON.stringify(value)}`);
  for (const [name, text] of Object.entries(raw)) members.push(`${JSON.stringify(name)}:${text}`);
  return `{${members.join(",")}}`;
}
