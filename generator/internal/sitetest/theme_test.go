package sitetest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"kunskapsbanken/generator/internal/browsertest"
)

// maxCaseStudyKB is what a case study page may cost a reader before any
// search code loads: its HTML and its stylesheets, gzip-compressed, as a
// host sends them.
const maxCaseStudyKB = 50

// TestPageWeight: the heaviest case study page, HTML and CSS compressed
// with gzip, transfers at most maxCaseStudyKB kilobytes.
func TestPageWeight(t *testing.T) {
	pages := pagesUnder("fallstudier", "sida")
	if len(pages) == 0 {
		t.Fatal("the built site has no case study")
	}
	css := map[string]int{} // stylesheet → gzip size
	worst, worstSize, worstHTML := "", 0, 0
	for _, p := range pages {
		data, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(p), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		size := gzipSize(t, data)
		htmlSize := size
		for _, href := range stylesheets(t, data) {
			if _, ok := css[href]; !ok {
				rel := strings.TrimPrefix(href, base)
				b, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(rel)))
				if err != nil {
					t.Fatalf("%s: stylesheet %s: %v", p, href, err)
				}
				css[href] = gzipSize(t, b)
			}
			size += css[href]
		}
		if size > worstSize {
			worst, worstSize, worstHTML = p, size, htmlSize
		}
	}
	kb := func(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1024) }
	t.Logf("heaviest case study: %s%s: %s gzip (HTML %s, CSS %s)", base, worst, kb(worstSize), kb(worstHTML), kb(worstSize-worstHTML))
	if worstSize > maxCaseStudyKB*1024 {
		t.Errorf("%s%s transfers %s gzip (HTML %s, CSS %s); a case study may cost at most %d KB",
			base, worst, kb(worstSize), kb(worstHTML), kb(worstSize-worstHTML), maxCaseStudyKB)
	}
}

func gzipSize(t *testing.T, data []byte) int {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Len()
}

// stylesheets returns the href of every <link rel="stylesheet"> of a page.
func stylesheets(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "link" && attr(n, "rel") == "stylesheet" {
			out = append(out, attr(n, "href"))
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestStructuredData: a case study carries Open Graph tags and schema.org
// JSON-LD (an Article and a BreadcrumbList) that parses in the browser,
// and the JSON-LD script causes no violation of the content security
// policy.
func TestStructuredData(t *testing.T) {
	k := kindNamed(t, "case study")
	p := open(t, k)
	var got struct {
		Scripts int
		Data    string
		OG      map[string]string
	}
	p.Eval(t, `(() => {
		const s = document.querySelectorAll('script');
		const og = {};
		for (const m of document.querySelectorAll('meta[property^="og:"]')) og[m.getAttribute('property')] = m.content;
		return {Scripts: s.length, Data: s.length ? JSON.stringify(JSON.parse(s[0].textContent)) : '', OG: og};
	})()`, &got)
	for _, problem := range p.Problems() {
		t.Errorf("%s%s: %s", base, k.Path, problem)
	}
	if got.Scripts != 1 {
		t.Fatalf("%s%s has %d script elements, want exactly one (the JSON-LD)", base, k.Path, got.Scripts)
	}
	var ld struct {
		Context string `json:"@context"`
		Graph   []struct {
			Type          string `json:"@type"`
			Headline      string `json:"headline"`
			Description   string `json:"description"`
			DatePublished string `json:"datePublished"`
			DateModified  string `json:"dateModified"`
			InLanguage    string `json:"inLanguage"`
			Publisher     struct{ Name string }
			About         struct{ Name string }
			Items         []struct {
				Position int    `json:"position"`
				Name     string `json:"name"`
				Item     string `json:"item"`
			} `json:"itemListElement"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(got.Data), &ld); err != nil {
		t.Fatalf("%s%s: the JSON-LD does not parse: %v", base, k.Path, err)
	}
	types := map[string]int{}
	for i, g := range ld.Graph {
		types[g.Type] = i + 1
	}
	if ld.Context != "https://schema.org" || types["Article"] == 0 || types["BreadcrumbList"] == 0 {
		t.Fatalf("%s%s: JSON-LD wants an Article and a BreadcrumbList from https://schema.org: %s", base, k.Path, got.Data)
	}
	a := ld.Graph[types["Article"]-1]
	date := regexp.MustCompile(`^\d{4}-\d\d-\d\d$`)
	if a.Headline == "" || a.Description == "" || !date.MatchString(a.DatePublished) || !date.MatchString(a.DateModified) ||
		a.InLanguage != "sv" || a.Publisher.Name == "" || a.About.Name == "" {
		t.Errorf("%s%s: the Article lacks a field: %+v", base, k.Path, a)
	}
	bc := ld.Graph[types["BreadcrumbList"]-1].Items
	if len(bc) < 2 || bc[0].Position != 1 || bc[len(bc)-1].Name != a.Headline {
		t.Errorf("%s%s: the BreadcrumbList does not lead from the home page to the page: %+v", base, k.Path, bc)
	}
	for _, prop := range []string{"og:title", "og:description", "og:type", "og:locale", "og:site_name"} {
		if got.OG[prop] == "" {
			t.Errorf("%s%s: no %s", base, k.Path, prop)
		}
	}
	if got.OG["og:type"] != "article" || got.OG["og:locale"] != "sv_SE" {
		t.Errorf("%s%s: og:type %q, og:locale %q; want article, sv_SE", base, k.Path, got.OG["og:type"], got.OG["og:locale"])
	}
}

// TestHomeMap: the home page's map marks every municipality that has case
// studies with a link named "Kommun: N fallstudier", the same data is in a
// table, the source of the boundaries is credited, in the browser every
// marker can be reached with Tab, and the open table passes axe.
func TestHomeMap(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(siteDir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var svg *html.Node
	rows := map[string]string{} // municipality → count, from the table
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "svg" && svg == nil {
			svg = n
		}
		if n.Type == html.ElementNode && n.Data == "tr" {
			var cells []string
			for c := range n.ChildNodes() {
				if c.Type == html.ElementNode {
					cells = append(cells, strings.TrimSpace(text(c)))
				}
			}
			if len(cells) == 3 && cells[2] != "" && cells[2][0] >= '0' && cells[2][0] <= '9' {
				rows[cells[0]] = cells[2]
			}
		}
	}
	if svg == nil {
		t.Fatal("the home page has no map (inline svg)")
	}
	label := regexp.MustCompile(`^(.+): (\d+) fallstudie(r?)$`)
	markers := map[string]string{}
	for n := range svg.Descendants() {
		if n.Type == html.ElementNode && n.Data == "a" {
			m := label.FindStringSubmatch(attr(n, "aria-label"))
			if m == nil || attr(n, "href") == "" {
				t.Errorf("map link %q → %q: want a link named like \"Lund: 7 fallstudier\"", attr(n, "aria-label"), attr(n, "href"))
				continue
			}
			if (m[2] == "1") != (m[3] == "") {
				t.Errorf("map link %q: wrong number form", m[0])
			}
			markers[m[1]] = m[2]
		}
		if n.Type == html.ElementNode && attr(n, "style") != "" {
			t.Errorf("<%s style=…> in the map: the content security policy blocks it", n.Data)
		}
	}
	if len(markers) == 0 {
		t.Error("the map marks no municipality")
	}
	if fmt.Sprint(markers) != fmt.Sprint(rows) {
		t.Errorf("the map and its table differ:\nmap:   %v\ntable: %v", markers, rows)
	}
	if !strings.Contains(string(data), "Länsgränser: okfse/sweden-geojson, från Valmyndighetens data.") {
		t.Error("the home page does not credit the source of the county boundaries")
	}

	p := open(t, kindNamed(t, "home"))
	reached := map[string]bool{}
	for _, f := range p.TabWalk(t, 400) {
		reached[f.Path] = true
	}
	for _, path := range p.Paths(t, "svg a") {
		if !reached[path] {
			t.Errorf("Tab never reaches the map's %s", path)
		}
	}

	// axe checks only what is shown: open the table too.
	for _, mode := range []string{"light", "dark"} {
		var opts []browsertest.Option
		if mode == "dark" {
			opts = append(opts, browsertest.DarkMode())
		}
		p = open(t, kindNamed(t, "home"), opts...)
		p.Eval(t, `document.querySelectorAll('details').forEach(d => { d.open = true }), true`, nil)
		for _, v := range p.Axe(t) {
			t.Errorf("%s with the map's table open (%s mode): %s", base, mode, v)
		}
	}
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// TestReducedMotion: with prefers-reduced-motion, nothing on the home page
// or a case study moves: no transition, no animation, no smooth scrolling.
func TestReducedMotion(t *testing.T) {
	for _, name := range []string{"home", "case study"} {
		k := kindNamed(t, name)
		p := open(t, k, browsertest.ReducedMotion())
		var moving []string
		p.Eval(t, `[...document.querySelectorAll('*')].filter(e => {
			const cs = getComputedStyle(e);
			return cs.scrollBehavior === 'smooth' || cs.animationName !== 'none' ||
				cs.transitionDuration.split(',').some(d => parseFloat(d) > 0);
		}).slice(0, 5).map(e => e.localName + (e.getAttribute('class') ? '.' + e.getAttribute('class') : ''))`, &moving)
		for _, m := range moving {
			t.Errorf("%s%s with prefers-reduced-motion: %s still moves", base, k.Path, m)
		}
	}
}
