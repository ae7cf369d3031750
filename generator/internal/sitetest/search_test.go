package sitetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"kunskapsbanken/generator/internal/browsertest"
)

// The search page, /sok/: themes/default/layouts/sok.html and its module
// static/sok-sida.js over the engine sok.js (generator/internal/search/browser) and the index the build
// writes (sok/manifest.json and assets/sok/).

// wait is how long a search may take to show, typing pauses included.
const wait = 30 * time.Second

// maxQueryKB is what one query may transfer at most, gzip-compressed as a
// host sends it, the engine and the first shards included: a loose bound
// while the index format may change.
const maxQueryKB = 150

// searchURL is the search page with a query string such as "q=larm".
func searchURL(query string) string {
	if query == "" {
		return siteURL + "sok/"
	}
	return siteURL + "sok/?" + query
}

func openSearch(t *testing.T, query string, opts ...browsertest.Option) *browsertest.Page {
	t.Helper()
	return browsertest.Browser(t).Open(t, searchURL(query), opts...)
}

// clean fails the test for every problem the page has had so far: console
// errors, exceptions, policy violations, failed or foreign requests.
func clean(t *testing.T, p *browsertest.Page) {
	t.Helper()
	for _, problem := range p.Problems() {
		t.Errorf("%s: %s", p.URL, problem)
	}
}

// shown is what the search page shows, read from its DOM.
type shown struct {
	Value   string // the search box
	Search  string // location.search
	Status  string // the live region
	Results []struct {
		Title, Href, Meta, Excerpt, Section string
		Marks                               []string
	}
	More     bool // "Visa fler träffar" is shown
	Facets   map[string][]facetValue
	Summary  string // the filters' summary, "Filtrera (1 vald)"
	Clear    bool   // "Rensa filter" is shown
	Focus    string // the id, or the text, of the focused element
	NoScript bool   // the message for browsers without script is shown
}

type facetValue struct {
	Key, Label, ID  string
	Count           int
	Checked, Hidden bool
}

const readShown = `(() => {
	const r = document.querySelector('[data-search]');
	const q = (s) => r.querySelector(s);
	const a = document.activeElement;
	return {
		Value: q('#sok-fraga').value,
		Search: location.search,
		Status: q('[role=status]').textContent,
		Results: [...q('[data-result-list]').children].map((li) => ({
			Title: li.querySelector('h3').textContent,
			Href: li.querySelector('h3 a') ? li.querySelector('h3 a').getAttribute('href') : '',
			Meta: li.querySelector('.meta') ? li.querySelector('.meta').textContent : '',
			Excerpt: li.querySelector('.sok-utdrag') ? li.querySelector('.sok-utdrag').textContent : '',
			Section: li.querySelector('.sok-avsnitt a') ? li.querySelector('.sok-avsnitt a').getAttribute('href') : '',
			Marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
		})),
		More: !q('[data-more]').hidden,
		Facets: Object.fromEntries([...r.querySelectorAll('fieldset[data-facet]')].map((fs) => [fs.dataset.facet,
			fs.hidden ? [] : [...fs.querySelectorAll('li')].map((li) => ({
				Key: li.querySelector('input').value, ID: li.querySelector('input').id,
				Label: li.querySelector('.sok-etikett').textContent,
				Count: parseInt(li.querySelector('.count').firstChild.textContent.replace(/\D/g, ''), 10),
				Checked: li.querySelector('input').checked, Hidden: li.hidden,
			}))])),
		Summary: q('[data-filter] summary').textContent,
		Clear: !q('[data-clear]').hidden,
		Focus: a && a !== document.body ? (a.id || a.textContent.trim()) : '',
		NoScript: !document.querySelector('[data-no-script]').hidden,
	};
})()`

func read(t *testing.T, p *browsertest.Page) shown {
	t.Helper()
	var s shown
	p.Eval(t, readShown, &s)
	return s
}

// hits is the live region's sentence for n results of query q.
func hits(n int, q string) string {
	if n == 1 {
		return fmt.Sprintf("1 träff för ”%s”", q)
	}
	return fmt.Sprintf("%d träffar för ”%s”", n, q)
}

var hitsRE = regexp.MustCompile(`^(\d+) träff(ar)? för ”(.*)”$`)

// waitStatus waits until the live region says want.
func waitStatus(t *testing.T, p *browsertest.Page, want string) shown {
	t.Helper()
	w, _ := json.Marshal(want)
	p.Poll(t, `document.querySelector('[role=status]').textContent === `+string(w), wait)
	return read(t, p)
}

// waitHits waits until the live region reports the results of query q and
// returns how many there are.
func waitHits(t *testing.T, p *browsertest.Page, q string) (int, shown) {
	t.Helper()
	re, _ := json.Marshal(`^\d+ träff(ar)? för ”` + regexp.QuoteMeta(q) + `”$`)
	p.Poll(t, `new RegExp(`+string(re)+`).test(document.querySelector('[role=status]').textContent)`, wait)
	s := read(t, p)
	m := hitsRE.FindStringSubmatch(s.Status)
	if m == nil {
		t.Fatalf("status %q", s.Status)
	}
	var n int
	fmt.Sscan(m[1], &n)
	return n, s
}

// typeInto focuses the search box and types text, key by key.
func typeInto(t *testing.T, p *browsertest.Page, text string) {
	t.Helper()
	p.Eval(t, `document.querySelector('#sok-fraga').focus(), true`, nil)
	p.Press(t, text)
}

// queries are the searches the tests use, chosen once by asking the engine
// in the page: a narrow one, a broad one (more than one page of results),
// and a misspelling that finds nothing (with suggestions when the engine
// has any).
var queries struct {
	once                sync.Once
	narrow, broad, none string
	narrowN, broadN     int
	suggestions         []string
	err                 string
}

func chooseQueries(t *testing.T) {
	t.Helper()
	queries.once.Do(func() {
		queries.err = "the test that chose the queries failed" // until they are chosen
		p := openSearch(t, "")
		narrow := []string{"larm", "positioneringslarm", "lås", "trygghet"}
		broad := []string{"kommun", "äldreomsorg", "digital", "teknik", "välfärdsteknik"}
		wrong := []string{"trygghetslxrmxx", "positionerxngslxxm", "qzxjvkqq"}
		all, _ := json.Marshal(append(append(append([]string{}, narrow...), broad...), wrong...))
		var got map[string]struct {
			Total       int
			Suggestions []string
		}
		p.Eval(t, `(async () => {
			const s = document.querySelector('script[data-engine]');
			const m = await import(s.dataset.engine);
			const ix = m.open(new URL(s.dataset.index, location.href).href);
			const out = {};
			for (const q of `+string(all)+`) {
				const r = await ix.search(q, {limit: 1});
				out[q] = {Total: r.total, Suggestions: r.suggestions || []};
			}
			return out;
		})()`, &got)
		for _, q := range narrow {
			if n := got[q].Total; n >= 1 && n <= 10 && queries.narrow == "" {
				queries.narrow, queries.narrowN = q, n
			}
		}
		for _, q := range broad {
			if n := got[q].Total; n > 10 && queries.broad == "" {
				queries.broad, queries.broadN = q, n
			}
		}
		for _, q := range wrong {
			if got[q].Total == 0 && (queries.none == "" || len(queries.suggestions) == 0 && len(got[q].Suggestions) > 0) {
				queries.none, queries.suggestions = q, got[q].Suggestions
			}
		}
		queries.err = ""
		switch {
		case queries.narrow == "":
			queries.err = fmt.Sprintf("none of %q finds 1 to 10 pages: %v", narrow, got)
		case queries.broad == "":
			queries.err = fmt.Sprintf("none of %q finds more than 10 pages: %v", broad, got)
		case queries.none == "":
			queries.err = fmt.Sprintf("each of %q finds something: %v", wrong, got)
		}
	})
	if queries.err != "" {
		t.Fatal(queries.err)
	}
}

// TestSearchCodeOnlyOnSearchPage (no browser): only /sok/ loads script,
// and only its own module, whose data attributes name the engine and the
// index under the base path; its interface text is JSON with every key
// translated; every other page's search box is a plain GET form. The one
// other script is the table sorting of "Vem använder vad".
func TestSearchCodeOnlyOnSearchPage(t *testing.T) {
	forms := 0
	err := filepath.WalkDir(siteDir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		rel, _ := filepath.Rel(siteDir, path)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return err
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "script":
				typ := attr(n, "type")
				switch {
				case typ == "application/ld+json":
				case rel == "sok/index.html" && typ == "module":
					checkModule(t, n)
				case rel == "sok/index.html" && typ == "application/json" && attr(n, "id") == "sok-texter":
					checkTexts(t, text(n))
				case strings.HasPrefix(rel, "vem-anvander-vad/") && typ == "module" && strings.HasPrefix(attr(n, "src"), base+"assets/vem."):
					// "Vem använder vad" sorts its table in place; no search code.
				default:
					t.Errorf("%s: <script type=%q src=%q>: only the search page has script", rel, typ, attr(n, "src"))
				}
			case "form":
				forms++
				if attr(n, "action") != base+"sok/" || attr(n, "method") != "get" || attr(n, "role") != "search" {
					t.Errorf("%s: <form action=%q method=%q role=%q>: want a GET to %ssok/", rel, attr(n, "action"), attr(n, "method"), attr(n, "role"), base)
				}
			}
		}
		if rel != "sok/index.html" && bytes.Contains(data, []byte("sok-sida")) {
			t.Errorf("%s mentions sok-sida: the search code belongs to /sok/ only", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if forms < 10 {
		t.Errorf("only %d search forms in the site; every page but /sok/ and 404 should have one", forms)
	}
}

func checkModule(t *testing.T, n *html.Node) {
	t.Helper()
	src, engine, index, siteBase := attr(n, "src"), attr(n, "data-engine"), attr(n, "data-index"), attr(n, "data-base")
	asset := regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `assets/([a-z-]+)\.[0-9a-f]{10}\.js$`)
	if m := asset.FindStringSubmatch(src); m == nil || m[1] != "sok-sida" {
		t.Errorf("sok/: the module's src %q is not the asset sok-sida.js", src)
	}
	if m := asset.FindStringSubmatch(engine); m == nil || m[1] != "sok" {
		t.Errorf("sok/: data-engine %q is not the asset sok.js", engine)
	}
	if index != base+"sok/manifest.json" || siteBase != base {
		t.Errorf("sok/: data-index %q, data-base %q; want %ssok/manifest.json and %s", index, siteBase, base, base)
	}
	for _, f := range []string{src, engine} {
		if !exists(strings.TrimPrefix(f, base)) {
			t.Errorf("sok/: %s is not in the built site", f)
		}
	}
}

func checkTexts(t *testing.T, data string) {
	t.Helper()
	var texts map[string]any
	if err := json.Unmarshal([]byte(data), &texts); err != nil {
		t.Fatalf("sok/: the interface text is not JSON: %v\n%s", err, data)
	}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case string:
			if v == "" || strings.HasPrefix(v, "search.") {
				t.Errorf("sok/: interface text %s is %q: a key missing from i18n/sv.yaml?", prefix, v)
			}
		case map[string]any:
			for k, x := range v {
				walk(prefix+"."+k, x)
			}
		}
	}
	walk("", texts)
	if len(texts) < 15 {
		t.Errorf("sok/: only %d interface texts", len(texts))
	}
}

// TestSearchWithoutScript: with JavaScript off, /sok/ says that search
// needs it and links to the ways to browse; the search form is not shown.
func TestSearchWithoutScript(t *testing.T) {
	p := openSearch(t, "")
	p.ReloadWithoutScript(t)
	var got struct {
		Message, Search bool
		Text            string
		Links           []string
	}
	p.Eval(t, `(() => {
		const m = document.querySelector('[data-no-script]');
		const visible = (e) => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility === 'visible';
		return {
			Message: visible(m), Text: m.textContent.replace(/\s+/g, ' ').trim(),
			Search: visible(document.querySelector('[data-search]')) || visible(document.querySelector('#sok-fraga')),
			Links: [...m.querySelectorAll('a')].filter(visible).map((a) => a.getAttribute('href')),
		};
	})()`, &got)
	if !got.Message || !strings.Contains(got.Text, "JavaScript") {
		t.Errorf("without script, the message is not shown (visible %v): %q", got.Message, got.Text)
	}
	if got.Search {
		t.Error("without script, the search form is shown, though it cannot work")
	}
	for _, want := range []string{"fallstudier/", "omraden/", "kommuner/", "lan/"} {
		found := false
		for _, href := range got.Links {
			if href == base+want {
				found = true
			}
		}
		if !found {
			t.Errorf("without script, no link to %s%s among %q", base, want, got.Links)
		}
	}
	for _, href := range got.Links {
		if !exists(strings.TrimPrefix(href, base) + "index.html") {
			t.Errorf("without script, link %s leads nowhere", href)
		}
	}
	// axe needs timers, which are off with script: turn script on again,
	// which runs none of the page's own.
	p.EnableScript(t)
	if s := read(t, p); !s.NoScript {
		t.Error("turning script on again ran the page's module")
	}
	for _, v := range p.Axe(t) {
		t.Errorf("/sok/ without script: %s", v)
	}
	clean(t, p)
}

// TestSearchTyping: typing into the box shows results as a list of links
// to pages of the site, with the meta line and marked excerpts; the live
// region counts them; the URL follows ?q= as the reader types, in one
// history entry: back leads to the page before the typing, not to half a
// word.
func TestSearchTyping(t *testing.T) {
	chooseQueries(t)
	q := queries.narrow
	p := openSearch(t, "")
	if s := read(t, p); s.Status != "" || len(s.Results) != 0 || s.NoScript {
		t.Errorf("/sok/ before a search: status %q, %d results, no-script message shown %v", s.Status, len(s.Results), s.NoScript)
	}
	// A pause of a second commits what was typed (COMMIT_MS in
	// sok-sida.js), and a busy machine can pause that long between the
	// test's keys. The page's one-second timers are held, so that what
	// follows is one burst of typing however slowly the keys arrive.
	p.Eval(t, `(() => {
		const real = window.setTimeout;
		window.kbHeldTimers = 0;
		window.setTimeout = (f, ms, ...args) => ms === 1000 ? (window.kbHeldTimers++, 0) : real(f, ms, ...args);
		return true;
	})()`, nil)
	start := string([]rune(q)[:2])
	typeInto(t, p, start)
	p.Poll(t, `location.search === `+jsString("?q="+url.QueryEscape(start)), wait)
	p.Press(t, strings.TrimPrefix(q, start))
	n, s := waitHits(t, p, q)
	if n != queries.narrowN {
		t.Errorf("typed %q: %d hits, the engine says %d", q, n, queries.narrowN)
	}
	if s.Search != "?q="+url.QueryEscape(q) {
		t.Errorf("typed %q: location.search %q", q, s.Search)
	}
	if len(s.Results) != min(n, 10) {
		t.Errorf("typed %q: %d results listed, want %d", q, len(s.Results), min(n, 10))
	}
	marks := 0
	for i, r := range s.Results {
		if r.Title == "" || !strings.HasPrefix(r.Href, base) || !exists(strings.TrimPrefix(r.Href, base)+"index.html") {
			t.Errorf("result %d: %q → %q: want a title linking to a page of the site", i+1, r.Title, r.Href)
		}
		if r.Meta == "" {
			t.Errorf("result %d (%s): no meta line", i+1, r.Title)
		}
		if r.Section != "" && !strings.HasPrefix(r.Section, r.Href+"#") {
			t.Errorf("result %d (%s): section link %q is not into %s", i+1, r.Title, r.Section, r.Href)
		}
		marks += len(r.Marks)
	}
	if marks == 0 {
		t.Errorf("typed %q: no <mark> in any excerpt", q)
	}
	t.Logf("%q: %s; first result %q (%s) %q", q, s.Status, s.Results[0].Title, s.Results[0].Meta, s.Results[0].Excerpt)
	var held int
	p.Eval(t, `window.kbHeldTimers`, &held)
	if held == 0 {
		t.Fatal("the page set no one-second timer while typing: has COMMIT_MS in sok-sida.js changed? Hold its timers instead")
	}

	p.Eval(t, `history.back(), true`, nil)
	p.Poll(t, `location.search === '' && document.querySelector('#sok-fraga').value === '' &&
		document.querySelector('[role=status]').textContent === ''`, wait)
	if s = read(t, p); s.Status != "" || len(s.Results) != 0 {
		t.Errorf("back from %q: status %q, %d results; want the empty page", q, s.Status, len(s.Results))
	}
	p.Eval(t, `history.forward(), true`, nil)
	if s = waitStatus(t, p, hits(n, q)); s.Value != q {
		t.Errorf("forward: box %q, want %q", s.Value, q)
	}
	clean(t, p)
}

// TestSearchFacets: checking a value filters the results to its count and
// writes it into the URL, the other facets' counts follow, the value's own
// facet keeps its counts, focus stays on the box; "Rensa filter" undoes it.
func TestSearchFacets(t *testing.T) {
	chooseQueries(t)
	q := queries.broad
	p := openSearch(t, "q="+url.QueryEscape(q))
	total, s := waitHits(t, p, q)
	before := s
	name, v := pickFacet(t, s, total)
	p.Eval(t, `document.getElementById(`+jsString(v.ID)+`).focus(), true`, nil)
	p.Press(t, " ")
	s = waitStatus(t, p, hits(v.Count, q))
	if want := "?q=" + url.QueryEscape(q) + "&" + name + "=" + url.QueryEscape(v.Key); s.Search != want {
		t.Errorf("after checking %s=%s: location.search %q, want %q", name, v.Key, s.Search, want)
	}
	if got := find(s, name, v.Key); got == nil || !got.Checked {
		t.Errorf("after checking %s=%s: the box is not checked: %+v", name, v.Key, got)
	}
	if x := find(s, name, v.Key); x == nil || s.Focus != x.ID {
		t.Errorf("after checking %s=%s: focus is on %q, not the box", name, v.Key, s.Focus)
	}
	for _, x := range before.Facets[name] {
		if y := find(s, name, x.Key); y == nil || y.Count != x.Count {
			t.Errorf("after checking %s=%s: its own facet changed: %s was %d, now %+v", name, v.Key, x.Key, x.Count, y)
		}
	}
	for facet, values := range s.Facets {
		for _, x := range values {
			if facet != name && x.Count > v.Count {
				t.Errorf("after checking %s=%s (%d): %s=%s counts %d, more than the filtered results", name, v.Key, v.Count, facet, x.Key, x.Count)
			}
		}
	}
	if !s.Clear || !strings.Contains(s.Summary, "1 vald") {
		t.Errorf("after checking one value: Rensa filter shown %v, summary %q", s.Clear, s.Summary)
	}
	t.Logf("%q: %d hits; %s=%s (%q): %d", q, total, name, v.Key, v.Label, v.Count)

	p.Eval(t, `document.querySelector('[data-clear]').focus(), true`, nil)
	p.Press(t, "\r")
	s = waitStatus(t, p, hits(total, q))
	if s.Search != "?q="+url.QueryEscape(q) || s.Clear {
		t.Errorf("after Rensa filter: location.search %q, Rensa filter shown %v", s.Search, s.Clear)
	}
	if s.Focus == "" {
		t.Error("after Rensa filter, focus is lost")
	}
	clean(t, p)
}

// pickFacet chooses a value that narrows the results: its count is less
// than the total. Area first, as a reader would.
func pickFacet(t *testing.T, s shown, total int) (string, facetValue) {
	t.Helper()
	for _, name := range []string{"omrade", "kommun", "status", "lan", "ar", "initiativ"} {
		for _, v := range s.Facets[name] {
			if v.Count > 0 && v.Count < total && !v.Hidden {
				return name, v
			}
		}
	}
	t.Fatalf("no facet value narrows the %d results: %+v", total, s.Facets)
	return "", facetValue{}
}

func find(s shown, facet, key string) *facetValue {
	for i, v := range s.Facets[facet] {
		if v.Key == key {
			return &s.Facets[facet][i]
		}
	}
	return nil
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestSearchHistory: a submitted query and a filter are history entries;
// the back button restores the form and the results of each, and forward
// goes on again.
func TestSearchHistory(t *testing.T) {
	chooseQueries(t)
	q := queries.broad
	p := openSearch(t, "")
	typeInto(t, p, q)
	p.Press(t, "\r")
	total, s := waitHits(t, p, q)
	name, v := pickFacet(t, s, total)
	p.Eval(t, `document.getElementById(`+jsString(v.ID)+`).click(), true`, nil)
	waitStatus(t, p, hits(v.Count, q))

	p.Eval(t, `history.back(), true`, nil)
	s = waitStatus(t, p, hits(total, q))
	if s.Search != "?q="+url.QueryEscape(q) || s.Value != q {
		t.Errorf("back: location.search %q, box %q; want ?q=%s", s.Search, s.Value, q)
	}
	if x := find(s, name, v.Key); x == nil || x.Checked {
		t.Errorf("back: %s=%s is still checked, or gone: %+v", name, v.Key, x)
	}

	p.Eval(t, `history.back(), true`, nil)
	p.Poll(t, `location.search === '' && document.querySelector('[role=status]').textContent === ''`, wait)
	if s = read(t, p); s.Value != "" || len(s.Results) != 0 {
		t.Errorf("back to the empty page: box %q, %d results", s.Value, len(s.Results))
	}

	p.Eval(t, `history.forward(), true`, nil)
	if s = waitStatus(t, p, hits(total, q)); s.Value != q {
		t.Errorf("forward: box %q, want %q", s.Value, q)
	}
	p.Eval(t, `history.forward(), true`, nil)
	s = waitStatus(t, p, hits(v.Count, q))
	if x := find(s, name, v.Key); x == nil || !x.Checked {
		t.Errorf("forward again: %s=%s is not checked", name, v.Key)
	}
	clean(t, p)
}

// TestEveryFacetInURL: each facet of the search page (its fieldsets,
// supplier and procurement included) filters the results, is written into
// the URL when a value is checked, and is read back from it.
func TestEveryFacetInURL(t *testing.T) {
	chooseQueries(t)
	q := queries.broad
	p := openSearch(t, "q="+url.QueryEscape(q))
	total, s := waitHits(t, p, q)
	var names []string
	p.Eval(t, `[...document.querySelectorAll('fieldset[data-facet]')].map(f => f.dataset.facet)`, &names)
	if len(names) < 8 {
		t.Fatalf("the search page shows %d facets (%v); want the eight of layouts/sok.html", len(names), names)
	}
	for _, name := range names {
		var v *facetValue
		for i, x := range s.Facets[name] {
			if x.Count > 0 && x.Count < total && !x.Hidden {
				v = &s.Facets[name][i]
				break
			}
		}
		if v == nil {
			// No case study here has a value of this facet yet (the
			// repository's content names no supplier): the fieldset
			// stays hidden, and there is nothing to check.
			t.Logf("facet %s: no value narrows the %d results of %q", name, total, q)
			continue
		}
		p.Eval(t, `document.getElementById(`+jsString(v.ID)+`).click(), true`, nil)
		got := waitStatus(t, p, hits(v.Count, q))
		if want := "?q=" + url.QueryEscape(q) + "&" + name + "=" + url.QueryEscape(v.Key); got.Search != want {
			t.Errorf("after checking %s=%s: location.search %q, want %q", name, v.Key, got.Search, want)
		}
		p.Eval(t, `document.getElementById(`+jsString(v.ID)+`).click(), true`, nil)
		s = waitStatus(t, p, hits(total, q)) // the lists are drawn anew

		query := url.Values{"q": {q}, name: {v.Key}}.Encode()
		o := openSearch(t, query)
		back := waitStatus(t, o, hits(v.Count, q))
		if x := find(back, name, v.Key); x == nil || !x.Checked || back.Search != "?"+query {
			t.Errorf("%s: %s=%s is not checked, or location.search is %q", o.URL, name, v.Key, back.Search)
		}
		clean(t, o)
	}
	clean(t, p)
}

// TestSearchFromURL: /sok/?q=…&facet=… opened directly shows that search:
// the box, the checked value and its results.
func TestSearchFromURL(t *testing.T) {
	chooseQueries(t)
	q := queries.broad
	p := openSearch(t, "q="+url.QueryEscape(q))
	total, s := waitHits(t, p, q)
	name, v := pickFacet(t, s, total)

	query := url.Values{"q": {q}, name: {v.Key}}.Encode()
	p = openSearch(t, query)
	s = waitStatus(t, p, hits(v.Count, q))
	if s.Value != q || s.Search != "?"+query {
		t.Errorf("%s: box %q, location.search %q", p.URL, s.Value, s.Search)
	}
	if x := find(s, name, v.Key); x == nil || !x.Checked {
		t.Errorf("%s: %s=%s is not checked", p.URL, name, v.Key)
	}
	if len(s.Results) != min(v.Count, 10) || !strings.Contains(s.Summary, "1 vald") {
		t.Errorf("%s: %d results, summary %q", p.URL, len(s.Results), s.Summary)
	}

	// The header's search box on other pages leads here.
	home := browsertest.Browser(t).Open(t, siteURL+"fallstudier/")
	home.Eval(t, `document.querySelector('header input[name=q]').value = `+jsString(q)+`, document.querySelector('header form').submit(), true`, nil)
	home.Poll(t, `location.pathname === `+jsString(base+"sok/"), wait)
	if s := waitStatus(t, home, hits(total, q)); s.Value != q {
		t.Errorf("from the header's box: the search box says %q", s.Value)
	}
	clean(t, p)
	clean(t, home)
}

// TestSearchStatus: the live region is a polite status that is there
// before any search, counts the results, and for a query that finds nothing
// says so and offers the engine's suggestions as links that run them.
func TestSearchStatus(t *testing.T) {
	chooseQueries(t)
	p := openSearch(t, "")
	var live struct{ Role, Live, Text string }
	p.Eval(t, `(() => { const s = document.querySelector('[data-status]');
		return {Role: s.getAttribute('role') || '', Live: s.getAttribute('aria-live') || '', Text: s.textContent}; })()`, &live)
	if live.Role != "status" || (live.Live != "" && live.Live != "polite") || live.Text != "" {
		t.Errorf("the live region before a search: %+v; want role=status, polite, empty", live)
	}

	q := queries.none
	typeInto(t, p, q)
	p.Press(t, "\r")
	want := fmt.Sprintf("Inga träffar för ”%s”.", q)
	if len(queries.suggestions) > 0 {
		p.Poll(t, `document.querySelector('[role=status]').textContent.startsWith(`+jsString(want+" Menade du: ")+`)`, wait)
	} else {
		waitStatus(t, p, want)
	}
	var sugg []struct{ Text, Href string }
	p.Eval(t, `[...document.querySelectorAll('[role=status] a')].map((a) => ({Text: a.textContent, Href: a.getAttribute('href')}))`, &sugg)
	s := read(t, p)
	t.Logf("%q: %q", q, s.Status)
	if len(s.Results) != 0 || s.More {
		t.Errorf("%q: %d results, Visa fler shown %v", q, len(s.Results), s.More)
	}
	if len(queries.suggestions) == 0 {
		t.Logf("the engine suggests nothing for %q: the suggestion links are not tested", q)
		clean(t, p)
		return
	}
	if len(sugg) == 0 || !strings.HasSuffix(s.Status, "?") {
		t.Fatalf("%q: the engine suggests %q, the status %q has no links", q, queries.suggestions, s.Status)
	}
	if sugg[0].Text != queries.suggestions[0] || sugg[0].Href != base+"sok/?q="+url.QueryEscape(queries.suggestions[0]) {
		t.Errorf("suggestion link %+v; want %q → %ssok/?q=…", sugg[0], queries.suggestions[0], base)
	}
	p.Eval(t, `document.querySelector('[role=status] a').focus(), true`, nil)
	p.Press(t, "\r")
	n, s := waitHits(t, p, sugg[0].Text)
	if n == 0 || s.Value != sugg[0].Text || s.Search != "?q="+url.QueryEscape(sugg[0].Text) {
		t.Errorf("after the suggestion %q: %d hits, box %q, location.search %q", sugg[0].Text, n, s.Value, s.Search)
	}
	clean(t, p)
}

// TestSearchKeyboard: with results, Tab reaches the search box, the
// filters, every result and "Visa fler träffar", always with visible focus;
// Enter on "Visa fler träffar" adds the next ten and moves focus to the
// first of them; "Visa alla" opens a long facet and focuses its first new
// value.
func TestSearchKeyboard(t *testing.T) {
	chooseQueries(t)
	q := queries.broad
	p := openSearch(t, "q="+url.QueryEscape(q))
	total, s := waitHits(t, p, q)
	if !s.More {
		t.Fatalf("%q: %d hits but no Visa fler träffar", q, total)
	}
	walk := p.TabWalk(t, 400)
	reached := map[string]bool{}
	for _, f := range walk {
		reached[f.Path] = true
		if !f.Visible {
			t.Errorf("%s: focus not visible: %s", p.URL, f)
		}
	}
	for _, sel := range []string{
		"#sok-fraga",
		"[data-filter] summary",
		"fieldset[data-facet]:not([hidden]) li:not([hidden]) input",
		"[data-result-list] a",
		"[data-more]",
		"fieldset[data-facet]:not([hidden]) [data-show-all]:not([hidden])", // none when no facet is long
	} {
		paths := p.Paths(t, sel)
		if len(paths) == 0 && !strings.Contains(sel, "visa-alla") {
			t.Errorf("%s: nothing matches %s", p.URL, sel)
		}
		for _, path := range paths {
			if !reached[path] {
				t.Errorf("%s: Tab never reaches %s (%s)", p.URL, path, sel)
			}
		}
	}
	if t.Failed() || testing.Verbose() {
		var b strings.Builder
		for _, f := range walk {
			b.WriteString("\n" + f.String())
		}
		t.Logf("%s: Tab order:%s", p.URL, b.String())
	}

	p.Eval(t, `document.querySelector('[data-more]').focus(), true`, nil)
	p.Press(t, "\r")
	p.Poll(t, `document.querySelectorAll('[data-result-list] > li').length === `+fmt.Sprint(min(total, 20)), wait)
	s = read(t, p)
	if len(s.Results) < 11 || s.Focus != strings.TrimSpace(s.Results[10].Title) {
		t.Errorf("after Visa fler träffar: %d results, focus on %q; want focus on result 11", len(s.Results), s.Focus)
	}
	if s.More != (total > 20) {
		t.Errorf("after Visa fler träffar: %d of %d shown, Visa fler shown %v", len(s.Results), total, s.More)
	}
	seen := map[string]bool{}
	for _, r := range s.Results {
		if seen[r.Href] {
			t.Errorf("after Visa fler träffar: %s is listed twice", r.Href)
		}
		seen[r.Href] = true
	}

	// A long facet, if this query has one.
	for name, values := range s.Facets {
		hidden := 0
		for _, v := range values {
			if v.Hidden {
				hidden++
			}
		}
		if hidden == 0 {
			continue
		}
		sel := `[data-facet="` + name + `"] [data-show-all]`
		p.Eval(t, `document.querySelector(`+jsString(sel)+`).focus(), true`, nil)
		p.Press(t, "\r")
		s2 := read(t, p)
		for _, v := range s2.Facets[name] {
			if v.Hidden {
				t.Errorf("after Visa alla in %s: %s is still hidden", name, v.Key)
			}
		}
		if s2.Focus != values[len(values)-hidden].ID && !strings.HasPrefix(s2.Focus, "sok-"+name) {
			t.Errorf("after Visa alla in %s: focus on %q", name, s2.Focus)
		}
		t.Logf("Visa alla in %s showed %d more values", name, hidden)
		break
	}
	clean(t, p)
}

// TestSearchAxe: axe finds nothing with results, a filter checked and the
// filters open, and with no results, in light and dark mode, at 1280 and
// 375 px.
func TestSearchAxe(t *testing.T) {
	chooseQueries(t)
	for _, mode := range []string{"light", "dark"} {
		for _, width := range []int{1280, 375} {
			t.Run(fmt.Sprintf("%s/%d", mode, width), func(t *testing.T) {
				opts := []browsertest.Option{browsertest.Viewport(width, 800)}
				if mode == "dark" {
					opts = append(opts, browsertest.DarkMode())
				}
				q := queries.broad
				p := openSearch(t, "q="+url.QueryEscape(q), opts...)
				total, _ := waitHits(t, p, q)
				// The filters start closed on a phone, and their counts are
				// fetched when they open.
				p.Eval(t, `document.querySelector('[data-filter]').open = true, true`, nil)
				p.Poll(t, `document.querySelectorAll('[data-facet] input[type=checkbox]').length > 0`, wait)
				name, v := pickFacet(t, read(t, p), total)
				p.Eval(t, `document.getElementById(`+jsString(v.ID)+`).click(), true`, nil)
				waitStatus(t, p, hits(v.Count, q))
				for _, x := range p.Axe(t) {
					t.Errorf("%s with %s=%s (%s, %d px): %s", p.URL, name, v.Key, mode, width, x)
				}
				p = openSearch(t, "q="+url.QueryEscape(queries.none), opts...)
				p.Poll(t, `document.querySelector('[role=status]').textContent.startsWith('Inga träffar')`, wait)
				for _, x := range p.Axe(t) {
					t.Errorf("%s, no results (%s, %d px): %s", p.URL, mode, width, x)
				}
				clean(t, p)
			})
		}
	}
}

// TestSearchScreenshots writes PNGs of /sok/ with results at 375 and 1280
// px, light and dark, and with the filters open at 375 px; and checks that
// nothing scrolls sideways at 320 and 375 px.
func TestSearchScreenshots(t *testing.T) {
	chooseQueries(t)
	q := queries.broad
	for _, c := range []struct {
		width   int
		dark    bool
		filters bool
	}{{375, false, false}, {1280, false, false}, {375, true, false}, {1280, true, false}, {375, false, true}, {320, false, true}} {
		mode := "light"
		if c.dark {
			mode = "dark"
		}
		name := fmt.Sprintf("search-%d-%s", c.width, mode)
		if c.filters {
			name = fmt.Sprintf("search-filters-%d-%s", c.width, mode)
		}
		t.Run(name, func(t *testing.T) {
			opts := []browsertest.Option{browsertest.Viewport(c.width, 800)}
			if c.dark {
				opts = append(opts, browsertest.DarkMode())
			}
			p := openSearch(t, "q="+url.QueryEscape(q), opts...)
			waitHits(t, p, q)
			if c.filters {
				p.Eval(t, `document.querySelector('[data-filter]').open = true`, nil)
			}
			if c.width > 320 {
				path := p.Screenshot(t, name)
				t.Logf("%s → %s", p.URL, path)
			}
			if c.width <= 375 {
				if over := p.HorizontalOverflow(t); len(over) > 0 {
					t.Errorf("%s at %d px scrolls sideways:\n%s", p.URL, c.width, indent(strings.Join(over, "\n")))
				}
			}
			clean(t, p)
		})
	}
}

// TestSearchTransfer records the requests and bytes of each query, from a
// cold cache: the first query (engine and first shards), a second query,
// and "Visa fler träffar"; and checks loosely that no query costs more than
// maxQueryKB. The bytes on the wire are as the test server sends them,
// uncompressed; the bound is on the gzip size of the same files, which is
// what a host sends.
func TestSearchTransfer(t *testing.T) {
	chooseQueries(t)
	p := openSearch(t, "")
	p.ClearCache(t)
	net := p.Network(t)
	step := func(what string) {
		t.Helper()
		trs := net.Take(t, 300*time.Millisecond, 30*time.Second)
		var b strings.Builder
		gz := 0
		for _, tr := range trs {
			g := gzipOf(t, tr.URL)
			gz += g
			fmt.Fprintf(&b, "\n  %s (gzip %d)", tr, g)
		}
		total := browsertest.Total(trs)
		t.Logf("%s: %d requests, %.1f KiB on the wire, %.1f KiB gzip:%s", what, len(trs), float64(total)/1024, float64(gz)/1024, b.String())
		if gz > maxQueryKB*1024 {
			t.Errorf("%s transfers %.1f KiB gzip; a query may cost at most %d KiB", what, float64(gz)/1024, maxQueryKB)
		}
		for _, tr := range trs {
			if tr.Failed != "" || tr.Status >= 400 {
				t.Errorf("%s: %s", what, tr)
			}
		}
	}
	typeInto(t, p, queries.narrow)
	waitHits(t, p, queries.narrow)
	step(fmt.Sprintf("first query %q (cold)", queries.narrow))

	p.Eval(t, `document.querySelector('#sok-fraga').select(), true`, nil)
	p.Press(t, queries.broad)
	waitHits(t, p, queries.broad)
	step(fmt.Sprintf("second query %q", queries.broad))

	p.Eval(t, `document.querySelector('[data-more]').click(), true`, nil)
	p.Poll(t, `document.querySelectorAll('[data-result-list] > li').length > 10`, wait)
	step("Visa fler träffar")
	clean(t, p)
}

// gzipOf is the gzip size of the site's file at u, or 0 when u is not one.
func gzipOf(t *testing.T, u string) int {
	t.Helper()
	rel, ok := strings.CutPrefix(u, siteURL)
	if !ok {
		return 0
	}
	if i := strings.IndexAny(rel, "?#"); i >= 0 {
		rel = rel[:i]
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	data, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(rel)))
	if err != nil {
		return 0
	}
	return gzipSize(t, data)
}

// standInEngine is an engine for TestSearchPageDefences, which needs
// answers no real index gives: markup in every field, links off the site,
// and an answer to an earlier query that arrives after a later one. It
// answers at once, except a one-letter query, whose answer it holds until
// the test calls globalThis.kbReleaseHeld(); globalThis.kbEngineLog lists
// what it was asked ("asked a") and what it answered ("answered a"), in
// order. Asked for the first results (first: true), it answers as the
// real engine does when it ranks from the first parts of its postings:
// complete false; the page then asks again ("asked a (count)") for the
// count.
const standInEngine = `
const log = globalThis.kbEngineLog = [];
export function open(manifest) {
	return {
		async search(q, {filters = {}, limit = 10, offset = 0, first = false} = {}) {
			const word = q.trim() + (first ? '' : ' (count)');
			log.push('asked ' + word);
			if (word.length === 1) await new Promise((release) => { globalThis.kbReleaseHeld = release; });
			const res = answer(q, q.trim(), limit, offset);
			res.complete = !first;
			log.push('answered ' + word);
			return res;
		},
	};
}
// distance is the engine's edit distance, which the page uses to place a
// suggestion (Levenshtein here; the engine also counts a swap as one).
export function distance(a, b) {
	let prev = Array.from({length: b.length + 1}, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = cur;
	}
	return prev[b.length];
}
function answer(q, word, limit, offset) {
	if (!word) return {query: q, total: 0, results: [], facets: {}, suggestions: []};
	if (word.includes('lsa')) return {query: q, total: 0, results: [], facets: {}, suggestions: ['lås']};
	const all = [
		{url: PAGE, title: 'Träff för ' + word + ' <img src=x onerror="console.error(1)">',
		 excerpt: [{text: '<script>console.error(2)</script> före ', mark: false}, {text: '<b>' + word + '</b>', mark: true}],
		 section: {id: '"><img src=x onerror=console.error(3)>', title: '<i>Bakgrund</i>'},
		 municipality: '<i>Lund</i>', year: '2021', type: 'fallstudie'},
		{url: 'javascript:console.error(4)//', title: 'skriptlänk', excerpt: [], section: {id: 'x', title: 'x'}, municipality: '', year: '', type: 'sida'},
		{url: '//evil.example/x', title: 'annan värd', excerpt: [], section: null, municipality: '', year: '', type: 'sida'},
		{url: 'https://evil.example/', title: 'annan värd 2', excerpt: [], section: null, municipality: '', year: '', type: 'sida'},
	];
	return {query: q, total: all.length, results: all.slice(offset, offset + limit), suggestions: [],
		facets: {kommun: [{key: 'lund"><img src=x>', label: '<img src=x onerror=console.error(5)>Lund', count: 1, selected: false}]}};
}
`

// TestSearchPageDefences runs the search page over a stand-in engine
// (written into a copy of the built site in a temporary folder): whatever
// the index holds is shown as text, never as markup; links that would leave
// the site are not made; an answer that arrives after a later query's is
// dropped; a suggestion replaces the word it is closest to. It does not
// need the real engine.
func TestSearchPageDefences(t *testing.T) {
	target := pagesUnder("fallstudier", "sida")[0]
	site := siteWithEngine(t, strings.Replace(standInEngine, "PAGE", jsString(target), 1))
	p := browsertest.Browser(t).Open(t, site+"sok/")

	// The search for "a" starts and is held; "ab" is typed, searched and
	// shown; only then does the answer for "a" come, and it must be
	// dropped. (The page reads the engine's answer in the same task as it
	// comes, so once the engine's log says it answered, the page has done
	// whatever it does with it.)
	typeInto(t, p, "a")
	p.Poll(t, `(globalThis.kbEngineLog || []).includes('asked a')`, wait)
	p.Press(t, "b")
	s := waitStatus(t, p, hits(4, "ab"))
	p.Eval(t, `globalThis.kbReleaseHeld(), true`, nil)
	p.Poll(t, `globalThis.kbEngineLog.includes('answered a')`, wait)
	var engineLog []string
	p.Eval(t, `globalThis.kbEngineLog`, &engineLog)
	if want := []string{"asked a", "asked ab", "answered ab", "asked ab (count)", "answered ab (count)", "answered a"}; !slices.Equal(engineLog, want) {
		t.Fatalf("the engine was asked and answered %q, want %q", engineLog, want)
	}
	if s = read(t, p); s.Status != hits(4, "ab") || s.Value != "ab" || s.Search != "?q=ab" {
		t.Errorf("after the late answer for \"a\": status %q, box %q, location.search %q", s.Status, s.Value, s.Search)
	}
	if len(s.Results) != 4 || !strings.HasPrefix(s.Results[0].Title, "Träff för ab ") {
		t.Fatalf("results %+v", s.Results)
	}
	r := s.Results[0]
	if r.Href != base+target || !strings.HasPrefix(r.Section, base+target+"#") || r.Meta != "<i>Lund</i> · 2021 · Fallstudie" ||
		len(r.Marks) != 1 || r.Marks[0] != "<b>ab</b>" || !strings.Contains(r.Excerpt, "<script>") {
		t.Errorf("the first result is not shown as text: %+v", r)
	}
	for _, r := range s.Results[1:] {
		if r.Href != "" || r.Section != "" {
			t.Errorf("result %q links off the site: %q, %q", r.Title, r.Href, r.Section)
		}
	}
	if len(s.Facets["kommun"]) != 1 || s.Facets["kommun"][0].Label != "<img src=x onerror=console.error(5)>Lund" {
		t.Errorf("the facet value is not shown as text: %+v", s.Facets["kommun"])
	}
	var markup []string
	p.Eval(t, `[...document.querySelectorAll('[data-search] *')].map((e) => e.localName).filter((n) => !['form', 'label', 'span', 'input', 'button', 'p', 'div', 'details', 'summary', 'fieldset', 'legend', 'ul', 'li', 'section', 'h2', 'ol', 'h3', 'a', 'mark', 'script'].includes(n))`, &markup)
	if len(markup) > 0 {
		t.Errorf("elements from the index in the page: %q", markup)
	}

	// A suggestion replaces the word it is closest to.
	p.Eval(t, `document.querySelector('#sok-fraga').select(), true`, nil)
	p.Press(t, "digitala lsa\r")
	p.Poll(t, `document.querySelector('[role=status] a') !== null`, wait)
	var href string
	p.Eval(t, `document.querySelector('[role=status] a').getAttribute('href')`, &href)
	if want := base + "sok/?q=digitala+l%C3%A5s"; href != want {
		t.Errorf("the suggestion for \"digitala lsa\" links to %q, want %q", href, want)
	}
	clean(t, p)
}

// approximateEngine is an engine for TestSearchPageApproximate: its first
// results (first: true) are an approximate first page, ten of 25 pages in
// an order of their own; asked without first, it answers from the exact
// order 0…24, without the pages of exclude, from offset. kbEngineLog lists
// what the page asked for.
const approximateEngine = `
const log = globalThis.kbEngineLog = [];
const approx = [12, 0, 1, 2, 3, 4, 5, 6, 7, 20];
const hit = (d) => ({page: d, url: PAGE, title: 'Träff ' + d, excerpt: [], section: null, municipality: '', year: '', type: 'sida'});
export function open(manifest) {
	return {
		async search(q, {limit = 10, offset = 0, first = false, exclude = []} = {}) {
			log.push(first ? 'first' : 'offset ' + offset + ' exclude ' + exclude.join(','));
			if (first) return {query: q, total: 10, complete: false, approximate: true, results: approx.map(hit), facets: {}, suggestions: []};
			const rest = Array.from({length: 25}, (_, d) => d).filter((d) => !exclude.includes(d));
			return {query: q, total: 25, complete: true, approximate: false, results: rest.slice(offset, offset + limit).map(hit), facets: {}, suggestions: []};
		},
	};
}
export function distance(a, b) { return a === b ? 0 : 1; }
`

// TestSearchPageApproximate: after an approximate first page, "Visa fler
// träffar" asks for the next pages without the pages shown, so that every
// page is listed once, none skipped, and the first ten stay as shown.
func TestSearchPageApproximate(t *testing.T) {
	site := siteWithEngine(t, strings.Replace(approximateEngine, "PAGE", jsString(pagesUnder("fallstudier", "sida")[0]), 1))
	p := browsertest.Browser(t).Open(t, site+"sok/?q=trygg")
	s := waitStatus(t, p, hits(25, "trygg"))
	for _, n := range []int{20, 25} {
		p.Eval(t, `document.querySelector('[data-more]').click(), true`, nil)
		p.Poll(t, `document.querySelectorAll('[data-result-list] > li').length === `+fmt.Sprint(n), wait)
	}
	s = read(t, p)
	var titles []string
	for _, r := range s.Results {
		titles = append(titles, r.Title)
	}
	var want []string
	for _, d := range []int{12, 0, 1, 2, 3, 4, 5, 6, 7, 20, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24} {
		want = append(want, fmt.Sprintf("Träff %d", d))
	}
	if !slices.Equal(titles, want) {
		t.Errorf("after an approximate first page and Visa fler träffar twice: %q, want %q", titles, want)
	}
	if s.More {
		t.Errorf("all 25 shown, and Visa fler träffar still offered")
	}
	var asked []string
	p.Eval(t, `globalThis.kbEngineLog`, &asked)
	ex := "exclude 12,0,1,2,3,4,5,6,7,20"
	if want := []string{"offset 0 " + ex, "offset 10 " + ex}; len(asked) < 2 || !slices.Equal(asked[len(asked)-2:], want) || !slices.Contains(asked, "first") {
		t.Errorf("the engine was asked %q; want the first results first, and for the next pages %q", asked, want)
	}
	clean(t, p)
}

// siteWithEngine serves a copy of the built site (in a temporary folder)
// whose search engine is engine, a stand-in module, and whose manifest is
// empty, and returns its address.
func siteWithEngine(t *testing.T, engine string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(siteDir)); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, "sok", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`data-engine="` + regexp.QuoteMeta(base) + `([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatal("sok/index.html names no engine (data-engine)")
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(string(m[1]))), []byte(engine), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sok", "manifest.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	return browsertest.Serve(t, dir, base)
}
