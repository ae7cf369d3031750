// Package pipeline runs kb's stages in order, for kb build and kb check
// (Run) and, kept in memory between changes, for kb serve (Preview):
//
//	output.Claim ─▶ load ─▶ bundle.Check ─▶ page.Parse ─▶ site.Assemble ─▶ imageset
//	     ─▶ markdown ─▶ site.Link ─▶ render.LoadTheme ─▶ output.Begin
//	     ─▶ search index ─▶ render (pages, assets, search engine) ─▶ output.Commit
//
// Stages that work on one page at a time (parse, Markdown, render) run on
// every core into slices indexed by page, so results keep the input's order
// without locks. The graph is assembled in one goroutine. Every stage adds
// to one list of diagnostics; the site is written only when that list holds
// no error, and then atomically, so a failed build never touches the last
// good output.
package pipeline

import (
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"kunskapsbanken/generator/internal/bundle"
	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/diag"
	"kunskapsbanken/generator/internal/load"
	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/output"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/render"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/spool"
	"kunskapsbanken/generator/internal/statement"
	"kunskapsbanken/generator/internal/vocab"
)

// Options says what to build.
type Options struct {
	Root    fs.FS  // the project: site.yaml, content/, and themes/ unless it uses the embedded default
	Out     string // folder to publish to; "" checks without writing
	Drafts  bool   // include pages with draft: true (the preview server)
	BaseURL string // overrides site.yaml's baseURL when set
	Cache   string // folder keeping images' smaller copies between builds (ImageCache); "" keeps none

	// Repository and Branch, when set, override site.yaml's: on GitHub the
	// publish workflow passes its own, so edit links need no settings.
	Repository, Branch string

	// Loaded, when set, is called once the content is read, with the
	// number of its page files, before the stages that need the memory:
	// kb build sizes its memory limit by it.
	Loaded func(pages int)

	// Only, when set, checks just these project files (those a change
	// touched, deleted ones included) and the pages that mention them, and
	// reports only their problems. The rest of the site is known by file
	// name, so links to it resolve. A change to site.yaml, omraden.yaml or
	// the theme checks everything. Only never publishes.
	Only []string
}

// Result is what a run did.
type Result struct {
	Diags     diag.List   // every problem, sorted
	Site      *site.Site  // nil when the content could not be read at all; with Out set, its pages' BodyHTML works only during Run, and their Doc keeps only its headings
	Files     int         // files written
	Published bool        // the output folder now holds this build
	Stages    []StageTime // how long each stage took
}

// StageTime is the wall time of one stage, and the CPU time the whole
// process used meanwhile: the stage's own work, and the collector's and
// the kernel's on its behalf (writing files, serving page faults). The
// stages run one after the other, so the CPU of a build is their sum.
//
// Allocated is the bytes the stage allocated on the heap: a measure of its
// work that a busy machine does not disturb, as it does the times (the
// same build's render took 41 to 65 s of CPU at 100,000 pages). A stage
// whose allocations grow faster than the pages does more work per page on
// a larger site; one whose allocations grow with the pages while its CPU
// grows faster pays for the size of the heap, in the collector and in
// the caches.
type StageTime struct {
	Name         string
	Time         time.Duration
	User, System time.Duration // 0 where the system does not say
	Allocated    uint64        // bytes
}

// readConfig reads site.yaml, with the base URL of opts over it. It returns
// the file's bytes too, so the preview can tell when it changed.
func readConfig(opts Options, diags *diag.List) (config.Site, []byte, error) {
	cfg := config.Default
	src, err := load.ReadFile(opts.Root, load.ConfigPath)
	if err != nil {
		diags.Errorf(load.ConfigPath, 0, 0, "filen saknas eller kan inte läsas; site.yaml i projektets rot anger webbplatsens namn, adress och tema")
	} else {
		cfg = config.Parse(load.ConfigPath, src, diags)
	}
	if opts.BaseURL != "" {
		base, msg := config.NormalizeBaseURL(opts.BaseURL)
		if msg != "" {
			return cfg, src, fmt.Errorf("--base-url: %s", msg)
		}
		cfg.BaseURL = base
	}
	if opts.Repository != "" {
		u, err := url.Parse(opts.Repository)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return cfg, src, fmt.Errorf("-repository: skriv repositoryts webbadress, som https://github.com/organisation/kunskapsbanken")
		}
		cfg.Repository = strings.TrimSuffix(opts.Repository, "/")
	}
	if opts.Branch != "" {
		cfg.Branch = opts.Branch
	}
	return cfg, src, nil
}

// warnDCAT says once, as a warning, why the build will not write the open
// data's metadata for Sveriges dataportal (render.WritesDCAT): its IRIs
// must be absolute, and DCAT-AP-SE requires a publisher.
func warnDCAT(cfg config.Site, diags *diag.List) {
	var why []string
	if cfg.Origin() == "" {
		why = append(why, "baseURL saknar värd (skriv hela adressen, som https://example.org/kunskapsbank/, eller bygg med -base-url)")
	}
	if cfg.Publisher == nil {
		why = append(why, "publisher saknas eller är ofullständig (utgivaren med namn, organisationsnummer, typ och kontakt; se README.md)")
	}
	if len(why) > 0 {
		diags.Warnf(load.ConfigPath, 0, 0, "%s skrivs inte, så Sveriges dataportal kan inte hämta beskrivningen av öppna data: %s", render.DCATPath, strings.Join(why, ", och "))
	}
}

// Run builds the site. Problems with the content are in Result.Diags; the
// error is for failures of the machine (a disk that cannot be written).
func Run(opts Options) (*Result, error) {
	res := &Result{}
	var diags diag.List
	c := newClock()
	defer func() {
		diags.Sort()
		res.Diags, res.Stages = diags, c.times
	}() // deferred first, so it runs after a filter deferred below

	cfg, _, err := readConfig(opts, &diags)
	if err != nil {
		return res, err
	}
	warnDCAT(cfg, &diags) // not in the preview, which publishes nothing
	if opts.Out != "" {
		// Before any work: a folder kb would refuse to replace is said at once.
		if err := output.Claim(opts.Out); err != nil {
			return res, err
		}
	}
	// A build keeps each page's Markdown source, from parse to the Markdown
	// stage, and its rendered body, from there to render, on disk (0.7 GB
	// and 0.9 GB at 100,000 pages the process does not hold).
	var bodies *spool.Spool
	if opts.Out != "" {
		if bodies, err = spool.Create(filepath.Dir(filepath.Clean(opts.Out))); err != nil {
			return res, err
		}
		defer bodies.Close()
	}
	// A build parses each page on the core that read it, as soon as it is
	// read, and drops its bytes, so the raw files are never all in memory
	// (0.8 GB at 100,000 pages). Only parses after loading: it finds what
	// a change touches in every file's bytes.
	var early sync.Map // *page.File → parsedFile
	var parseEarly func(f *page.File)
	if opts.Only == nil {
		parseEarly = func(f *page.File) {
			if bodies == nil {
				p, d := page.Parse(f)
				f.Data = nil
				early.Store(f, parsedFile{page: p, diags: d})
				return
			}
			// The body goes to the spool at once, so it is made in a
			// buffer of this core's, reused file after file.
			buf := sourceBuffers.Get().(*[]byte)
			defer sourceBuffers.Put(buf)
			p, d := page.ParseInto(*buf, f)
			f.Data = nil
			r := parsedFile{page: p, diags: d}
			if p != nil {
				r.body, r.spooled = bodies.Put(p.Body), true
				if cap(p.Body) > cap(*buf) && cap(p.Body) <= 1<<20 {
					*buf = p.Body[:0] // grown, for the next file
				}
				p.Body = nil
			}
			early.Store(f, r)
		}
	}
	content, d := load.ReadContent(opts.Root, nil, parseEarly)
	diags.Append(d)
	themeFiles, themeDiags := load.ReadTheme(opts.Root, cfg.Theme, cfg.ThemeLine, cfg.ThemeCol)
	diags.Append(themeDiags)
	if opts.Loaded != nil {
		opts.Loaded(len(content.Files))
	}
	var sourcesEnd int64 // the spool's sources end here
	if bodies != nil {
		sourcesEnd = bodies.Mark()
	}
	c.stage("load")

	areas := vocab.ParseAreas(load.AreasPath, content.Areas, &diags)
	files, others := content.Files, []*page.File(nil)
	var keep func(path string) bool
	if opts.Only != nil {
		if opts.Out != "" {
			return res, fmt.Errorf("build: Only checks; it cannot publish")
		}
		if files, others, keep = affected(content.Files, opts.Only, cfg.Theme); keep != nil {
			defer func() { diags = filter(diags, keep) }()
		}
	}
	diags.Append(bundle.Check(opts.Root, files)) // an error here keeps the bundle's files unpublished
	parsed := make([]*page.Page, len(files))
	perPage := make([]diag.List, len(files))
	spooled := make(map[*page.Page]spool.Ref, len(files)) // the sources a build keeps in bodies
	if parseEarly != nil {
		for i, f := range files {
			v, _ := early.Load(f)
			r := v.(parsedFile)
			parsed[i], perPage[i] = r.page, r.diags
			if r.spooled {
				spooled[r.page] = r.body
			}
		}
	} else {
		parseFiles(len(files), func(i int) *page.File { return files[i] }, func(i int, p *page.Page, d diag.List) {
			parsed[i], perPage[i] = p, d
			files[i].Data = nil // the page keeps its body; the raw file is done with
		})
	}
	pages := parsed[:0]
	for i, p := range parsed {
		diags.Append(perPage[i])
		if p != nil {
			pages = append(pages, p)
		}
	}
	c.stage("parse")

	s := assemble(pages, others, cfg, areas, opts.Drafts, &diags)
	s.Statement = readStatement(content.Statement, &diags)
	res.Site = s
	c.stage("assemble")

	imgs, d := makeImages(opts.Root, s, opts.Cache)
	diags.Append(d)
	c.stage("images")

	var source func(p *page.Page, buf []byte) ([]byte, error)
	if bodies != nil {
		source = func(p *page.Page, buf []byte) ([]byte, error) {
			if ref, ok := spooled[p]; ok {
				return bodies.AppendRecord(buf, ref)
			}
			return append(buf, p.Body...), nil // buf is reused: p.Body must not be
		}
	}
	docs := make([]markdown.Result, len(s.Pages))
	var texts *spooledTexts // and the plain texts until search reads them
	if bodies != nil {
		texts = &spooledTexts{sp: bodies, refs: make([]spool.Ref, len(s.Pages))}
	}
	// Each page's HTML and text are put in bodies as soon as they are
	// made, so they are made in memory reused page after page (scratch).
	err = renderMarkdown(markdown.New(), s, imgs, nil, source, bodies != nil, func(i int, doc markdown.Result) {
		docs[i] = doc
		s.Pages[i].Source.Body = nil // rendered: memory holds the HTML and text from here on
		if bodies != nil {
			ref := bodies.Put(doc.HTML)
			s.Pages[i].StoreHTML(func(dst []byte) ([]byte, error) { return bodies.AppendRecord(dst, ref) })
			docs[i].HTML = nil
			texts.refs[i] = bodies.PutString(doc.Text)
			docs[i].Text = ""
		}
	})
	if err == nil && bodies != nil {
		err = bodies.Err()
	}
	if err != nil {
		return res, err
	}
	spooled = nil
	if bodies != nil {
		bodies.Drop(sourcesEnd) // read for the last time: not to be written to the disk
	}
	diags.Append(s.Link(docs))
	if bodies != nil {
		// Link was the last reader of the pages' links and problems (kb
		// check keeps them for -external); render and search read only
		// the headings. Held to the end of a build, they were 25 MB at
		// 100,000 pages, which the collector marked again and again
		// through search and render.
		for _, p := range s.Pages {
			p.Doc.Links, p.Doc.External, p.Doc.Problems = nil, nil, nil
		}
	}
	c.stage("markdown")

	var theme *render.Theme
	if !themeDiags.HasErrors() { // a theme that could not be read says so once, not file by missing file
		theme, d = loadTheme(themeFiles, cfg)
		diags.Append(d)
	}
	c.stage("theme")

	if opts.Out == "" || diags.HasErrors() {
		return res, nil
	}
	w, err := output.Begin(opts.Out)
	if err != nil {
		return res, err
	}
	// The search index first: once written, its files and the analysis
	// behind them are garbage before render needs the memory.
	if err := searchIndex(s, bodies, texts, w.Write); err != nil {
		w.Abort()
		return res, err
	}
	c.stage("search")
	if err := theme.Render(s, opts.Drafts, w.Write); err != nil {
		w.Abort()
		return res, fmt.Errorf("render: %w", err)
	}

	for _, r := range s.Resources() {
		if err := w.Copy(r.URL, opts.Root, r.Disk); err != nil {
			w.Abort()
			return res, err
		}
	}
	if err := imgs.write(w.Write); err != nil {
		w.Abort()
		return res, err
	}
	c.stage("render")
	res.Files = w.Files()
	if err := w.Commit(); err != nil {
		return res, err
	}
	res.Published = true
	c.stage("publish")
	return res, nil
}

// The stages below are shared by Run and the preview, which runs them on
// the part of the site a change touched.

// clock times the stages of a run.
type clock struct {
	start, last          time.Time
	lastUser, lastSystem time.Duration // the process's CPU time at last
	lastAllocated        uint64        // and the bytes it had allocated
	times                []StageTime
}

func newClock() *clock {
	now := time.Now()
	user, sys := processCPU()
	return &clock{start: now, last: now, lastUser: user, lastSystem: sys, lastAllocated: heapAllocated()}
}

// stage ends the stage called name.
func (c *clock) stage(name string) {
	now := time.Now()
	user, sys := processCPU()
	alloc := heapAllocated()
	c.times = append(c.times, StageTime{name, now.Sub(c.last), user - c.lastUser, sys - c.lastSystem, alloc - c.lastAllocated})
	c.last, c.lastUser, c.lastSystem, c.lastAllocated = now, user, sys, alloc
}

// heapAllocated is the bytes the process has allocated on the heap so
// far, every goroutine's (runtime/metrics, read without stopping them).
func heapAllocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// parsedFile is what page.Parse returned for one file, and where a build
// keeps the page's Markdown source (when spooled, page.Body is nil).
type parsedFile struct {
	page    *page.Page
	diags   diag.List
	body    spool.Ref
	spooled bool
}

// parseFiles parses n files, file(i) the i-th, on every core; each result
// goes to done, called from the core that parsed it.
func parseFiles(n int, file func(i int) *page.File, done func(i int, p *page.Page, d diag.List)) {
	par.For(n, func(i int) {
		p, d := page.Parse(file(i))
		done(i, p, d)
	})
}

// assemble builds the site graph and relates all its pages (the preview
// relates only what an update changed: Preview.assemble).
func assemble(pages []*page.Page, others []*page.File, cfg config.Site, areas *vocab.Areas, drafts bool, diags *diag.List) *site.Site {
	s, d := site.Assemble(pages, others, cfg, areas, vocab.Sweden(), drafts)
	diags.Append(d)
	s.Relate(nil, nil)
	return s
}

// renderMarkdown renders the Markdown of the pages of s at the positions
// which (all when nil), on every core, with the images' sizes and copies;
// each result goes to done, called from the core that rendered it. A page's
// Markdown is what source(page, buf) appends to buf, a buffer reused for
// the next page once this one is rendered (its Body when source is nil);
// the error is source's first. With scratch, a result's HTML and Text are
// in memory the core reuses for its next page (markdown.Renderer.RenderInto):
// done must copy what it keeps of them before it returns.
func renderMarkdown(md *markdown.Renderer, s *site.Site, imgs *images, which []int, source func(p *page.Page, buf []byte) ([]byte, error), scratch bool, done func(i int, doc markdown.Result)) error {
	n := len(which)
	if which == nil {
		n = len(s.Pages)
	}
	var mu sync.Mutex
	var first error
	par.For(n, func(k int) {
		i := k
		if which != nil {
			i = which[k]
		}
		sp := s.Pages[i]
		src := sp.Source.Body
		if source != nil {
			buf := sourceBuffers.Get().(*[]byte)
			defer sourceBuffers.Put(buf)
			var err error
			if src, err = source(sp.Source, (*buf)[:0]); err != nil {
				mu.Lock()
				first = cmp.Or(first, err)
				mu.Unlock()
				return
			}
			*buf = src[:0] // grown, if it was, for the next page
		}
		if !scratch {
			done(i, md.Render(src, imgs.resolver(s, sp)))
			return
		}
		bufs := renderBuffers.Get().(*markdown.Buffers)
		defer renderBuffers.Put(bufs)
		done(i, md.RenderInto(bufs, src, imgs.resolver(s, sp)))
	})
	return first
}

// renderBuffers hold a page's HTML and text from the Markdown stage until
// kb build has put them in its spool, one pair a core, reused page after
// page.
var renderBuffers = sync.Pool{New: func() any { return new(markdown.Buffers) }}

// sourceBuffers hold a page's Markdown source, one buffer a core, reused
// page after page: in kb build from its parse until it is in the spool,
// and from there while it is rendered: a Result keeps none of its
// source (markdown.TestResultKeepsNoSource), and a source read into
// memory the process has already touched costs a fraction of one read
// into a new slice (spool.Spool.AppendRecord).
var sourceBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readStatement parses the facts of the accessibility statement. A site
// without them gets a warning: a public body's site must have a statement
// (lag 2018:1937), but kb also builds sites that are not one's.
func readStatement(src []byte, diags *diag.List) *statement.Statement {
	if src == nil {
		diags.Warnf(load.StatementPath, 0, 0, "filen saknas, så webbplatsen får ingen tillgänglighetsredogörelse; en offentlig aktörs webbplats ska ha en (lag 2018:1937): skapa filen med de uppgifter CONTENT.md listar")
		return nil
	}
	return statement.Parse(load.StatementPath, src, diags)
}

// loadTheme parses the theme the settings name.
func loadTheme(files *load.Theme, cfg config.Site) (*render.Theme, diag.List) {
	return render.LoadTheme("themes/"+files.Name, files.Files, cfg.Language)
}
