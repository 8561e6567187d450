// Bundle the playground into the service's package folder (run through build.sh, after `npm ci`):
//
//   app.js          src/main.js and CodeMirror, one minified ES module
//   app.css         src/app.css, minified
//   index.html      src/index.html, its asset links versioned by their content's hash
//   examples/       src/examples/* and the rulesets/ files that src/examples.json names
//   licenses.txt    the licences of the npm packages inside app.js
//
// and the manifest playground/bundle.sha256: the hash of every source (this folder but
// node_modules, and the rulesets/ files copied) and of every output, which
// tests/service/test_playground_bundle.py checks against the files on disk. Nothing here depends
// on the time or the machine: the same sources give the same bytes.
//
//   node build.mjs                 build into src/perfrules/service/playground/ and write the manifest
//   node build.mjs --out DIR       build into DIR only (no manifest): to compare with what is committed

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(HERE);
const DEFAULT_OUT = join(REPO, "src", "perfrules", "service", "playground");
const MANIFEST = join(HERE, "bundle.sha256");
const RULESETS = join(REPO, "rulesets");
// Browsers of the last few years: BigInt literals, optional chaining, CompressionStream where present.
const TARGET = ["es2020", "chrome100", "firefox100", "safari15"];

function posix(path) {
  return path.split(sep).join("/");
}

/** The sha256 of a text file's bytes with CRLF read as LF (a checkout on Windows hashes the same). */
export function digest(bytes) {
  const text = Buffer.from(bytes);
  const normalized = Buffer.from(text.toString("latin1").replace(/\r\n/g, "\n"), "latin1");
  return createHash("sha256").update(normalized).digest("hex");
}

function filesUnder(folder, skip = () => false) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) found.push(...filesUnder(path, skip));
    else if (entry.isFile()) found.push(path);
  }
  return found.sort((a, b) => (posix(a) < posix(b) ? -1 : posix(a) > posix(b) ? 1 : 0));
}

function parseArguments(argv) {
  const options = { out: null };
  for (let index = 0; index < argv.length; index += 1) {
    if (argv[index] === "--out" && argv[index + 1]) {
      options.out = argv[index + 1];
      index += 1;
    } else {
      throw new Error(`unknown argument ${argv[index]}; usage: node build.mjs [--out DIR]`);
    }
  }
  return options;
}

function emptyFolder(folder) {
  if (existsSync(folder)) {
    const left = readdirSync(folder);
    if (left.length && !left.includes("index.html") && !left.includes("app.js")) {
      throw new Error(`${folder} holds files that are not a playground build; not emptying it`);
    }
    rmSync(folder, { recursive: true, force: true });
  }
  mkdirSync(folder, { recursive: true });
}

async function bundle(entry, extra = {}) {
  const result = await esbuild.build({
    entryPoints: [join(HERE, "src", entry)],
    bundle: true,
    minify: true,
    write: false,
    metafile: true,
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
    target: TARGET,
    outdir: join(HERE, "out"),
    ...extra,
  });
  if (result.outputFiles.length !== 1) throw new Error(`${entry}: expected one output file`);
  return { bytes: result.outputFiles[0].contents, metafile: result.metafile };
}

/** The licence text of every npm package the bundle holds, in a stable order. */
function licenses(metafile) {
  const packages = new Set();
  const [output] = Object.values(metafile.outputs);
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    if (!bytesInOutput) continue; // imported, but nothing of it is in the bundle
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(posix(input));
    if (match) packages.add(match[1]);
  }
  const sections = [...packages].sort().map((name) => {
    const folder = join(HERE, "node_modules", name);
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    const file = readdirSync(folder).sort().find((entry) => /^(licen[sc]e|copying)(\.|$)/i.test(entry));
    const text = file ? readFileSync(join(folder, file), "utf8").trim() : `License: ${manifest.license}`;
    return `${name} ${manifest.version} (${manifest.license})\n\n${text}\n`;
  });
  const header =
    "The perfrules playground (static/app.js) bundles these npm packages; their licences follow.\n";
  return `${header}\n${sections.join(`\n${"-".repeat(72)}\n\n`)}`;
}

function exampleFiles() {
  const examples = JSON.parse(readFileSync(join(HERE, "src", "examples.json"), "utf8"));
  const names = new Set();
  for (const example of examples) {
    for (const key of ["ruleset", "facts"]) if (example[key]) names.add(example[key]);
  }
  return [...names].sort().map((name) => {
    if (name.includes("/") || name.includes("\\")) throw new Error(`examples.json: ${name} is not a file name`);
    const own = join(HERE, "src", "examples", name);
    const path = existsSync(own) ? own : join(RULESETS, name);
    if (!existsSync(path)) throw new Error(`examples.json names ${name}, in neither src/examples/ nor rulesets/`);
    return { name, path };
  });
}

function shortHash(bytes) {
  return digest(bytes).slice(0, 12);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const out = options.out ? resolve(options.out) : DEFAULT_OUT;
  const script = await bundle("main.js", { format: "esm" });
  const style = await bundle("app.css", { loader: { ".css": "css" } });
  const page = readFileSync(join(HERE, "src", "index.html"), "utf8")
    .replace("__JS_VERSION__", shortHash(script.bytes))
    .replace("__CSS_VERSION__", shortHash(style.bytes));
  const examples = exampleFiles();

  emptyFolder(out);
  mkdirSync(join(out, "examples"));
  const written = {
    "app.js": script.bytes,
    "app.css": style.bytes,
    "index.html": Buffer.from(page, "utf8"),
    "licenses.txt": Buffer.from(licenses(script.metafile), "utf8"),
  };
  for (const { name, path } of examples) written[`examples/${name}`] = readFileSync(path);
  for (const [name, bytes] of Object.entries(written)) writeFileSync(join(out, name), bytes);

  for (const name of ["app.js", "app.css"]) {
    console.log(`${name.padEnd(12)} ${String(written[name].length).padStart(8)} bytes`);
  }
  if (options.out) return;

  const sources = [
    ...filesUnder(HERE, (path) => path === join(HERE, "node_modules") || path === MANIFEST),
    ...examples.filter(({ path }) => path.startsWith(RULESETS + sep)).map(({ path }) => path),
  ];
  const outputs = filesUnder(out);
  const line = (path) => `${digest(readFileSync(path))}  ${posix(relative(REPO, path))}`;
  const manifest = [
    "# The playground bundle: every source and every output with its sha256 (CRLF read as LF).",
    "# Written by playground/build.sh; tests/service/test_playground_bundle.py checks it.",
    "# sources",
    ...sources.map(line),
    "# output",
    ...outputs.map(line),
    "",
  ].join("\n");
  writeFileSync(MANIFEST, manifest);
  console.log(`manifest     ${posix(relative(REPO, MANIFEST))}: ${sources.length} sources, ${outputs.length} outputs`);
}

await main();
