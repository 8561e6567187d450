// The share link: the ruleset, the facts (as typed) and the as-of date in the address's fragment,
// which browsers never send to a server. `#z=` is base64url of raw-deflated UTF-8 JSON (the seed
// table fits in a few kilobytes); `#j=` the same JSON uncompressed, where the browser has no
// CompressionStream. Both are read back on load.

const VERSION = 1;

function toBase64Url(bytes) {
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

async function through(stream, bytes) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** The fragment (with its `#`) that carries `state`: {ruleset, facts, asOf}. */
export async function encodeState({ ruleset, facts, asOf }) {
  const json = JSON.stringify({ v: VERSION, ruleset, facts, as_of: asOf || null });
  const bytes = new TextEncoder().encode(json);
  if (typeof CompressionStream === "function") {
    return `#z=${toBase64Url(await through(new CompressionStream("deflate-raw"), bytes))}`;
  }
  return `#j=${toBase64Url(bytes)}`;
}

/** The state a fragment carries, null when it carries none, or an Error when it cannot be read. */
export async function decodeState(fragment) {
  const match = /^#?([zj])=([A-Za-z0-9_-]*)$/.exec(fragment || "");
  if (!match) return null;
  try {
    let bytes = fromBase64Url(match[2]);
    if (match[1] === "z") bytes = await through(new DecompressionStream("deflate-raw"), bytes);
    const data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    if (typeof data !== "object" || data === null || typeof data.ruleset !== "string") {
      throw new Error("no ruleset");
    }
    return {
      ruleset: data.ruleset,
      facts: typeof data.facts === "string" ? data.facts : "{}",
      asOf: typeof data.as_of === "string" && /^\d{4}-\d{2}-\d{2}$/.test(data.as_of) ? data.as_of : "",
    };
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
