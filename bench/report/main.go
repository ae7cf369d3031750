// Command report turns the raw figures bench/run.sh records into
// bench/RESULTS.md and the plot bench/build-time.svg. Standard library only.
//
//	go run ./bench/report -data results.tsv -md bench/RESULTS.md -svg bench/build-time.svg
//
// The data file has one tab-separated record a line; the first field says
// what it is:
//
//	meta      KEY VALUE
//	cmd       LABEL COMMAND
//	build     TOOL SIZE RUN POS WALL_S USER_S SYS_S MAXRSS_KB
//	stage     kb SIZE RUN NAME MS
//	stagecpu  kb SIZE RUN NAME USER_MS SYSTEM_MS   (the CPU the process used in that stage)
//	stagealloc kb SIZE RUN NAME MIB         (the bytes the stage allocated on the heap)
//	output    TOOL SIZE FILES KB
//	edit      TOOL SIZE I MS [KIND]     (MS may be "timeout"; KIND body or title, body when absent)
//	startup   TOOL SIZE S
//	serverrss TOOL SIZE KB
//	gobench   kb-serve-KIND SIZE N MS_MEDIAN MS_P90 MS_UPDATE_MEDIAN
//	skip      WHAT REASON
//	hugowarnings SIZE COUNT
//	tree      TOOL SIZE NAMES           (the top level of the tool's output)
//	load      WHEN LOADAVG              (load averages between phases)
//	scaleindex kb SIZE FILES BYTES      (the search index of run 1's build: sok/ and assets/sok/)
//
// A build record's TOOL kb-rebuild is kb build over the site its previous
// run published (the full build's rebuild figure).
//
// and the search comparison's (bench_search in run.sh, bench/searchbench):
//
//	sbuild    TOOL SIZE RUN POS WALL_S USER_S SYS_S MAXRSS_KB   (kb build; pagefind on kb's site)
//	sstage    kb SIZE RUN search MS     (kb's search stage in that build)
//	sindex    ENGINE SIZE KIND FILES BYTES GZIP BROTLI SERVED   (KIND "all": the whole index; BROTLI may be "-")
//	squery    N ID KIND RULE QUERY      (the query set; QUERY with ␣ for a space)
//	stime     ENGINE SIZE RUN MODE ID BYTES REQUESTS MS FOUND CDP_BYTES CDP_REQUESTS
//	svisit    ENGINE SIZE RUN ID BYTES REQUESTS MS   (a cold visit to the search page with the query)
//	sfile     ENGINE SIZE MODE ID PATH BODY_BYTES   (the files of run 1's queries and visits)
//	sfound    ENGINE SIZE ID FOUND EXPECTED FOUND_OF_EXPECTED TOP TOP_EXPECTED
//
// and the known-item test on real Swedish pages (known_items in run.sh,
// searchbench known; meta known_pages and known_top go with it):
//
//	kquery    N KIND QUERY EXPECT NOTE  (the query set; EXPECT: page slugs, space-separated)
//	kresult   ENGINE N PASS RANK TOTAL TOP   (PASS 1 or 0; RANK of the first expected page in
//	                                    the top 10, 0 for none; TOP: the top 10's slugs, or "error: …")
//	compound  RIGHT COMPOUNDS WRONG FALSE SIMPLE   (compound splitting, TestRealWords: compounds
//	                                    split right, of how many, split wrong; simple words split, of how many)
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// gobenchKinds are BenchmarkSaveToReload's runs: each kind of edit saved
// once the search index is built, and saved while it is being built.
var gobenchKinds = []string{"body", "title", "body-indexing", "title-indexing"}

func main() {
	dataPath := flag.String("data", "", "the raw figures bench/run.sh wrote")
	mdPath := flag.String("md", "bench/RESULTS.md", "the Markdown report to write")
	svgPath := flag.String("svg", "bench/build-time.svg", "the plot to write")
	flag.Parse()
	if *dataPath == "" {
		fmt.Fprintln(os.Stderr, "usage: report -data FILE [-md FILE] [-svg FILE]")
		os.Exit(2)
	}
	f, err := os.Open(*dataPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	d, err := parse(f)
	f.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	svgName := *svgPath
	if i := strings.LastIndex(svgName, "/"); i >= 0 {
		svgName = svgName[i+1:]
	}
	if err := os.WriteFile(*mdPath, []byte(markdown(d, svgName)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*svgPath, []byte(plot(d)), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

// ---------------------------------------------------------------- data

type run struct {
	tool            string
	size, run, pos  int
	wall, cpu, rssK float64 // seconds, seconds (user+sys), KiB
}

type data struct {
	meta        map[string]string
	cmds        [][2]string
	runs        []run
	stages      map[string]map[int][]float64    // stage name → size → ms per run
	paired      map[string]map[string][]float64 // pair tool (kb-pair-SIZE) → stage name → ms per run
	stageCPU    map[string]map[int][]float64    // stage name → size → CPU ms (user + system) per run
	pairedCPU   map[string]map[string][]float64 // pair tool → stage name → CPU ms per run
	stageAlloc  map[string]map[int][]float64    // stage name → size → MiB allocated per run
	pairedAlloc map[string]map[string][]float64 // pair tool → stage name → MiB allocated per run
	stageList   []string                        // in kb's order
	outputs     map[string]map[int][2]int       // tool → size → files, KiB
	edits       map[string][]float64            // tool/kind → ms
	timeouts    map[string]int                  // tool/kind → edits without a new page
	startup     map[string]float64
	serverRSS   map[string]float64
	gobench     map[string][]string // kind → N, median, p90, update median (kinds: gobenchKinds)
	skips       [][2]string
	warnings    map[int]int
	trees       map[string]map[int]string
	loads       [][2]string
	index       map[int][2]int // size → the search index's files and bytes (scaleindex)
	search      searchData
	known       knownData
}

// stageFigure is one figure kb build -v gives for each stage, as the
// scaling tables show it: "stage NAME" then unit, from the full builds
// (stage → size → per run) and from the pairs (pair tool → stage → per
// run). The wall time has a row in the pairs' table even where a pair
// lacks it (always); the others only where the pairs recorded them.
type stageFigure struct {
	unit   string
	full   map[string]map[int][]float64
	paired map[string]map[string][]float64
	always bool
}

// stageFigures are the figures per stage, in the tables' order: wall
// time, CPU, bytes allocated.
func (d *data) stageFigures() []stageFigure {
	return []stageFigure{
		{" (ms)", d.stages, d.paired, true},
		{", CPU (ms)", d.stageCPU, d.pairedCPU, false},
		{", allocated (MiB)", d.stageAlloc, d.pairedAlloc, false},
	}
}

// add appends v to m[key][sub], making m[key] when it is new.
func add[K comparable](m map[string]map[K][]float64, key string, sub K, v float64) {
	if m[key] == nil {
		m[key] = map[K][]float64{}
	}
	m[key][sub] = append(m[key][sub], v)
}

func parse(r io.Reader) (*data, error) {
	d := &data{
		meta:        map[string]string{},
		stages:      map[string]map[int][]float64{},
		paired:      map[string]map[string][]float64{},
		stageCPU:    map[string]map[int][]float64{},
		pairedCPU:   map[string]map[string][]float64{},
		stageAlloc:  map[string]map[int][]float64{},
		pairedAlloc: map[string]map[string][]float64{},
		outputs:     map[string]map[int][2]int{},
		edits:       map[string][]float64{},
		timeouts:    map[string]int{},
		startup:     map[string]float64{},
		serverRSS:   map[string]float64{},
		gobench:     map[string][]string{},
		warnings:    map[int]int{},
		trees:       map[string]map[int]string{},
		index:       map[int][2]int{},
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		bad := func() error { return fmt.Errorf("line %d: cannot read %q", line, text) }
		num := func(s string) float64 {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return math.NaN()
			}
			return v
		}
		atoi := func(s string) int { v, _ := strconv.Atoi(s); return v }
		need := func(n int) bool { return len(f) >= n }
		switch f[0] {
		case "meta":
			if !need(3) {
				return nil, bad()
			}
			d.meta[f[1]] = f[2]
		case "cmd":
			if !need(3) {
				return nil, bad()
			}
			d.cmds = append(d.cmds, [2]string{f[1], f[2]})
		case "build", "pair": // a pair is kb's build at a smaller size just before one at SIZE (tool kb-pair-SIZE)
			if !need(9) {
				return nil, bad()
			}
			rn := run{tool: f[1], size: atoi(f[2]), run: atoi(f[3]), pos: atoi(f[4]),
				wall: num(f[5]), cpu: num(f[6]) + num(f[7]), rssK: num(f[8])}
			if math.IsNaN(rn.wall) || math.IsNaN(rn.cpu) || math.IsNaN(rn.rssK) {
				return nil, bad()
			}
			d.runs = append(d.runs, rn)
		case "stage":
			if !need(6) {
				return nil, bad()
			}
			if d.stages[f[4]] == nil {
				d.stageList = append(d.stageList, f[4])
			}
			add(d.stages, f[4], atoi(f[2]), num(f[5]))
		case "stagecpu":
			if !need(7) {
				return nil, bad()
			}
			add(d.stageCPU, f[4], atoi(f[2]), num(f[5])+num(f[6]))
		case "stagealloc":
			if !need(6) {
				return nil, bad()
			}
			add(d.stageAlloc, f[4], atoi(f[2]), num(f[5]))
		case "pairstage":
			if !need(6) {
				return nil, bad()
			}
			add(d.paired, f[1], f[4], num(f[5]))
		case "pairstagecpu":
			if !need(7) {
				return nil, bad()
			}
			add(d.pairedCPU, f[1], f[4], num(f[5])+num(f[6]))
		case "pairstagealloc":
			if !need(6) {
				return nil, bad()
			}
			add(d.pairedAlloc, f[1], f[4], num(f[5]))
		case "output":
			if !need(5) {
				return nil, bad()
			}
			if d.outputs[f[1]] == nil {
				d.outputs[f[1]] = map[int][2]int{}
			}
			d.outputs[f[1]][atoi(f[2])] = [2]int{atoi(f[3]), atoi(f[4])}
		case "edit":
			if !need(5) {
				return nil, bad()
			}
			key := f[1] + "/body"
			if len(f) > 5 {
				key = f[1] + "/" + f[5]
			}
			if f[4] == "timeout" {
				d.timeouts[key]++
			} else {
				d.edits[key] = append(d.edits[key], num(f[4]))
			}
		case "startup":
			if !need(4) {
				return nil, bad()
			}
			d.startup[f[1]] = num(f[3])
		case "serverrss":
			if !need(4) {
				return nil, bad()
			}
			d.serverRSS[f[1]] = num(f[3])
		case "gobench":
			if !need(7) {
				return nil, bad()
			}
			d.gobench[strings.TrimPrefix(f[1], "kb-serve-")] = f[3:7]
		case "skip":
			if !need(3) {
				return nil, bad()
			}
			d.skips = append(d.skips, [2]string{f[1], f[2]})
		case "hugowarnings":
			if !need(3) {
				return nil, bad()
			}
			d.warnings[atoi(f[1])] = atoi(f[2])
		case "tree":
			if !need(4) {
				return nil, bad()
			}
			if d.trees[f[1]] == nil {
				d.trees[f[1]] = map[int]string{}
			}
			d.trees[f[1]][atoi(f[2])] = strings.TrimSpace(f[3])
		case "scaleindex":
			if !need(5) {
				return nil, bad()
			}
			d.index[atoi(f[2])] = [2]int{atoi(f[3]), atoi(f[4])}
		case "load":
			if !need(3) {
				return nil, bad()
			}
			d.loads = append(d.loads, [2]string{f[1], f[2]})
		case "sbuild", "sstage", "sindex", "squery", "stime", "svisit", "sfile", "sfound":
			if err := d.search.add(f); err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
		case "kquery", "kresult", "compound":
			if err := d.known.add(f); err != nil {
				return nil, fmt.Errorf("line %d: %v", line, err)
			}
		default:
			return nil, bad()
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	d.runs = append(d.runs, pipelines(d.runs)...)
	return d, nil
}

// pipeline is the name of the peers' pipeline: hugo then pagefind.
const pipeline = "hugo+pagefind"

// pipelines pairs each hugo run with the pagefind run that indexed its
// output: the times add up, the peak memory is the larger of the two
// (they run one after the other).
func pipelines(runs []run) []run {
	type key struct{ size, run int }
	pf := map[key]run{}
	for _, r := range runs {
		if r.tool == "pagefind" {
			pf[key{r.size, r.run}] = r
		}
	}
	var out []run
	for _, h := range runs {
		p, ok := pf[key{h.size, h.run}]
		if h.tool != "hugo" || !ok {
			continue
		}
		out = append(out, run{tool: pipeline, size: h.size, run: h.run, pos: h.pos,
			wall: h.wall + p.wall, cpu: h.cpu + p.cpu, rssK: math.Max(h.rssK, p.rssK)})
	}
	return out
}

// stat is the median, minimum and maximum of some runs.
type stat struct {
	n           int
	med, lo, hi float64
	p90         float64 // the smallest value at least 90% of the values are at or below
	present     bool
}

func summarize(v []float64) stat {
	if len(v) == 0 {
		return stat{}
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stat{n: len(s), med: m, lo: s[0], hi: s[len(s)-1], p90: s[(len(s)*9+9)/10-1], present: true}
}

// pick returns one measure of the runs of tool at size.
func (d *data) pick(tool string, size int, measure func(run) float64) stat {
	var v []float64
	for _, r := range d.runs {
		if r.tool == tool && r.size == size {
			v = append(v, measure(r))
		}
	}
	return summarize(v)
}

func wall(r run) float64 { return r.wall }
func cpu(r run) float64  { return r.cpu }
func rss(r run) float64  { return r.rssK / 1024 } // MiB

// sizes returns the corpus sizes tool was run at, smallest first.
func (d *data) sizes(tool string) []int {
	seen := map[int]bool{}
	var out []int
	for _, r := range d.runs {
		if r.tool == tool && !seen[r.size] {
			seen[r.size] = true
			out = append(out, r.size)
		}
	}
	sort.Ints(out)
	return out
}

// compared returns the sizes at which all three tools ran.
func (d *data) compared() []int {
	var out []int
	for _, n := range d.sizes("kb") {
		if d.pick("hugo", n, wall).present && d.pick(pipeline, n, wall).present {
			out = append(out, n)
		}
	}
	return out
}

// ---------------------------------------------------------------- Markdown

var toolNames = map[string]string{
	"kb":               "kb build",
	"kb-rebuild":       "kb build over its last output (rebuild)",
	"hugo":             "hugo",
	"pagefind":         "pagefind (on Hugo's output)",
	pipeline:           "**hugo + pagefind**",
	"kb-serve":         "kb serve",
	"hugo-server":      "hugo server (fast render mode, the default)",
	"hugo-server-full": "hugo server --disableFastRender",
}

func pages(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// num formats a figure with two significant decimals where they matter.
func num(v float64) string {
	switch a := math.Abs(v); {
	case a >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case a >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}

func cell(s stat) string {
	if !s.present {
		return "–"
	}
	if s.n == 1 {
		return num(s.med)
	}
	return fmt.Sprintf("%s (%s–%s)", num(s.med), num(s.lo), num(s.hi))
}

// ratio formats a/b, and its inverse when a is the smaller.
func ratio(a, b stat) string {
	if !a.present || !b.present || b.med == 0 {
		return "–"
	}
	r := a.med / b.med
	if r < 1 && r > 0 {
		return fmt.Sprintf("%.2f (1/%.1f)", r, 1/r)
	}
	return fmt.Sprintf("%.2f", r)
}

// ranVersions says which versions of the tools ran, from the meta records
// (their details are in the report's Versions table): the comparison means
// little without them, Hugo's builds having changed much between releases.
func ranVersions(m map[string]string) string {
	var parts []string
	for _, t := range []struct{ key, name string }{{"hugo_version", "Hugo"}, {"pagefind_version", "Pagefind"}} {
		if v := m[t.key]; v != "" {
			parts = append(parts, t.name+" "+v)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Versions that ran: " + strings.Join(parts, ", ") + " (how each was installed: [Versions](#versions))."
}

func markdown(d *data, svgName string) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	m := d.meta

	p("# Benchmark results: kb against Hugo and Pagefind\n\n")
	p("Written by `./build.sh bench` (`bench/run.sh`) on %s; the raw figures are in `results.tsv`, the plot in [`%s`](%s). ", m["date"], svgName, svgName)
	p("The corpora are generated case studies (`bench/corpus.sh N DIR`, seed 1: the same pages every time), and Hugo builds the very same Markdown files with the theme in `bench/hugo/`.\n\n")
	if v := ranVersions(m); v != "" {
		p("%s\n\n", v)
	}
	p("Both pipelines build a site and its search index: kb's `kb build` writes its index itself, the peers' pipeline is `hugo` followed by `pagefind` over Hugo's output. ")
	p("So *kb / (Hugo + Pagefind)* compares the two pipelines; *kb / Hugo* compares kb, index included, with Hugo's site build alone. ")
	p("The two search engines are compared on the same pages in [Search](#search): Pagefind there indexes the site kb built; and on real Swedish pages, with kb's query set for them, in [Search on real Swedish text](#search-on-real-swedish-text).\n\n")
	p("Each figure is the **median (min–max)** of the runs. Wall time and peak memory (maximum resident set size) are from `/usr/bin/time -v`; CPU time is its user + system time, over all cores. ")
	p("The tools were run in turn, alternating which went first run by run (see [Every run](#every-run)). Every build is cold: it writes into an empty folder, and Hugo starts without its caches; the corpus itself is in the operating system's file cache for all of them.\n\n")

	p("## Machine\n\n")
	p("| | |\n|---|---|\n")
	p("| CPU | %s, %s cores (`nproc`) |\n", m["cpu"], m["nproc"])
	p("| memory | %s |\n", m["memory"])
	p("| system | %s, %s |\n", m["os"], m["kernel"])
	p("| load average (1, 5, 15 min) at the start | %s |\n", m["load_start"])
	for _, l := range d.loads {
		p("| load average %s | %s |\n", l[0], l[1])
	}
	p("| load average at the end | %s |\n", m["load_end"])
	p("| duration of the whole run | %s |\n\n", m["duration"])
	p("The machine is shared: other work ran beside the benchmark (the load averages above, on %s cores), so single runs vary; the alternation spreads that noise over all tools alike, and the medians are the figures to read.\n\n", m["nproc"])

	p("## Versions\n\n| | |\n|---|---|\n")
	for _, k := range []string{"go", "kb", "hugo", "pagefind", "curl", "chromium", "node", "gzip", "brotli"} {
		if m[k] != "" {
			p("| %s | %s |\n", k, m[k])
		}
	}
	p("\nSettings: BENCH_RUNS=%s, BENCH_SIZES=\"%s\", BENCH_KB_SIZES=\"%s\" (BENCH_KB_RUNS=%s, BENCH_KB_LIMIT=%s s), BENCH_SERVE_SIZE=%s, BENCH_EDITS=%s, BENCH_EDITS_FULL=%s; parts: %s.\n\n",
		m["runs"], m["sizes"], m["kb_sizes"], m["kb_runs"], m["kb_limit"], m["serve_size"], m["edits"], m["edits_full"], orAll(m["parts"]))

	// Full build.
	p("## Full build\n\n")
	cmp := d.compared()
	if len(cmp) == 0 {
		p("Not measured in this run.\n\n")
	}
	for _, n := range cmp {
		p("### %s case studies\n\n", pages(n))
		p("| tool | runs | wall (s) | CPU user+sys (s) | peak memory (MiB) | files written | output (MiB) |\n|---|---:|---:|---:|---:|---:|---:|\n")
		for _, t := range []string{"kb", "kb-rebuild", "hugo", "pagefind", pipeline} {
			w := d.pick(t, n, wall)
			if t == "kb-rebuild" && !w.present {
				continue
			}
			files, size := "", ""
			if o, ok := d.outputs[t][n]; ok {
				files, size = strconv.Itoa(o[0]), num(float64(o[1])/1024)
			} else if t == pipeline {
				h, pf := d.outputs["hugo"][n], d.outputs["pagefind"][n]
				files, size = strconv.Itoa(h[0]+pf[0]), num(float64(h[1]+pf[1])/1024)
			}
			p("| %s | %d | %s | %s | %s | %s | %s |\n", toolNames[t], w.n, cell(w), cell(d.pick(t, n, cpu)), cell(d.pick(t, n, rss)), files, size)
		}
		p("\n")
		if re := d.pick("kb-rebuild", n, wall); re.present {
			p("A rebuild (kb build over the site it published before) ÷ a build into an empty folder, medians: wall %s, CPU %s, memory %s.\n\n",
				ratio(re, d.pick("kb", n, wall)), ratio(d.pick("kb-rebuild", n, cpu), d.pick("kb", n, cpu)), ratio(d.pick("kb-rebuild", n, rss), d.pick("kb", n, rss)))
		}
		if w, ok := d.warnings[n]; ok && w > 0 {
			p("Hugo printed %d warnings at this size (see its log).\n\n", w)
		}
	}
	if len(cmp) > 0 {
		p("### Ratios (kb ÷ peer, medians; below 1 is in kb's favour)\n\n")
		p("| case studies | wall: kb ÷ (Hugo + Pagefind) | CPU: kb ÷ (Hugo + Pagefind) | memory: kb ÷ (Hugo + Pagefind) | wall: kb ÷ Hugo | CPU: kb ÷ Hugo | memory: kb ÷ Hugo |\n|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, n := range cmp {
			k, h, hp := func(f func(run) float64) stat { return d.pick("kb", n, f) }, func(f func(run) float64) stat { return d.pick("hugo", n, f) }, func(f func(run) float64) stat { return d.pick(pipeline, n, f) }
			p("| %s | %s | %s | %s | %s | %s | %s |\n", pages(n),
				ratio(k(wall), hp(wall)), ratio(k(cpu), hp(cpu)), ratio(k(rss), hp(rss)),
				ratio(k(wall), h(wall)), ratio(k(cpu), h(cpu)), ratio(k(rss), h(rss)))
		}
		p("\n\"0.25 (1/4.0)\" means kb took a quarter of the peer's figure. Hugo + Pagefind's memory is the larger peak of the two, since they run one after the other. ")
		p("kb's figures include its search index (its `search` stage below).\n\n")
		p("The Hugo theme (`bench/hugo/`) is about the size of kb's: header, navigation, breadcrumbs, facts, table of contents, body, sources, five related case studies (Hugo's `.Site.RegularPages.Related`, indices areas and municipality), tags, footer; paginated lists (20 a page) of the section and of the taxonomies municipality, areas, status and tags; one RSS feed (home), a sitemap and robots.txt; HTML minified (`--minify`) and kb's style sheet minified and fingerprinted. It has no counties, open data or Atom feed, which kb writes. Pagefind indexes the case-study pages (the theme marks their `<article>` with `data-pagefind-body`). ")
		p("The top level of each output:\n\n")
		for _, t := range []string{"kb", "hugo"} {
			if tr := d.trees[t][cmp[len(cmp)-1]]; tr != "" {
				p("- %s: `%s`\n", t, strings.Join(strings.Fields(tr), "` `"))
			}
		}
		p("\n")
	}

	// Scaling.
	p("## Scaling\n\n")
	kbSizes := d.sizes("kb")
	if len(kbSizes) == 0 {
		p("Not measured in this run.\n\n")
	} else {
		p("How build time and peak memory grow with the corpus; \"× previous\" is the growth from the row above (for that tool).\n\n")
		p("| tool | case studies | runs | wall (s) | CPU (s) | peak memory (MiB) | wall per case study (ms) | wall × previous | memory × previous |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, t := range []string{"kb", "hugo", pipeline} {
			var prevW, prevR stat
			for _, n := range d.sizes(t) {
				w, c, r := d.pick(t, n, wall), d.pick(t, n, cpu), d.pick(t, n, rss)
				gw, gr := "–", "–"
				if prevW.present {
					gw = fmt.Sprintf("%.2f × for %.0f × the pages", w.med/prevW.med, float64(n)/float64(prevN(d, t, n)))
					gr = fmt.Sprintf("%.2f", r.med/prevR.med)
				}
				p("| %s | %s | %d | %s | %s | %s | %.2f | %s | %s |\n", toolNames[t], pages(n), w.n, cell(w), cell(c), cell(r), w.med*1000/float64(n), gw, gr)
				prevW, prevR = w, r
			}
		}
		p("\n")
		for _, s := range d.skips {
			if strings.HasPrefix(s[0], "kb-") {
				p("- %s pages: %s.\n", pages(atoiOr(strings.TrimPrefix(s[0], "kb-"))), s[1])
			}
		}
		scalingTable(d, kbSizes, p)
		pairedTable(d, kbSizes, p)
	}
	p("![Full build time against corpus size](%s)\n\n", svgName)

	// One-file change.
	p("## One-file change\n\n")
	if len(d.edits) == 0 && len(d.gobench) == 0 {
		p("Not measured in this run")
		for _, s := range d.skips {
			if s[0] == "serve" {
				p(": %s", s[1])
			}
		}
		p(".\n\n")
	} else {
		p("Save-to-page latency on %s case studies, editing %s: a new sentence in the body (body) or a changed title (title), each edit of another case study. ", pages(atoiOr(m["serve_size"])), m["serve_page"])
		p("kb serve and hugo server ran side by side, each watching its own copy of the corpus, and were edited in turn (kb first on odd edits, Hugo first on even ones), a second apart. Before each edit the page was requested once, as a browser opening it would (Hugo's fast render mode renders the pages visited first), and for kb serve its event stream was held open with the page's path, as the reload script holds it (kb renders the pages in view first, the rest when asked for). ")
		p("The time runs from the write until a request for the page's URL returns the new text: `bench/savebench` asks for it every 2 ms over one keep-alive connection from one process, the same for both servers (so no process start per poll counts in either figure). It polls the page rather than waiting on each server's reload message (kb's server-sent events, Hugo's livereload websocket): the same method for both, timing what a reader sees, the page with the new text.\n\n")
		p("| server | edit | how | edits | median (ms) | p90 (ms) | min (ms) | max (ms) |\n|---|---|---|---:|---:|---:|---:|---:|\n")
		for _, t := range []string{"kb-serve", "hugo-server", "hugo-server-full"} {
			for _, kind := range []string{"body", "title"} {
				key := t + "/" + kind
				s := summarize(d.edits[key])
				if !s.present && d.timeouts[key] == 0 {
					continue
				}
				note := ""
				if n := d.timeouts[key]; n > 0 {
					note = fmt.Sprintf(" (%d more gave no new page within 600 s)", n)
				}
				p("| %s | %s | write → page has the new text (savebench) | %d%s | %s | %s | %s | %s |\n", toolNames[t], kind, s.n, note, num(s.med), num(s.p90), num(s.lo), num(s.hi))
			}
		}
		for _, kind := range gobenchKinds {
			if g := d.gobench[kind]; g != nil {
				edit, when := strings.CutSuffix(kind, "-indexing")
				how := "write → the page in view served with the new text (Go's HTTP client)"
				if when {
					how = "the same, each page saved again while the search index of its first save is being built"
				}
				p("| kb serve | %s | `BenchmarkSaveToReload/%s`: %s | %s | %s | %s | – | – |\n", edit, kind, how, g[0], g[1], g[2])
			}
		}
		p("\n")
		for _, kind := range gobenchKinds {
			if g := d.gobench[kind]; g != nil {
				p("BenchmarkSaveToReload/%s: of its median, %s ms is kb's update itself (`ms-update-median`); the rest is noticing the change (the watcher waits for 20 ms of quiet) and the reload event and request.\n\n", kind, g[3])
			}
		}
		for _, s := range d.skips {
			if s[0] == "gobench" {
				p("BenchmarkSaveToReload was not run: %s.\n\n", s[1])
			}
		}
		if len(d.startup) > 0 {
			p("Start-up, from the command to the first page served, and the servers' peak memory (VmHWM) at the end:\n\n| server | start-up (s) | peak memory (MiB) |\n|---|---:|---:|\n")
			for _, t := range []string{"kb-serve", "hugo-server", "hugo-server-full"} {
				if s, ok := d.startup[t]; ok {
					p("| %s | %s | %s |\n", toolNames[t], num(s), num(d.serverRSS[t]/1024))
				}
			}
			p("\n")
		}
	}

	p("%s", searchSection(d))
	p("%s", knownSection(d))

	p("## Commands\n\n")
	p("CORPUS is `$BENCH_WORK/kunskapsbanken-bench/N` (made by `bench/corpus.sh`), OUT an empty folder, WORK the scratch folder.\n\n| what | command |\n|---|---|\n")
	for _, c := range d.cmds {
		p("| %s | `%s` |\n", c[0], strings.ReplaceAll(c[1], "|", "\\|"))
	}
	p("\n")

	p("## Every run\n\nPosition is the order within the run (1 = first).\n\n")
	p("| case studies | run | position | tool | wall (s) | CPU (s) | peak memory (MiB) |\n|---:|---:|---:|---|---:|---:|---:|\n")
	all := []run{}
	for _, r := range d.runs {
		if r.tool != pipeline {
			all = append(all, r)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		a, b := all[i], all[j]
		if a.size != b.size {
			return a.size < b.size
		}
		if a.run != b.run {
			return a.run < b.run
		}
		return a.pos < b.pos
	})
	for _, r := range all {
		p("| %s | %d | %d | %s | %s | %s | %.0f |\n", pages(r.size), r.run, r.pos, r.tool, num(r.wall), num(r.cpu), r.rssK/1024)
	}
	if len(d.edits) > 0 {
		p("\nOne-file change, every edit (ms):\n\n")
		for _, t := range []string{"kb-serve", "hugo-server", "hugo-server-full"} {
			for _, kind := range []string{"body", "title"} {
				if v := d.edits[t+"/"+kind]; len(v) > 0 {
					s := make([]string, len(v))
					for i, x := range v {
						s[i] = num(x)
					}
					p("- %s, %s: %s\n", toolNames[t], kind, strings.Join(s, ", "))
				}
			}
		}
	}
	return b.String()
}

// scalingTable writes kb's figures per size, the stages of kb build -v
// (median ms) and the whole build's, and for each step between two sizes
// the growth as "× per 10× pages": the factor normalised to ten times the
// pages ((b/a)^(1/log10(m/n))), so 10 is linear growth, whatever the sizes.
func scalingTable(d *data, sizes []int, p func(string, ...any)) {
	type row struct {
		name string
		at   func(n int) (float64, bool)
	}
	median := func(f func(run) float64) func(int) (float64, bool) {
		return func(n int) (float64, bool) { s := d.pick("kb", n, f); return s.med, s.present }
	}
	var rows []row
	for _, f := range d.stageFigures() {
		for _, st := range d.stageList {
			if f.full[st] != nil {
				rows = append(rows, row{"stage " + st + f.unit, func(n int) (float64, bool) {
					s := summarize(f.full[st][n])
					return s.med, s.present
				}})
			}
		}
	}
	rows = append(rows,
		row{"**whole build, wall (s)**", median(wall)},
		row{"**whole build, CPU (s)**", median(cpu)},
		row{"**peak memory (MiB)**", median(rss)},
		row{"search index files", func(n int) (float64, bool) { v, ok := d.index[n]; return float64(v[0]), ok }},
		row{"search index (MiB)", func(n int) (float64, bool) { v, ok := d.index[n]; return float64(v[1]) / (1 << 20), ok }},
	)
	p("kb per size (medians; stages from `kb build -v`: each stage's wall time, and the CPU time, user and system, the whole process used in it, the collector's and the kernel's work included, and the bytes it allocated on the heap, a measure of its work that the machine's load does not change) and the growth between sizes, as × per 10× pages (10 is linear; above 10 grows faster than the pages):\n\n| |")
	for _, n := range sizes {
		p(" %s |", pages(n))
	}
	for i := 1; i < len(sizes); i++ {
		p(" × per 10× pages, %s → %s |", pages(sizes[i-1]), pages(sizes[i]))
	}
	p("\n|---|%s\n", strings.Repeat("---:|", 2*len(sizes)-1))
	for _, r := range rows {
		p("| %s |", r.name)
		for _, n := range sizes {
			if v, ok := r.at(n); ok {
				p(" %s |", num(v))
			} else {
				p(" – |")
			}
		}
		for i := 1; i < len(sizes); i++ {
			a, okA := r.at(sizes[i-1])
			b, okB := r.at(sizes[i])
			if !okA || !okB || a <= 0 || b <= 0 {
				p(" – |")
				continue
			}
			p(" %.1f |", growthPer10(a, b, sizes[i-1], sizes[i]))
		}
		p("\n")
	}
	p("\n")
}

// pairedTable writes, for each size kb ran at with pairs (run.sh's
// run_pair: a kb build at a smaller size just before each of its runs),
// the growth from the pairs to the size's runs: the same figures as
// scalingTable's, from builds made a minute apart, where scalingTable's
// compare the full builds with the larger sizes' builds made later, under
// another load of a shared machine.
func pairedTable(d *data, sizes []int, p func(string, ...any)) {
	for _, big := range sizes {
		tool := fmt.Sprintf("kb-pair-%d", big)
		refs := d.sizes(tool)
		if len(refs) != 1 {
			continue
		}
		ref := refs[0]
		pairs := fmt.Sprintf("%d pairs", d.pick(tool, ref, wall).n)
		if pairs == "1 pairs" {
			pairs = "one pair"
		}
		p("Growth measured in pairs: before each build at %s pages, a build at %s pages (%s), so that both sizes are measured a minute apart, under the same load; the table above compares the full builds at the smaller sizes with the builds at the larger ones, made later in the run, when the load of the shared machine (and CPU time with it) may differ.\n\n", pages(big), pages(ref), pairs)
		p("| | %s (paired, median) | %s (median) | × per 10× pages |\n|---|---:|---:|---:|\n", pages(ref), pages(big))
		row := func(name string, a, b stat) {
			if !a.present || !b.present || a.med <= 0 || b.med <= 0 {
				p("| %s | %s | %s | – |\n", name, cell(a), cell(b))
				return
			}
			p("| %s | %s | %s | %.1f |\n", name, cell(a), cell(b), growthPer10(a.med, b.med, ref, big))
		}
		for _, f := range d.stageFigures() {
			for _, st := range d.stageList {
				if f.always || f.paired[tool][st] != nil {
					row("stage "+st+f.unit, summarize(f.paired[tool][st]), summarize(f.full[st][big]))
				}
			}
		}
		row("**whole build, wall (s)**", d.pick(tool, ref, wall), d.pick("kb", big, wall))
		row("**whole build, CPU (s)**", d.pick(tool, ref, cpu), d.pick("kb", big, cpu))
		row("**peak memory (MiB)**", d.pick(tool, ref, rss), d.pick("kb", big, rss))
		p("\n")
	}
}

// growthPer10 is how much a figure that went from a at n pages to b at m
// pages grows for ten times the pages, at the same rate.
func growthPer10(a, b float64, n, m int) float64 {
	return math.Pow(b/a, 1/math.Log10(float64(m)/float64(n)))
}

func prevN(d *data, tool string, n int) int {
	prev := 0
	for _, s := range d.sizes(tool) {
		if s < n {
			prev = s
		}
	}
	return prev
}

// orAll names the parts of a run, all of them for a run that did not say.
func orAll(parts string) string {
	if parts == "" {
		return "build scaling serve search"
	}
	return parts
}

func atoiOr(s string) int { v, _ := strconv.Atoi(s); return v }

// ---------------------------------------------------------------- SVG

// plot draws the median full-build wall time of each tool against corpus
// size, both axes logarithmic, with the runs' min–max as whiskers.
func plot(d *data) string {
	const (
		W, H                 = 760, 470
		left, right, top, bt = 70, 200, 50, 60
	)
	type series struct {
		tool, label, color, dash string
	}
	all := []series{
		{"kb", "kb build (with its search index)", "#0b57a4", ""},
		{"hugo", "hugo", "#d9822b", ""},
		{pipeline, "hugo + pagefind", "#b3261e", "6 4"},
	}
	var xs []int
	var ys []float64
	for _, s := range all {
		for _, n := range d.sizes(s.tool) {
			st := d.pick(s.tool, n, wall)
			xs = append(xs, n)
			ys = append(ys, st.lo, st.hi)
		}
	}
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, sans-serif" font-size="12">`+"\n", W, H, W, H)
	p(`<rect width="100%%" height="100%%" fill="#fff"/>` + "\n")
	p(`<text x="%d" y="24" font-size="15" font-weight="bold">Full build: wall time against corpus size</text>`+"\n", left)
	p(`<text x="%d" y="40" fill="#555">median of the runs, whiskers min–max; both axes logarithmic; %s</text>`+"\n", left, esc(d.meta["date"]))
	if len(xs) == 0 {
		p(`<text x="%d" y="%d">no builds measured</text></svg>`+"\n", left, H/2)
		return b.String()
	}
	sort.Ints(xs)
	sort.Float64s(ys)
	x0, x1 := decadeBelow(float64(xs[0])), decadeAbove(float64(xs[len(xs)-1]))
	if x0 == x1 {
		x0, x1 = x0/10, x1*10
	}
	y0, y1 := decadeBelow(math.Max(ys[0], 0.01)), decadeAbove(ys[len(ys)-1])
	if y0 == y1 {
		y0, y1 = y0/10, y1*10
	}
	pw, ph := float64(W-left-right), float64(H-top-bt)
	X := func(v float64) float64 {
		return float64(left) + pw*(math.Log10(v)-math.Log10(x0))/(math.Log10(x1)-math.Log10(x0))
	}
	Y := func(v float64) float64 {
		return float64(top) + ph - ph*(math.Log10(math.Max(v, y0))-math.Log10(y0))/(math.Log10(y1)-math.Log10(y0))
	}
	// Grid and ticks: 1, 2, 5 per decade; a decade's line darker.
	ticks := func(lo, hi float64, tick func(v float64, stroke string)) {
		for dec := lo; dec < hi*1.001; dec *= 10 {
			for _, k := range []float64{1, 2, 5} {
				v := dec * k
				if v > hi*1.001 {
					break
				}
				stroke := "#eee"
				if k == 1 {
					stroke = "#ccc"
				}
				tick(v, stroke)
			}
		}
	}
	ticks(y0, y1, func(v float64, stroke string) {
		y := Y(v)
		p(`<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="%s"/>`+"\n", left, y, W-right, y, stroke)
		p(`<text x="%d" y="%.1f" text-anchor="end" fill="#333">%s</text>`+"\n", left-6, y+4, trim(v))
	})
	ticks(x0, x1, func(v float64, stroke string) {
		x := X(v)
		p(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>`+"\n", x, top, x, H-bt, stroke)
		p(`<text x="%.1f" y="%d" text-anchor="middle" fill="#333">%s</text>`+"\n", x, H-bt+16, pages(int(v)))
	})
	p(`<rect x="%d" y="%d" width="%.0f" height="%.0f" fill="none" stroke="#888"/>`+"\n", left, top, pw, ph)
	p(`<text x="%.0f" y="%d" text-anchor="middle">case studies</text>`+"\n", float64(left)+pw/2, H-18)
	p(`<text transform="translate(18 %.0f) rotate(-90)" text-anchor="middle">wall time (s)</text>`+"\n", float64(top)+ph/2)
	for i, s := range all {
		ns := d.sizes(s.tool)
		if len(ns) == 0 {
			continue
		}
		var pts []string
		for _, n := range ns {
			st := d.pick(s.tool, n, wall)
			x := X(float64(n))
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x, Y(st.med)))
			p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`+"\n", x, Y(st.lo), x, Y(st.hi), s.color)
			p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`+"\n", x-4, Y(st.lo), x+4, Y(st.lo), s.color)
			p(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`+"\n", x-4, Y(st.hi), x+4, Y(st.hi), s.color)
			p(`<circle cx="%.1f" cy="%.1f" r="3.5" fill="%s"><title>%s, %s case studies: %s s (min %s, max %s)</title></circle>`+"\n",
				x, Y(st.med), s.color, esc(s.label), pages(n), num(st.med), num(st.lo), num(st.hi))
			// A white halo under the label keeps it readable over the lines.
			p(`<text x="%.1f" y="%.1f" fill="#fff" stroke="#fff" stroke-width="3">%s s</text>`+"\n", x+7, Y(st.med)+15, num(st.med))
			p(`<text x="%.1f" y="%.1f" fill="%s">%s s</text>`+"\n", x+7, Y(st.med)+15, s.color, num(st.med))
		}
		dash := ""
		if s.dash != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, s.dash)
		}
		p(`<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>`+"\n", strings.Join(pts, " "), s.color, dash)
		ly := top + 10 + 22*i
		p(`<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"%s/>`+"\n", W-right+16, ly, W-right+40, ly, s.color, dash)
		p(`<text x="%d" y="%d">%s</text>`+"\n", W-right+46, ly+4, esc(s.label))
	}
	if m := d.meta["nproc"]; m != "" {
		p(`<text x="%d" y="%d" fill="#555">%s cores, %s</text>`+"\n", W-right+16, top+10+22*len(all)+8, esc(m), esc(d.meta["memory"]))
	}
	p("</svg>\n")
	return b.String()
}

func decadeBelow(v float64) float64 { return math.Pow(10, math.Floor(math.Log10(v))) }
func decadeAbove(v float64) float64 { return math.Pow(10, math.Ceil(math.Log10(v))) }

func trim(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
