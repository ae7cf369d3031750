package render

import (
	"encoding/binary"
	"hash/maphash"
	"strconv"

	"kunskapsbanken/generator/internal/par"
	"kunskapsbanken/generator/internal/site"
)

// Fingerprints returns, for each output page, a hash of everything its
// layout can show, so the preview server re-renders only the pages whose
// hash changed. content hashes what a page is on its own (front matter and
// rendered body); the caller computes it once per change of the page, since
// it is the expensive part.
//
// This is a promise about the layouts: a layout that shows more of the site
// must be matched here, or the preview goes stale. The preview's tests
// compare it with a full build after every kind of edit, which is what finds
// a missing input.
func Fingerprints(seed maphash.Seed, s *site.Site, jobs []*Data, content func(*site.Page) uint64) []uint64 {
	f := fingerprinter{seed: seed, content: content, cards: make(map[*site.Page]uint64, len(s.Pages))}
	for _, p := range s.Pages { // every card first: the map is only read below, from every core
		f.cards[p] = f.makeCard(p)
	}
	global := f.global(s)
	whole := f.whole(s)
	out := make([]uint64, len(jobs))
	par.For(len(jobs), func(i int) {
		d := jobs[i]
		h := f.new()
		h.u64(global)
		h.str(d.Layout, d.URL, d.Title)
		h.bool(d.Drafts)
		for _, c := range d.Crumbs {
			h.str(c.Title, c.URL)
		}
		switch {
		case d.Page != nil:
			f.page(h, d.Page)
		case d.List != nil:
			f.list(h, d.List)
		}
		if d.Layout == "home" || d.Layout == "terms" || d.Layout == "404" {
			h.u64(whole) // figures, counts and the newest pages of the whole site
		}
		out[i] = h.sum()
	})
	return out
}

type fingerprinter struct {
	seed    maphash.Seed
	content func(*site.Page) uint64
	cards   map[*site.Page]uint64
}

type hasher struct{ maphash.Hash }

func (f *fingerprinter) new() *hasher {
	h := &hasher{}
	h.SetSeed(f.seed)
	return h
}

func (h *hasher) str(ss ...string) {
	for _, s := range ss {
		h.WriteString(s)
		h.WriteByte(0)
	}
}

func (h *hasher) u64(v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}

func (h *hasher) int(v int) { h.u64(uint64(v)) }

func (h *hasher) bool(v bool) {
	if v {
		h.WriteByte(1)
	} else {
		h.WriteByte(0)
	}
}

func (h *hasher) sum() uint64 { return h.Sum64() }

// global is what every page shows: the settings, the header and footer.
func (f *fingerprinter) global(s *site.Site) uint64 {
	h := f.new()
	c := s.Config
	h.str(c.Title, c.Description, c.BaseURL, c.Language, c.Repository, c.Branch, c.Theme)
	h.int(c.PageSize)
	for _, p := range s.Free {
		h.str(p.URL, p.Meta.Title)
	}
	return h.sum()
}

// card is a page as a list shows it.
func (f *fingerprinter) card(p *site.Page) uint64 { return f.cards[p] }

func (f *fingerprinter) makeCard(p *site.Page) uint64 {
	h := f.new()
	m := p.Meta
	h.str(p.URL, m.Title, m.Summary, string(m.Status), m.Published.String(), m.Updated.String())
	h.bool(m.Draft)
	if p.Municipality != nil {
		h.str(p.Municipality.Name, p.Municipality.URL)
	}
	return h.sum()
}

// whole summarises the site for the pages that show all of it.
func (f *fingerprinter) whole(s *site.Site) uint64 {
	h := f.new()
	for _, p := range s.CaseStudies {
		h.u64(f.card(p))
	}
	for _, a := range s.Areas {
		h.str(a.ID, a.Label, a.Description, a.URL)
		h.int(len(a.Pages))
	}
	for _, m := range s.Municipalities {
		h.str(m.Name, m.URL, m.County.Name, m.County.URL)
		h.int(len(m.CaseStudies))
	}
	for _, c := range s.Counties {
		h.str(c.Name, c.URL)
		h.int(len(c.CaseStudies))
	}
	for _, st := range s.Statuses {
		h.int(len(st.Pages))
	}
	for _, t := range s.Tags {
		h.str(t.Name, t.URL)
		h.int(len(t.Pages))
	}
	for _, p := range s.Initiatives {
		h.u64(f.card(p))
		h.int(len(p.Members))
	}
	return h.sum()
}

func (f *fingerprinter) page(h *hasher, p *site.Page) {
	h.u64(f.content(p))
	if m := p.Municipality; m != nil {
		h.str(m.Name, m.URL, m.County.Name, m.County.URL)
	}
	for _, a := range p.Areas {
		h.str(a.Label, a.URL)
	}
	for _, in := range p.Initiatives {
		h.str(in.URL, in.Meta.Title)
	}
	for _, r := range p.Related {
		h.u64(f.card(r.Page))
		h.str(r.Reasons...)
		h.int(r.Score)
	}
	for _, b := range p.Backlinks {
		h.str(b.URL, b.Meta.Title)
	}
	for _, m := range p.Covers {
		h.str(m.Name, m.URL)
		h.int(len(m.CaseStudies)) // an initiative shows how many each municipality has
	}
	for _, q := range p.Members {
		h.u64(f.card(q))
	}
}

func (f *fingerprinter) list(h *hasher, l *List) {
	h.str(l.Kind, l.Intro, strconv.Itoa(l.Total))
	h.int(l.Pager.Number)
	h.int(l.Pager.Count)
	h.str(l.Pager.Prev, l.Pager.Next)
	for _, p := range l.Pages {
		h.u64(f.card(p))
	}
	for _, t := range l.Terms {
		h.str(t.Title, t.URL, t.Description)
		h.int(t.Count)
	}
	if m, ok := l.Term.(*site.Municipality); ok {
		h.str(m.County.Name, m.County.URL)
		if m.Profile != nil {
			h.u64(f.content(m.Profile))
		}
		for _, in := range m.Initiatives {
			h.str(in.URL, in.Meta.Title)
		}
	}
}
