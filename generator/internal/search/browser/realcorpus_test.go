package browser_test

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kunskapsbanken/generator/internal/pipeline"
	"kunskapsbanken/generator/internal/search/bleve"
	"kunskapsbanken/generator/internal/search/index"
	"kunskapsbanken/generator/internal/search/internal/texts"
)

// realQuery is one line of bench/svreal/queries.tsv.
type realQuery struct {
	line            int
	kind, q, note   string
	expect          []string // slugs; one in the top 5 passes
	bleveTop, jsTop []string // the slugs each engine ranked in the top 5
	bleveOK, jsOK   bool
}

// realKinds are the kinds of queries.tsv, in its order.
var realKinds = []string{"word", "inflection", "compound-part", "no-diacritics", "typo", "prefix", "two-words", "stop-words", "phrase", "near"}

// realPass is the share of its queries each kind must pass in each engine.
const realPass = 0.98

// TestRealCorpus runs kb's own known-item queries (bench/svreal/queries.tsv)
// over the real Swedish corpus of bench/svreal, adapted and built as kb
// builds a site, through both engines: bleve (kb search) and the browser
// engine in node. A query passes when one of its expected pages is in the
// top 5. Each kind must pass at least 98% of its queries in each engine,
// and the engines must agree on every query. The table of passes per kind
// and every miss are logged (go test -v).
//
// KB_REAL_KINDS=compound-part,phrase runs only those kinds.
func TestRealCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the 438 pages of the real corpus")
	}
	queries := readRealQueries(t, filepath.Join(texts.Root(t), "bench", "svreal", "queries.tsv"))
	if only := os.Getenv("KB_REAL_KINDS"); only != "" {
		kinds := strings.Split(only, ",")
		for _, k := range kinds {
			if !slices.Contains(realKinds, k) {
				t.Fatalf("KB_REAL_KINDS: no kind %q; the kinds are %s", k, strings.Join(realKinds, ","))
			}
		}
		queries = slices.DeleteFunc(queries, func(q *realQuery) bool { return !slices.Contains(kinds, q.kind) })
	}

	root := texts.RealProject(t)
	res, err := pipeline.Run(pipeline.Options{Root: os.DirFS(root)})
	if err != nil || res.Diags.HasErrors() {
		t.Fatalf("build: %v\n%v", err, res.Diags)
	}
	docs := pipeline.SearchDocs(res.Site)
	if len(docs) != 438 {
		t.Fatalf("the real corpus built %d pages, want 438", len(docs))
	}
	slugs := make([]string, len(docs)) // by page number
	known := map[string]bool{}
	for i, d := range docs {
		slug, ok := strings.CutPrefix(strings.Trim(d.URL, "/"), "sidor/")
		if !ok {
			t.Fatalf("page %s is no free page", d.URL)
		}
		slugs[i] = slug
		known[slug] = true
	}
	for _, q := range queries {
		for _, s := range q.expect {
			if !known[s] {
				t.Fatalf("queries.tsv:%d: no page %s", q.line, s)
			}
		}
	}
	ix := index.Build(docs, pipeline.SearchWeights(res.Site.Config))
	engine, err := bleve.New(ix)
	if err != nil {
		t.Fatal(err)
	}
	defer engine.Close()

	var jq []jsQuery
	for _, q := range queries {
		jq = append(jq, jsQuery{Q: q.q, Limit: 5})
	}
	js := runJS(t, ix, jq)
	top := func(pages []int) []string {
		var out []string
		for _, p := range pages {
			out = append(out, slugs[p])
		}
		return out
	}
	for i, q := range queries {
		r, err := engine.Search(q.q, nil, 5, 0)
		if err != nil {
			t.Fatal(err)
		}
		var pages []int
		for _, h := range r.Hits {
			pages = append(pages, h.Doc)
		}
		q.bleveTop, q.jsTop = top(pages), top(js[i].Pages)
		hit := func(top []string) bool {
			return slices.ContainsFunc(top, func(s string) bool { return slices.Contains(q.expect, s) })
		}
		q.bleveOK, q.jsOK = hit(q.bleveTop), hit(q.jsTop)
	}

	var table strings.Builder
	fmt.Fprintf(&table, "\n%-14s %7s %7s %7s\n", "kind", "queries", "bleve", "browser")
	var misses strings.Builder
	total, totalBleve, totalJS := 0, 0, 0
	for _, kind := range realKinds {
		var n, b, j int
		for _, q := range queries {
			if q.kind != kind {
				continue
			}
			n++
			if q.bleveOK {
				b++
			}
			if q.jsOK {
				j++
			}
			if !q.bleveOK || !q.jsOK {
				fmt.Fprintf(&misses, "  %-13s %-32q want %s; bleve %v, browser %v (%s)\n", kind, q.q, strings.Join(q.expect, " "), q.bleveTop, q.jsTop, q.note)
			}
			if q.bleveOK != q.jsOK {
				t.Errorf("queries.tsv:%d: %s %q: bleve passes %v, the browser engine %v; they must agree", q.line, kind, q.q, q.bleveOK, q.jsOK)
			}
		}
		if n == 0 {
			continue
		}
		total, totalBleve, totalJS = total+n, totalBleve+b, totalJS+j
		fmt.Fprintf(&table, "%-14s %7d %7d %7d\n", kind, n, b, j)
		if need := int(math.Ceil(realPass*float64(n) - 1e-9)); b < need || j < need {
			t.Errorf("%s: bleve passes %d and the browser engine %d of %d queries; want at least %d (%.1f%%) each", kind, b, j, n, need, 100*realPass)
		}
	}
	fmt.Fprintf(&table, "%-14s %7d %7d %7d", "all", total, totalBleve, totalJS)
	t.Log(table.String())
	if misses.Len() > 0 {
		t.Logf("misses (the expected page not in an engine's top 5):\n%s", misses.String())
	}
}

// readRealQueries reads the query set: a header line, then kind, query,
// expected slugs (space-separated) and a note, tab-separated.
func readRealQueries(t *testing.T, path string) []*realQuery {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []*realQuery
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		cols := strings.Split(sc.Text(), "\t")
		if n == 1 {
			if strings.Join(cols, "\t") != "kind\tquery\texpect\tnote" {
				t.Fatalf("%s:1: the header is %q, want kind, query, expect, note", path, sc.Text())
			}
			continue
		}
		if len(cols) < 3 || len(cols) > 4 || !slices.Contains(realKinds, cols[0]) || cols[1] == "" || len(strings.Fields(cols[2])) == 0 {
			t.Fatalf("%s:%d: want a kind (%s), a query, expected slugs and a note, tab-separated: %q", path, n, strings.Join(realKinds, ", "), sc.Text())
		}
		q := &realQuery{line: n, kind: cols[0], q: cols[1], expect: strings.Fields(cols[2])}
		if len(cols) == 4 {
			q.note = cols[3]
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
