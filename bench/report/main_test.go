package main

import (
	"encoding/xml"
	"io"
	"slices"
	"strings"
	"testing"
)

const sample = "meta\tdate\t2026-11-22 14:00 UTC\n" +
	"meta\tnproc\t2\n" +
	"meta\tserve_size\t1000\n" +
	"meta\thugo\thugo v0.160.0 (go install github.com/gohugoio/hugo@v0.160.0, from the Go module proxy)\n" +
	"meta\thugo_version\t0.160.0\n" +
	"meta\tpagefind_version\t1.6.0\n" +
	"cmd\tkb\tkb build -root CORPUS -out OUT -v\n" +
	"build\tkb\t1000\t1\t1\t1.50\t1.20\t0.80\t70000\n" +
	"build\thugo\t1000\t1\t2\t4.00\t3.00\t1.00\t250000\n" +
	"build\tpagefind\t1000\t1\t3\t3.00\t4.00\t1.00\t400000\n" +
	"build\tkb\t1000\t2\t3\t2.50\t1.30\t0.70\t72000\n" +
	"build\thugo\t1000\t2\t1\t5.00\t3.00\t1.00\t260000\n" +
	"build\tpagefind\t1000\t2\t2\t2.00\t4.00\t1.00\t390000\n" +
	"build\tkb\t10000\t1\t1\t15\t10\t3\t600000\n" +
	"stage\tkb\t1000\t1\trender\t900\n" +
	"edit\tkb-serve\t1000\t1\t120.5\n" +
	"edit\tkb-serve\t1000\t1\t40\ttitle\n" +
	"edit\tkb-serve\t1000\t2\t60\ttitle\n" +
	"edit\thugo-server\t1000\t1\ttimeout\n" +
	"gobench\tkb-serve-title\t10000\t20\t45.5\t70.1\t30.2\n" +
	"gobench\tkb-serve-body-indexing\t10000\t20\t50.5\t91.3\t12.0\n" +
	"skip\tsearch\tnot yet\n"

func TestReport(t *testing.T) {
	d, err := parse(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	// The pipeline pairs hugo's run with pagefind's: times add, memory is the larger.
	hp := d.pick(pipeline, 1000, wall)
	if hp.n != 2 || hp.lo != 7 || hp.hi != 7 {
		t.Errorf("hugo+pagefind wall = %+v, want two runs of 7 s", hp)
	}
	if m := d.pick(pipeline, 1000, rss); m.med != (400000+390000)/2/1024.0 {
		t.Errorf("hugo+pagefind memory median = %v", m.med)
	}
	if k := d.pick("kb", 1000, cpu); k.med != 2.0 {
		t.Errorf("kb CPU median = %v, want 2.0", k.med)
	}
	md := markdown(d, "build-time.svg")
	for _, want := range []string{"Both pipelines build a site and its search index", "| 1,000 | 0.29 (1/3.5)", "## Search", "Not measured in this run: not yet.", "1 more gave no new page",
		"| kb serve | body | write → page has the new text (savebench) | 1 | 120 |", "| kb serve | title | write → page has the new text (savebench) | 2 | 50.0 | 60.0 | 40.0 | 60.0 |",
		"| kb serve | title | `BenchmarkSaveToReload/title`: write → the page in view served with the new text (Go's HTTP client) | 20 | 45.5 | 70.1 |",
		"| kb serve | body | `BenchmarkSaveToReload/body-indexing`: the same, each page saved again while the search index of its first save is being built | 20 | 50.5 | 91.3 |",
		"Versions that ran: Hugo 0.160.0, Pagefind 1.6.0", "| hugo | hugo v0.160.0 (go install github.com/gohugoio/hugo@v0.160.0, from the Go module proxy) |"} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	// The plot is well-formed XML.
	dec := xml.NewDecoder(strings.NewReader(plot(d)))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("plot is not well-formed: %v", err)
		}
	}
}

func TestSummarize(t *testing.T) {
	s := summarize([]float64{3, 1, 2, 10})
	if s.med != 2.5 || s.lo != 1 || s.hi != 10 || s.n != 4 || s.p90 != 10 {
		t.Errorf("summarize = %+v", s)
	}
	if summarize(nil).present {
		t.Error("no runs should give no figure")
	}
}

const searchSample = "meta\truns\t2\n" +
	"sbuild\tkb\t1000\t1\t1\t1.5\t1\t0.5\t100000\n" +
	"sbuild\tpagefind\t1000\t1\t2\t3\t2\t1\t300000\n" +
	"sstage\tkb\t1000\t1\tsearch\t600\n" +
	"sindex\tkb\t1000\tpostings (p*)\t45\t1000000\t400000\t300000\t400000\n" +
	"sindex\tkb\t1000\tall\t150\t5000000\t1400000\t1200000\t1400000\n" +
	"sindex\tpagefind\t1000\tall\t1100\t5500000\t5100000\t-\t5000000\n" +
	"squery\t1\tlarm\tcompound part\ta word containing larm\tlarm␣\n" +
	"stime\tkb\t1000\t1\tfirst\tlarm\t61440\t15\t90\t400\t61440\t15\n" +
	"stime\tkb\t1000\t2\tfirst\tlarm\t61440\t15\t110\t400\t61440\t15\n" +
	"stime\tpagefind\t1000\t1\tfirst\tlarm\t153600\t16\t300\t880\t13000\t2\n" +
	"stime\tpagefind\t1000\t2\tfirst\tlarm\t153600\t16\t320\t880\t13000\t2\n" +
	"stime\tkb\t1000\t1\tnext\tlarm\t40960\t9\t8\t400\t40960\t9\n" +
	"stime\tpagefind\t1000\t1\tnext\tlarm\t61440\t11\t70\t880\t0\t0\n" +
	"sfile\tkb\t1000\tfirst\tlarm\tassets/sok/abc/p3.json\t30000\n" +
	"sfile\tpagefind\t1000\tfirst\tlarm\tpagefind/wasm.sv.pagefind\t57000\n" +
	"sfound\tkb\t1000\tlarm\t400\t900\t390\t10\t10\n" +
	"sfound\tpagefind\t1000\tlarm\t880\t900\t880\t10\t10\n" +
	"squery\t1\tlarm\tcompound part\ta word containing larm\tlarm␣\n" // again, from another size

func TestSearchReport(t *testing.T) {
	d, err := parse(strings.NewReader(searchSample))
	if err != nil {
		t.Fatal(err)
	}
	md := markdown(d, "build-time.svg")
	for _, want := range []string{
		"| 1,000 | kb's search stage (in that build) | 1 | 0.60 |",
		"| 1,000 | *kb ÷ Pagefind* | 0.14 (1/7.3) |",
		"| `larm␣` | 60.0 | 15 | 100 (90.0–110) | 150 | 16 | 310 (300–320) | 0.40 (1/2.5) | 0.32 (1/3.1) |",
		"| `larm␣` | 900 | 400 | 390 of 900 (43 %) | 10 of 10 (100 %) | 880 |",
		"| kb | postings (p*) | 1.00 | 29.3 |",
		"| first query: at most ¼ of Pagefind's bytes | 1,000 | worst 0.40 (1/2.5) (`larm␣`) | **no** |",
		"| next query: under 10 ms | 1,000 | worst 8.00 ms (`larm␣`) | yes |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	if n := strings.Count(md, "| 1 | `larm␣` |"); n != 1 {
		t.Errorf("the query set lists larm %d times, want once", n)
	}
	if t.Failed() {
		i := strings.Index(md, "## Search")
		t.Log(md[i:])
	}
}

const knownSample = "meta\tknown_pages\t438\n" +
	"meta\tknown_top\t5\n" +
	"cmd\tknown-project\tgo run ./bench/svreal -out DIR; kb build -root DIR -out DIR/public\n" +
	"kquery\t1\tword\tförsäkringskassan\tom-oss\t\n" +
	"kquery\t2\tphrase\t\"öppen källkod\"\toppen-kallkod riktlinjer\ta note\n" +
	"kquery\t3\tword\tbidrag\tbidrag\t\n" +
	"kresult\tkb\t1\t1\t1\t3\tom-oss a b\n" +
	"kresult\tkb\t2\t0\t7\t12\ta b c d e f oppen-kallkod\n" +
	"kresult\tkb\t3\t1\t2\t2\tx bidrag\n" +
	"kresult\tpagefind\t1\t1\t2\t4\tb om-oss\n" +
	"kresult\tpagefind\t2\t1\t1\t1\triktlinjer\n" +
	"kresult\tpagefind\t3\t0\t0\t0\terror: search failed | badly\n" +
	"compound\t97\t101\t1\t2\t97\n"

func TestKnownReport(t *testing.T) {
	d, err := parse(strings.NewReader(knownSample))
	if err != nil {
		t.Fatal(err)
	}
	md := markdown(d, "build-time.svg")
	for _, want := range []string{
		"The corpus is 438 real Swedish",
		"| word | a word as written that only the page has | 2 | 2 (100 %) | 1 (50 %) | yes |",
		"| phrase | two or three words in a row, in quotes | 1 | 0 (0 %) | 1 (100 %) | **no** |",
		"| **all** | | 3 | **2 (66.7 %)** | **2 (66.7 %)** | **no** |",
		"| phrase | `\"öppen källkod\"` | `oppen-kallkod`, `riktlinjer` | ✗ `a`, `b`, `c` (of 12); expected 7th | ✓ 1st |",
		"| word | `bidrag` | `bidrag` | ✓ 2nd | ✗ error: search failed \\| badly |",
		"| compounds | 101 | 97 | 1 | 3 | 96.0 % | 97.0 % |",
		"| simple words | 97 | – | 2 | 95 | | |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	if strings.Contains(md, "`försäkringskassan`") {
		t.Error("a query both engines passed is listed among the misses")
	}
	if t.Failed() {
		i := strings.Index(md, "## Search on real")
		t.Log(md[i:])
	}
}

func TestKnownNotRun(t *testing.T) {
	d, err := parse(strings.NewReader("skip\tknown\tnot run (parts: build)\n"))
	if err != nil {
		t.Fatal(err)
	}
	if md := markdown(d, "x.svg"); !strings.Contains(md, "## Search on real Swedish text\n\nNot measured in this run: not run (parts: build).") {
		t.Error("RESULTS.md does not say the real-text search was not run")
	}
}

func TestReportRebuildAndScaling(t *testing.T) {
	const data = "build\tkb\t10000\t1\t1\t20\t30\t2\t400000\n" +
		"build\tkb-rebuild\t10000\t1\t1\t21\t31\t2\t410000\n" +
		"build\thugo\t10000\t1\t2\t90\t160\t7\t1500000\n" +
		"build\tpagefind\t10000\t1\t3\t30\t60\t3\t900000\n" +
		"build\tkb\t100000\t1\t1\t200\t300\t20\t1200000\n" +
		"stage\tkb\t10000\t1\tassemble\t100\n" +
		"stage\tkb\t100000\t1\tassemble\t3000\n" +
		"stage\tkb\t10000\t1\trender\t1000\n" +
		"stage\tkb\t100000\t1\trender\t10000\n" +
		"scaleindex\tkb\t10000\t1000\t10485760\n" +
		"scaleindex\tkb\t100000\t9000\t104857600\n"
	d, err := parse(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	md := markdown(d, "build-time.svg")
	for _, want := range []string{
		"| kb build over its last output (rebuild) | 1 | 21.0 | 33.0 |",
		"÷ a build into an empty folder, medians: wall 1.05, CPU 1.03",
		"| stage assemble (ms) | 100 | 3000 | 30.0 |", // superlinear: 30 × per 10× pages
		"| stage render (ms) | 1000 | 10000 | 10.0 |",
		"| search index files | 1000 | 9000 | 9.0 |",
		"| search index (MiB) | 10.0 | 100 | 10.0 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	if g := growthPer10(1, 4, 1000, 4000); g < 9.99 || g > 10.01 {
		t.Errorf("growth of 4× for 4× the pages = %v per 10×, want 10 (linear)", g)
	}
}

// TestReportPairs: the builds run.sh makes at a smaller size just before
// each build at a larger one give the growth measured in pairs, beside
// (not instead of) the growth from the full builds, and stay out of kb's
// own rows.
func TestReportPairs(t *testing.T) {
	const data = "build\tkb\t10000\t1\t1\t20\t30\t2\t400000\n" +
		"stage\tkb\t10000\t1\trender\t1500\n" +
		"pair\tkb-pair-100000\t10000\t1\t1\t10\t14\t2\t350000\n" +
		"pairstage\tkb-pair-100000\t10000\t1\trender\t900\n" +
		"build\tkb\t100000\t1\t1\t100\t150\t10\t1300000\n" +
		"stage\tkb\t100000\t1\trender\t10000\n" +
		"pair\tkb-pair-100000\t10000\t2\t1\t12\t16\t2\t352000\n" +
		"pairstage\tkb-pair-100000\t10000\t2\trender\t1100\n" +
		"build\tkb\t100000\t2\t1\t110\t170\t10\t1310000\n" +
		"stage\tkb\t100000\t2\trender\t11000\n" +
		"stagecpu\tkb\t10000\t1\trender\t1600\t300\n" +
		"pairstagecpu\tkb-pair-100000\t10000\t1\trender\t1000\t200\n" +
		"pairstagecpu\tkb-pair-100000\t10000\t2\trender\t1300\t100\n" +
		"stagecpu\tkb\t100000\t1\trender\t12000\t2000\n" +
		"stagecpu\tkb\t100000\t2\trender\t13000\t2000\n" +
		"stagealloc\tkb\t10000\t1\trender\t278\n" +
		"pairstagealloc\tkb-pair-100000\t10000\t1\trender\t277\n" +
		"pairstagealloc\tkb-pair-100000\t10000\t2\trender\t279\n" +
		"stagealloc\tkb\t100000\t1\trender\t2818\n" +
		"stagealloc\tkb\t100000\t2\trender\t2820\n"
	d, err := parse(strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	md := markdown(d, "build-time.svg")
	for _, want := range []string{
		"| stage render (ms) | 1500 | 10500 | 7.0 |", // the full builds' 10,000 against 100,000
		"before each build at 100,000 pages, a build at 10,000 pages (2 pairs)",
		"| stage render (ms) | 1000 (900–1100) | 10500 (10000–11000) | 10.5 |", // the pairs'
		"| **whole build, CPU (s)** | 17.0 (16.0–18.0) | 170 (160–180) | 10.0 |",
		"| stage render, CPU (ms) | 1900 | 14500 | 7.6 |",                             // user + system, the full builds'
		"| stage render, CPU (ms) | 1300 (1200–1400) | 14500 (14000–15000) | 11.2 |",  // the pairs'
		"| stage render, allocated (MiB) | 278 | 2819 | 10.1 |",                       // the full builds'
		"| stage render, allocated (MiB) | 278 (277–279) | 2819 (2818–2820) | 10.1 |", // the pairs'
	} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	if got := d.sizes("kb"); !slices.Equal(got, []int{10000, 100000}) {
		t.Errorf("kb's sizes = %v: the pairs are not kb's full builds", got)
	}
}

// TestVisitReport: cold visits to the search page are tabled per query
// beside the index-only figure, and held to the goals at 10,000 pages;
// those at a size kb was built alone get a table of their own and the
// goals at 100,000 pages.
func TestVisitReport(t *testing.T) {
	in := "squery\t1\tlarm\tcompound part\ta word containing larm\tlarm␣\n" +
		"squery\t2\ttrygg\tprefix as typed\ta word starting with trygg\ttrygg\n" +
		"stime\tkb\t10000\t1\tfirst\tlarm\t20480\t4\t90\t400\t20480\t4\n" +
		"stime\tkb\t10000\t1\tfirst\ttrygg\t81920\t12\t90\t400\t81920\t12\n" +
		"svisit\tkb\t10000\t1\tlarm\t40960\t9\t300\n" +
		"svisit\tkb\t10000\t2\tlarm\t43008\t9\t320\n" +
		"svisit\tkb\t10000\t1\ttrygg\t102400\t16\t500\n" +
		"svisit\tpagefind\t10000\t1\tlarm\t307200\t20\t900\n" +
		"svisit\tpagefind\t10000\t1\ttrygg\t204800\t18\t800\n" +
		"svisit\tkb\t100000\t1\tlarm\t51200\t9\t400\n" +
		"svisit\tkb\t100000\t1\ttrygg\t153600\t16\t700\n"
	d, err := parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	md := markdown(d, "build-time.svg")
	for _, want := range []string{
		"| `larm␣` | 41.0 (40.0–42.0) | 9 | 310 (300–320) | 20.0 | 300 | 20 | 900 | – |",
		"| cold visit to `/sok/?q=…`: median at most 48.0 KiB | 10,000 | 70.5 KiB | **no** |",
		"| cold visit to `/sok/?q=…`: worst at most 96.0 KiB | 10,000 | 100 KiB (`trygg`) | **no** |",
		"#### 100,000 case studies, kb alone",
		"| `trygg` | 150 | 16 | 700 |",
		"| cold visit to `/sok/?q=…`: median at most 72.0 KiB | 100,000 | 100 KiB | **no** |",
		"| cold visit to `/sok/?q=…`: worst at most 144 KiB | 100,000 | 150 KiB (`trygg`) | **no** |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("RESULTS.md lacks %q", want)
		}
	}
	if t.Failed() {
		i := strings.Index(md, "## Search")
		t.Log(md[i:])
	}
}
