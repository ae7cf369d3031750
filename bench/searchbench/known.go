package main

// The known-item test (searchbench known): a set of queries, each with the
// pages it is written to find, run through both engines in the browser on
// a site of free pages (bench/svreal's real Swedish pages).

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// knownQuery is one line of the query file.
type knownQuery struct {
	kind, q, note string
	expect        []string // page slugs, any one of which passes
}

// knownLimit is how many results of each engine are looked at: a query
// passes with an expected page in the top -top (5), and the rank of one
// found lower is still reported up to here.
const knownLimit = 10

// readKnown reads a query file: tab-separated, a header line whose first
// fields are kind, query and expect (then note), then one query a line;
// expect is one or more page slugs separated by spaces. Empty lines and
// lines starting with # are skipped.
func readKnown(name string) ([]knownQuery, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var out []knownQuery
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			if !strings.HasPrefix(text, "kind\tquery\texpect") {
				return nil, fmt.Errorf("%s: the first line is %q, want the header kind<TAB>query<TAB>expect<TAB>note", name, text)
			}
			continue
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 3 || f[0] == "" || strings.TrimSpace(f[1]) == "" || strings.TrimSpace(f[2]) == "" {
			return nil, fmt.Errorf("%s:%d: want kind, query and expected pages, tab-separated: %q", name, line, text)
		}
		q := knownQuery{kind: f[0], q: f[1], expect: strings.Fields(f[2])}
		if len(f) > 3 {
			q.note = f[3]
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no queries", name)
	}
	return out, nil
}

// freePages returns the slugs of the site's free pages, sidor/<slug>/.
func freePages(site string) ([]string, error) {
	dirs, err := os.ReadDir(filepath.Join(site, "sidor"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(site, "sidor", d.Name(), "index.html")); d.IsDir() && err == nil {
			out = append(out, d.Name())
		}
	}
	return out, nil
}

// slugOf turns a result's URL into a free page's slug: /sidor/<slug>/
// (Pagefind) or sidor/<slug>/ (kb's, relative to the site's base). Any
// other URL stays as it is.
func slugOf(url string) string {
	if s, ok := strings.CutPrefix(strings.TrimPrefix(url, "/"), "sidor/"); ok {
		if s, ok := strings.CutSuffix(s, "/"); ok && s != "" && !strings.Contains(s, "/") {
			return s
		}
	}
	return url
}

// knownResult is what a known-item script returns.
type knownResult struct {
	Total int      `json:"total"`
	URLs  []string `json:"urls"`
	Error string   `json:"error"`
}

// knownScript runs q on the loaded engine: its total and the URLs of its
// first knownLimit results, or the error it threw.
func knownScript(engine, q string) string {
	var run string
	if engine == "kb" {
		run = `const r = await window.__ix.search(` + js(q) + `, {limit: ` + strconv.Itoa(knownLimit) + `, facets: false});
			return {total: r.total, urls: r.results.map((x) => x.url)};`
	} else {
		run = `const r = await window.__ix.search(` + js(q) + `);
			const data = await Promise.all(r.results.slice(0, ` + strconv.Itoa(knownLimit) + `).map((x) => x.data()));
			return {total: r.results.length, urls: data.map((d) => d.url)};`
	}
	return `(async () => { try { ` + run + ` } catch (e) { return {total: 0, urls: [], error: String(e && e.message || e)}; } })()`
}

// runKnown runs every query of the file through both engines, once each,
// and records for each whether an expected page is among the top results.
func runKnown(site, queriesPath string, top int, chromiumFlag string) error {
	site, _ = filepath.Abs(site)
	qs, err := readKnown(queriesPath)
	if err != nil {
		return err
	}
	m, err := readManifest(site)
	if err != nil {
		return err
	}
	engineURL, err := engineFile(site)
	if err != nil {
		return err
	}
	slugs, err := freePages(site)
	if err != nil {
		return err
	}
	// Both engines must hold exactly the free pages.
	if m.Pages != len(slugs) {
		return fmt.Errorf("kb's index holds %d pages, the site %d free pages: the comparison needs the same pages", m.Pages, len(slugs))
	}
	idURL, err := pagefindIDs(site)
	if err != nil {
		return err
	}
	if len(idURL) != len(slugs) {
		return fmt.Errorf("Pagefind's index holds %d pages, the site %d free pages", len(idURL), len(slugs))
	}
	for _, u := range idURL {
		if s := slugOf(u); !slices.Contains(slugs, s) {
			return fmt.Errorf("Pagefind indexed %s, which is no free page", u)
		}
	}
	var bad []string
	for _, q := range qs {
		for _, e := range q.expect {
			if !slices.Contains(slugs, e) {
				bad = append(bad, fmt.Sprintf("%q expects %s", q.q, e))
			}
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%s names pages the site does not have: %s", queriesPath, strings.Join(bad, "; "))
	}
	exe := chromiumPath(chromiumFlag)
	if exe == "" {
		return errors.New("Chromium is not installed (scripts/install-test-deps.sh installs Debian's chromium)")
	}
	if out, err := exec.Command(exe, "--version").Output(); err == nil {
		record("meta", "chromium", strings.TrimSpace(string(out)))
	}
	record("meta", "known_pages", len(slugs))
	record("meta", "known_top", top)
	for i, q := range qs {
		record("kquery", i+1, q.kind, q.q, strings.Join(q.expect, " "), q.note)
	}

	b, stop, err := startBench(site, exe, len(slugs))
	if err != nil {
		return err
	}
	defer stop()
	for _, e := range []engine{kbEngine(b.base, engineURL), pagefindEngine(b.base)} {
		t, err := b.open()
		if err != nil {
			return err
		}
		if _, err := b.eval(t, e.load); err != nil {
			return fmt.Errorf("%s: loading the engine: %w", e.name, err)
		}
		passed := 0
		for i, q := range qs {
			res, err := evalKnown(t, knownScript(e.name, q.q))
			if err != nil {
				return fmt.Errorf("%s %q: %w", e.name, q.q, err)
			}
			rank := 0
			found := make([]string, len(res.URLs))
			for j, u := range res.URLs {
				found[j] = slugOf(u)
				if rank == 0 && slices.Contains(q.expect, found[j]) {
					rank = j + 1
				}
			}
			pass := rank >= 1 && rank <= top
			if pass {
				passed++
			}
			shown := strings.Join(found, " ")
			if res.Error != "" {
				shown = "error: " + res.Error
				say("%s %q: %s", e.name, q.q, res.Error)
			} else if debug && !pass {
				say("%s missed %q (%s): %s", e.name, q.q, strings.Join(q.expect, " "), shown)
			}
			record("kresult", e.name, i+1, b2i(pass), rank, res.Total, shown)
		}
		say("known items, %s: %d of %d in the top %d", e.name, passed, len(qs), top)
	}
	return nil
}

func evalKnown(t *tab, script string) (knownResult, error) {
	ctx, cancel := context.WithTimeout(t.ctx, 120*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[knownResult](script, chromedp.EvalAwaitPromise))
}

func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}
