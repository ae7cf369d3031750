package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kunskapsbanken/generator/internal/bundle"
	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/imageset"
	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/render"
	"kunskapsbanken/generator/internal/search/index"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/statement"
	"kunskapsbanken/generator/internal/vocab"
)

// Preview is a site built in memory and brought up to date after each
// change, for the preview server. Drafts are always included.
//
// It keeps, per content file, the bytes, the parsed page and the rendered
// Markdown, and per output page its bytes and a fingerprint of what it
// shows. An update re-reads and re-parses only the files the watcher
// named (without walking content/ when it named only pages it knows),
// re-renders the Markdown of those and of pages whose links point at a
// file that appeared or disappeared or at an image whose size or copies
// changed (the page shows them), assembles the site graph again (or,
// when only bodies changed, patches the last one), renders the pages in
// view (the pages a browser has open, given to Update) and publishes.
// Every other page, and the open data, feed and sitemap, is brought up
// to date when it is next asked for (File, Files):
// its fingerprint is computed then, and the page is rendered only when
// the fingerprint changed. So an update costs what the change and the
// pages in view call for, not what the whole site would; this is Hugo's
// fast render mode, made exact by the fingerprints. A change to site.yaml
// or the theme renders everything at once. What File and Files return is
// the same, byte for byte, as Run with Drafts set.
type Preview struct {
	opts Options
	seed maphash.Seed
	md   *markdown.Renderer

	mu        sync.Mutex // one Update at a time
	entries   map[string]*entry
	cfgSrc    []byte
	themeSum  uint64
	theme     *render.Theme
	site      *site.Site // the last graph, whose related pages the next one reuses
	siteDiags diag.List  // what assembling it reported, reported again while it is reused
	areasSrc  []byte
	content   *load.Content // what content/ held at the last update, whose walk an update naming only pages reuses
	walkDiags diag.List     // what the last walk reported
	stmtSrc   []byte        // content/tillganglighet.yaml as last read
	// patchable: site was assembled from entries as they are, so an
	// update that changes only bodies may patch it (patchBodies).
	patchable bool
	statement *statement.Statement // the accessibility statement's facts, read by readContent
	resources map[string]string    // output path of a bundle resource → its disk path
	bundles   bundle.Checker       // what the bundles' SVG files showed, read again when changed
	cache     *imageset.Cache
	images    map[string]*bundleImage // content path → the image as last measured
	copies    map[string]bool         // output paths of the images' copies served

	// What is served. The fields of pub and pub itself change only with mu
	// and smu both held (Update's publish); out, fresh and dataGen also
	// when a page or the data are brought up to date on request (with mu
	// held too, so never during an update). Reading a current file takes
	// only smu.
	smu     sync.RWMutex
	pub     *published
	out     map[string][]byte // every file served but the search index; pages and data as last rendered
	fresh   map[string]int64  // output path of a page → the pub.gen its bytes were last known current at
	dataGen int64             // the pub.gen the data files were last known current at
	fps     map[string]uint64 // output path of a page → fingerprint of its bytes in out (mu)
	dataSum uint64            // what the data files in out show (mu)
	late    int               // pages rendered on request since the last update, for tests (mu)
	gens    int64             // counts updates that reached rendering: the next pub.gen (mu)
	// renderAll: the last update was to render everything (the settings
	// or the theme changed) but had errors; the next one renders
	// everything (mu).
	renderAll bool

	// The search index is built in the background after an update that
	// changed what search sees (it takes seconds on a large site, and an
	// editor waits for the page, not the index); until it is ready the
	// last index is served. An update stops the build under way, which
	// would take the cores from it, and starts one again when it ends,
	// for the site it leaves served.
	searchSite  *site.Site // the site the index is to show (mu)
	searchSum   uint64     // what search sees of it (mu)
	searchMu    sync.Mutex
	searchStop  context.CancelFunc // stops the build started last (searchMu)
	searchWG    sync.WaitGroup
	searchFiles atomic.Pointer[searchFiles] // the index served; stored with searchMu held
	// beforeSearch and afterSearch, when set (by tests), are called before
	// each build of the index starts, with what stops it, and when it has
	// ended, served or not.
	beforeSearch func(context.Context)
	afterSearch  func(served bool)
}

// searchFiles are the files of a search index, path in the site → bytes,
// and what search saw of the site it was built from.
type searchFiles struct {
	sum   uint64
	files map[string][]byte
}

// published is the last good build: the graph its pages are rendered
// from, on request too.
type published struct {
	gen   int64 // counts published updates
	site  *site.Site
	theme *render.Theme
	list  []*render.Data // its pages, in Jobs' order
	// jobs is the output path of a page → its position in list, shared
	// by the sites of patched graphs, whose pages are the same in the
	// same order.
	jobs    map[string]int
	dataSum uint64 // what the data files must show
	// samePages: the output pages are the last published site's (a
	// patched graph), so none was removed.
	samePages bool
}

// page is the page of the site written to path, or nil.
func (pub *published) page(path string) *render.Data {
	if i, ok := pub.jobs[path]; ok {
		return pub.list[i]
	}
	return nil
}

// dataPaths are the files RenderData writes, brought up to date together,
// and with them the sitemap's parts (render.IsSitemapPart).
var dataPaths = map[string]bool{render.OpenDataJSON: true, render.OpenDataCSV: true, render.FeedPath: true, render.SitemapPath: true, render.RobotsPath: true, render.DCATPath: true}

// isData reports whether RenderData writes path (or would, on another
// site).
func isData(path string) bool { return dataPaths[path] || render.IsSitemapPart(path) }

type entry struct {
	file    *page.File
	page    *page.Page // nil when the front matter is unusable
	diags   diag.List
	doc     *markdown.Result // nil until rendered
	targets []string         // content paths the page's links and images point at
	sum     uint64           // the page on its own: front matter and rendered body
	meta    uint64           // the front matter alone: what the open data and feeds show
}

// Update is what one update did.
type Update struct {
	Diags     diag.List
	Site      *site.Site
	Published bool     // the served site is now this build (there was no error)
	Full      bool     // everything was rendered
	Rendered  int      // output pages rendered (the pages in view, or all)
	Removed   []string // output paths that no longer exist
	Elapsed   time.Duration
	Stages    []StageTime // where the time went
}

// NewPreview prepares a preview of the project in opts.Root; nothing is
// built until the first Update.
func NewPreview(opts Options) *Preview {
	opts.Drafts = true
	p := &Preview{opts: opts, seed: maphash.MakeSeed(), md: markdown.New(), cache: &imageset.Cache{Dir: opts.Cache}}
	p.pub = &published{}
	p.out = map[string][]byte{}
	p.searchFiles.Store(&searchFiles{files: map[string][]byte{}})
	return p
}

// File returns a file of the last good build, by its path in the site. A
// page or data file the last update did not bring up to date is brought
// up to date now, rendered if what it shows changed; it waits for an
// update under way, and then shows that update's site.
func (p *Preview) File(path string) ([]byte, bool, error) {
	p.smu.RLock()
	data, ok := p.out[path]
	current := p.current(path)
	p.smu.RUnlock()
	if !current {
		p.mu.Lock()
		err := p.bringUp(path)
		p.smu.RLock()
		data, ok = p.out[path]
		p.smu.RUnlock()
		p.mu.Unlock()
		if err != nil {
			return nil, false, err
		}
	}
	if ok {
		return data, true, nil
	}
	data, ok = p.searchFiles.Load().files[path]
	return data, ok, nil
}

// Files returns the last good build, every page brought up to date, with
// the search index as far as it is ready: path in the site → bytes.
func (p *Preview) Files() (map[string][]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.bringUp(""); err != nil {
		return nil, err
	}
	p.smu.RLock()
	files := maps.Clone(p.out)
	p.smu.RUnlock()
	maps.Copy(files, p.searchFiles.Load().files)
	return files, nil
}

// current reports whether out holds path as the last update's site
// shows it (or never will: a file that is not a page or data). smu held.
func (p *Preview) current(path string) bool {
	if p.pub.page(path) != nil {
		return p.fresh[path] == p.pub.gen
	}
	return !isData(path) || p.dataGen == p.pub.gen
}

// bringUp brings a page or data file up to date with the published site,
// or, for "", all of them. mu held.
func (p *Preview) bringUp(path string) error {
	pub := p.pub
	var jobs []*render.Data
	switch {
	case path == "":
		jobs = pub.list
	case pub.page(path) != nil:
		jobs = []*render.Data{pub.page(path)}
	}
	n, err := p.renderStale(pub, jobs)
	p.late += n
	if err != nil {
		return err
	}
	if (path == "" || isData(path)) && p.dataGen != pub.gen {
		return p.renderData(pub)
	}
	return nil
}

// renderStale renders the pages of jobs whose bytes are missing or show
// what no longer is (their fingerprint changed), stores them and marks
// every page of jobs current. It returns how many it rendered. mu held.
func (p *Preview) renderStale(pub *published, jobs []*render.Data) (int, error) {
	p.smu.RLock()
	var check []*render.Data
	for _, d := range jobs {
		if out := render.OutputPath(d); p.fresh[out] != pub.gen {
			check = append(check, d)
		}
	}
	p.smu.RUnlock()
	if len(check) == 0 {
		return 0, nil
	}
	sums := pub.theme.Fingerprints(p.seed, check)
	var todo []*render.Data
	p.smu.RLock()
	for i, d := range check {
		out := render.OutputPath(d)
		if _, ok := p.out[out]; !ok || p.fps[out] != sums[i] {
			todo = append(todo, d)
		}
	}
	p.smu.RUnlock()
	rendered, err := renderInto(pub, todo)
	if err != nil {
		return 0, fmt.Errorf("render: %w", err)
	}
	p.smu.Lock()
	defer p.smu.Unlock()
	maps.Copy(p.out, rendered)
	for i, d := range check {
		out := render.OutputPath(d)
		p.fps[out], p.fresh[out] = sums[i], pub.gen
	}
	return len(todo), nil
}

// renderInto renders pages of the published site into a map of their own.
func renderInto(pub *published, jobs []*render.Data) (map[string][]byte, error) {
	files := make(map[string][]byte, len(jobs))
	var mu sync.Mutex
	err := pub.theme.RenderPages(pub.site, jobs, func(path string, data []byte) error {
		mu.Lock()
		files[path] = bytes.Clone(data)
		mu.Unlock()
		return nil
	})
	return files, err
}

// renderData writes the open data, feed and sitemap again when what they
// show changed, and marks them current. mu held.
func (p *Preview) renderData(pub *published) error {
	files := map[string][]byte{}
	if pub.dataSum != p.dataSum {
		err := render.RenderData(pub.site, pub.list, func(path string, data []byte) error {
			files[path] = bytes.Clone(data)
			return nil
		})
		if err != nil {
			return err
		}
	}
	p.smu.Lock()
	defer p.smu.Unlock()
	if len(files) > 0 {
		// What RenderData no longer writes is gone, as from a full
		// build's output: the DCAT file of a site that stopped being a
		// public body's, a sitemap part of a site that shrank.
		for path := range p.out {
			if isData(path) && files[path] == nil {
				delete(p.out, path)
			}
		}
	}
	maps.Copy(p.out, files)
	p.dataSum, p.dataGen = pub.dataSum, pub.gen
	return nil
}

// WaitSearch waits until the search index of the last update is served.
func (p *Preview) WaitSearch() { p.searchWG.Wait() }

// indexSearch makes s the site whose search index is to be served, and
// notes what search sees of it: a page's front matter or body (its sum),
// the set of pages, the areas and the settings. startSearch builds it
// when that differs from the index served.
func (p *Preview) indexSearch(s *site.Site, entries map[string]*entry) {
	var h maphash.Hash
	h.SetSeed(p.seed)
	h.Write(p.cfgSrc)
	h.WriteByte(0)
	h.Write(p.areasSrc)
	for _, sp := range s.Pages {
		h.WriteString(sp.Path)
		maphash.WriteComparable(&h, entries[sp.Path].sum)
	}
	p.searchSite, p.searchSum = s, h.Sum64()
}

// StopSearch stops the build of the search index under way, if any, for
// a change about to come: its Update would stop it too, but later. The
// next Update starts the build again, or ResumeSearch when no update
// comes.
func (p *Preview) StopSearch() { p.stopSearch() }

// ResumeSearch starts the build of the search index StopSearch stopped,
// unless the index served shows the site served.
func (p *Preview) ResumeSearch() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.startSearch()
}

// stopSearch stops the build of the search index under way, if any; it
// serves nothing from then on.
func (p *Preview) stopSearch() {
	p.searchMu.Lock()
	defer p.searchMu.Unlock()
	if p.searchStop != nil {
		p.searchStop()
		p.searchStop = nil
	}
}

// startSearch starts building the search index of searchSite in the
// background, unless the one served shows it. The build waits for
// searchQuiet without a newer update first, so that a burst of saves does
// not start a build for each. mu held.
func (p *Preview) startSearch() {
	s, sum := p.searchSite, p.searchSum
	if s == nil || p.searchFiles.Load().sum == sum {
		return
	}
	ctx, stop := context.WithCancel(context.Background())
	p.searchMu.Lock()
	if p.searchStop != nil {
		p.searchStop()
	}
	p.searchStop = stop
	p.searchMu.Unlock()
	p.searchWG.Add(1)
	go func() {
		defer p.searchWG.Done()
		defer stop()
		served := p.buildSearch(ctx, s, sum)
		if p.afterSearch != nil {
			p.afterSearch(served)
		}
	}()
}

// buildSearch builds the search index of s, whose sum is sum, and serves
// it unless ctx is done first. It reports whether it served it.
func (p *Preview) buildSearch(ctx context.Context, s *site.Site, sum uint64) bool {
	quiet := time.NewTimer(searchQuiet)
	defer quiet.Stop()
	select {
	case <-quiet.C:
	case <-ctx.Done():
		return false
	}
	if p.beforeSearch != nil {
		p.beforeSearch(ctx)
	}
	// What search reads of the graph is copied with mu held: an update
	// that changes only bodies patches the graph in place. An update
	// stops the copy, the build and the export alike, so it waits for
	// none of them.
	p.mu.Lock()
	docs, err := searchDocs(ctx, s, nil)
	p.mu.Unlock()
	if err != nil {
		return false
	}
	ix, err := index.BuildContext(ctx, docs, SearchWeights(s.Config))
	if err != nil {
		return false
	}
	exported, err := ix.ExportContext(ctx)
	if err != nil {
		return false
	}
	files := make(map[string][]byte, len(exported))
	for _, f := range exported {
		files[f.Path] = f.Data
	}
	p.searchMu.Lock()
	defer p.searchMu.Unlock()
	if ctx.Err() != nil {
		return false // an update stopped it while it was exported
	}
	p.searchFiles.Store(&searchFiles{sum, files})
	return true
}

// searchQuiet is how long the preview waits after an update before it
// builds the search index.
const searchQuiet = 300 * time.Millisecond

// Update brings the site up to date. changed lists the project paths
// (slash-separated, relative to the root: files or folders) that may have
// changed since the last update; nil means anything may have. inView
// lists the output paths of the pages browsers show ("fallstudier/x/index.html"):
// they are rendered before the update is published; every other page
// when it is next asked for.
//
// It is Run's stages, each doing only what the change calls for; every
// step is a method below, in this order.
func (p *Preview) Update(changed []string, inView ...string) (*Update, error) {
	p.stopSearch() // before waiting for an update under way, whose search build may have started
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.startSearch() // for the site served at the end, whether this update is published or not
	u := &Update{}
	var diags diag.List
	c := newClock()
	defer func() {
		diags.Sort()
		u.Diags, u.Stages, u.Elapsed = diags, c.times, time.Since(c.start)
	}()

	ch := p.newChange(changed)
	defer func() { p.renderAll = ch.all && !u.Published }() // what a failed update was to render, the next one renders
	defer func() {
		if ch.jobs != nil {
			ch.jobs() // nothing reads the graph once Update returns but under mu
		}
		if ch.patched != nil && !u.Published {
			p.unpatch(ch) // the last good site stays served as it was
		}
	}()
	cfg, err := p.readSettings(ch, &diags)
	if err != nil {
		return u, err
	}
	content, areas := p.readContent(ch, &diags)
	c.stage("load")
	pages := p.parseChanged(content.Files, ch, &diags)
	c.stage("parse")
	s := p.assemble(pages, cfg, areas, content, ch, &diags)
	u.Site = s
	c.stage("assemble")
	imgs := p.measureImages(s, ch, &diags)
	c.stage("images")
	p.renderMarkdown(s, imgs, ch, &diags)
	c.stage("markdown")
	if diags.HasErrors() || p.theme == nil {
		return u, nil // the last good site stays served
	}

	pub := p.nextPublished(s, ch)
	c.stage("jobs")
	var b *batch
	if ch.all {
		b, err = p.renderEverything(pub)
	} else {
		b, err = p.renderInView(pub, inView)
	}
	if err != nil {
		return u, err
	}
	c.stage("render")
	if err := p.publish(pub, b, imgs, ch, u); err != nil {
		return u, err
	}
	c.stage("publish")
	p.late = 0
	p.indexSearch(s, p.entries)
	u.Published, u.Full, u.Rendered = true, ch.all, len(b.files)
	return u, nil
}

// change is what one update knows of what changed, filled in step by step.
type change struct {
	// named reports whether the watcher named a path (or a folder above
	// it); watched is false when it named nothing, so anything may have
	// changed.
	named   func(path string) bool
	watched bool
	// all: render everything (the first update, no list of changes, or
	// the settings or the theme changed).
	all bool
	// moved holds the content paths of files that appeared or
	// disappeared and of images shown differently: a page linking to one
	// is rendered again.
	moved map[string]bool
	// meta holds the pages whose front matter changed (new and unusable
	// pages too): their related pages are scored again.
	meta map[string]bool
	// paths is what the watcher named; parsed the content paths parsed
	// again.
	paths, parsed []string
	// reread: content/ was not walked; the pages named were read again
	// (rereadPages).
	reread bool
	// jobs waits for the list of a new graph's pages (listPages).
	jobs func() []*render.Data
	// patched holds, when the last graph was patched rather than
	// assembled again (patchBodies, patchTitles), the pages given new
	// bodies and what they showed before, to put back if the update
	// fails.
	patched map[*site.Page]patch
	// retitled puts back the graph's lists that patchTitles sorted again
	// (nil when it did not); titled are its pages given new titles, whose
	// entries in the page list are made again.
	retitled func()
	titled   []*site.Page
}

// patch is what a page of a patched graph showed before: a page given a
// new body, or rendered again for an image it shows.
type patch struct {
	source *page.Page
	doc    markdown.Result
}

func (p *Preview) newChange(changed []string) *change {
	ch := &change{named: changedFunc(changed), watched: changed != nil, moved: map[string]bool{}, meta: map[string]bool{}, paths: changed}
	ch.all = changed == nil || p.entries == nil || p.renderAll
	if !ch.watched {
		ch.named = func(string) bool { return true }
	}
	return ch
}

// fresh reports whether path must be read again.
func (ch *change) fresh(path string) bool { return ch.all || ch.named(path) }

// readSettings reads site.yaml and the theme (both small) every time and
// compares them with the last: a change to either renders everything,
// since the base path is in every link and the title on every page. A
// theme with errors is not taken; the last good one stays.
func (p *Preview) readSettings(ch *change, diags *diag.List) (config.Site, error) {
	cfg, cfgSrc, err := readConfig(p.opts, diags)
	if err != nil {
		return cfg, err
	}
	if !bytes.Equal(cfgSrc, p.cfgSrc) {
		ch.all = true
		p.cfgSrc = cfgSrc
	}
	themeFiles, d := load.ReadTheme(p.opts.Root, cfg.Theme, cfg.ThemeLine, cfg.ThemeCol)
	diags.Append(d)
	if d.HasErrors() {
		return cfg, nil // the last good theme stays; the error keeps this update unpublished
	}
	if sum := p.sum(themeFiles.Files); sum != p.themeSum || p.theme == nil || ch.all {
		theme, d := loadTheme(themeFiles, cfg)
		diags.Append(d)
		if !d.HasErrors() {
			p.theme, p.themeSum = theme, sum
		}
		ch.all = true
	}
	return cfg, nil
}

// readContent walks content/, reading again only the files that changed,
// checks the bundles (reading again only changed SVGs) and parses the
// areas and the accessibility statement. When the watcher named no path
// under content/ but pages it knows, the walk is skipped (rereadPages).
func (p *Preview) readContent(ch *change, diags *diag.List) (*load.Content, *vocab.Areas) {
	content := p.rereadPages(ch)
	if content == nil {
		reuse := func(path string) ([]byte, bool) {
			if e := p.entries[path]; e != nil && !ch.fresh(path) {
				return e.file.Data, true
			}
			return nil, false
		}
		content, p.walkDiags = load.ReadContent(p.opts.Root, reuse, nil)
	}
	p.content = content
	diags.Append(p.walkDiags)
	var svgChanged func(string) bool // nil: read every file again
	if ch.watched {
		svgChanged = ch.named
	}
	diags.Append(p.bundles.Check(p.opts.Root, content.Files, svgChanged))
	p.statement = readStatement(content.Statement, diags)
	return content, vocab.ParseAreas(load.AreasPath, content.Areas, diags)
}

// rereadPages is the last update's content with the pages the watcher
// named read again, or nil when content/ must be walked: the list is
// complete only when every path it names under content/ is a page the
// last walk found and still a file. A file that appears, disappears or
// is renamed, a folder, a bundle's file, the areas or the statement are
// named too (and a lost event makes no list at all), so then the set of
// files and what the walk reports are as they were.
func (p *Preview) rereadPages(ch *change) *load.Content {
	if ch.all || !ch.watched || p.content == nil {
		return nil
	}
	again := map[string]*page.File{}
	for _, path := range ch.paths {
		path = strings.TrimSuffix(path, "/")
		if path != load.ContentDir && !strings.HasPrefix(path, load.ContentDir+"/") {
			continue // site.yaml and the theme: readSettings
		}
		e := p.entries[path]
		if e == nil {
			return nil
		}
		if fi, err := fs.Lstat(p.opts.Root, path); err != nil || !fi.Mode().IsRegular() {
			return nil // gone, or no longer a file: the walk reports it
		}
		data, err := fs.ReadFile(p.opts.Root, path)
		if err != nil {
			return nil
		}
		f := *e.file
		f.Data = load.TextNFC(data)
		again[path] = &f
	}
	ch.reread = true
	c := *p.content
	c.Files = slices.Clone(c.Files)
	for i, f := range c.Files {
		if g := again[f.Path]; g != nil {
			c.Files[i] = g
		}
	}
	return &c
}

// parseChanged parses the files that changed and keeps the last parse of
// the others. It notes in ch the pages and bundle resources that appeared
// or disappeared and the pages whose front matter changed, and returns
// every usable page, by path.
func (p *Preview) parseChanged(files []*page.File, ch *change, diags *diag.List) []*page.Page {
	var parse, was []*entry
	if ch.reread {
		parse, was = p.rereadEntries(files)
	} else {
		parse, was = p.walkedEntries(files, ch)
	}
	parseFiles(len(parse), func(i int) *page.File { return parse[i].file }, func(i int, pg *page.Page, d diag.List) {
		e := parse[i]
		e.page, e.diags = pg, d
		if pg != nil {
			e.meta = p.metaSum(e.file.Data, pg.Body)
		}
	})
	for i, e := range parse {
		if old := was[i]; old == nil || old.meta != e.meta || e.page == nil {
			ch.meta[e.file.Path] = true
		}
		ch.parsed = append(ch.parsed, e.file.Path)
	}

	var pages []*page.Page
	for _, f := range files { // sorted by path
		e := p.entries[f.Path]
		diags.Append(e.diags)
		if e.page != nil {
			pages = append(pages, e.page)
		}
	}
	return pages
}

// walkedEntries makes the entries of files, content/ as walked: the last
// entries of the files that did not change, new ones (returned, to be
// parsed, with what each was) for those that did or are new, or did not
// parse. It notes in ch the pages and bundle resources that appeared or
// disappeared.
func (p *Preview) walkedEntries(files []*page.File, ch *change) (parse, was []*entry) {
	resourcesBefore := resourceSet(p.entries) // before the loop below gives kept entries their new files
	entries := make(map[string]*entry, len(files))
	for _, f := range files {
		old := p.entries[f.Path]
		if old == nil {
			ch.moved[f.Path] = true
		}
		if old != nil && old.page != nil && !ch.fresh(f.Path) {
			old.file, old.page.File = f, f // same bytes; resources may differ
			entries[f.Path] = old
			continue
		}
		e := &entry{file: f}
		entries[f.Path] = e
		parse, was = append(parse, e), append(was, old)
	}
	for path := range p.entries {
		if entries[path] == nil {
			ch.moved[path] = true
		}
	}
	for _, r := range resourcePaths(resourcesBefore, resourceSet(entries)) {
		ch.moved[r] = true
	}
	p.entries = entries
	return parse, was
}

// rereadEntries is walkedEntries for the files of rereadPages: the last
// update's, the same paths with the same resources, and those read again
// new copies. So no file or resource appeared or disappeared, and the
// entries are changed in place (a failed update keeps the new parses
// either way).
func (p *Preview) rereadEntries(files []*page.File) (parse, was []*entry) {
	for _, f := range files {
		old := p.entries[f.Path]
		if old.file == f && old.page != nil {
			continue
		}
		e := &entry{file: f}
		p.entries[f.Path] = e
		parse, was = append(parse, e), append(was, old)
	}
	return parse, was
}

// assemble builds the graph again and scores related pages again only
// for the groups a page whose front matter changed belongs to, before or
// after; all of them when the areas changed, whose labels are in the
// reasons given. When only bodies changed, it patches the last graph
// instead (patchBodies).
func (p *Preview) assemble(pages []*page.Page, cfg config.Site, areas *vocab.Areas, content *load.Content, ch *change, diags *diag.List) *site.Site {
	sameFiles := bytes.Equal(content.Areas, p.areasSrc) && bytes.Equal(content.Statement, p.stmtSrc)
	if !ch.all && sameFiles && (p.patchBodies(ch) || p.patchTitles(ch)) {
		diags.Append(p.siteDiags)
		return p.site
	}
	prev := p.site
	if ch.all || !bytes.Equal(content.Areas, p.areasSrc) {
		prev = nil
	}
	s, d := site.Assemble(pages, nil, cfg, areas, vocab.Sweden(), true)
	s.Statement = p.statement
	ch.jobs = p.listPages(s)
	s.Relate(prev, func(path string) bool { return ch.meta[path] })
	diags.Append(d)
	p.site, p.siteDiags, p.areasSrc, p.stmtSrc, p.patchable = s, d, content.Areas, content.Statement, true
	return s
}

// listPages starts Theme.Jobs over a new graph in the background, while
// the graph's related pages are scored, the images measured and the
// Markdown rendered and linked (none of which writes what the list
// reads: titles, lists, front matter), and returns what waits for it.
func (p *Preview) listPages(s *site.Site) func() []*render.Data {
	theme := p.theme
	if theme == nil {
		return nil
	}
	done := make(chan []*render.Data, 1)
	go func() { done <- theme.Jobs(s, true) }()
	var list []*render.Data
	return func() []*render.Data {
		if done != nil {
			list, done = <-done, nil
		}
		return list
	}
}

// patchBodies gives the pages of the last graph whose files were parsed
// again their new parse, when nothing else changed: no front matter, no
// file appeared or disappeared. The graph is made of front matter and
// file names only, so it is the one assembling would give; the Markdown
// stage then renders the new bodies and links the site again. The graph
// may be the published one: an update holds mu, as do pages rendered on
// request and the search index's copy of what it reads, and a failed
// update puts back what was (unpatch).
func (p *Preview) patchBodies(ch *change) bool {
	if !p.patchable || p.site == nil || len(ch.meta) > 0 || len(ch.moved) > 0 {
		return false
	}
	patched, _, ok := p.patchesOf(ch)
	if !ok {
		return false
	}
	for sp := range patched {
		e := p.entries[sp.Path]
		sp.Source, sp.Meta = e.page, &e.page.Meta
	}
	ch.patched = patched
	return true
}

// patchTitles is patchBodies for case studies whose front matter changed
// only in what the graph does not build on, the title or summary say
// (site.Retitle): their lists are sorted again in place. Related pages
// stand (they rank by date and path); the page list keeps its pages, with
// the retitled pages' own entries made again (nextPublished), since they
// hold the titles, and the rows of "Vem använder vad" are listed again
// only when those pages are asked for.
func (p *Preview) patchTitles(ch *change) bool {
	if !p.patchable || p.site == nil || len(ch.meta) == 0 || len(ch.moved) > 0 {
		return false
	}
	patched, pages, ok := p.patchesOf(ch)
	if !ok {
		return false
	}
	undo, ok := p.site.Retitle(pages)
	if !ok {
		return false
	}
	ch.patched, ch.retitled = patched, undo
	for _, path := range ch.parsed {
		ch.titled = append(ch.titled, p.site.ByPath(path))
	}
	return true
}

// patchesOf returns, for each page the update parsed again, what it was
// (for unpatch), and the new parses; false when one of them is not in the
// graph or did not parse.
func (p *Preview) patchesOf(ch *change) (map[*site.Page]patch, []*page.Page, bool) {
	patched := make(map[*site.Page]patch, len(ch.parsed))
	pages := make([]*page.Page, 0, len(ch.parsed))
	for _, path := range ch.parsed {
		sp, e := p.site.ByPath(path), p.entries[path]
		if sp == nil || e.page == nil {
			return nil, nil, false
		}
		patched[sp] = patch{source: sp.Source, doc: sp.Doc}
		pages = append(pages, e.page)
	}
	return patched, pages, true
}

// unpatch puts back what a failed update patched: the pages' parse and
// rendered body, and the links between pages. The entries keep the
// update's parse, so the next update assembles the graph again.
func (p *Preview) unpatch(ch *change) {
	s := p.site
	if ch.retitled != nil {
		ch.retitled()
	}
	docs := make([]markdown.Result, len(s.Pages))
	for i, sp := range s.Pages {
		docs[i] = sp.Doc
		if old, ok := ch.patched[sp]; ok {
			sp.Source, sp.Meta, docs[i] = old.source, &old.source.Meta, old.doc
		}
		sp.Backlinks = nil
	}
	s.Link(docs)
	p.patchable = false
}

// measureImages measures again the images that changed and takes the
// others over. An image that appeared, disappeared or is shown with
// another size or srcset (a file with a copy's name appeared, say) is
// noted as moved, so the pages showing it are rendered again.
func (p *Preview) measureImages(s *site.Site, ch *change, diags *diag.List) *images {
	imgs := listImages(s)
	unread := func(b *bundleImage) bool { return ch.watched && !ch.named(b.disk) }
	imgs.measure(p.opts.Root, p.cache, p.images, unread)
	diags.Append(imgs.finish(s))
	for _, b := range imgs.list {
		if old := p.images[b.path]; old == nil || !old.sameInPage(b) {
			ch.moved[b.path] = true
		}
	}
	for path := range p.images {
		if imgs.byPath[path] == nil {
			ch.moved[path] = true
		}
	}
	p.images = imgs.byPath
	return imgs
}

// renderMarkdown renders the Markdown of new and changed pages and of
// pages whose links point at a moved file, keeps the rest, and resolves
// the site's links over all of it.
func (p *Preview) renderMarkdown(s *site.Site, imgs *images, ch *change, diags *diag.List) {
	var redo []int
	for i, sp := range s.Pages {
		e := p.entries[sp.Path]
		if e.doc != nil && !ch.all && !pointsAt(e.targets, ch.moved) {
			continue
		}
		redo = append(redo, i)
		if _, ok := ch.patched[sp]; !ok && ch.patched != nil {
			ch.patched[sp] = patch{source: sp.Source, doc: sp.Doc} // an image it shows changed
		}
	}
	renderMarkdown(p.md, s, imgs, redo, nil, false, func(i int, doc markdown.Result) {
		sp := s.Pages[i]
		e := p.entries[sp.Path]
		e.doc = &doc
		e.targets = e.targets[:0]
		for _, l := range doc.Links {
			if t := site.Target(sp, l.Dest); t != "" {
				e.targets = append(e.targets, t)
			}
		}
		e.sum = p.pageSum(e.page, &doc)
	})
	if ch.patched != nil && p.sameLinks(s, redo) {
		// Every page links where it did: the backlinks stand, and only
		// the new bodies are stored. Link's problems are reported as
		// Link reports them.
		for _, i := range redo {
			s.Pages[i].Doc = *p.entries[s.Pages[i].Path].doc
		}
		for _, sp := range s.Pages {
			for _, pr := range sp.Doc.Problems {
				diags.Errorf(sp.Path, pr.Line, pr.Col, "%s", pr.Message)
			}
		}
		return
	}
	docs := make([]markdown.Result, len(s.Pages))
	for i, sp := range s.Pages {
		docs[i] = *p.entries[sp.Path].doc
		if ch.patched != nil {
			sp.Backlinks = nil // Link finds them again
		}
	}
	diags.Append(s.Link(docs))
}

// sameLinks reports whether the pages of a patched graph at the positions
// redo, rendered again, link to the pages they did, in the same order:
// then the backlinks, which Link derives from exactly these, are
// unchanged.
func (p *Preview) sameLinks(s *site.Site, redo []int) bool {
	pageLinks := func(doc *markdown.Result) []string {
		var out []string
		for _, l := range doc.Links {
			if !l.Image {
				out = append(out, l.URL)
			}
		}
		return out
	}
	for _, i := range redo {
		sp := s.Pages[i]
		if !slices.Equal(pageLinks(&sp.Doc), pageLinks(p.entries[sp.Path].doc)) {
			return false
		}
	}
	return true
}

// nextPublished is what the update will publish: the graph and its pages.
// A graph given new bodies in place has the pages it had: what Jobs gave
// for it reads titles, lists and front matter, which a new body leaves
// alone; one given new titles (patchTitles) has them too, with the
// retitled pages' own entries made again (render.Retitled), and data
// files that show something new (their fingerprint is the last one's
// with the new front matter: what else it covers, the pages' addresses
// and the areas, is as it was).
func (p *Preview) nextPublished(s *site.Site, ch *change) *published {
	p.gens++
	if old := p.pub; ch.patched != nil && old.site == s && old.theme == p.theme && old.list != nil {
		if ch.retitled == nil {
			return &published{gen: p.gens, site: s, theme: p.theme, list: old.list, jobs: old.jobs, dataSum: old.dataSum, samePages: true}
		}
		pub := &published{gen: p.gens, site: s, theme: p.theme, list: render.Retitled(old.list, s, ch.titled), jobs: old.jobs, samePages: true}
		pub.dataSum = p.retitledDataSum(old.dataSum, ch.titled)
		return pub
	}
	var list []*render.Data
	if ch.jobs != nil {
		list = ch.jobs() // started when s was assembled
	} else {
		list = p.theme.Jobs(s, true) // a patched graph: new titles, or one the last update did not publish
	}
	pub := &published{gen: p.gens, site: s, theme: p.theme, list: list}
	pub.jobs = make(map[string]int, len(pub.list))
	for i, d := range pub.list {
		pub.jobs[render.OutputPath(d)] = i
	}
	pub.dataSum = p.dataFingerprint(s, pub.list, p.entries)
	return pub
}

// batch is what an update rendered, to publish: files by path and the
// fingerprints of the pages among them.
type batch struct {
	files map[string][]byte
	sums  map[string]uint64
	all   bool // files is the whole site but the bundles' files
}

// renderEverything renders the whole site: the theme's assets, the data
// and every page.
func (p *Preview) renderEverything(pub *published) (*batch, error) {
	b := &batch{files: map[string][]byte{}, sums: make(map[string]uint64, len(pub.list)), all: true}
	var mu sync.Mutex
	emit := func(path string, data []byte) error {
		mu.Lock()
		b.files[path] = bytes.Clone(data)
		mu.Unlock()
		return nil
	}
	if err := pub.theme.RenderAssets(pub.site, emit); err != nil {
		return nil, err
	}
	if err := render.RenderData(pub.site, pub.list, emit); err != nil {
		return nil, err
	}
	if err := pub.theme.RenderPages(pub.site, pub.list, emit); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	for i, sum := range pub.theme.Fingerprints(p.seed, pub.list) {
		b.sums[render.OutputPath(pub.list[i])] = sum
	}
	return b, nil
}

// renderInView renders the pages of inView that the new graph shows
// differently (their fingerprint changed), and notes the fingerprints of
// all of them: they are current once published.
func (p *Preview) renderInView(pub *published, inView []string) (*batch, error) {
	var jobs []*render.Data
	for _, out := range slices.Sorted(slices.Values(inView)) {
		if d := pub.page(out); d != nil && (len(jobs) == 0 || render.OutputPath(jobs[len(jobs)-1]) != out) {
			jobs = append(jobs, d)
		}
	}
	b := &batch{sums: make(map[string]uint64, len(jobs))}
	sums := pub.theme.Fingerprints(p.seed, jobs)
	var todo []*render.Data
	for i, d := range jobs {
		out := render.OutputPath(d)
		b.sums[out] = sums[i]
		if _, ok := p.out[out]; !ok || p.fps[out] != sums[i] {
			todo = append(todo, d)
		}
	}
	var err error
	if b.files, err = renderInto(pub, todo); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return b, nil
}

// publish serves the new site from now on: the pages rendered, the pages
// that no longer exist removed, the bundles' files and the images' copies
// brought up to date; every other page is current no longer, until it is
// asked for (bringUp).
func (p *Preview) publish(pub *published, b *batch, imgs *images, ch *change, u *Update) error {
	p.smu.Lock()
	defer p.smu.Unlock()
	if b.all {
		p.out, p.fps, p.fresh = b.files, map[string]uint64{}, map[string]int64{}
		p.dataSum, p.dataGen = pub.dataSum, pub.gen
	} else {
		if !pub.samePages {
			for out := range p.pub.jobs {
				if pub.page(out) == nil {
					delete(p.out, out)
					delete(p.fps, out)
					delete(p.fresh, out)
					u.Removed = append(u.Removed, out)
				}
			}
			sort.Strings(u.Removed)
		}
		maps.Copy(p.out, b.files)
		if pub.dataSum == p.dataSum {
			p.dataGen = pub.gen // the data files show what they showed
		}
	}
	for out, sum := range b.sums {
		p.fps[out], p.fresh[out] = sum, pub.gen
	}
	if err := p.copyResources(pub.site, p.out, ch.all, ch.named); err != nil {
		return err
	}
	p.putCopies(imgs, p.out)
	p.pub = pub
	return nil
}

// changedFunc reports whether a path is one of changed or lies in a folder
// of changed.
func changedFunc(changed []string) func(string) bool {
	set := map[string]bool{}
	for _, c := range changed {
		set[strings.TrimSuffix(c, "/")] = true
	}
	return func(path string) bool {
		for p := path; ; {
			if set[p] {
				return true
			}
			i := strings.LastIndexByte(p, '/')
			if i < 0 {
				return false
			}
			p = p[:i]
		}
	}
}

// pointsAt reports whether a page's link targets include a moved path. A
// link to x.md also finds the bundle x/index.md.
func pointsAt(targets []string, moved map[string]bool) bool {
	for _, t := range targets {
		if moved[t] || moved[strings.TrimSuffix(t, ".md")+"/index.md"] {
			return true
		}
	}
	return false
}

// resourceSet is the content paths of the bundle resources of entries.
func resourceSet(entries map[string]*entry) map[string]bool {
	out := map[string]bool{}
	for _, e := range entries {
		for _, r := range e.file.Resources {
			out[e.file.Dir()+r.Name] = true
		}
	}
	return out
}

// resourcePaths lists the bundle resources present in one set and not the
// other.
func resourcePaths(a, b map[string]bool) []string {
	var out []string
	for r := range a {
		if !b[r] {
			out = append(out, r)
		}
	}
	for r := range b {
		if !a[r] {
			out = append(out, r)
		}
	}
	return out
}

// copyResources puts the bundles' files into the site: new ones, and
// changed ones; gone ones are removed.
func (p *Preview) copyResources(s *site.Site, files map[string][]byte, everything bool, isChanged func(string) bool) error {
	now := map[string]string{}
	for _, r := range s.Resources() {
		now[r.URL] = r.Disk
		if _, ok := files[r.URL]; ok && !everything && !isChanged(r.Disk) && p.resources[r.URL] == r.Disk {
			continue
		}
		data, err := fs.ReadFile(p.opts.Root, r.Disk)
		if err != nil {
			return err
		}
		files[r.URL] = data
	}
	for url := range p.resources {
		if _, ok := now[url]; !ok {
			delete(files, url)
		}
	}
	p.resources = now
	return nil
}

// putCopies serves the images' copies, and no longer those of images gone
// or changed.
func (p *Preview) putCopies(imgs *images, files map[string][]byte) {
	now := map[string]bool{}
	_ = imgs.write(func(path string, data []byte) error {
		files[path] = data
		now[path] = true
		return nil
	})
	for path := range p.copies {
		if _, resource := p.resources[path]; !now[path] && !resource {
			delete(files, path)
		}
	}
	p.copies = now
}

func (p *Preview) sum(files map[string][]byte) uint64 {
	var h maphash.Hash
	h.SetSeed(p.seed)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		h.WriteString(n)
		h.WriteByte(0)
		h.Write(files[n])
		h.WriteByte(0)
	}
	return h.Sum64()
}

// metaSum hashes a file's front matter: the part of the file before the
// body, which Split left as empty lines in the body.
func (p *Preview) metaSum(data, body []byte) uint64 {
	var h maphash.Hash
	h.SetSeed(p.seed)
	lines := bytes.Count(body, []byte("\n")) - bytes.Count(bytes.TrimLeft(body, "\n"), []byte("\n"))
	for i := 0; i < len(data) && lines > 0; i++ {
		if data[i] == '\n' {
			lines--
			if lines == 0 {
				data = data[:i]
			}
		}
	}
	h.Write(data)
	return h.Sum64()
}

// pageSum hashes a page on its own: its source (front matter and body) and
// its rendered body, which also depends on where its links lead.
func (p *Preview) pageSum(pg *page.Page, doc *markdown.Result) uint64 {
	var h maphash.Hash
	h.SetSeed(p.seed)
	h.WriteString(pg.Path)
	h.WriteByte(0)
	h.Write(pg.File.Data)
	h.WriteByte(0)
	h.Write(doc.HTML)
	for _, hd := range doc.Headings {
		h.WriteString(hd.ID)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// retitledDataSum is dataFingerprint after pages were given new titles
// (patchTitles): the last sum with their new front matter. It differs
// from any sum before, so the data files are rendered again when next
// asked for.
func (p *Preview) retitledDataSum(last uint64, titled []*site.Page) uint64 {
	var h maphash.Hash
	h.SetSeed(p.seed)
	maphash.WriteComparable(&h, last)
	for _, sp := range titled {
		h.WriteString(sp.Path)
		maphash.WriteComparable(&h, p.entries[sp.Path].meta)
	}
	return h.Sum64()
}

// dataFingerprint covers what the open data, the feed and the sitemap show:
// every page's front matter, every output page's address and the areas'
// labels; not the pages' text, so that editing text does not write them.
func (p *Preview) dataFingerprint(s *site.Site, jobs []*render.Data, entries map[string]*entry) uint64 {
	var h maphash.Hash
	h.SetSeed(p.seed)
	var b [8]byte
	for _, sp := range s.Pages {
		sum := entries[sp.Path].meta
		for i := range b {
			b[i] = byte(sum >> (8 * i))
		}
		h.Write(b[:])
	}
	for _, d := range jobs {
		h.WriteString(d.URL)
		h.WriteByte(0)
	}
	for _, a := range s.Areas { // the open data names each area
		h.WriteString(a.ID + "\x00" + a.Label + "\x00")
	}
	return h.Sum64()
}
