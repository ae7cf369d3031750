// Command searchbench compares kb's browser search with Pagefind's on one
// site that kb built and Pagefind indexed as well (bench/run.sh's search
// part): the size of each index on disk, a fixed set of Swedish queries
// run in headless Chromium through a local server that gzips text like a
// real host, and a known-item test on real Swedish pages.
//
//	searchbench index -site DIR -size N
//	searchbench query -site DIR -size N [-runs R] [-chromium PATH]
//	searchbench visit -site DIR -size N [-runs R] [-chromium PATH]
//	searchbench known -site DIR -queries FILE [-top 5] [-chromium PATH]
//
// All four write tab-separated records for bench/report on standard
// output (the formats are listed in bench/report/main.go) and progress on
// standard error.
//
// index measures the files of each engine: kb's are sok/manifest.json, the
// index folder assets/sok/<hash>/ and the scripts assets/sok.*.js (the
// engine) and assets/sok-sida.*.js (the search page); Pagefind's are every
// file of DIR/pagefind/. Each file's size as it is, gzipped (gzip -6 -n) and
// brotli-compressed (brotli -q 11, when the brotli command is installed),
// and "as served": what the query server sends, gzip for text types and
// the bytes as they are for the rest (Pagefind's own files are gzip
// already).
//
// query serves DIR on 127.0.0.1 with Cache-Control: no-store, gzip for
// text types (Content-Encoding: gzip, Vary: Accept-Encoding), and an empty
// page of its own, /__searchbench/ (lang="sv", so Pagefind loads its
// Swedish index), that the queries run from. For each run and query, both
// engines in turn (which goes first alternates run by run):
//
//   - first: a new tab on the empty page, the browser's cache cleared; the
//     time from the start of the query (the engine's import included) to
//     the results with what 10 results show (kb: url, title and excerpt;
//     Pagefind: data() of the first 10), measured in the page with
//     performance.now(); the requests and their bytes on the wire (the sum
//     of encodedDataLength, headers included) from the Network domain of
//     DevTools, every request after the empty page had loaded.
//   - next: a new tab, the same engine loaded and a warm-up query run
//     first ("personal"), then the query, timed and counted the same way.
//
// Then, each run, a reader's cold visit with each query (record svisit): a
// search page opened with the query in its address, the browser's cache
// cleared (kb's /sok/?q=; for Pagefind a page of the server's own with its
// default UI, pagefind-ui.js, searching the address's q), and every
// response the server had finished writing when the page showed its first
// result (or, for a query without results, its message), bodies as sent,
// with the time from the navigation's start. kb's index-only query above
// asks as its search page does first (first: true).
//
// Then, once per engine, every query with all of its results, which are
// checked against the pages a reader would want: the case studies whose
// indexed text (the article without its table of contents, sources and
// related case studies, as Pagefind is told to index it) has a word that
// the query's rule accepts (see queries).
//
// known runs the queries of FILE (bench/svreal/queries.tsv: tab-separated,
// a header line "kind query expect note", then one query a line, expect
// being one or more page slugs separated by spaces) on a site of free
// pages, DIR/sidor/<slug>/, that both engines index and nothing else (it
// checks kb's manifest and Pagefind's fragments against the pages). Each query goes to
// each engine once, as a reader types it (quotes included), from the same
// empty page: kb's search(q, {limit: 10}), Pagefind's search(q) and data()
// of its first 10. A query passes when one of its expected pages is among
// an engine's first -top results (the URL /sidor/<slug>/ gives the slug).
// It records the query set (kquery) and, per engine and query, whether it
// passed, the rank of the first expected page in the top 10 (0: none), the
// total and the slugs of the top 10, or the error the engine threw
// (kresult).
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// query is one query of the set, with the rule for the pages it should find.
type query struct {
	id   string // the query as the report shows it
	q    string // what the engines get: a finished word ends in a space
	kind string
	want string // the rule, in words
	ok   func(words []string) bool
}

func prefix(p string) func(string) bool {
	return func(w string) bool { return strings.HasPrefix(w, p) }
}
func contains(p string) func(string) bool {
	return func(w string) bool { return strings.Contains(w, p) }
}
func oneOf(list ...string) func(string) bool {
	return func(w string) bool { return slices.Contains(list, w) }
}

// any is a page rule: some word of the page passes every one of tests
// (each test by a word of its own).
func anyWord(tests ...func(string) bool) func([]string) bool {
	return func(words []string) bool {
		for _, t := range tests {
			if !slices.ContainsFunc(words, t) {
				return false
			}
		}
		return true
	}
}

var debug = os.Getenv("SEARCHBENCH_DEBUG") != ""

// warmup is the query run before each "next" query.
const warmup = "personal "

// queries is the fixed Swedish query set. A finished word ends in a space
// (kb's engine then expands no prefix of it; Pagefind trims it); a prefix
// as typed has none.
var queries = []query{
	{"trygghetslarm", "trygghetslarm ", "single word", "a word starting with trygghetslarm", anyWord(prefix("trygghetslarm"))},
	{"hemtjänst", "hemtjänst ", "single word", "a word starting with hemtjänst", anyWord(prefix("hemtjänst"))},
	{"äldreomsorgens", "äldreomsorgens ", "inflected form", "a word starting with äldreomsorg", anyWord(prefix("äldreomsorg"))},
	{"larmet", "larmet ", "inflected form", "larm, larms, larmet, larmets, larmen or larmens", anyWord(oneOf("larm", "larms", "larmet", "larmets", "larmen", "larmens"))},
	{"larm", "larm ", "compound part", "a word containing larm (trygghetslarm…)", anyWord(contains("larm"))},
	{"teknik", "teknik ", "compound part", "a word containing teknik (välfärdsteknik…)", anyWord(contains("teknik"))},
	{"aldreomsorg", "aldreomsorg ", "missing å ä ö", "a word starting with äldreomsorg", anyWord(prefix("äldreomsorg"))},
	{"lakemedel", "lakemedel ", "missing å ä ö", "a word starting with läkemedel", anyWord(prefix("läkemedel"))},
	{"hemtjanst", "hemtjanst ", "missing å ä ö", "a word starting with hemtjänst", anyWord(prefix("hemtjänst"))},
	{"trygghetslram", "trygghetslram ", "typo", "a word starting with trygghetslarm", anyWord(prefix("trygghetslarm"))},
	{"nattkamror", "nattkamror ", "typo", "a word starting with nattkamer", anyWord(prefix("nattkamer"))},
	{"digitala lås", "digitala lås ", "two words", "a word starting with digital, and lås, låset, låsen, låsets or låsens", anyWord(prefix("digital"), oneOf("lås", "låset", "låsen", "låsets", "låsens"))},
	{"nattkam", "nattkam", "prefix as typed", "a word starting with nattkam", anyWord(prefix("nattkam"))},
	{"trygg", "trygg", "prefix as typed", "a word starting with trygg", anyWord(prefix("trygg"))},
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	fl := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	site := fl.String("site", "", "the site kb built, with Pagefind's index in its pagefind/ folder")
	size := fl.Int("size", 0, "the corpus size, for the records")
	runs := fl.Int("runs", 5, "runs of each query and engine")
	queriesFile := fl.String("queries", "", "known: the query file (kind, query, expect, note; tab-separated)")
	top := fl.Int("top", 5, "known: a query passes with an expected page among this many first results")
	chromium := fl.String("chromium", "", "Chromium (default: $CHROMIUM, /usr/bin/chromium, chromium on the PATH)")
	fl.Parse(os.Args[2:])
	if *site == "" || (os.Args[1] == "known") != (*queriesFile != "") || (os.Args[1] != "known" && *size == 0) {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "index":
		err = indexSizes(*site, *size)
	case "query":
		err = runQueries(*site, *size, *runs, *chromium)
	case "visit":
		err = runVisits(*site, *size, *runs, *chromium)
	case "known":
		if *top < 1 || *top > knownLimit {
			fmt.Fprintf(os.Stderr, "searchbench: -top must be 1 to %d\n", knownLimit)
			os.Exit(2)
		}
		err = runKnown(*site, *queriesFile, *top, *chromium)
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "searchbench:", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: searchbench index|query|visit -site DIR -size N [-runs R] [-chromium PATH]")
	fmt.Fprintln(os.Stderr, "       searchbench known -site DIR -queries FILE [-top 5] [-chromium PATH]")
	os.Exit(2)
}

func say(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%s]   "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

// record writes one record for bench/report.
func record(fields ...any) {
	s := make([]string, len(fields))
	for i, f := range fields {
		switch v := f.(type) {
		case float64:
			s[i] = strconv.FormatFloat(v, 'f', -1, 64)
		default:
			s[i] = strings.NewReplacer("\t", " ", "\n", " ").Replace(fmt.Sprint(v))
		}
	}
	fmt.Println(strings.Join(s, "\t"))
}

// ---------------------------------------------------------------- the two indexes

type manifest struct {
	Dir   string `json:"dir"`
	Pages int    `json:"pages"`
}

func readManifest(site string) (manifest, error) {
	var m manifest
	b, err := os.ReadFile(filepath.Join(site, "sok", "manifest.json"))
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err == nil && m.Dir == "" {
		err = errors.New("sok/manifest.json names no folder")
	}
	return m, err
}

var (
	engineName = regexp.MustCompile(`^sok\.[0-9a-f]+\.js$`)
	pageName   = regexp.MustCompile(`^sok-sida\.[0-9a-f]+\.js$`)
)

// engineFile finds kb's engine, assets/sok.<hash>.js, and checks that the
// search page loads it.
func engineFile(site string) (string, error) {
	list, _ := os.ReadDir(filepath.Join(site, "assets"))
	var found []string
	for _, e := range list {
		if engineName.MatchString(e.Name()) {
			found = append(found, e.Name())
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("want one assets/sok.<hash>.js in %s, found %v", site, found)
	}
	// The search page imports it (the engine's name is in its page or in
	// the page script).
	var refs []byte
	if b, err := os.ReadFile(filepath.Join(site, "sok", "index.html")); err == nil {
		refs = append(refs, b...)
	}
	for _, e := range list {
		if pageName.MatchString(e.Name()) {
			b, _ := os.ReadFile(filepath.Join(site, "assets", e.Name()))
			refs = append(refs, b...)
		}
	}
	if !bytes.Contains(refs, []byte(found[0])) {
		say("warning: neither sok/index.html nor assets/sok-sida.*.js names %s", found[0])
	}
	return "assets/" + found[0], nil
}

// file is one file of an index and the part of it that it is.
type file struct {
	path, kind string
}

func kbFiles(site string) ([]file, error) {
	m, err := readManifest(site)
	if err != nil {
		return nil, err
	}
	out := []file{{"sok/manifest.json", "manifest"}}
	list, _ := os.ReadDir(filepath.Join(site, "assets"))
	for _, e := range list {
		switch {
		case engineName.MatchString(e.Name()):
			out = append(out, file{"assets/" + e.Name(), "engine (sok.*.js)"})
		case pageName.MatchString(e.Name()):
			out = append(out, file{"assets/" + e.Name(), "search page script (sok-sida.*.js)"})
		}
	}
	dir := "assets/sok/" + m.Dir
	list, err = os.ReadDir(filepath.Join(site, filepath.FromSlash(dir)))
	if err != nil {
		return nil, err
	}
	kinds := map[byte]string{'o': "word lists (o-*)", 'p': "postings (p*)", 'x': "excerpts (x*)", 'd': "page chunks (d*)", 'r': "rests of postings (r*)", 'f': "facets (f)", 't': "dates (t)",
		'n': "position heads (n*)", 'w': "position tails (w*)", 'e': "stop words (e-*)"}
	for _, e := range list {
		k := kinds[e.Name()[0]]
		if k == "" {
			k = "other"
		}
		out = append(out, file{dir + "/" + e.Name(), k})
	}
	return out, nil
}

func pagefindFiles(site string) ([]file, error) {
	var out []file
	root := filepath.Join(site, "pagefind")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		rel = filepath.ToSlash(rel)
		name := d.Name()
		var k string
		switch {
		case strings.HasPrefix(rel, "pagefind/index/"):
			k = "index chunks (index/*.pf_index)"
		case strings.HasPrefix(rel, "pagefind/fragment/"):
			k = "fragments (fragment/*.pf_fragment)"
		case strings.HasPrefix(rel, "pagefind/filter/"):
			k = "filters (filter/*.pf_filter)"
		case strings.HasSuffix(name, ".pf_meta"):
			k = "metadata (*.pf_meta)"
		case strings.HasPrefix(name, "wasm."):
			k = "WebAssembly (wasm.*.pagefind)"
		case name == "pagefind.js" || name == "pagefind-worker.js":
			k = "engine (pagefind.js, pagefind-worker.js)"
		case name == "pagefind-entry.json":
			k = "entry (pagefind-entry.json)"
		case strings.HasSuffix(name, ".js") || strings.HasSuffix(name, ".css"):
			k = "UI and highlight scripts and styles"
		default:
			k = "other"
		}
		out = append(out, file{rel, k})
		return nil
	})
	if len(out) == 0 && err == nil {
		err = fmt.Errorf("no files in %s", root)
	}
	return out, err
}

// textType reports whether the query server gzips a file (and a host
// would): the types of text.
func textType(name string) bool {
	switch path.Ext(name) {
	case ".html", ".js", ".mjs", ".json", ".css", ".svg", ".xml", ".txt":
		return true
	}
	return false
}

// indexSizes records the files and bytes of each engine's index.
func indexSizes(site string, size int) error {
	hasBrotli := false
	if _, err := exec.LookPath("brotli"); err == nil {
		hasBrotli = true
	}
	for _, e := range []struct {
		name  string
		files func(string) ([]file, error)
	}{{"kb", kbFiles}, {"pagefind", pagefindFiles}} {
		list, err := e.files(site)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		say("index %s: %d files, compressing", e.name, len(list))
		raw, gz, br, err := compressedSizes(site, list, hasBrotli)
		if err != nil {
			return err
		}
		type sum struct{ files, raw, gz, br, served int64 }
		byKind := map[string]*sum{}
		var kinds []string
		total := &sum{}
		for i, f := range list {
			s := byKind[f.kind]
			if s == nil {
				s = &sum{}
				byKind[f.kind] = s
				kinds = append(kinds, f.kind)
			}
			served := raw[i]
			if textType(f.path) {
				served = gz[i]
			}
			for _, t := range []*sum{s, total} {
				t.files++
				t.raw += raw[i]
				t.gz += gz[i]
				t.br += br[i]
				t.served += served
			}
		}
		sort.Strings(kinds)
		brs := func(s *sum) string {
			if !hasBrotli {
				return "-"
			}
			return strconv.FormatInt(s.br, 10)
		}
		for _, k := range kinds {
			s := byKind[k]
			record("sindex", e.name, size, k, s.files, s.raw, s.gz, brs(s), s.served)
		}
		record("sindex", e.name, size, "all", total.files, total.raw, total.gz, brs(total), total.served)
	}
	return nil
}

// compressedSizes returns each file's size, gzip -6 -n size and brotli -q
// 11 size (0 without brotli), from the commands themselves run over a copy
// of the files.
func compressedSizes(site string, list []file, hasBrotli bool) (raw, gz, br []int64, err error) {
	tmp, err := os.MkdirTemp("", "searchbench-")
	if err != nil {
		return nil, nil, nil, err
	}
	defer os.RemoveAll(tmp)
	names := make([]string, len(list))
	raw = make([]int64, len(list))
	for i, f := range list {
		b, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(f.path)))
		if err != nil {
			return nil, nil, nil, err
		}
		raw[i] = int64(len(b))
		names[i] = strconv.Itoa(i)
		if err := os.WriteFile(filepath.Join(tmp, names[i]), b, 0o644); err != nil {
			return nil, nil, nil, err
		}
	}
	batch := func(cmd string, args ...string) error {
		for i := 0; i < len(names); i += 500 {
			c := exec.Command(cmd, append(append([]string{}, args...), names[i:min(i+500, len(names))]...)...)
			c.Dir = tmp
			if out, err := c.CombinedOutput(); err != nil {
				return fmt.Errorf("%s: %v\n%s", cmd, err, out)
			}
		}
		return nil
	}
	sizes := func(suffix string) ([]int64, error) {
		out := make([]int64, len(names))
		for i, n := range names {
			st, err := os.Stat(filepath.Join(tmp, n+suffix))
			if err != nil {
				return nil, err
			}
			out[i] = st.Size()
		}
		return out, nil
	}
	if err := batch("gzip", "-6", "-n", "-k", "-f"); err != nil {
		return nil, nil, nil, err
	}
	if gz, err = sizes(".gz"); err != nil {
		return nil, nil, nil, err
	}
	br = make([]int64, len(names))
	if hasBrotli {
		if err := batch("brotli", "-q", "11", "-k", "-f"); err != nil {
			return nil, nil, nil, err
		}
		if br, err = sizes(".br"); err != nil {
			return nil, nil, nil, err
		}
	}
	return raw, gz, br, nil
}

// ---------------------------------------------------------------- the server

const benchPage = "/__searchbench/"

// pagefindPage is a search page as Pagefind's users make one: its default
// UI, which searches the query of the URL's q.
const pagefindPage = "/__searchbench/pagefind/"

const pagefindHTML = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Sök</title><link rel="icon" href="data:,">
<link href="/pagefind/pagefind-ui.css" rel="stylesheet"><script src="/pagefind/pagefind-ui.js"></script></head>
<body><main><h1>Sök</h1><div id="search"></div></main>
<script>
window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({ element: "#search", showSubResults: true });
  const q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
});
</script></body></html>
`

const benchHTML = `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>searchbench</title><link rel="icon" href="data:,"></head>
<body><p>searchbench</p></body></html>
`

// server serves the site as a static host would, gzipping text. It counts
// the requests it answers and the bytes it writes to the connections:
// status lines, headers and bodies, what Chromium's encodedDataLength
// counts on plain HTTP/1.1. The Network domain of a page's DevTools session
// does not see the requests of a worker the page starts (Pagefind runs its
// search in one), so these figures are the ones measured; for the requests
// the page does see, they are checked against encodedDataLength.
type server struct {
	root string
	gz   sync.Map // path → gzipped body, made once

	wire atomic.Int64 // bytes written to every connection
	last atomic.Int64 // when the last bytes were written, Unix ns

	mu  sync.Mutex
	log []served // the requests answered, but the empty page
}

// served is one response: the path, the body's bytes, and when its last
// byte was written (Unix ms).
type served struct {
	path string
	body int64
	end  float64
}

// countingListener counts the bytes written to its connections.
type countingListener struct {
	net.Listener
	n, last *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l.n, l.last}, nil
}

type countingConn struct {
	net.Conn
	n, last *atomic.Int64
}

func (c countingConn) Write(b []byte) (int, error) {
	n, err := c.Conn.Write(b)
	c.n.Add(int64(n))
	c.last.Store(time.Now().UnixNano())
	return n, err
}

// quiet is how long the server has written nothing.
func (s *server) quiet() time.Duration {
	return time.Duration(time.Now().UnixNano() - s.last.Load())
}

// mark returns where the counters are; since returns what was served after.
func (s *server) mark() (int64, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wire.Load(), len(s.log)
}

func (s *server) since(wire int64, at int) (int64, []served) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.wire.Load() - wire, append([]served(nil), s.log[at:]...)
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	p := r.URL.Path
	var body []byte
	name := p
	if p == benchPage {
		body = []byte(benchHTML)
		name = "index.html"
	} else if p == pagefindPage {
		body = []byte(pagefindHTML)
		name = "index.html"
	} else {
		if strings.HasSuffix(p, "/") {
			p += "index.html"
			name = p
		}
		clean := path.Clean("/" + p)
		b, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(clean)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		body = b
	}
	ct := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".js", ".mjs":
		ct = "text/javascript; charset=utf-8"
	case ".json":
		ct = "application/json"
	case "":
		ct = "application/octet-stream"
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	if textType(name) {
		h.Set("Vary", "Accept-Encoding")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			var gz []byte
			if v, ok := s.gz.Load(r.URL.Path); ok {
				gz = v.([]byte)
			} else {
				var buf bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&buf, 6)
				zw.Write(body)
				zw.Close()
				gz = buf.Bytes()
				s.gz.Store(r.URL.Path, gz)
			}
			body = gz
			h.Set("Content-Encoding", "gzip")
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
	if p != benchPage {
		s.mu.Lock()
		s.log = append(s.log, served{r.URL.Path, int64(len(body)), float64(time.Now().UnixMicro()) / 1000})
		s.mu.Unlock()
	}
}

// warm gzips the text files of both indexes before any query, so that no
// measured request waits for compression.
func (s *server) warm(files []file) {
	for _, f := range files {
		if !textType(f.path) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(f.path)))
		if err != nil {
			continue
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, 6)
		zw.Write(b)
		zw.Close()
		s.gz.Store("/"+f.path, buf.Bytes())
	}
}

// ---------------------------------------------------------------- Chromium

func chromiumPath(flagValue string) string {
	for _, p := range []string{flagValue, os.Getenv("CHROMIUM"), "/usr/bin/chromium"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
		if q, err := exec.LookPath(p); err == nil {
			return q
		}
	}
	for _, n := range []string{"chromium", "chromium-browser"} {
		if q, err := exec.LookPath(n); err == nil {
			return q
		}
	}
	return ""
}

// transfer is one request a query made.
type transfer struct {
	url    string
	bytes  int64
	done   bool
	failed string
	cached bool
}

// tab is one tab, recording the requests it makes once armed.
type tab struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu    sync.Mutex
	armed bool
	reqs  map[network.RequestID]*transfer
	order []network.RequestID
	last  time.Time
}

func newTab(browser context.Context) (*tab, error) {
	ctx, cancel := chromedp.NewContext(browser)
	t := &tab{ctx: ctx, cancel: cancel, reqs: map[network.RequestID]*transfer{}}
	if err := chromedp.Listen(ctx, t.event); err != nil {
		cancel()
		return nil, err
	}
	return t, nil
}

func (t *tab) event(ev any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if !t.armed || strings.HasPrefix(ev.Request.URL, "data:") {
			return
		}
		t.last = time.Now()
		if tr := t.reqs[ev.RequestID]; tr != nil {
			tr.url = ev.Request.URL
			return
		}
		t.reqs[ev.RequestID] = &transfer{url: ev.Request.URL}
		t.order = append(t.order, ev.RequestID)
	case *network.EventRequestServedFromCache:
		if tr := t.reqs[ev.RequestID]; tr != nil {
			tr.cached = true
		}
	case *network.EventLoadingFinished:
		if tr := t.reqs[ev.RequestID]; tr != nil {
			t.last = time.Now()
			tr.bytes = int64(ev.EncodedDataLength)
			tr.done = true
		}
	case *network.EventLoadingFailed:
		if tr := t.reqs[ev.RequestID]; tr != nil {
			t.last = time.Now()
			tr.failed = ev.ErrorText
			tr.done = true
		}
	}
}

func (t *tab) arm() {
	t.mu.Lock()
	t.armed = true
	t.reqs = map[network.RequestID]*transfer{}
	t.order = nil
	t.last = time.Now()
	t.mu.Unlock()
}

// take waits until the server has written nothing for 100 ms and every
// request the tab recorded has finished (at most 1 s more for those: a
// worker's script request ends in the worker's session, which the tab does
// not see), and returns the requests in the order they started.
func (t *tab) take(srv *server) []transfer {
	start := time.Now()
	for {
		t.mu.Lock()
		busy := false
		for _, id := range t.order {
			if !t.reqs[id].done {
				busy = true
			}
		}
		t.mu.Unlock()
		quiet := srv.quiet() >= 100*time.Millisecond
		waited := time.Since(start)
		if (quiet && (!busy || waited > time.Second)) || waited > 10*time.Second {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	var out []transfer
	for _, id := range t.order {
		out = append(out, *t.reqs[id])
	}
	t.armed = false
	return out
}

// result is what a query script returns.
type result struct {
	Ms    float64  `json:"ms"`
	Total int      `json:"total"`
	URLs  []string `json:"urls"`
	IDs   []string `json:"ids"`
	Shown int      `json:"shown"` // results with what a result shows
}

// ---------------------------------------------------------------- the scripts

// engine is how one engine is asked.
type engine struct {
	name string
	// load sets window.__ix, ready for queries; first returns a script
	// that loads the engine and queries, timed together; next queries the
	// loaded engine; all returns every result.
	load        string
	first, next func(q string) string
	all         func(q string) string
}

func js(v any) string { b, _ := json.Marshal(v); return string(b) }

func kbEngine(base, engineURL string) engine {
	eng := js(base + "/" + engineURL)
	man := js(base + "/sok/manifest.json")
	query := func(q string, limit int) string {
		// No facet counts: Pagefind's index here has no filters either.
		// The first results as the search page asks for them (first), but
		// for all of them.
		first := ""
		if limit <= 10 {
			first = ", first: true"
		}
		return `const r = await window.__ix.search(` + js(q) + `, {limit: ` + strconv.Itoa(limit) + `, facets: false` + first + `});`
	}
	ret := `return {ms, total: r.total, urls: r.results.map((x) => x.url), shown: r.results.filter((x) => x.url && x.title && x.excerpt).length};`
	return engine{
		name: "kb",
		load: `(async () => { window.__ix = (await import(` + eng + `)).open(` + man + `); return {}; })()`,
		first: func(q string) string {
			return `(async () => { const t0 = performance.now();
				window.__ix = (await import(` + eng + `)).open(` + man + `);
				` + query(q, 10) + `
				const ms = performance.now() - t0; ` + ret + ` })()`
		},
		next: func(q string) string {
			return `(async () => { const t0 = performance.now(); ` + query(q, 10) + `
				const ms = performance.now() - t0; ` + ret + ` })()`
		},
		all: func(q string) string {
			return `(async () => { const t0 = performance.now(); ` + query(q, 1000000) + `
				const ms = performance.now() - t0; ` + ret + ` })()`
		},
	}
}

func pagefindEngine(base string) engine {
	pf := js(base + "/pagefind/pagefind.js")
	query := func(q string) string {
		return `const r = await window.__ix.search(` + js(q) + `);
			const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));`
	}
	ret := `return {ms, total: r.results.length, urls: data.map((d) => d.url), shown: data.filter((d) => d.url && d.meta && d.meta.title && d.excerpt).length};`
	return engine{
		name: "pagefind",
		load: `(async () => { window.__ix = await import(` + pf + `); return {}; })()`,
		first: func(q string) string {
			return `(async () => { const t0 = performance.now();
				window.__ix = await import(` + pf + `);
				` + query(q) + `
				const ms = performance.now() - t0; ` + ret + ` })()`
		},
		next: func(q string) string {
			return `(async () => { const t0 = performance.now(); ` + query(q) + `
				const ms = performance.now() - t0; ` + ret + ` })()`
		},
		all: func(q string) string {
			return `(async () => { const t0 = performance.now();
				const r = await window.__ix.search(` + js(q) + `);
				const ms = performance.now() - t0;
				return {ms, total: r.results.length, ids: r.results.map((x) => x.id)}; })()`
		},
	}
}

// ---------------------------------------------------------------- queries

type bench struct {
	tab  *tab
	base string
	srv  *server
	size int
}

// open loads the empty page anew in the bench's tab, with the browser's
// cache cleared: a new document, so no module, worker or engine state of an
// earlier query is left.
func (b *bench) open() (*tab, error) {
	t := b.tab
	ctx, cancel := context.WithTimeout(t.ctx, 60*time.Second)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{})
			return err
		}),
		chromedp.Navigate(b.base+benchPage),
	)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", benchPage, err)
	}
	return t, nil
}

func (b *bench) eval(t *tab, script string) (result, error) {
	ctx, cancel := context.WithTimeout(t.ctx, 120*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[result](script, chromedp.EvalAwaitPromise))
}

// measured is one timed query: the result, the requests the page's
// DevTools session saw, and what the server sent.
type measured struct {
	res   result
	trs   []transfer
	wire  int64
	files []served
}

func (b *bench) timed(t *tab, script string) (measured, error) {
	// Whatever the page still loads (nothing, normally) is left out.
	t.arm()
	t.take(b.srv)
	t.arm()
	w0, l0 := b.srv.mark()
	res, err := b.eval(t, script)
	if err != nil {
		return measured{}, err
	}
	trs := t.take(b.srv)
	wire, files := b.srv.since(w0, l0)
	return measured{res: res, trs: trs, wire: wire, files: files}, nil
}

// first measures q as the first query of a fresh page.
func (b *bench) first(e engine, q query) (measured, error) {
	t, err := b.open()
	if err != nil {
		return measured{}, err
	}
	return b.timed(t, e.first(q.q))
}

// next measures q after the engine has answered the warm-up query.
func (b *bench) next(e engine, q query) (measured, error) {
	t, err := b.open()
	if err != nil {
		return measured{}, err
	}
	if _, err := b.eval(t, e.load); err != nil {
		return measured{}, fmt.Errorf("loading the engine: %w", err)
	}
	if _, err := b.eval(t, e.next(warmup)); err != nil {
		return measured{}, fmt.Errorf("the warm-up query: %w", err)
	}
	t.arm()
	t.take(b.srv) // the warm-up's last requests, if any
	return b.timed(t, e.next(q.q))
}

// shownScript records, in window.__shownAt (Unix ms), when the page first
// shows a result: kb's search page a result of its list, Pagefind's UI
// one of its results; and in window.__saidAt when its message (kb's
// status, Pagefind's message) last changed, for a query that finds
// nothing.
const shownScript = `(() => {
  const seen = () => document.querySelector("[data-result-list] > li, .pagefind-ui__result");
  let said = "";
  const mark = () => {
    if (!window.__shownAt && seen()) window.__shownAt = Date.now();
    const m = document.querySelector("[data-status], .pagefind-ui__message");
    const text = m ? m.textContent : "";
    if (text && text !== said) { said = text; window.__saidAt = Date.now(); }
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true, characterData: true });
})();`

// visit measures a reader's cold visit to a search page with q in its
// address, the browser's cache cleared: kb's /sok/?q=, or Pagefind's
// default UI on a page of its own (pagefindPage). It returns the responses
// the server had finished writing when the page showed its first result:
// the page, its styles, scripts, icon, the engine and the index files,
// bodies as sent (gzip for text), and the time from the navigation's start
// to the first result shown.
func (b *bench) visit(e engine, q query) (files []served, ms float64, err error) {
	t := b.tab
	ctx, cancel := context.WithTimeout(t.ctx, 120*time.Second)
	defer cancel()
	where := "/sok/"
	if e.name == "pagefind" {
		where = pagefindPage
	}
	u := b.base + where + "?q=" + url.QueryEscape(q.q)
	var id page.ScriptIdentifier
	err = chromedp.Do(ctx,
		chromedp.Navigate(b.base+benchPage),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, network.ClearBrowserCache, cdp.Empty{}); err != nil {
				return err
			}
			r, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: shownScript})
			id = r.Identifier
			return err
		}),
	)
	if err != nil {
		return nil, 0, err
	}
	defer chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.RemoveScriptToEvaluateOnNewDocument, page.RemoveScriptToEvaluateOnNewDocumentParams{Identifier: id})
		return err
	}))
	// What the page before still loaded (Pagefind's fragments) is not
	// this visit's.
	for b.srv.quiet() < 300*time.Millisecond {
		time.Sleep(20 * time.Millisecond)
	}
	_, l0 := b.srv.mark()
	start := float64(time.Now().UnixMicro()) / 1000
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		return nil, 0, fmt.Errorf("%s: %w", u, err)
	}
	// A result shown; or, for a query the engine finds nothing for, its
	// message, once it has not changed for a second and the server has
	// sent nothing for as long.
	var shown float64
	for deadline := time.Now().Add(60 * time.Second); shown == 0; {
		at, err := chromedp.Run(ctx, chromedp.Evaluate[[2]float64](`[window.__shownAt || 0, window.__saidAt || 0]`))
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", u, err)
		}
		now := float64(time.Now().UnixMicro()) / 1000
		switch {
		case at[0] > 0:
			shown = at[0]
		case at[1] > 0 && now-at[1] > 1000 && b.srv.quiet() > time.Second:
			shown = at[1]
		case time.Now().After(deadline):
			return nil, 0, fmt.Errorf("%s: no result or message shown", u)
		default:
			time.Sleep(5 * time.Millisecond)
		}
	}
	for b.srv.quiet() < 200*time.Millisecond { // what the page loads after, to leave it out
		time.Sleep(20 * time.Millisecond)
	}
	_, all := b.srv.since(0, l0)
	for _, f := range all {
		if f.end <= shown {
			files = append(files, f)
		}
	}
	return files, shown - start, nil
}

// cdpBytes is the sum of encodedDataLength over the requests the page's
// DevTools session saw.
func (m measured) cdpBytes() (n int64) {
	for _, tr := range m.trs {
		n += tr.bytes
	}
	return n
}

func (b *bench) check(e engine, q query, mode string, m measured) error {
	for _, tr := range m.trs {
		if tr.failed != "" {
			return fmt.Errorf("%s %q (%s): request failed: %s: %s", e.name, q.id, mode, tr.url, tr.failed)
		}
		if tr.cached {
			return fmt.Errorf("%s %q (%s): %s came from the browser's cache", e.name, q.id, mode, tr.url)
		}
	}
	if want := min(10, m.res.Total); len(m.res.URLs) != want || m.res.Shown != want {
		return fmt.Errorf("%s %q (%s): %d results found, %d returned, %d with url, title and excerpt; want %d", e.name, q.id, mode, m.res.Total, len(m.res.URLs), m.res.Shown, want)
	}
	// What the page's session saw must be what the server sent: all of it
	// for kb, whose engine runs in the page.
	if e.name == "kb" && (len(m.trs) != len(m.files) || m.cdpBytes() != m.wire) {
		return fmt.Errorf("kb %q (%s): the browser saw %d requests, %d bytes; the server sent %d, %d bytes", q.id, mode, len(m.trs), m.cdpBytes(), len(m.files), m.wire)
	}
	if len(m.trs) > len(m.files) || m.cdpBytes() > m.wire {
		return fmt.Errorf("%s %q (%s): the browser saw %d requests, %d bytes; the server sent only %d, %d bytes", e.name, q.id, mode, len(m.trs), m.cdpBytes(), len(m.files), m.wire)
	}
	return nil
}

// openSite reads what a query run needs of kb's site: its absolute path,
// manifest and engine script, and the Chromium to run in.
func openSite(site, chromiumFlag string) (abs string, m manifest, engineURL, exe string, err error) {
	abs, _ = filepath.Abs(site)
	if m, err = readManifest(abs); err != nil {
		return
	}
	if engineURL, err = engineFile(abs); err != nil {
		return
	}
	if exe = chromiumPath(chromiumFlag); exe == "" {
		err = errors.New("Chromium is not installed (scripts/install-test-deps.sh installs Debian's chromium)")
	}
	return
}

func runQueries(site string, size, runs int, chromiumFlag string) error {
	site, m, engineURL, exe, err := openSite(site, chromiumFlag)
	if err != nil {
		return err
	}
	if out, err := exec.Command(exe, "--version").Output(); err == nil {
		record("meta", "chromium", strings.TrimSpace(string(out)))
	}

	// What each query should find, from the pages themselves.
	pages, err := casePages(site)
	if err != nil {
		return err
	}
	if len(pages) != m.Pages {
		return fmt.Errorf("kb's index holds %d pages, the site %d case studies: the comparison needs the same pages", m.Pages, len(pages))
	}
	idURL, err := pagefindIDs(site)
	if err != nil {
		return err
	}
	if len(idURL) != len(pages) {
		return fmt.Errorf("Pagefind's index holds %d pages, the site %d case studies", len(idURL), len(pages))
	}

	b, stop, err := startBench(site, exe, size)
	if err != nil {
		return err
	}
	defer stop()
	base := b.base
	engines := []engine{kbEngine(base, engineURL), pagefindEngine(base)}

	for i, q := range queries {
		record("squery", i+1, q.id, q.kind, q.want, strings.ReplaceAll(q.q, " ", "␣"))
	}
	record("meta", "search_warmup", strings.TrimSpace(warmup))

	for run := 1; run <= runs; run++ {
		order := engines
		if run%2 == 0 {
			order = []engine{engines[1], engines[0]}
		}
		say("queries, %d pages, run %d of %d (%s first)", size, run, runs, order[0].name)
		for _, q := range queries {
			for _, e := range order {
				for _, mode := range []string{"first", "next"} {
					var mm measured
					var err error
					t0 := time.Now()
					if mode == "first" {
						mm, err = b.first(e, q)
					} else {
						mm, err = b.next(e, q)
					}
					if err != nil {
						return fmt.Errorf("%s, query %q (%s): %w", e.name, q.id, mode, err)
					}
					if debug {
						say("%s %s %q: %v (query %.0f ms)", e.name, mode, q.id, time.Since(t0).Round(time.Millisecond), mm.res.Ms)
					}
					if err := b.check(e, q, mode, mm); err != nil {
						return err
					}
					record("stime", e.name, size, run, mode, q.id, mm.wire, len(mm.files), mm.res.Ms, mm.res.Total, mm.cdpBytes(), len(mm.trs))
					if run == 1 {
						for _, f := range mm.files {
							record("sfile", e.name, size, mode, q.id, strings.TrimPrefix(f.path, "/"), f.body)
						}
					}
				}
			}
		}
	}

	if err := b.coldVisits(engines, runs); err != nil {
		return err
	}

	// Every result of every query, against the pages each should find.
	say("all results of each query, %d pages", size)
	for _, e := range engines {
		t, err := b.open()
		if err != nil {
			return err
		}
		if _, err := b.eval(t, e.load); err != nil {
			return fmt.Errorf("%s: loading the engine: %w", e.name, err)
		}
		for _, q := range queries {
			// The top ten in order, then all.
			top, err := b.eval(t, e.next(q.q))
			if err != nil {
				return fmt.Errorf("%s %q: %w", e.name, q.id, err)
			}
			all, err := b.eval(t, e.all(q.q))
			if err != nil {
				return fmt.Errorf("%s %q, all results: %w", e.name, q.id, err)
			}
			found := all.URLs
			if e.name == "pagefind" {
				found = nil
				for _, id := range all.IDs {
					u, ok := idURL[id]
					if !ok {
						return fmt.Errorf("pagefind %q: result id %q is no fragment of the index", q.id, id)
					}
					found = append(found, u)
				}
			}
			expected, hits, topHits := 0, 0, 0
			foundSet := map[string]bool{}
			for _, u := range found {
				foundSet[strings.TrimPrefix(u, "/")] = true
			}
			for u, words := range pages {
				if q.ok(words) {
					expected++
					if foundSet[u] {
						hits++
					}
				}
			}
			for _, u := range top.URLs {
				if w, ok := pages[strings.TrimPrefix(u, "/")]; ok && q.ok(w) {
					topHits++
				}
			}
			if len(found) != all.Total {
				return fmt.Errorf("%s %q: %d results counted, %d returned", e.name, q.id, all.Total, len(found))
			}
			record("sfound", e.name, size, q.id, all.Total, expected, hits, len(top.URLs), topHits)
		}
	}
	return nil
}

// coldVisits makes a reader's cold visit to the search page with each query
// in its address, with each engine in turn, runs times (records svisit, and
// sfile for the first run).
func (b *bench) coldVisits(engines []engine, runs int) error {
	for run := 1; run <= runs; run++ {
		say("cold visits to the search page, %d pages, run %d of %d", b.size, run, runs)
		for _, q := range queries {
			for _, e := range engines {
				files, ms, err := b.visit(e, q)
				if err != nil {
					return fmt.Errorf("%s, visit with %q: %w", e.name, q.id, err)
				}
				var bytes int64
				for _, f := range files {
					bytes += f.body
				}
				if debug {
					say("%s visit %q: %d bytes, %d responses, %.0f ms", e.name, q.id, bytes, len(files), ms)
				}
				record("svisit", e.name, b.size, run, q.id, bytes, len(files), ms)
				if run == 1 {
					for _, f := range files {
						record("sfile", e.name, b.size, "visit", q.id, strings.TrimPrefix(f.path, "/"), f.body)
					}
				}
			}
		}
	}
	return nil
}

// runVisits makes kb's cold visits alone, on a site Pagefind has not
// indexed (bench/run.sh's larger sizes, where kb is built alone).
func runVisits(site string, size, runs int, chromiumFlag string) error {
	site, m, engineURL, exe, err := openSite(site, chromiumFlag)
	if err != nil {
		return err
	}
	if m.Pages != size {
		return fmt.Errorf("kb's index holds %d pages, not %d", m.Pages, size)
	}
	b, stop, err := startBench(site, exe, size)
	if err != nil {
		return err
	}
	defer stop()
	for i, q := range queries {
		record("squery", i+1, q.id, q.kind, q.want, strings.ReplaceAll(q.q, " ", "␣"))
	}
	return b.coldVisits([]engine{kbEngine(b.base, engineURL)}, runs)
}

// startBench serves site and starts Chromium (exe) with one tab; stop ends
// both.
func startBench(site, exe string, size int) (b *bench, stop func(), err error) {
	var undo []func()
	all := func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	defer func() {
		if err != nil {
			all()
		}
	}()
	srv := &server{root: site}
	kf, _ := kbFiles(site)
	pf, _ := pagefindFiles(site)
	srv.warm(append(kf, pf...))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, nil, err
	}
	hs := &http.Server{Handler: srv}
	go hs.Serve(countingListener{ln, &srv.wire, &srv.last})
	undo = append(undo, func() { hs.Close() })
	base := "http://" + ln.Addr().String()

	userData, err := os.MkdirTemp("", "searchbench-chromium-")
	if err != nil {
		return nil, nil, err
	}
	undo = append(undo, func() { os.RemoveAll(userData) })
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(userData),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	undo = append(undo, acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	undo = append(undo, bcancel)
	if err := chromedp.Do(bctx); err != nil {
		return nil, nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	tb, err := newTab(bctx)
	if err != nil {
		return nil, nil, err
	}
	undo = append(undo, tb.cancel)
	return &bench{tab: tb, base: base, srv: srv, size: size}, all, nil
}

// ---------------------------------------------------------------- pages

var (
	articleRE = regexp.MustCompile(`(?s)<article\b.*?</article>`)
	dropRE    = regexp.MustCompile(`(?s)<nav class="toc".*?</nav>|<section class="sources".*?</section>|<section class="related".*?</section>`)
	tagRE     = regexp.MustCompile(`<[^>]*>`)
)

// casePages returns the words of every case study's indexed text, by URL
// ("fallstudier/slug/"): its article without the table of contents, the
// sources and the related case studies, lower-cased and split at every
// character that is no letter or digit.
func casePages(site string) (map[string][]string, error) {
	dirs, err := os.ReadDir(filepath.Join(site, "fallstudier"))
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(site, "fallstudier", d.Name(), "index.html"))
		if errors.Is(err, fs.ErrNotExist) {
			continue // sida/: the list's pages
		}
		if err != nil {
			return nil, err
		}
		art := articleRE.Find(b)
		if art == nil {
			continue
		}
		text := html.UnescapeString(tagRE.ReplaceAllString(dropRE.ReplaceAllString(string(art), " "), " "))
		words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		slices.Sort(words)
		out["fallstudier/"+d.Name()+"/"] = slices.Compact(words)
	}
	return out, nil
}

// pagefindIDs maps the ids of Pagefind's results (its fragments' names) to
// the URLs of their pages, from the fragment files (gzip, then
// "pagefind_dcd" and the fragment's JSON).
func pagefindIDs(site string) (map[string]string, error) {
	dir := filepath.Join(site, "pagefind", "fragment")
	list, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, e := range list {
		id, ok := strings.CutSuffix(e.Name(), ".pf_fragment")
		if !ok {
			continue
		}
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		b = bytes.TrimPrefix(b, []byte("pagefind_dcd"))
		var frag struct {
			URL string `json:"url"`
		}
		if err := json.Unmarshal(b, &frag); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		out[id] = strings.TrimPrefix(frag.URL, "/")
	}
	return out, nil
}
