// Runs queries' phrase and nearness judgement through the browser engine
// in node, over an exported index, for every page.
//
//   node proximity.mjs ENGINE.js SITE_DIR < queries.json > results.json
//
// queries.json is an array of queries of two words or more; each result
// is an array with, per page, 0 (a phrase missing), 1 (found, not near)
// or 3 (found, near: the factor of its score).
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [engineFile, siteDir] = process.argv.slice(2);
const engine = await import(pathToFileURL(engineFile).href);
const index = engine.open(pathToFileURL(siteDir + "/sok/manifest.json").href, {
  fetch: async (url) => JSON.parse(await readFile(fileURLToPath(url), "utf8")),
});
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const out = [];
for (const q of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
  const m = await index.manifest();
  const prox = await index.proximity(m, await index.plan(q));
  const pages = [];
  for (let d = 0; d < m.pages; d++) pages.push(prox.ok(d) ? prox.factor(d) : 0);
  out.push(pages);
}
process.stdout.write(JSON.stringify(out));
