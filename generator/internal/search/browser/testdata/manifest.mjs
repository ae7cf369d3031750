// Searches once through the browser engine over a site whose manifest a
// cache holds from an older build:
//
//   node manifest.mjs ENGINE.js SITE_DIR CACHED FRESH QUERY
//
// The manifest comes with version CACHED from a plain fetch and FRESH from
// one past the caches; every other file is the site's. Prints
// {pages, error, manifests}: the pages found, the error's message if the
// search failed, and for each fetch of the manifest whether it was fresh.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [engineFile, siteDir, cached, fresh, query] = process.argv.slice(2);
const engine = await import(pathToFileURL(engineFile).href);
const manifest = pathToFileURL(siteDir + "/sok/manifest.json").href;
const manifests = [];
const fetchJSON = async (url, how) => {
  const data = JSON.parse(await readFile(fileURLToPath(url), "utf8"));
  if (url !== manifest) return data;
  manifests.push(how?.fresh === true);
  return { ...data, version: Number(how?.fresh ? fresh : cached) };
};
const index = engine.open(manifest, { fetch: fetchJSON });
const out = { pages: [], error: "", manifests };
try {
  out.pages = (await index.search(query)).results.map((r) => r.page);
} catch (e) {
  out.error = String(e.message);
}
process.stdout.write(JSON.stringify(out));
