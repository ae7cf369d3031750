// Runs queries through the browser engine in node, over an exported index.
//
//   node run.mjs ENGINE.js SITE_DIR < queries.json > results.json
//
// queries.json is [{q, filters, limit, offset, facets, first, budget, exclude, members}];
// each result is {total, complete, approximate, pages, suggestions, results}
// with pages the page numbers found,
// best first, and results the engine's result objects. Files are read from
// SITE_DIR (the built site's root); the bytes each query reads are counted.
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";

const [engineFile, siteDir] = process.argv.slice(2);
const engine = await import(pathToFileURL(engineFile).href);
let bytes = 0;
let raw = 0;
let requests = 0;
let files = [];
const fetchJSON = async (url) => {
  const data = await readFile(fileURLToPath(url));
  const gz = gzipSync(data, { level: 6 }).length;
  bytes += gz; // what a host serving gzip transfers
  raw += data.length;
  requests++;
  files.push([url.slice(url.lastIndexOf("/") + 1), data.length, gz]);
  return JSON.parse(data);
};
const manifest = pathToFileURL(siteDir + "/sok/manifest.json").href;
const index = engine.open(manifest, { fetch: fetchJSON });
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const queries = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const out = [];
for (const q of queries) {
  bytes = 0;
  raw = 0;
  requests = 0;
  files = [];
  const t0 = performance.now();
  const r = await index.search(q.q, { filters: q.filters || {}, limit: q.limit || 10, offset: q.offset || 0, facets: q.facets !== false, first: q.first === true, budget: q.budget, exclude: q.exclude, members: q.members === true });
  const ms = performance.now() - t0;
  out.push({
    total: r.total,
    complete: r.complete,
    approximate: r.approximate,
    pages: r.results.map((x) => x.page),
    suggestions: r.suggestions,
    results: r.results,
    facets: r.facets,
    bytes,
    raw,
    requests,
    files,
    ms,
  });
}
process.stdout.write(JSON.stringify(out));
