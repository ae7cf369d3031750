package pipeline

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"unsafe"

	"kunskapsbanken/generator/internal/config"
	"kunskapsbanken/generator/internal/markdown"
	"kunskapsbanken/generator/internal/page"
	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/search/index"
	"kunskapsbanken/generator/internal/site"
	"kunskapsbanken/generator/internal/slug"
	"kunskapsbanken/generator/internal/spool"
)

// searchIndex analyses the site's pages for search, their plain text read
// from sp (texts, by page position), and writes the files of the browser
// index with write, which must be safe for concurrent use and keep
// nothing of the bytes it is given once it returns. Neither the
// text nor the files are all in memory at once: each file waits in sp
// until the index folder's name, a hash of them all, is known.
func searchIndex(s *site.Site, sp *spool.Spool, texts *spooledTexts, write func(rel string, data []byte) error) error {
	docs, _ := searchDocs(context.Background(), s, texts.text)
	// The index's word positions wait in sp too, until written.
	ix := index.BuildSpooled(docs, SearchWeights(s.Config), sp)
	if err := texts.Err(); err != nil {
		return err
	}
	// Export reads of each page only what the browser shows and filters
	// by; its words are in the index (which dropped the subjects and
	// lessons as soon as it had counted them).
	for i := range docs {
		docs[i].Body = nil
	}
	var names []string
	var refs []spool.Ref
	dir, manifest, err := ix.ExportTo(func(name string, data []byte) error {
		names = append(names, name)
		refs = append(refs, sp.Put(data))
		return sp.Err()
	})
	if err != nil {
		return err
	}
	// The index is garbage from here: what remains is in the spool, and
	// is written on every core (a file costs system calls more than
	// bytes).
	errs := make([]error, len(names))
	par.For(len(names), func(i int) {
		// write keeps nothing of data, so each core reads file after file
		// into one buffer (spool.Spool.AppendRecord).
		buf := fileBuffers.Get().(*[]byte)
		defer fileBuffers.Put(buf)
		data, err := sp.AppendRecord((*buf)[:0], refs[i])
		*buf = data[:0]
		if err == nil {
			err = write(index.ShardDir+dir+"/"+names[i]+".json", data)
		}
		errs[i] = err
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return write(index.ManifestPath, manifest)
}

// fileBuffers hold a search index file between the spool and the disk.
var fileBuffers = sync.Pool{New: func() any { return new([]byte) }}

// spooledTexts are the pages' plain texts, kept in a spool from the
// Markdown stage to the search stage (about 7.6 KB a page, 760 MB at
// 100,000 pages that memory does not hold).
type spooledTexts struct {
	sp   *spool.Spool
	refs []spool.Ref // by page position

	mu  sync.Mutex
	err error // the first failed read
}

// text returns the i-th page's text, read into *buf (its array reused,
// the text valid until buf's next use) or, when buf is nil, into memory
// of its own; a failure is kept for Err, and the text is then empty.
func (t *spooledTexts) text(i int, buf *[]byte) string {
	var text string
	var err error
	if buf == nil {
		text, err = t.sp.GetString(t.refs[i])
	} else {
		*buf, err = t.sp.AppendRecord((*buf)[:0], t.refs[i])
		text = unsafe.String(unsafe.SliceData(*buf), len(*buf))
	}
	if err != nil {
		t.mu.Lock()
		defer t.mu.Unlock()
		if t.err == nil {
			t.err = err
		}
		return ""
	}
	return text
}

// Err returns the first error of text, or nil.
func (t *spooledTexts) Err() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err
}

// SearchWeights are the ranking weights: the defaults with site.yaml's
// search.weights over them (config checks the names).
func SearchWeights(cfg config.Site) index.Weights {
	w := index.DefaultWeights
	for name, v := range cfg.SearchWeights {
		if p := w.Named(name); p != nil {
			*p = v
		}
	}
	return w
}

// searchTypes name the page kinds in the browser index.
var searchTypes = map[page.Kind]string{
	page.CaseStudy:  "fallstudie",
	page.Initiative: "initiativ",
	page.Profile:    "kommun",
	page.Free:       "sida",
}

// SearchDocs describes every page of the site for search. The pages must
// have been through the Markdown stage. They are ordered by municipality,
// then newest first, then by URL: the facet table's municipality and county
// columns are then long runs.
func SearchDocs(s *site.Site) []index.Doc {
	docs, _ := searchDocs(context.Background(), s, nil)
	return docs
}

// searchDocs is SearchDocs, with each page's plain text, when text is not
// nil, not in Doc.Text but read by text(i, buf) (i its position in s.Pages)
// when search asks for it (index.Doc.Body). It gives up when ctx is done,
// within a few pages, and returns ctx's error: the preview copies the
// pages with the update lock held (tens of milliseconds at 10,000 pages,
// hundreds while the machine is busy), and an update that comes meanwhile
// must not wait for a copy it makes useless.
func searchDocs(ctx context.Context, s *site.Site, text func(i int, buf *[]byte) string) ([]index.Doc, error) {
	docs := make([]index.Doc, len(s.Pages))
	for i, p := range s.Pages {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		d := &docs[i]
		d.URL = p.URL
		d.Type = searchTypes[p.Kind]
		d.Title = p.Meta.Title
		d.Summary = p.Meta.Summary
		if text == nil {
			d.Sections = sections(p.Doc.Text, p.Doc.Headings)
		} else {
			hs := p.Doc.Headings
			d.Body = func(buf *[]byte) []index.Section { return sections(text(i, buf), hs) }
		}
		f := &d.Facets
		// The subjects at their size: they are held until the index is
		// built, and append's spare room was a fifth of them.
		n := len(p.Meta.Tags)
		for _, a := range p.Areas {
			n += 1 + len(a.Synonyms)
		}
		if m := p.Municipality; m != nil {
			n += 2 // its name and county's
		}
		if n > 0 {
			d.Subjects = make([]string, 0, n)
		}
		if len(p.Areas) > 0 {
			f.Areas = make([]index.Value, 0, len(p.Areas))
		}
		for _, a := range p.Areas {
			d.Subjects = append(d.Subjects, a.Label)
			d.Subjects = append(d.Subjects, a.Synonyms...)
			f.Areas = append(f.Areas, index.Value{Key: a.ID, Label: a.Label})
		}
		d.Subjects = append(d.Subjects, p.Meta.Tags...)
		if m := p.Municipality; m != nil {
			d.Subjects = append(d.Subjects, m.Name)
			f.Municipality = index.Value{Key: m.Slug, Label: m.Name}
			if m.County != nil {
				d.Subjects = append(d.Subjects, m.County.Name)
				f.County = index.Value{Key: m.County.Slug, Label: m.County.Name}
			}
		}
		if n := len(p.Meta.Lessons) + len(p.Meta.Effects); n > 0 {
			d.Lessons = make([]string, 0, n)
		}
		for _, l := range p.Meta.Lessons {
			d.Lessons = append(d.Lessons, l.Text)
		}
		for _, e := range p.Meta.Effects {
			d.Lessons = append(d.Lessons, strings.Join(strings.Fields(e.Text+" "+e.ValueText()+" "+e.Unit+" "+e.Period), " "))
		}
		if pr := p.Meta.Procurement; pr != nil {
			f.Supplier = index.Value{Key: slug.Make(pr.Supplier), Label: pr.Supplier}
			if pr.Form != "" {
				f.Procurement = index.Value{Key: string(pr.Form), Label: pr.Form.Label()}
			}
		}
		if p.Kind == page.CaseStudy && p.Meta.Status != "" {
			f.Status = index.Value{Key: string(p.Meta.Status), Label: p.Meta.Status.Label()}
		}
		for _, in := range p.Initiatives {
			f.Initiatives = append(f.Initiatives, index.Value{Key: in.Slug, Label: in.Meta.Title})
		}
		year := ""
		if len(p.Meta.Started) >= 4 {
			year = p.Meta.Started[:4]
		} else if !p.Meta.Published.IsZero() {
			year = p.Meta.Published.Format("2006")
		}
		if year != "" && p.Kind == page.CaseStudy {
			f.Year = index.Value{Key: year, Label: year}
		}
		if !p.Meta.Published.IsZero() {
			t := p.Meta.Published
			f.Published = t.Year()*10000 + int(t.Month())*100 + t.Day()
		}
	}
	slices.SortStableFunc(docs, func(a, b index.Doc) int {
		return cmp.Or(cmp.Compare(a.Facets.Municipality.Key, b.Facets.Municipality.Key),
			cmp.Compare(b.Facets.Published, a.Facets.Published), cmp.Compare(a.URL, b.URL))
	})
	return docs, nil
}

// sections splits a page's plain text at its headings (hs): the Markdown
// stage writes one line per block, headings included, in document order.
// Each section's text is a slice of the page's text, not a copy.
func sections(text string, hs []markdown.Heading) []index.Section {
	var out []index.Section
	cur := index.Section{}
	start := 0 // where the current section's text begins
	for at := 0; at <= len(text); {
		end := strings.IndexByte(text[at:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += at
		}
		if len(hs) > 0 && text[at:end] == hs[0].Text {
			if cur.Heading != "" || at > start {
				cur.Text = strings.TrimSuffix(text[start:at], "\n")
				out = append(out, cur)
			}
			cur = index.Section{ID: hs[0].ID, Heading: hs[0].Text}
			hs = hs[1:]
			start = end + 1
		}
		at = end + 1
	}
	if start < len(text) {
		cur.Text = text[start:]
	}
	return append(out, cur)
}
