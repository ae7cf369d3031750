// Package render turns the site graph into the files of the published site:
// every page through the theme's html/template layouts, minified, and the
// theme's static files with the search engine (search/browser, the asset
// sok.js), fingerprinted.
//
// # Layouts
//
// One rule finds the layout of every output page. A theme has
//
//	layouts/base.html        the page skeleton; it calls {{block "main" .}}
//	layouts/partials/*.html  shared pieces, available to every layout by file name
//	layouts/<name>.html      one per kind of output page, defining "main" (and
//	                         optionally "head"): home, fallstudier, initiativ,
//	                         sidor, list, terms, vem ("Vem använder vad"),
//	                         sok (the search page), tillganglighet (the
//	                         accessibility statement, from Site.Statement), 404
//
// and every output page is base.html + partials + exactly one of those.
//
// Two functions call a partial the way {{template}} does, but render it
// once and reuse the HTML, since templates are most of a build's time:
//
//	{{sitePartial "footer.html" .}}  a partial that reads only .Site, the same
//	                                 on every page (LoadTheme refuses one that
//	                                 reads anything of the page)
//	{{sectionPartial "header.html" .}}
//	                                 a partial that reads only .Site, .Layout
//	                                 and the section of .URL, through nav or
//	                                 section: rendered once per layout and
//	                                 section (LoadTheme refuses one that reads
//	                                 more, such as .URL itself or .Title)
//	{{pagePartial "card.html" .}}    a partial called with a page (*site.Page),
//	                                 the same on every list that shows it
//	{{usageRow .}}                   in vem.html: usagerow.html, one row of the
//	                                 table, the same in all its orders
//
// Each of those is also minified once, not on every page that shows it
// (fragments.go), and a page's Markdown body, when plain enough, by a pass
// that knows the minifier's rules for goldmark's HTML (bodymin.go).
//
// The header's navigation is one call (and the header, a sectionPartial,
// is rendered once per layout and section):
//
//	{{range nav .URL "fallstudier" "omraden" "kommuner" "lan" "initiativ"}}
//	<li><a href="{{.URL}}"{{with .Current}} aria-current="{{.}}"{{end}}>{{.Label}}</a></li>
//	{{end}}
//
// gives each section's link, its label (section.<name> of the strings) and
// aria-current: "page" on the section's first page, "true" below it.
//
// A call whose result is the same on every page of a render, {{t
// "facts.heading"}}, {{asset "style.css"}}, {{url ""}}, {{csp}},
// {{origin}} (a function of fold.go's constFuncs with quoted arguments, or
// none), is made once per render,
// before any page, and the layouts carry its string (fold.go): html/template
// escapes it as it escaped the call's result. Once escaped, such a string
// becomes the text it writes, escaped by html/template itself (a probe
// template in the same context), so it costs nothing on a page. What
// base.html decides by .Layout ({{if eq .Layout "home"}}) is decided once
// in each layout's copy of the templates (layout_fold.go). Once every
// template of a layout is escaped, html/template's escapers of text and
// attribute values, most of a page's calls, are given as functions of one
// argument that write the same, and each of its chains of URL, <title> and
// script escapers becomes one such call (escape.go). The escaped templates
// are then executed by a walker of their parse trees that does what
// text/template does with less reflection, and leaves to html/template
// any page it cannot do all of (exec.go).
//
// Interface text comes from i18n/<language>.yaml through the t function;
// nothing Swedish is written in a layout.
//
// base.html opens <head> with the site's content security policy, which the
// csp function gives (package csp):
//
//	<meta http-equiv="Content-Security-Policy" content="{{csp}}">
//
// before any script, style sheet or link, since a policy in a <meta> governs
// only what follows it. The pages carry it because not every host sends the
// _headers file's policy (GitHub Pages sends none).
//
// Render does no I/O: files go to the emit function, which the output stage
// provides, so that memory holds one page at a time per core.
package render

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"gopkg.in/yaml.v3"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/csp"
	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/search/browser"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/statement"
	"kunskapsbanken/generator/internal/yamldoc"
)

// SearchURL is the search page, where every search form sends its query.
const SearchURL = "sok/"

// Layout names, one per kind of output page.
var layoutNames = []string{"home", "fallstudier", "initiativ", "sidor", "list", "terms", "vem", "sok", "tillganglighet", "404"}

// Theme is a parsed theme, ready to render any number of sites.
type Theme struct {
	layouts map[string]*template.Template
	strings map[string]string
	assets  []Asset
	byName  map[string]string // asset name → output path
	min     *minify.M

	wholePages bool // minify each page whole, fragments inside (tests compare)

	readsOnce sync.Once
	reads     map[string]*reads // layout name → what it reads of its Data (Fingerprints)
}

// Emit receives one output file: its path under the output root
// ("fallstudier/lund/index.html") and its bytes, which are valid only during
// the call (render reuses its buffers). It may be called from several
// goroutines at once.
type Emit func(path string, data []byte) error

// LoadTheme parses a theme's layouts, strings and static files. files are
// the theme's files by path relative to its folder; dir is that folder, for
// messages.
func LoadTheme(dir string, files map[string][]byte, language string) (*Theme, diag.List) {
	var diags diag.List
	t := &Theme{layouts: map[string]*template.Template{}, byName: map[string]string{}, min: newMinifier()}

	i18nPath := "i18n/" + language + ".yaml"
	if data, ok := files[i18nPath]; !ok {
		diags.Errorf(dir+"/"+i18nPath, 0, 0, "temat saknar texter för språket %q; skapa filen", language)
	} else if err := yaml.Unmarshal(data, &t.strings); err != nil {
		diags.Errorf(dir+"/"+i18nPath, 0, 0, "kan inte läsas: %v; filen ska ha rader som nyckel: \"text\"", err)
	}

	// The search engine is kb's, not the theme's (it goes with the search
	// index's format): it is published among the theme's files, under the
	// name a layout asks for.
	static := maps.Clone(files)
	engine := "static/" + browser.AssetName
	if _, ok := static[engine]; ok {
		diags.Errorf(dir+"/"+engine, 0, 0, "kb skriver sökmotorn %s själv; ta bort temats fil", browser.AssetName)
	}
	var err error
	if static[engine], err = browser.Engine(); err != nil {
		diags.Errorf(dir+"/"+engine, 0, 0, "sökmotorn kan inte byggas: %v", err)
	}
	if t.assets, err = buildAssets(static, t.min); err != nil {
		diags.Errorf(dir+"/static", 0, 0, "en fil kan inte minifieras: %v", err)
	}
	for _, a := range t.assets {
		t.byName[a.Name] = a.Path
	}

	base := template.New("base.html").Funcs(t.funcs(config.Site{}))
	if src, ok := files["layouts/base.html"]; !ok {
		diags.Errorf(dir+"/layouts/base.html", 0, 0, "temat saknar sin grundlayout")
		return t, diags
	} else if _, err := base.Parse(string(src)); err != nil {
		diags.Errorf(dir+"/layouts/base.html", 0, 0, "%v", err)
		return t, diags
	}
	var partials []string
	for name := range files {
		if strings.HasPrefix(name, "layouts/partials/") && strings.HasSuffix(name, ".html") {
			partials = append(partials, name)
		}
	}
	sort.Strings(partials)
	for _, name := range partials {
		if _, err := base.New(path.Base(name)).Parse(string(files[name])); err != nil {
			diags.Errorf(dir+"/"+name, 0, 0, "%v", err)
		}
	}
	for _, name := range layoutNames {
		file := "layouts/" + name + ".html"
		src, ok := files[file]
		if !ok {
			diags.Errorf(dir+"/"+file, 0, 0, "temat saknar layouten %s; varje sorts sida behöver sin layout", name)
			continue
		}
		tmpl, err := base.Clone()
		if err == nil {
			_, err = tmpl.New(name + ".html").Parse(string(src))
		}
		if err != nil {
			diags.Errorf(dir+"/"+file, 0, 0, "%v", err)
			continue
		}
		t.layouts[name] = tmpl
	}
	// A partial called with sitePartial is said once, whichever layouts reach it.
	notShared := t.layoutsPartialProblems(sitePartialProblems)
	for _, partial := range slices.Sorted(maps.Keys(notShared)) {
		diags.Errorf(dir+"/layouts/partials/"+partial, 0, 0, "sitePartial skriver den här partialen en gång och ger alla sidor samma HTML, men den läser %s, som skiljer sig mellan sidor; anropa den med {{template %q .}} i stället",
			strings.Join(slices.Sorted(maps.Keys(notShared[partial])), ", "), partial)
	}
	notSection := t.layoutsPartialProblems(sectionPartialProblems) // likewise for sectionPartial
	for _, partial := range slices.Sorted(maps.Keys(notSection)) {
		diags.Errorf(dir+"/layouts/partials/"+partial, 0, 0, "sectionPartial skriver den här partialen en gång per layout och del av webbplatsen, men den läser %s, som skiljer sig mellan sidorna där; läs sidans adress bara genom nav eller section, eller anropa den med {{template %q .}} i stället",
			strings.Join(slices.Sorted(maps.Keys(notSection[partial])), ", "), partial)
	}
	return t, diags
}

// layoutsPartialProblems gathers, over every layout, what each partial a check
// finds reads that it must not: partial → the reads, once each.
func (t *Theme) layoutsPartialProblems(check func(*template.Template) map[string][]string) map[string]map[string]bool {
	all := map[string]map[string]bool{}
	for _, name := range layoutNames {
		if l := t.layouts[name]; l != nil {
			for partial, reads := range check(l) {
				if all[partial] == nil {
					all[partial] = map[string]bool{}
				}
				for _, r := range reads {
					all[partial][r] = true
				}
			}
		}
	}
	return all
}

// Data is what a layout gets as dot.
type Data struct {
	Site   *site.Site
	Layout string     // which layout renders this page
	URL    string     // this page's URL relative to the site root
	Title  string     // the page's heading and <title>
	Page   *site.Page // the page, for content pages
	List   *List      // the list, for list pages
	Crumbs []Crumb    // breadcrumbs, home first, this page excluded
	Drafts bool       // the build includes drafts (the preview)
}

// Crumb is one step of the breadcrumbs.
type Crumb struct{ Title, URL string }

// List is one page of a paginated list of pages, or a list of terms.
type List struct {
	Kind  string // "fallstudier", "area", "kommun", "lan", "status", "tag", "areas", "kommuner", "lan-lista", "statusar", "taggar", "initiativ-lista"
	Term  any    // the area, municipality, county, status or tag
	Intro string // a sentence under the heading
	Pages []*site.Page
	Total int // pages in the whole list
	Pager Pager
	Terms []Term // for lists of terms

	// "Vem använder vad" (usage.go): the table's rows in this page's
	// order, which is Sort (Rows), and every order's page.
	Sort  string
	Sorts []UsageSort
	usage *usageTable // the table, whose rows are listed when first read
	order int         // this page's order in it
}

// Rows is this page's rows of "Vem använder vad", in its order: those from
// Pager.First to Pager.Last (nil for other lists). They are sorted, in
// every order, when first asked for: a preview that lists the pages again
// after an edit and renders only the page in view need not sort the whole
// table six ways.
func (l *List) Rows() []UsageRow {
	if l.usage == nil {
		return nil
	}
	return l.usage.order(l.order)[l.Pager.First-1 : l.Pager.Last]
}

// Jump lists every page of this page's order of "Vem använder vad", for a
// table in pages (nil otherwise); the same list on each of them, so the
// page in view is the one whose Number is Pager.Number.
func (l *List) Jump() []UsageJump {
	if l.usage == nil || l.Pager.Count < 2 {
		return nil
	}
	return l.usage.jump(l.order, l.Pager.URL)
}

// Term is one entry of a list of terms: an area, a county, a tag …
type Term struct {
	Title, URL, Description string
	Count                   int
}

// pageURL is the URL of page i (from 1) of a list under url: url itself,
// then url+"sida/<i>/".
func pageURL(url string, i int) string {
	if i == 1 {
		return url
	}
	return url + "sida/" + strconv.Itoa(i) + "/"
}

// Pager says where a page of a list stands.
type Pager struct {
	Number, Count int    // this page and how many there are, from 1
	First, Last   int    // 1-based positions of the first and last entry shown
	URL           string // the list's first page; page n is pageURL(URL, n)
}

// Prev is the URL of the page before this one, "" on the first.
func (p Pager) Prev() string {
	if p.Number <= 1 {
		return ""
	}
	return pageURL(p.URL, p.Number-1)
}

// Next is the URL of the page after this one, "" on the last.
func (p Pager) Next() string {
	if p.Number >= p.Count {
		return ""
	}
	return pageURL(p.URL, p.Number+1)
}

// PagerLink is one entry of a pager's numbered links (Pager.Links): a page
// of the list, or, with Number 0, a gap for the pages left out.
type PagerLink struct {
	Number int
	URL    string
}

// Links are the numbered pages a pager offers, as GOV.UK's pagination
// does: the first and the last page, the page in view and the one on each
// side of it, and a gap for each run of pages left out (a run of one page
// is shown instead: "1 2 3", not "1 … 3"). At most seven entries, so a
// list of 5,000 pages is reached from either end as well as step by step.
// Nil for a list on one page.
func (p Pager) Links() []PagerLink {
	if p.Count < 2 {
		return nil
	}
	var out []PagerLink
	last := 0 // the last page listed
	for _, n := range []int{1, p.Number - 1, p.Number, p.Number + 1, p.Count} {
		if n <= last || n > p.Count {
			continue
		}
		switch {
		case n == last+2:
			out = append(out, PagerLink{last + 1, pageURL(p.URL, last+1)})
		case n > last+2:
			out = append(out, PagerLink{})
		}
		out = append(out, PagerLink{n, pageURL(p.URL, n)})
		last = n
	}
	return out
}

// Render renders every output page of s and the theme's assets.
//
// The data files are made beside the pages, on a goroutine of their own:
// RenderData makes them one after another on one core (the open data's
// JSON and CSV, 176 MB at 100,000 pages, 2.7 s of CPU), and before the
// pages it left the other core idle that long. Both only read the site,
// and emit is safe for concurrent use (RenderPages calls it from every
// core). An error of the data files is said before one of the pages'.
func (t *Theme) Render(s *site.Site, drafts bool, emit Emit) error {
	if err := t.RenderAssets(s, emit); err != nil {
		return err
	}
	jobs := t.Jobs(s, drafts)
	data := make(chan error, 1)
	go func() { data <- RenderData(s, jobs, emit) }()
	pagesErr := t.RenderPages(s, jobs, emit)
	return cmp.Or(<-data, pagesErr)
}

// RenderAssets writes the theme's static files and the hosting rules; they
// change only with the theme and the base URL.
func (t *Theme) RenderAssets(s *site.Site, emit Emit) error {
	for _, a := range t.assets {
		if err := emit(a.Path, a.Data); err != nil {
			return err
		}
	}
	return emit("_headers", headersFile(s.Config.BasePath()))
}

// Jobs lists every output page of s, in a fixed order.
func (t *Theme) Jobs(s *site.Site, drafts bool) []*Data { return t.jobs(s, drafts) }

// OutputPath is the file an output page is written to.
func OutputPath(d *Data) string { return outputPath(d) }

// RenderPages renders the given output pages, on every core.
func (t *Theme) RenderPages(s *site.Site, jobs []*Data, emit Emit) error {
	errs := make([]error, len(jobs))
	funcs := t.funcs(s.Config)
	var mu sync.Mutex
	clones := map[string]*layoutCopy{}
	var layout func(name string) (*layoutCopy, error)
	rows := newUsageRows(s)
	frags := &fragments{min: t.min, whole: t.wholePages}
	type pageKey struct {
		name string
		page *site.Page
	}
	// once renders partial name of layout with data the first time key is
	// asked for, and gives that output (html/template's escaped output, as
	// a fragment's placeholder) every later time.
	once := func(cache *sync.Map, key any, layoutName, name string, data any) (template.HTML, error) {
		if h, ok := cache.Load(key); ok {
			return h.(template.HTML), nil
		}
		l, err := layout(layoutName)
		if err != nil {
			return "", err
		}
		b := getPartialBuffer()
		defer putPartialBuffer(b)
		if err := l.execute(b, name, data); err != nil {
			return "", err
		}
		h, err := frags.add(b.Bytes())
		if err != nil {
			return "", err
		}
		stored, _ := cache.LoadOrStore(key, h)
		return stored.(template.HTML), nil
	}
	var perPage sync.Map // pageKey → template.HTML, for pagePartial
	funcs["pagePartial"] = func(name string, p *site.Page) (template.HTML, error) {
		if p == nil { // as when foldEscaped runs a layout with no data, holding layout's lock
			return "", fmt.Errorf("pagePartial %s: no page", name)
		}
		return once(&perPage, pageKey{name, p}, "list", name, p) // any layout: each has every partial
	}
	var shared sync.Map // partial name → template.HTML, for sitePartial
	funcs["sitePartial"] = func(name string, d *Data) (template.HTML, error) {
		if d == nil {
			return "", fmt.Errorf("sitePartial %s: no page", name)
		}
		return once(&shared, name, d.Layout, name, d)
	}
	var bySection sync.Map // sectionKey → template.HTML, for sectionPartial
	funcs["sectionPartial"] = func(name string, d *Data) (template.HTML, error) {
		if d == nil {
			return "", fmt.Errorf("sectionPartial %s: no page", name)
		}
		return once(&bySection, newSectionKey(name, d), d.Layout, name, d)
	}
	funcs["body"] = func(p *site.Page) (template.HTML, error) {
		// A body kb build kept on disk is read into a buffer of this
		// core's, reused body after body: addBody copies what it returns
		// (minified apart, or as a string to minify in its page).
		buf := storedBodies.Get().(*[]byte)
		defer storedBodies.Put(buf)
		html, err := p.BodyHTMLInto(*buf)
		if err != nil {
			return "", err
		}
		if p.Doc.HTML == nil && cap(html) <= maxPooled && cap(html) > cap(*buf) {
			// Read into buf and grown, for the next body. A body held
			// in memory (Doc.HTML) is the page's, never the pool's.
			*buf = html[:0]
		}
		return frags.addBody(html), nil // goldmark output: raw HTML is dropped, dangerous URLs removed
	}
	funcs["usageRow"] = func(r UsageRow) (template.HTML, error) {
		l, err := layout(usageLayout)
		if err != nil {
			return "", err
		}
		return rows.row(l, r, frags)
	}
	funcs[urlAttrName] = urlAttr(funcs["url"].(func(string) string))
	escapers := escapeFuncs()
	layout = func(name string) (*layoutCopy, error) {
		mu.Lock()
		defer mu.Unlock()
		if c, ok := clones[name]; ok {
			return c, nil
		}
		src := t.layouts[name]
		if src == nil {
			return nil, fmt.Errorf("layouten %s saknas i temat", name)
		}
		c, err := src.Clone()
		if err != nil {
			return nil, err
		}
		c = c.Funcs(funcs)
		foldConstants(c, funcs)
		escaped := foldEscaped(c, "base.html")
		foldLayout(c, "base.html", name) // every page this copy renders has Layout name
		fuseEscapers(c)
		fuseURLCalls(c)
		c = c.Funcs(escapers) // every template is escaped: see escape.go
		l := &layoutCopy{c, newFastExec(c, escaped, funcs, escapers)}
		clones[name] = l
		return l, nil
	}
	renderJob := func(i int, b *[3]bytes.Buffer) {
		d := jobs[i]
		l, err := layout(d.Layout)
		if err == nil {
			page, min, out := &b[0], &b[1], &b[2]
			page.Reset()
			min.Reset()
			out.Reset()
			if err = l.execute(page, "base.html", d); err == nil {
				if err = t.min.Minify("text/html", min, page); err == nil {
					if err = frags.splice(out, min.Bytes()); err == nil {
						err = emit(outputPath(d), out.Bytes())
					}
				}
			}
		}
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", d.URL, err)
		}
	}
	// The "Vem använder vad" pages, one table of every case study in each
	// order, in pages of TableSize rows, are rendered one after another
	// beside the others, in one set of buffers. Once they are done, so are
	// their rows and orders, which only they show: they are let go while
	// the other pages are still being rendered.
	var usage, rest []int
	for i, d := range jobs {
		if d.Layout == usageLayout {
			usage = append(usage, i)
		} else {
			rest = append(rest, i)
		}
	}
	usageDone := make(chan struct{})
	go func() {
		defer close(usageDone)
		var b [3]bytes.Buffer
		for _, i := range usage {
			renderJob(i, &b)
		}
		rows.release(frags)
		for _, i := range usage {
			if l := jobs[i].List; l != nil && l.usage != nil {
				l.usage.release()
			}
		}
	}()
	par.For(len(rest), func(k int) {
		b := buffers.Get().(*[3]bytes.Buffer)
		renderJob(rest[k], b)
		if b[0].Cap() <= maxPooled && b[1].Cap() <= maxPooled && b[2].Cap() <= maxPooled {
			buffers.Put(b)
		}
	})
	<-usageDone
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// layoutCopy is a layout's own copy of the theme's templates, folded for
// it, with its fast executor.
type layoutCopy struct {
	tmpl *template.Template
	fast *fastExec
}

// execute writes template name with data to b: by fastExec when it can, or
// else by html/template, which gives the same bytes (exec.go).
func (l *layoutCopy) execute(b *bytes.Buffer, name string, data any) error {
	if l.fast.execute(b, name, data) {
		return nil
	}
	return l.tmpl.ExecuteTemplate(b, name, data)
}

// sectionKey is what a partial called with sectionPartial may read of a
// page besides the site (LoadTheme checks): its layout, and its URL as nav
// and section read it, which is the URL's first segment and whether the
// URL is that segment's first page ("page" or "true" in nav).
type sectionKey struct {
	partial, layout, section string
	first                    bool
}

func newSectionKey(partial string, d *Data) sectionKey {
	in, _, _ := strings.Cut(d.URL, "/")
	return sectionKey{partial, d.Layout, in, d.URL == in+"/"}
}

// RenderData writes the machine-readable files: open data, its DCAT-AP-SE
// metadata (when WritesDCAT), feed, sitemap (and its parts, SitemapPart,
// on a site of over 50,000 pages).
func RenderData(s *site.Site, jobs []*Data, emit Emit) error {
	type file struct {
		path string
		make func() ([]byte, error)
	}
	cases := openCases(s) // the JSON's and the CSV's, made once
	files := []file{
		{OpenDataJSON, func() ([]byte, error) { return openDataJSON(s, cases) }},
		{OpenDataCSV, func() ([]byte, error) { return openDataCSV(cases) }},
		{FeedPath, func() ([]byte, error) { return atomFeed(s) }},
		{RobotsPath, func() ([]byte, error) { return robots(s), nil }},
	}
	for _, f := range sitemap(s, jobs) {
		files = append(files, file{f.path, func() ([]byte, error) { return f.data, nil }})
	}
	if WritesDCAT(s) {
		files = append(files, file{DCATPath, func() ([]byte, error) { return dcat(s), nil }})
	}
	for _, f := range files {
		data, err := f.make()
		if err == nil {
			err = emit(f.path, data)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.path, err)
		}
	}
	return nil
}

// buffers holds a page's template output, its minified form and that with
// the fragments spliced in, reused from page to page.
var buffers = sync.Pool{New: func() any { return new([3]bytes.Buffer) }}

// usageLayout is the layout of the "Vem använder vad" pages.
const usageLayout = "vem"

// maxPooled is the largest buffer kept for the next page. A larger one,
// from a page far larger than most, is left to the collector: pooled, each
// core would hold two of them until the end.
const maxPooled = 1 << 20

func outputPath(d *Data) string {
	if d.Layout == "404" {
		return "404.html"
	}
	return d.URL + "index.html"
}

// jobs lists every output page.
func (t *Theme) jobs(s *site.Site, drafts bool) []*Data {
	tr := t.tr
	var out []*Data
	home := Crumb{tr("nav.home"), ""}
	add := func(d *Data) {
		d.Site, d.Drafts = s, drafts
		out = append(out, d)
	}
	add(&Data{Layout: "home", URL: "", Title: s.Config.Title})
	add(&Data{Layout: "404", URL: "404/", Title: tr("404.title"), Crumbs: []Crumb{home}})
	add(&Data{Layout: "sok", URL: SearchURL, Title: tr("search.title"), Crumbs: []Crumb{home}})
	if s.Statement != nil {
		add(&Data{Layout: "tillganglighet", URL: statement.URL, Title: tr("statement.title"), Crumbs: []Crumb{home}})
	}

	// The pages of a kind share one list of breadcrumbs, which layouts
	// only read: one per page was 100,000 small arrays at 100,000 pages,
	// held through the render stage.
	crumbs := map[page.Kind][]Crumb{
		page.CaseStudy:  {home, {tr("section.fallstudier"), string(page.CaseStudy) + "/"}},
		page.Initiative: {home, {tr("section.initiativ"), string(page.Initiative) + "/"}},
		page.Free:       {home},
	}
	for _, p := range s.Pages {
		switch p.Kind {
		case page.Profile:
			continue // shown on its municipality's page
		case page.Free:
			add(&Data{Layout: "sidor", URL: p.URL, Title: p.Meta.Title, Page: p, Crumbs: crumbs[p.Kind]})
		default:
			add(&Data{Layout: string(p.Kind), URL: p.URL, Title: p.Meta.Title, Page: p, Crumbs: crumbs[p.Kind]})
		}
	}

	// inPages calls page for each page of a list of total entries, size to
	// a page, under url: with its URL (url, then url+"sida/<n>/"), its
	// title (title, then "title, sida <n>") and where it stands.
	inPages := func(url, title string, total, size int, page func(url, title string, p Pager)) {
		n := max(1, (total+size-1)/size)
		for i := 1; i <= n; i++ {
			p := Pager{Number: i, Count: n, First: (i-1)*size + 1, Last: min(i*size, total), URL: url}
			pt := title
			if i > 1 {
				pt = fmt.Sprintf(tr("list.page_title"), title, i)
			}
			page(pageURL(url, i), pt, p)
		}
	}

	// Paginated lists of case studies.
	paginate := func(kind, url, title, intro string, term any, pages []*site.Page, crumbs []Crumb) {
		inPages(url, title, len(pages), s.Config.PageSize, func(url, title string, p Pager) {
			l := &List{Kind: kind, Term: term, Intro: intro, Pages: pages[p.First-1 : p.Last], Total: len(pages), Pager: p}
			add(&Data{Layout: "list", URL: url, Title: title, List: l, Crumbs: crumbs})
		})
	}
	terms := func(kind, url, title, intro string, list []Term) {
		add(&Data{Layout: "terms", URL: url, Title: title, List: &List{Kind: kind, Intro: intro, Terms: list, Total: len(list)}, Crumbs: []Crumb{home}})
	}

	paginate("fallstudier", string(page.CaseStudy)+"/", tr("section.fallstudier"), tr("list.fallstudier.intro"), nil, s.CaseStudies, []Crumb{home})

	var areaTerms []Term
	for _, a := range s.Areas {
		areaTerms = append(areaTerms, Term{a.Label, a.URL, a.Description, len(a.Pages)})
		paginate("area", a.URL, a.Label, a.Description, a, a.Pages, []Crumb{home, {tr("section.omraden"), site.AreasURL}})
	}
	terms("areas", site.AreasURL, tr("section.omraden"), tr("list.omraden.intro"), areaTerms)

	var munTerms []Term
	for _, m := range s.Municipalities {
		munTerms = append(munTerms, Term{m.Name, m.URL, m.County.Name, len(m.CaseStudies)})
		title := m.Name
		if m.Profile != nil {
			title = m.Profile.Meta.Title
		}
		paginate("kommun", m.URL, title, "", m, m.CaseStudies, []Crumb{home, {tr("section.kommuner"), string(page.Profile) + "/"}, {m.County.Name, m.County.URL}})
	}
	terms("kommuner", string(page.Profile)+"/", tr("section.kommuner"), tr("list.kommuner.intro"), munTerms)

	var countyTerms []Term
	for _, c := range s.Counties {
		countyTerms = append(countyTerms, Term{c.Name, c.URL, "", len(c.CaseStudies)})
		paginate("lan", c.URL, c.Name, "", c, c.CaseStudies, []Crumb{home, {tr("section.lan"), site.CountiesURL}})
	}
	terms("lan", site.CountiesURL, tr("section.lan"), tr("list.lan.intro"), countyTerms)

	var statusTerms []Term
	for _, st := range s.Statuses {
		statusTerms = append(statusTerms, Term{st.Label, st.URL, tr("status." + string(st.ID) + ".description"), len(st.Pages)})
		paginate("status", st.URL, st.Label, tr("status."+string(st.ID)+".description"), st, st.Pages, []Crumb{home, {tr("section.status"), site.StatusURL}})
	}
	terms("statusar", site.StatusURL, tr("section.status"), tr("list.status.intro"), statusTerms)

	var tagTerms []Term
	for _, tg := range s.Tags {
		tagTerms = append(tagTerms, Term{tg.Name, tg.URL, "", len(tg.Pages)})
		paginate("tag", tg.URL, tg.Name, "", tg, tg.Pages, []Crumb{home, {tr("section.taggar"), site.TagsURL}})
	}
	terms("taggar", site.TagsURL, tr("section.taggar"), tr("list.taggar.intro"), tagTerms)

	var initTerms []Term
	for _, p := range s.Initiatives {
		initTerms = append(initTerms, Term{p.Meta.Title, p.URL, p.Meta.Summary, len(p.Members)})
	}
	terms("initiativ", string(page.Initiative)+"/", tr("section.initiativ"), tr("list.initiativ.intro"), initTerms)

	table := &usageTable{site: s}
	sorts := usageSortPages()
	for k := range sorts {
		inPages(sorts[k].URL, tr("usage.title"), len(s.Usage), s.Config.TableSize, func(url, title string, p Pager) {
			add(&Data{Layout: usageLayout, URL: url, Title: title, Crumbs: []Crumb{home},
				List: &List{Kind: "vem", Intro: tr("usage.intro"), Total: len(s.Usage), Pager: p, Sort: sorts[k].Key, Sorts: sorts, usage: table, order: k}})
		})
	}
	return out
}

// tr returns the interface text for key; a missing key shows as itself, so
// a missing translation is visible rather than fatal (the theme test
// checks that every key used exists).
func (t *Theme) tr(key string) string {
	if s, ok := t.strings[key]; ok {
		return s
	}
	return key
}

func (t *Theme) funcs(cfg config.Site) template.FuncMap {
	base := cfg.BasePath()
	policy := csp.Meta()   // the same on every page: joined once, not per page
	origin := cfg.Origin() // parsed once, not per page
	m := template.FuncMap{
		"t": func(key string, args ...any) string {
			s := t.tr(key)
			if len(args) > 0 {
				return fmt.Sprintf(s, args...)
			}
			return s
		},
		"csp":    func() string { return policy }, // the content security policy, for <meta http-equiv>
		"url":    func(rel string) string { return base + rel },
		"absURL": func(rel string) string { return origin + base + rel },
		// origin is the scheme and host of baseURL, "" when it has none
		// (as .Site.Config.Origin, which parses it on every call; origin
		// is folded into the layouts once per render, fold.go).
		"origin": func() string { return origin },
		"asset": func(name string) (string, error) {
			p, ok := t.byName[name]
			if !ok {
				return "", fmt.Errorf("temat har ingen fil static/%s", name)
			}
			return base + p, nil
		},
		"date":    swedishDate,
		"isoDate": func(d yamldoc.Date) string { return d.String() },
		"number":  swedishNumber,
		"body": func(p *site.Page) (template.HTML, error) {
			html, err := p.BodyHTML()
			return template.HTML(html), err // goldmark output: raw HTML is dropped, dangerous URLs removed
		},
		"editURL": func(p *site.Page) string {
			if cfg.Repository == "" {
				return ""
			}
			return cfg.Repository + "/edit/" + cfg.Branch + "/" + p.Path
		},
		"newCaseURL": func() string {
			if cfg.Repository == "" {
				return ""
			}
			// The case-study form (.github/ISSUE_TEMPLATE/ny-fallstudie.yml):
			// its answers become a checked pull request, no Git needed.
			return cfg.Repository + "/issues/new?template=ny-fallstudie.yml"
		},
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return t.tr(one)
			}
			return t.tr(many)
		},
		"toc":     func(p *site.Page) []TOCEntry { return tableOfContents(p) },
		"feedURL": func() string { return base + FeedPath },
		"dataURL": func(csv bool) string {
			if csv {
				return base + OpenDataCSV
			}
			return base + OpenDataJSON
		},
		"first": func(pages []*site.Page, n int) []*site.Page { return pages[:min(n, len(pages))] },
		// sitePartial is {{template NAME .}} for a partial whose output
		// depends only on the site (LoadTheme checks), such as the footer;
		// RenderPages gives the working one, which renders it once.
		"sitePartial": func(string, *Data) (template.HTML, error) {
			return "", fmt.Errorf("sitePartial: only while pages are rendered")
		},
		// sectionPartial is {{template NAME .}} for a partial whose
		// output depends only on the site, the layout and the section of
		// the page's URL (LoadTheme checks), such as the header with its
		// navigation; RenderPages renders it once per layout and section.
		"sectionPartial": func(string, *Data) (template.HTML, error) {
			return "", fmt.Errorf("sectionPartial: only while pages are rendered")
		},
		// pagePartial is {{template NAME .}} for a partial called with a
		// page (a case study's card): RenderPages renders it once per page
		// and reuses it on every list that shows the page.
		"pagePartial": func(string, *site.Page) (template.HTML, error) {
			return "", fmt.Errorf("pagePartial: only while pages are rendered")
		},
		// usageRow is the partial usagerow.html for one row of "Vem
		// använder vad"; RenderPages gives the working one (usage.go).
		"usageRow": func(UsageRow) (template.HTML, error) {
			return "", fmt.Errorf("usageRow: only in the layout vem.html")
		},
		// The accessibility statement: its page, DIGG's form, and a phone
		// number as a tel: link wants it (digits and a leading +).
		"statementURL":       func() string { return base + statement.URL },
		"statementReportURL": func() string { return statement.ReportURL },
		"tel": func(phone string) string {
			return strings.Map(func(r rune) rune {
				if r == '+' || r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, phone)
		},
	}
	for k, v := range themeFuncs(t, cfg) {
		m[k] = v
	}
	return m
}

// TOCEntry is one line of a page's table of contents.
type TOCEntry struct {
	ID, Text string
	Level    int // 2 for h2, 3 for h3
}

// tableOfContents lists the h2 and h3 headings of a page that has at least
// three of them; shorter pages read better without.
func tableOfContents(p *site.Page) []TOCEntry {
	var out []TOCEntry
	for _, h := range p.Doc.Headings {
		if h.Level == 2 || h.Level == 3 {
			out = append(out, TOCEntry{h.ID, h.Text, h.Level})
		}
	}
	if len(out) < 3 {
		return nil
	}
	return out
}
