package pipeline

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"io/fs"
	"maps"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"kunskapsbanken/generator/internal/bundle"
	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/imageset"
	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/render"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/vocab"
)

// Preview is a site built in memory and brought up to date after each
// change, for the preview server. Drafts are always included.
//
// It keeps, per content file, the bytes, the parsed page and the rendered
// Markdown, and per output page a fingerprint of what the page shows. An
// update re-reads and re-parses only the files the watcher named,
// re-renders the Markdown of those and of pages whose links point at a file
// that appeared or disappeared or at an image whose size or copies changed
// (the page shows them), assembles the site graph again (cheap), and
// renders only the output pages whose fingerprint changed. A change to
// site.yaml or the theme renders everything. The result is the same, byte
// for byte, as Run with Drafts set.
type Preview struct {
	opts Options
	seed maphash.Seed
	md   *markdown.Renderer

	mu        sync.Mutex // one Update at a time
	entries   map[string]*entry
	cfgSrc    []byte
	themeSum  uint64
	theme     *render.Theme
	fps       map[string]uint64 // output path of a page → fingerprint
	site      *site.Site        // the last graph, whose related pages the next one reuses
	areasSrc  []byte
	dataSum   uint64
	resources map[string]string // output path of a bundle resource → its disk path
	bundles   bundle.Checker    // what the bundles' SVG files showed, read again when changed
	cache     *imageset.Cache
	images    map[string]*bundleImage // content path → the image as last measured
	copies    map[string]bool         // output paths of the images' copies served
	files     atomic.Pointer[map[string][]byte]

	// The search index is built in the background after an update that
	// changed what search sees (it takes seconds on a large site, and an
	// editor waits for the page, not the index); until it is ready the
	// last index is served. searchGen makes the newest build win.
	searchSum   uint64
	searchGen   atomic.Int64
	searchWG    sync.WaitGroup
	searchFiles atomic.Pointer[map[string][]byte]
}

type entry struct {
	file    *page.File
	page    *page.Page // nil when the front matter is unusable
	diags   diag.List
	body    []byte           // kept: a page's Markdown is rendered again when a link target changes
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
	Rendered  int      // output pages rendered
	Removed   []string // output paths that no longer exist
	Elapsed   time.Duration
	Stages    []StageTime // where the time went
}

// NewPreview prepares a preview of the project in opts.Root; nothing is
// built until the first Update.
func NewPreview(opts Options) *Preview {
	opts.Drafts = true
	p := &Preview{opts: opts, seed: maphash.MakeSeed(), md: markdown.New(), cache: &imageset.Cache{Dir: opts.Cache}}
	empty := map[string][]byte{}
	p.files.Store(&empty)
	noIndex := map[string][]byte{}
	p.searchFiles.Store(&noIndex)
	return p
}

// File returns a file of the last good build, by its path in the site.
func (p *Preview) File(path string) ([]byte, bool) {
	if data, ok := (*p.files.Load())[path]; ok {
		return data, ok
	}
	data, ok := (*p.searchFiles.Load())[path]
	return data, ok
}

// Files returns the last good build, with the search index as far as it is
// ready: path in the site → bytes.
func (p *Preview) Files() map[string][]byte {
	files := maps.Clone(*p.files.Load())
	maps.Copy(files, *p.searchFiles.Load())
	return files
}

// WaitSearch waits until the search index of the last update is served.
func (p *Preview) WaitSearch() { p.searchWG.Wait() }

// indexSearch starts building the search index of s when what search sees
// may have changed since the last one: a page's front matter or body (its
// sum), the set of pages, the areas or the settings. The build waits for
// searchQuiet without a newer update first, so that a burst of saves does
// not start a build for each: on a large site it takes seconds and shares
// the cores with the updates the editor waits for.
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
	if sum := h.Sum64(); sum == p.searchSum {
		return
	} else {
		p.searchSum = sum
	}
	docs := SearchDocs(s) // now: the next update may change the pages
	w := SearchWeights(s.Config)
	gen := p.searchGen.Add(1)
	p.searchWG.Add(1)
	go func() {
		defer p.searchWG.Done()
		time.Sleep(searchQuiet)
		if p.searchGen.Load() != gen {
			return // a newer update has started its own
		}
		files := map[string][]byte{}
		for _, f := range searchIndexOf(docs, w) {
			files[f.Path] = f.Data
		}
		if p.searchGen.Load() == gen {
			p.searchFiles.Store(&files)
		}
	}()
}

// searchQuiet is how long the preview waits after an update before it
// builds the search index.
const searchQuiet = 300 * time.Millisecond

// Update brings the site up to date. changed lists the project paths
// (slash-separated, relative to the root: files or folders) that may have
// changed since the last update; nil means anything may have.
func (p *Preview) Update(changed []string) (*Update, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	start := time.Now()
	u := &Update{}
	var diags diag.List
	defer func() {
		diags.Sort()
		u.Diags = diags
		u.Elapsed = time.Since(start)
	}()
	clock := start
	stage := func(name string) {
		now := time.Now()
		u.Stages = append(u.Stages, StageTime{name, now.Sub(clock)})
		clock = now
	}

	everything := changed == nil || p.entries == nil
	isChanged := changedFunc(changed)

	// The settings and the theme are small: read them every time and
	// compare.
	cfg, cfgSrc, err := readConfig(p.opts, &diags)
	if err != nil {
		return u, err
	}
	if !bytes.Equal(cfgSrc, p.cfgSrc) {
		everything = true // the base path is in every link, the title on every page
		p.cfgSrc = cfgSrc
	}
	themeFiles, d := load.ReadTheme(p.opts.Root, cfg.Theme)
	diags.Append(d)
	if sum := p.sum(themeFiles.Files); sum != p.themeSum || p.theme == nil || everything {
		theme, d := render.LoadTheme("themes/"+themeFiles.Name, themeFiles.Files, cfg.Language)
		diags.Append(d)
		if !d.HasErrors() {
			p.theme, p.themeSum = theme, sum
		}
		everything = true
	}

	// Content: read again only what changed.
	reuse := func(path string) ([]byte, bool) {
		if e := p.entries[path]; e != nil && !everything && !isChanged(path) {
			return e.file.Data, true
		}
		return nil, false
	}
	content, d := load.ReadContent(p.opts.Root, reuse)
	diags.Append(d)
	var bundleChanged func(string) bool // nil: read every file again
	if changed != nil {
		bundleChanged = isChanged
	}
	diags.Append(p.bundles.Check(p.opts.Root, content.Files, bundleChanged))
	areas := vocab.ParseAreas(load.AreasPath, content.Areas, &diags)
	stage("load")

	resourcesBefore := resourceSet(p.entries) // before the loop below gives kept entries their new files
	entries := make(map[string]*entry, len(content.Files))
	moved := map[string]bool{} // pages and resources that appeared or disappeared
	var parse []*entry
	for _, f := range content.Files {
		old := p.entries[f.Path]
		if old == nil {
			moved[f.Path] = true
		}
		if old != nil && old.page != nil && !everything && !isChanged(f.Path) {
			old.file, old.page.File = f, f // same bytes; resources may differ
			entries[f.Path] = old
			continue
		}
		e := &entry{file: f}
		entries[f.Path] = e
		parse = append(parse, e)
	}
	for path := range p.entries {
		if entries[path] == nil {
			moved[path] = true
		}
	}
	par.For(len(parse), func(i int) {
		e := parse[i]
		e.page, e.diags = page.Parse(e.file)
		if e.page != nil {
			e.body = e.page.Body
			e.meta = p.metaSum(e.file.Data, e.body)
		}
	})
	metaChanged := map[string]bool{}
	for _, e := range parse {
		if old := p.entries[e.file.Path]; old == nil || old.meta != e.meta || e.page == nil {
			metaChanged[e.file.Path] = true
		}
	}
	for _, r := range resourcePaths(resourcesBefore, resourceSet(entries)) {
		moved[r] = true
	}
	p.entries = entries

	paths := make([]string, 0, len(entries))
	for path := range entries {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	var pages []*page.Page
	for _, path := range paths {
		e := entries[path]
		diags.Append(e.diags)
		if e.page != nil {
			pages = append(pages, e.page)
		}
	}
	stage("parse")
	s, d := site.Assemble(pages, nil, cfg, areas, vocab.Sweden(), true)
	diags.Append(d)
	prev := p.site
	if everything || !bytes.Equal(content.Areas, p.areasSrc) {
		prev = nil // labels are in the reasons given for related pages
	}
	s.Relate(prev, func(path string) bool { return metaChanged[path] })
	p.site, p.areasSrc = s, content.Areas
	u.Site = s
	stage("assemble")

	// Images: measured again when changed. A page showing one whose size or
	// srcset changed (a file with a copy's name appeared, say) is rendered
	// again, as for a link target that moved.
	imgs := listImages(s)
	unread := func(b *bundleImage) bool { return changed != nil && !isChanged(b.disk) }
	imgs.measure(p.opts.Root, p.cache, p.images, unread)
	diags.Append(imgs.finish(s))
	for _, b := range imgs.list {
		if old := p.images[b.path]; old == nil || !old.sameInPage(b) {
			moved[b.path] = true
		}
	}
	for path := range p.images {
		if imgs.byPath[path] == nil {
			moved[path] = true
		}
	}
	p.images = imgs.byPath
	stage("images")

	// Markdown: new and changed pages, and pages whose links point at a
	// file that appeared or disappeared or at an image shown differently.
	var redo []int
	for i, sp := range s.Pages {
		e := entries[sp.Path]
		if e.doc != nil && !everything && !pointsAt(e.targets, moved) {
			continue
		}
		redo = append(redo, i)
	}
	par.For(len(redo), func(k int) {
		sp := s.Pages[redo[k]]
		e := entries[sp.Path]
		doc := p.md.Render(e.body, imgs.resolver(s, sp))
		e.doc = &doc
		e.targets = e.targets[:0]
		for _, l := range doc.Links {
			if t := site.Target(sp, l.Dest); t != "" {
				e.targets = append(e.targets, t)
			}
		}
		e.sum = p.pageSum(e.page, &doc)
	})
	docs := make([]markdown.Result, len(s.Pages))
	for i, sp := range s.Pages {
		docs[i] = *entries[sp.Path].doc
	}
	diags.Append(s.Link(docs))
	stage("markdown")
	if diags.HasErrors() || p.theme == nil {
		return u, nil // the last good site stays served
	}

	// Output: only the pages whose fingerprint changed.
	jobs := p.theme.Jobs(s, true)
	fps := render.Fingerprints(p.seed, s, jobs, func(sp *site.Page) uint64 { return entries[sp.Path].sum })
	files := map[string][]byte{}
	if !everything {
		files = maps.Clone(*p.files.Load())
	}
	var mu sync.Mutex
	emit := func(path string, data []byte) error {
		mu.Lock()
		files[path] = bytes.Clone(data)
		mu.Unlock()
		return nil
	}
	stage("fingerprint")
	newFPs := make(map[string]uint64, len(jobs))
	var todo []*render.Data
	for i, d := range jobs {
		out := render.OutputPath(d)
		newFPs[out] = fps[i]
		if old, ok := p.fps[out]; everything || !ok || old != fps[i] {
			todo = append(todo, d)
		}
	}
	for out := range p.fps {
		if _, ok := newFPs[out]; !ok && !everything {
			delete(files, out)
			u.Removed = append(u.Removed, out)
		}
	}
	sort.Strings(u.Removed)
	if everything {
		if err := p.theme.RenderAssets(s, emit); err != nil {
			return u, err
		}
	}
	if sum := p.dataFingerprint(s, jobs, entries); everything || sum != p.dataSum {
		if err := render.RenderData(s, jobs, emit); err != nil {
			return u, err
		}
		p.dataSum = sum
	}
	stage("data")
	if err := p.theme.RenderPages(s, todo, emit); err != nil {
		return u, fmt.Errorf("render: %w", err)
	}
	stage("render")
	if err := p.copyResources(s, files, everything, isChanged); err != nil {
		return u, err
	}
	p.putCopies(imgs, files)
	p.fps = newFPs
	p.files.Store(&files)
	p.indexSearch(s, entries)
	u.Published, u.Full, u.Rendered = true, everything, len(todo)
	return u, nil
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
