package browser_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// clientQueries are the Swedish queries of bench/searchbench (the search
// comparison of ./build.sh bench): single words, inflected forms, compound
// parts, words without å ä ö, typos, two words and prefixes as typed. A
// finished word ends in a space.
var clientQueries = []string{
	"trygghetslarm ", "hemtjänst ", "äldreomsorgens ", "larmet ", "larm ", "teknik ",
	"aldreomsorg ", "lakemedel ", "hemtjanst ", "trygghetslram ", "nattkamror ",
	"digitala lås ", "nattkam", "trygg",
}

// clientDriver runs the browser engine in node over an exported index held
// in memory, so that neither the disk nor node's start-up is timed:
//
//	node driver.mjs ENGINE.js SITE_DIR MODE N QUERIES.json
//
// MODE next: one index, every query run once to load what it needs, then N
// queries (the list over and over) timed together. MODE first: N queries,
// each on a new index, so each one parses and decodes the files it needs
// (from memory) as a first query does. It prints the nanoseconds of the N
// queries, and the bytes of the files the N queries parsed.
const clientDriver = `import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const [engineFile, siteDir, mode, nArg, queriesFile] = process.argv.slice(2);
const n = Number(nArg);
const engine = await import(pathToFileURL(engineFile).href);
const queries = JSON.parse(await readFile(queriesFile, "utf8"));

// Every file of the index, read before anything is timed.
const files = new Map();
async function walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p);
    else files.set(pathToFileURL(p).href, await readFile(p));
  }
}
await walk(siteDir);
let parsed = 0;
const fetch = async (url) => {
  const b = files.get(url);
  if (!b) throw new Error("no file " + url);
  parsed += b.length;
  return JSON.parse(b.toString("utf8"));
};
const manifest = pathToFileURL(join(siteDir, "sok/manifest.json")).href;

let ix = engine.open(manifest, { fetch });
for (const q of queries) await ix.search(q, { limit: 10 }); // warm the JIT and, for next, the index
parsed = 0;
let sink = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  if (mode === "first") ix = engine.open(manifest, { fetch });
  const r = await ix.search(queries[i % queries.length], { limit: 10 });
  sink += r.total + r.results.length;
}
const ns = process.hrtime.bigint() - t0;
process.stdout.write(ns + " " + parsed + " " + sink + "\n");
`

// BenchmarkClientSearch times the browser engine (the bundle kb publishes
// as sok.js) answering the queries of clientQueries over the index of a
// 1,000-page synthetic corpus (bench/corpus.sh), in node: ns/op is the
// engine's time per query with the top 10 results and their excerpts
// (node's start-up and the reading of the files excluded), so a change to
// the engine or the index format shows in benchstat. next is a query on an
// index that has loaded what the queries need; first is each query on a
// new index, parsing and decoding its files (from memory, so no I/O) as a
// reader's first query does, and index-B/op the bytes of JSON it parses.
//
// The comparison with Pagefind in a real browser, network included, is
// ./build.sh bench search (bench/searchbench).
func BenchmarkClientSearch(b *testing.B) {
	node, err := exec.LookPath("node")
	if err != nil {
		b.Skip("node is not installed (scripts/install-test-deps.sh installs it)")
	}
	const pages = 1000
	ix := corpusIndex(b, pages)
	dir := b.TempDir()
	site := filepath.Join(dir, "site")
	for _, f := range ix.Export() {
		p := filepath.Join(site, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	driver := filepath.Join(dir, "driver.mjs")
	if err := os.WriteFile(driver, []byte(clientDriver), 0o644); err != nil {
		b.Fatal(err)
	}
	q, err := json.Marshal(clientQueries)
	if err != nil {
		b.Fatal(err)
	}
	queries := filepath.Join(dir, "queries.json")
	if err := os.WriteFile(queries, q, 0o644); err != nil {
		b.Fatal(err)
	}
	engine := engineFile(b)
	b.ResetTimer()
	for _, mode := range []string{"next", "first"} {
		b.Run(fmt.Sprintf("pages=%d/%s", pages, mode), func(b *testing.B) {
			cmd := exec.Command(node, driver, engine, site, mode, strconv.Itoa(b.N), queries)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				b.Fatalf("node: %v\n%s", err, stderr.String())
			}
			f := strings.Fields(string(out))
			if len(f) < 2 {
				b.Fatalf("node printed %q", out)
			}
			ns, err1 := strconv.ParseFloat(f[0], 64)
			parsed, err2 := strconv.ParseFloat(f[1], 64)
			if err1 != nil || err2 != nil {
				b.Fatalf("node printed %q", out)
			}
			// The node-measured time replaces the Go loop's, which
			// would include node's start-up.
			b.ReportMetric(ns/float64(b.N), "ns/op")
			if mode == "first" {
				b.ReportMetric(parsed/float64(b.N), "index-B/op")
			}
		})
	}
}
