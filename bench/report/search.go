package main

// The Search section of RESULTS.md: kb's browser search against Pagefind's
// on the same site (bench_search in run.sh, bench/searchbench).

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

type searchQuery struct {
	id, kind, rule, q string
}

type searchTime struct {
	engine        string
	size, run     int
	mode, id      string
	bytes, reqs   float64
	ms, found     float64
	cdpB, cdpReqs float64
}

type searchFile struct {
	engine string
	size   int
	mode   string
	id     string
	path   string
	bytes  float64
}

// searchVisit is one cold visit to a search page with a query in its
// address: what the server sent until the first result was shown.
type searchVisit struct {
	engine    string
	size, run int
	id        string
	bytes     float64
	reqs      float64
	ms        float64
}

type searchFound struct {
	found, expected, hits, top, topHits int
}

type searchIndex struct {
	kind                   string
	files                  int
	raw, gz, served        float64
	br                     float64 // NaN: not measured
	hasBrotli, hasAnything bool
}

type searchData struct {
	builds  []run                            // tool kb or pagefind
	stages  map[int][]float64                // size → kb's search stage, ms
	index   map[string]map[int][]searchIndex // engine → size → kinds, "all" last
	queries []searchQuery
	times   []searchTime
	visits  []searchVisit
	files   []searchFile
	found   map[string]map[int]map[string]searchFound // engine → size → query
}

func (s *searchData) add(f []string) error {
	num := func(x string) float64 {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	atoi := func(x string) int { v, _ := strconv.Atoi(x); return v }
	need := func(n int) error {
		if len(f) < n {
			return fmt.Errorf("cannot read %q", strings.Join(f, "\t"))
		}
		return nil
	}
	if s.stages == nil {
		s.stages = map[int][]float64{}
		s.index = map[string]map[int][]searchIndex{}
		s.found = map[string]map[int]map[string]searchFound{}
	}
	switch f[0] {
	case "sbuild":
		if err := need(9); err != nil {
			return err
		}
		s.builds = append(s.builds, run{tool: f[1], size: atoi(f[2]), run: atoi(f[3]), pos: atoi(f[4]),
			wall: num(f[5]), cpu: num(f[6]) + num(f[7]), rssK: num(f[8])})
	case "sstage":
		if err := need(6); err != nil {
			return err
		}
		s.stages[atoi(f[2])] = append(s.stages[atoi(f[2])], num(f[5]))
	case "sindex":
		if err := need(9); err != nil {
			return err
		}
		x := searchIndex{kind: f[3], files: atoi(f[4]), raw: num(f[5]), gz: num(f[6]), br: num(f[7]), served: num(f[8]), hasBrotli: f[7] != "-"}
		if s.index[f[1]] == nil {
			s.index[f[1]] = map[int][]searchIndex{}
		}
		s.index[f[1]][atoi(f[2])] = append(s.index[f[1]][atoi(f[2])], x)
	case "squery":
		if err := need(6); err != nil {
			return err
		}
		for _, q := range s.queries {
			if q.id == f[2] {
				return nil // the same set, from another corpus size
			}
		}
		s.queries = append(s.queries, searchQuery{id: f[2], kind: f[3], rule: f[4], q: f[5]})
	case "stime":
		if err := need(12); err != nil {
			return err
		}
		s.times = append(s.times, searchTime{engine: f[1], size: atoi(f[2]), run: atoi(f[3]), mode: f[4], id: f[5],
			bytes: num(f[6]), reqs: num(f[7]), ms: num(f[8]), found: num(f[9]), cdpB: num(f[10]), cdpReqs: num(f[11])})
	case "svisit":
		if err := need(8); err != nil {
			return err
		}
		s.visits = append(s.visits, searchVisit{engine: f[1], size: atoi(f[2]), run: atoi(f[3]), id: f[4],
			bytes: num(f[5]), reqs: num(f[6]), ms: num(f[7])})
	case "sfile":
		if err := need(7); err != nil {
			return err
		}
		s.files = append(s.files, searchFile{engine: f[1], size: atoi(f[2]), mode: f[3], id: f[4], path: f[5], bytes: num(f[6])})
	case "sfound":
		if err := need(9); err != nil {
			return err
		}
		if s.found[f[1]] == nil {
			s.found[f[1]] = map[int]map[string]searchFound{}
		}
		if s.found[f[1]][atoi(f[2])] == nil {
			s.found[f[1]][atoi(f[2])] = map[string]searchFound{}
		}
		s.found[f[1]][atoi(f[2])][f[3]] = searchFound{atoi(f[4]), atoi(f[5]), atoi(f[6]), atoi(f[7]), atoi(f[8])}
	}
	return nil
}

// visitOnlySizes returns the corpus sizes with cold visits but none of
// sizes (where kb was built alone), in increasing order.
func (s *searchData) visitOnlySizes(sizes []int) []int {
	var out []int
	for _, v := range s.visits {
		if !slices.Contains(sizes, v.size) && !slices.Contains(out, v.size) {
			out = append(out, v.size)
		}
	}
	slices.Sort(out)
	return out
}

// sizes returns the corpus sizes queries were measured at.
func (s *searchData) sizes() []int {
	seen := map[int]bool{}
	var out []int
	for _, t := range s.times {
		if !seen[t.size] {
			seen[t.size] = true
			out = append(out, t.size)
		}
	}
	for _, b := range s.builds {
		if !seen[b.size] {
			seen[b.size] = true
			out = append(out, b.size)
		}
	}
	sort.Ints(out)
	return out
}

// pick summarizes one measure of one engine's runs of a query.
func (s *searchData) pick(engine string, size int, mode, id string, measure func(searchTime) float64) stat {
	var v []float64
	for _, t := range s.times {
		if t.engine == engine && t.size == size && t.mode == mode && t.id == id {
			v = append(v, measure(t))
		}
	}
	return summarize(v)
}

// visit summarizes one measure of one engine's cold visits with a query.
func (s *searchData) visit(engine string, size int, id string, measure func(searchVisit) float64) stat {
	var v []float64
	for _, t := range s.visits {
		if t.engine == engine && t.size == size && t.id == id {
			v = append(v, measure(t))
		}
	}
	return summarize(v)
}

// visitGoal is the goal for a cold visit at a corpus size (KiB, median
// and worst of the queries): at 10,000 pages, and at most 1.5 times that
// at 100,000.
func visitGoal(n int) (median, worst float64, ok bool) {
	switch n {
	case 10000:
		return 48, 96, true
	case 100000:
		return 72, 144, true
	}
	return 0, 0, false
}

func (s *searchData) build(tool string, size int, measure func(run) float64) stat {
	var v []float64
	for _, r := range s.builds {
		if r.tool == tool && r.size == size {
			v = append(v, measure(r))
		}
	}
	return summarize(v)
}

func (s *searchData) total(engine string, size int) (searchIndex, bool) {
	for _, x := range s.index[engine][size] {
		if x.kind == "all" {
			return x, true
		}
	}
	return searchIndex{}, false
}

var engineNames = map[string]string{"kb": "kb", "pagefind": "Pagefind"}

func kib(v float64) string { return num(v / 1024) }
func mib(v float64) string { return num(v / 1048576) }

// rangeCell is a median with its range when the runs differ.
func rangeCell(s stat, scale float64) string {
	if !s.present {
		return "–"
	}
	if s.lo == s.hi || s.n == 1 {
		return num(s.med / scale)
	}
	return fmt.Sprintf("%s (%s–%s)", num(s.med/scale), num(s.lo/scale), num(s.hi/scale))
}

// countCell is rangeCell for counts.
func countCell(s stat) string {
	if !s.present {
		return "–"
	}
	f := func(v float64) string {
		if v == math.Trunc(v) {
			return strconv.FormatFloat(v, 'f', 0, 64)
		}
		return num(v)
	}
	if s.lo == s.hi || s.n == 1 {
		return f(s.med)
	}
	return fmt.Sprintf("%s (%s–%s)", f(s.med), f(s.lo), f(s.hi))
}

func plainRatio(a, b float64) string {
	if b == 0 || math.IsNaN(a) || math.IsNaN(b) {
		return "–"
	}
	r := a / b
	if r < 1 && r > 0 {
		return fmt.Sprintf("%.2f (1/%.1f)", r, 1/r)
	}
	return fmt.Sprintf("%.2f", r)
}

func bytesOf(t searchTime) float64 { return t.bytes }

func visitBytes(v searchVisit) float64 { return v.bytes }
func visitReqs(v searchVisit) float64  { return v.reqs }
func visitMs(v searchVisit) float64    { return v.ms }
func reqsOf(t searchTime) float64      { return t.reqs }
func msOf(t searchTime) float64        { return t.ms }

func searchSection(d *data) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	s := &d.search
	m := d.meta
	p("## Search\n\n")
	sizes := s.sizes()
	if len(sizes) == 0 {
		p("Not measured in this run")
		for _, sk := range d.skips {
			if sk[0] == "search" {
				p(": %s", sk[1])
			}
		}
		p(".\n\n")
		return b.String()
	}
	p("kb's browser search (the engine kb builds from `search/browser/js/`, over the index `kb build` writes) against Pagefind's, on **the same pages**: ")
	p("for each corpus size, `kb build` writes the site with its index, and Pagefind (the same binary as above) indexes that site, not Hugo's, told to index the case studies only and of each its article without the table of contents, the sources and the related case studies (`%s`), ", cmdOf(d, "search-pagefind"))
	p("which is about what kb's index holds (title, summary, areas with their synonyms, tags, municipality, county, headings and body; kb's has no sources or related pages, and Pagefind's has the facts box's other lines). At each size both indexes hold every case study and nothing else (run.sh checks kb's manifest and Pagefind's count of pages indexed against the corpus size).\n\n")

	// Index build.
	p("### Index build\n\n")
	p("%s runs at each size: `kb build -v` (the whole build, its index included; its `search` stage is the index alone, built from the parsed pages, with no CPU or memory figures of its own) and then `pagefind` over that build's site, each under `/usr/bin/time -v`.\n\n", m["runs"])
	p("| case studies | what | runs | wall (s) | CPU user+sys (s) | peak memory (MiB) |\n|---:|---|---:|---:|---:|---:|\n")
	for _, n := range sizes {
		kb := func(f func(run) float64) stat { return s.build("kb", n, f) }
		pf := func(f func(run) float64) stat { return s.build("pagefind", n, f) }
		st := summarize(s.stages[n])
		if kb(wall).present {
			p("| %s | kb build, whole | %d | %s | %s | %s |\n", pages(n), kb(wall).n, cell(kb(wall)), cell(kb(cpu)), cell(kb(rss)))
		}
		if st.present {
			p("| %s | kb's search stage (in that build) | %d | %s | – | – |\n", pages(n), st.n, cell(stat{n: st.n, med: st.med / 1000, lo: st.lo / 1000, hi: st.hi / 1000, present: true}))
		}
		if pf(wall).present {
			p("| %s | pagefind on kb's site | %d | %s | %s | %s |\n", pages(n), pf(wall).n, cell(pf(wall)), cell(pf(cpu)), cell(pf(rss)))
		}
		if st.present && pf(wall).present {
			p("| %s | *kb's search stage ÷ pagefind, wall* | | %s | | |\n", pages(n), plainRatio(st.med/1000, pf(wall).med))
		}
	}
	p("\n")

	// Index on disk.
	p("### Index on disk\n\n")
	p("kb's index: `sok/manifest.json`, the folder `assets/sok/<hash>/` and the scripts `assets/sok.*.js` (the engine) and `assets/sok-sida.*.js` (the search page's script). Pagefind's: every file of `pagefind/`, its UI scripts and styles included. ")
	brotli := "brotli was not installed: no brotli figures"
	if v := m["brotli"]; v != "" && v != "not installed" {
		brotli = "brotli -q 11 (`" + v + "`, Debian's)"
	}
	p("Each file compressed on its own and the sizes added up: gzip -6 -n (`%s`) and %s. \"As served\" is what the query server below sends for the whole index: gzip for text (JSON, JavaScript, CSS), the bytes as they are for the rest (Pagefind's `.pf_*` and `.pagefind` files are gzip already, so gzip gains nothing on them).\n\n", m["gzip"], brotli)
	p("| case studies | engine | files | bytes (MiB) | gzip -6 (MiB) | brotli (MiB) | as served (MiB) |\n|---:|---|---:|---:|---:|---:|---:|\n")
	for _, n := range sizes {
		for _, e := range []string{"kb", "pagefind"} {
			x, ok := s.total(e, n)
			if !ok {
				continue
			}
			br := "–"
			if x.hasBrotli {
				br = mib(x.br)
			}
			p("| %s | %s | %d | %s | %s | %s | %s |\n", pages(n), engineNames[e], x.files, mib(x.raw), mib(x.gz), br, mib(x.served))
		}
		k, ok1 := s.total("kb", n)
		f, ok2 := s.total("pagefind", n)
		if ok1 && ok2 {
			br := "–"
			if k.hasBrotli && f.hasBrotli {
				br = plainRatio(k.br, f.br)
			}
			p("| %s | *kb ÷ Pagefind* | %s | %s | %s | %s | %s |\n", pages(n), plainRatio(float64(k.files), float64(f.files)), plainRatio(k.raw, f.raw), plainRatio(k.gz, f.gz), br, plainRatio(k.served, f.served))
		}
	}
	p("\nBy part, at the largest size (%s case studies):\n\n", pages(sizes[len(sizes)-1]))
	p("| engine | part | files | bytes (KiB) | gzip -6 (KiB) |\n|---|---|---:|---:|---:|\n")
	for _, e := range []string{"kb", "pagefind"} {
		for _, x := range s.index[e][sizes[len(sizes)-1]] {
			if x.kind == "all" {
				continue
			}
			p("| %s | %s | %d | %s | %s |\n", engineNames[e], x.kind, x.files, kib(x.raw), kib(x.gz))
		}
	}
	p("\n")

	// Queries.
	p("### Queries\n\n")
	p("In headless Chromium (%s; `--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync`, a fresh profile), driven from Go with chromedp (`bench/searchbench`). ", m["chromium"])
	p("A local server (`bench/searchbench`, Go's net/http) serves the built site on 127.0.0.1 as a static host would: gzip (level 6) for text with `Content-Encoding: gzip` and `Vary: Accept-Encoding`, and `Cache-Control: no-store`; there is no network between them, so the times are those of a fast connection, with no latency or bandwidth limit. ")
	p("The queries run from an empty page of the server's own (`<html lang=\"sv\">`, so Pagefind loads its Swedish index); the page itself is not counted.\n\n")
	p("- **first**: the page loaded anew with the browser's cache cleared (`Network.clearBrowserCache`); from the start of the query to the results with what 10 results show, measured in the page with `performance.now()`. ")
	p("kb: `await (await import(engine)).open(\"/sok/manifest.json\").search(q, {limit: 10})` (url, title and excerpt come with each result); Pagefind: `const pf = await import(\"/pagefind/pagefind.js\"); const r = await pf.search(q); await Promise.all(r.results.slice(0, 10).map((x) => x.data()))`. The engine's import is part of the time for both.\n")
	p("- **next**: the page loaded anew, the engine loaded and a warm-up query run (\"%s\"), then the query, timed the same way without the import.\n", m["search_warmup"])
	p("- **KiB** and **requests**: every response from the start of the query until the server had sent nothing for 100 ms after the results came: status lines, headers and bodies as the server wrote them to its connections, so the engine's scripts and WebAssembly and the index files, and nothing else. ")
	p("This is what Chromium's `encodedDataLength` counts; it is counted at the server because DevTools' Network events of the page do not include the requests of a worker the page starts, and Pagefind 1.6 searches in a Web Worker. For kb, whose engine runs in the page, the sum of `encodedDataLength` over the page's requests was checked to equal the server's count for every query, and for Pagefind the page's own requests never exceeded it.\n")
	p("- Each figure is the median (min–max) of %s runs; the runs alternate which engine goes first, query by query (kb first in odd runs). A figure without a range was the same in every run.\n\n", m["runs"])
	p("The queries (␣ is a space): a finished word ends in one, so kb's engine expands no prefix of it (Pagefind trims it); a prefix as typed has none. Both engines get the same strings.\n\n")
	p("| # | query | kind | pages that should be found: the case studies with |\n|---:|---|---|---|\n")
	for i, q := range s.queries {
		p("| %d | `%s` | %s | %s |\n", i+1, q.q, q.kind, q.rule)
	}
	p("\nA page's words, for these rules, are those of its article as Pagefind was told to index it (the text, lower-cased, split at everything that is no letter or digit).\n\n")

	for _, n := range sizes {
		p("#### %s case studies\n\n", pages(n))
		for _, mode := range []string{"first", "next"} {
			if mode == "first" {
				p("First query on a fresh page:\n\n")
			} else {
				p("Next query, after another one:\n\n")
			}
			p("| query | kb KiB | kb requests | kb ms | Pagefind KiB | Pagefind requests | Pagefind ms | KiB kb ÷ Pagefind | ms kb ÷ Pagefind |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
			var kbB, pfB, kbMs, pfMs []float64
			for _, q := range s.queries {
				kb := func(f func(searchTime) float64) stat { return s.pick("kb", n, mode, q.id, f) }
				pf := func(f func(searchTime) float64) stat { return s.pick("pagefind", n, mode, q.id, f) }
				if !kb(msOf).present && !pf(msOf).present {
					continue
				}
				kbB, pfB = append(kbB, kb(bytesOf).med), append(pfB, pf(bytesOf).med)
				kbMs, pfMs = append(kbMs, kb(msOf).med), append(pfMs, pf(msOf).med)
				p("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n", q.q,
					rangeCell(kb(bytesOf), 1024), countCell(kb(reqsOf)), rangeCell(kb(msOf), 1),
					rangeCell(pf(bytesOf), 1024), countCell(pf(reqsOf)), rangeCell(pf(msOf), 1),
					plainRatio(kb(bytesOf).med, pf(bytesOf).med), plainRatio(kb(msOf).med, pf(msOf).med))
			}
			if len(kbB) > 0 {
				a, bb, c, dd := summarize(kbB), summarize(pfB), summarize(kbMs), summarize(pfMs)
				p("| *median of the queries* | %s | | %s | %s | | %s | %s | %s |\n", kib(a.med), num(c.med), kib(bb.med), num(dd.med), plainRatio(a.med, bb.med), plainRatio(c.med, dd.med))
				p("| *largest* | %s | | %s | %s | | %s | | |\n", kib(a.hi), num(c.hi), kib(bb.hi), num(dd.hi))
			}
			p("\n")
		}

		// Cold visits.
		if len(s.visits) > 0 {
			p("A reader's cold visit to a search page with the query in its address, the browser's cache cleared: every response until the first result is shown (the page, its styles, scripts and icon, the engine, the index files; bodies as the bench's server sends them, gzip -6 for text), beside the engine's own requests from an empty page above (index only). kb: `/sok/?q=…`, which shows the first results from the first parts of the postings and counts the rest after; Pagefind: its default UI (`pagefind-ui.js`) on a page of its own that searches the address's `q` (`triggerSearch`).\n\n")
			p("| query | kb visit KiB | kb visit requests | kb visit ms | kb index only KiB | Pagefind visit KiB | Pagefind visit requests | Pagefind visit ms | Pagefind index only KiB |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
			var kv, ki, pv, pi []float64
			for _, q := range s.queries {
				kb := func(f func(searchVisit) float64) stat { return s.visit("kb", n, q.id, f) }
				pf := func(f func(searchVisit) float64) stat { return s.visit("pagefind", n, q.id, f) }
				if !kb(visitBytes).present && !pf(visitBytes).present {
					continue
				}
				kv, pv = append(kv, kb(visitBytes).med), append(pv, pf(visitBytes).med)
				ki, pi = append(ki, s.pick("kb", n, "first", q.id, bytesOf).med), append(pi, s.pick("pagefind", n, "first", q.id, bytesOf).med)
				p("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |\n", q.q,
					rangeCell(kb(visitBytes), 1024), countCell(kb(visitReqs)), rangeCell(kb(visitMs), 1), rangeCell(s.pick("kb", n, "first", q.id, bytesOf), 1024),
					rangeCell(pf(visitBytes), 1024), countCell(pf(visitReqs)), rangeCell(pf(visitMs), 1), rangeCell(s.pick("pagefind", n, "first", q.id, bytesOf), 1024))
			}
			if len(kv) > 0 {
				a, bb, c, dd := summarize(kv), summarize(ki), summarize(pv), summarize(pi)
				p("| *median of the queries* | %s | | | %s | %s | | | %s |\n", kib(a.med), kib(bb.med), kib(c.med), kib(dd.med))
				p("| *largest* | %s | | | %s | %s | | | %s |\n", kib(a.hi), kib(bb.hi), kib(c.hi), kib(dd.hi))
			}
			p("\n")
		}

		// Results.
		p("Results, every one of them (from one page per engine after the timed runs):\n\n")
		p("| query | should be found | kb found | kb: of those that should be | kb: top 10 that should be | Pagefind found | Pagefind: of those that should be | Pagefind: top 10 that should be |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, q := range s.queries {
			k, ok1 := s.found["kb"][n][q.id]
			f, ok2 := s.found["pagefind"][n][q.id]
			if !ok1 && !ok2 {
				continue
			}
			exp := k.expected
			if !ok1 {
				exp = f.expected
			}
			p("| `%s` | %d | %s | %s | %s | %s | %s | %s |\n", q.q, exp,
				foundCell(k, ok1), ofCell(k.hits, k.expected, ok1), ofCell(k.topHits, k.top, ok1),
				foundCell(f, ok2), ofCell(f.hits, f.expected, ok2), ofCell(f.topHits, f.top, ok2))
		}
		p("\n")

		// Which files.
		p("What a first query loads, on average over the queries (run 1; bodies as sent, without headers):\n\n")
		p("| engine | part | requests a query | KiB a query |\n|---|---|---:|---:|\n")
		for _, e := range []string{"kb", "pagefind"} {
			type agg struct{ n, bytes float64 }
			parts := map[string]*agg{}
			var order []string
			qs := map[string]bool{}
			for _, f := range s.files {
				if f.engine != e || f.size != n || f.mode != "first" {
					continue
				}
				qs[f.id] = true
				k := filePart(e, f.path)
				if parts[k] == nil {
					parts[k] = &agg{}
					order = append(order, k)
				}
				parts[k].n++
				parts[k].bytes += f.bytes
			}
			sort.Slice(order, func(i, j int) bool { return parts[order[i]].bytes > parts[order[j]].bytes })
			nq := float64(len(qs))
			for _, k := range order {
				p("| %s | %s | %s | %s |\n", engineNames[e], k, num(parts[k].n/nq), kib(parts[k].bytes/nq))
			}
		}
		p("\n")
	}

	// Cold visits at the sizes kb was built alone.
	alone := s.visitOnlySizes(sizes)
	for _, n := range alone {
		p("#### %s case studies, kb alone\n\n", pages(n))
		p("At this size kb is built alone (no Pagefind), and only the reader's cold visits to `/sok/?q=…` are measured, as above.\n\n")
		p("| query | kb visit KiB | kb visit requests | kb visit ms |\n|---|---:|---:|---:|\n")
		var kv []float64
		for _, q := range s.queries {
			kb := func(f func(searchVisit) float64) stat { return s.visit("kb", n, q.id, f) }
			if !kb(visitBytes).present {
				continue
			}
			kv = append(kv, kb(visitBytes).med)
			p("| `%s` | %s | %s | %s |\n", q.q, rangeCell(kb(visitBytes), 1024), countCell(kb(visitReqs)), rangeCell(kb(visitMs), 1))
		}
		if len(kv) > 0 {
			a := summarize(kv)
			p("| *median of the queries* | %s | | |\n| *largest* | %s | | |\n", kib(a.med), kib(a.hi))
		}
		p("\n")
	}

	// Goals.
	p("### Against the project's goals\n\n")
	p("Medians of the runs, per query; \"worst\" is the query with the largest figure.\n\n")
	p("| goal | case studies | measured | met |\n|---|---:|---|---|\n")
	yes := func(ok bool) string {
		if ok {
			return "yes"
		}
		return "**no**"
	}
	// visitGoalRows writes the cold visit's goal rows at size n.
	visitGoalRows := func(n int) {
		gm, gw, ok := visitGoal(n)
		if !ok {
			return
		}
		var v []float64
		worst, ww := 0.0, ""
		for _, q := range s.queries {
			x := s.visit("kb", n, q.id, visitBytes)
			if !x.present {
				continue
			}
			v = append(v, x.med)
			if x.med > worst {
				worst, ww = x.med, q.q
			}
		}
		if len(v) > 0 {
			med := summarize(v).med
			p("| cold visit to `/sok/?q=…`: median at most %s KiB | %s | %s KiB | %s |\n", num(gm), pages(n), kib(med), yes(med <= gm*1024))
			p("| cold visit to `/sok/?q=…`: worst at most %s KiB | %s | %s KiB (`%s`) | %s |\n", num(gw), pages(n), kib(worst), ww, yes(worst <= gw*1024))
		}
	}
	for _, n := range sizes {
		var worstRatio, worstKB, worstFirst, worstNext float64
		var wr, wk, wf, wn string
		for _, q := range s.queries {
			kb := s.pick("kb", n, "first", q.id, bytesOf)
			pf := s.pick("pagefind", n, "first", q.id, bytesOf)
			if !kb.present {
				continue
			}
			if pf.present && pf.med > 0 && kb.med/pf.med > worstRatio {
				worstRatio, wr = kb.med/pf.med, q.q
			}
			if kb.med > worstKB {
				worstKB, wk = kb.med, q.q
			}
			if v := s.pick("kb", n, "first", q.id, msOf).med; v > worstFirst {
				worstFirst, wf = v, q.q
			}
			if v := s.pick("kb", n, "next", q.id, msOf).med; v > worstNext {
				worstNext, wn = v, q.q
			}
		}
		if wk == "" {
			continue
		}
		p("| first query: at most ¼ of Pagefind's bytes | %s | worst %s (`%s`) | %s |\n", pages(n), plainRatio(worstRatio, 1), wr, yes(worstRatio <= 0.25))
		p("| first query: at most 150 KiB | %s | worst %s KiB (`%s`) | %s |\n", pages(n), kib(worstKB), wk, yes(worstKB <= 150*1024))
		p("| first query: under 100 ms | %s | worst %s ms (`%s`) | %s |\n", pages(n), num(worstFirst), wf, yes(worstFirst < 100))
		p("| next query: under 10 ms | %s | worst %s ms (`%s`) | %s |\n", pages(n), num(worstNext), wn, yes(worstNext < 10))
		visitGoalRows(n)
		k, ok1 := s.total("kb", n)
		f, ok2 := s.total("pagefind", n)
		if ok1 && ok2 {
			p("| at most a tenth of Pagefind's files | %s | %d ÷ %d = %s | %s |\n", pages(n), k.files, f.files, plainRatio(float64(k.files), float64(f.files)), yes(k.files*10 <= f.files))
		}
	}
	for _, n := range alone {
		visitGoalRows(n)
	}
	p("\n")
	return b.String()
}

func foundCell(f searchFound, ok bool) string {
	if !ok {
		return "–"
	}
	return strconv.Itoa(f.found)
}

func ofCell(a, b int, ok bool) string {
	if !ok {
		return "–"
	}
	if b == 0 {
		return "0 of 0"
	}
	return fmt.Sprintf("%d of %d (%.0f %%)", a, b, 100*float64(a)/float64(b))
}

func cmdOf(d *data, label string) string {
	for _, c := range d.cmds {
		if c[0] == label {
			return c[1]
		}
	}
	return ""
}

func joinPages(ns []int, sep string) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = pages(n)
	}
	return strings.Join(s, sep)
}

// filePart names the part of an index a requested file is.
func filePart(engine, path string) string {
	name := path[strings.LastIndex(path, "/")+1:]
	if engine == "kb" {
		switch {
		case name == "manifest.json":
			return "manifest"
		case strings.HasPrefix(path, "assets/sok.") && strings.HasSuffix(name, ".js"):
			return "engine (sok.*.js)"
		case !strings.HasPrefix(path, "assets/sok/"):
			return "other (" + path + ")"
		case strings.HasPrefix(name, "o-"):
			return "word lists (o-*)"
		}
		switch name[0] {
		case 'p':
			return "postings (p*)"
		case 'x':
			return "excerpts (x*)"
		case 'd':
			return "page chunks (d*)"
		case 's':
			return "summary chunks (s*)"
		case 'f':
			return "facets (f)"
		case 't':
			return "dates (t)"
		case 'n':
			return "position heads (n*)"
		case 'w':
			return "position tails (w*)"
		case 'e':
			return "stop words (e-*)"
		}
		return "other"
	}
	switch {
	case name == "pagefind.js" || name == "pagefind-worker.js":
		return "engine (pagefind.js, pagefind-worker.js)"
	case name == "pagefind-entry.json":
		return "entry (pagefind-entry.json)"
	case strings.HasPrefix(name, "wasm."):
		return "WebAssembly (wasm.*.pagefind)"
	case strings.HasSuffix(name, ".pf_meta"):
		return "metadata (*.pf_meta)"
	case strings.Contains(path, "/index/"):
		return "index chunks (*.pf_index)"
	case strings.Contains(path, "/fragment/"):
		return "fragments (*.pf_fragment)"
	case strings.Contains(path, "/filter/"):
		return "filters (*.pf_filter)"
	}
	return "other (" + path + ")"
}
