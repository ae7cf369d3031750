package site

import (
	"sync"

	"kunskapsbanken/generator/internal/page"

	"kunskapsbanken/generator/internal/par"
)

// Weights of the related-pages score. Each shared area counts most: it is
// what a reader of one case study most likely wants next; then the same
// initiative, the same municipality, the same county.
const (
	weightArea         = 3
	weightInitiative   = 2
	weightMunicipality = 2
	weightCounty       = 1
	maxRelated         = 5
)

// Relate finds, for every case study, the case studies that share the most
// with it.
//
// With a previous graph of the same site, it works out only what a change
// can reach: a page's related pages all share an area, an initiative or a
// municipality with it, so only the members of the groups a changed page
// belongs to (before or after the change) are scored again; the others keep
// their lists. changed reports whether a page's front matter changed. A
// change to the areas' vocabulary must pass no previous graph.
func (s *Site) Relate(prev *Site, changed func(path string) bool) {
	if prev == nil {
		s.relate(nil)
		return
	}
	affected := map[*Page]bool{}
	group := func(p *Page) { // p's groups in this graph
		for _, a := range p.Areas {
			for _, q := range a.Pages {
				affected[q] = true
			}
		}
		for _, in := range p.Initiatives {
			for _, q := range in.Members {
				affected[q] = true
			}
		}
		if p.Kind == page.Initiative {
			for _, q := range p.Members {
				affected[q] = true // their reasons quote the initiative's title
			}
		}
		if p.Municipality != nil {
			for _, q := range p.Municipality.CaseStudies {
				affected[q] = true
			}
		}
	}
	// The same groups, found in this graph by what names them.
	oldGroup := func(old *Page) {
		for _, a := range old.Areas {
			for _, x := range s.Areas {
				if x.ID == a.ID {
					for _, q := range x.Pages {
						affected[q] = true
					}
				}
			}
		}
		for _, in := range old.Initiatives {
			if now := s.byPath[in.Path]; now != nil {
				for _, q := range now.Members {
					affected[q] = true
				}
			}
		}
		if old.Kind == page.Initiative {
			if now := s.byPath[old.Path]; now != nil {
				for _, q := range now.Members {
					affected[q] = true
				}
			}
		}
		if old.Municipality != nil {
			if m := s.munByName[old.Municipality.Name]; m != nil {
				for _, q := range m.CaseStudies {
					affected[q] = true
				}
			}
		}
	}
	for _, p := range s.Pages {
		old := prev.byPath[p.Path]
		if old == nil || changed(p.Path) {
			affected[p] = true
			group(p)
			if old != nil {
				oldGroup(old)
			}
		}
	}
	for _, old := range prev.Pages {
		if s.byPath[old.Path] == nil {
			oldGroup(old)
		}
	}
	reuse := func(p *Page) bool {
		if affected[p] {
			return false
		}
		old := prev.byPath[p.Path]
		if old == nil {
			return false
		}
		out := make([]Related, len(old.Related))
		for i, r := range old.Related {
			q := s.byPath[r.Page.Path]
			if q == nil {
				return false
			}
			out[i] = Related{Page: q, Score: r.Score, Reasons: r.Reasons}
		}
		p.Related = out
		return true
	}
	s.relate(reuse)
}

// relate scores the case studies that reuse (when not nil) cannot fill from
// a previous graph. Candidates come from the area, municipality and initiative lists,
// not from every pair, so the cost grows with the size of those lists. Scores
// are summed in a dense array per worker (a map per page was most of a
// 10,000-page build), and only the best few are kept while scanning.
func (s *Site) relate(reuse func(*Page) bool) {
	cs := s.CaseStudies
	index := make(map[*Page]int32, len(cs))
	day := make([]int32, len(cs)) // publication day, for tie-breaks without time.Time
	for i, p := range cs {
		index[p] = int32(i)
		day[i] = int32(p.Meta.Published.Unix() / 86400)
	}
	// Lists of case-study indexes, built once.
	ids := func(list []*Page) []int32 {
		out := make([]int32, 0, len(list))
		for _, q := range list {
			if i, ok := index[q]; ok {
				out = append(out, i)
			}
		}
		return out
	}
	areaIDs := map[*Area][]int32{}
	for _, a := range s.Areas {
		areaIDs[a] = ids(a.Pages)
	}
	initIDs := map[*Page][]int32{}
	for _, in := range s.Initiatives {
		initIDs[in] = ids(in.Members)
	}
	munIDs := map[*Municipality][]int32{}
	for _, m := range s.munByName {
		munIDs[m] = ids(m.CaseStudies)
	}

	type scratch struct {
		score   []int32
		touched []int32
	}
	pool := sync.Pool{New: func() any { return &scratch{score: make([]int32, len(cs))} }}
	par.For(len(cs), func(i int) {
		p := cs[i]
		if reuse != nil && reuse(p) {
			return
		}
		sc := pool.Get().(*scratch)
		add := func(list []int32, w int32) {
			for _, q := range list {
				if q == int32(i) {
					continue
				}
				if sc.score[q] == 0 {
					sc.touched = append(sc.touched, q)
				}
				sc.score[q] += w
			}
		}
		for _, a := range p.Areas {
			add(areaIDs[a], weightArea)
		}
		for _, in := range p.Initiatives {
			add(initIDs[in], weightInitiative)
		}
		if p.Municipality != nil {
			add(munIDs[p.Municipality], weightMunicipality)
		}
		// Keep the best maxRelated: higher score, then newer, then path.
		type cand struct{ q, score int32 }
		better := func(a, b cand) bool {
			if a.score != b.score {
				return a.score > b.score
			}
			if day[a.q] != day[b.q] {
				return day[a.q] > day[b.q]
			}
			return cs[a.q].Path < cs[b.q].Path
		}
		var top [maxRelated]cand
		n := 0
		for _, q := range sc.touched {
			c := cand{q, sc.score[q]}
			sc.score[q] = 0
			if sameCounty(p, cs[q]) {
				c.score += weightCounty
			}
			if n == maxRelated && !better(c, top[n-1]) {
				continue
			}
			if n < maxRelated {
				n++
			}
			j := n - 1
			for j > 0 && better(c, top[j-1]) {
				top[j] = top[j-1]
				j--
			}
			top[j] = c
		}
		sc.touched = sc.touched[:0]
		pool.Put(sc)
		out := make([]Related, n)
		for k := 0; k < n; k++ {
			q := cs[top[k].q]
			out[k] = Related{Page: q, Score: int(top[k].score), Reasons: reasons(p, q)}
		}
		p.Related = out
	})
}

// sameCounty is true for pages in different municipalities of one county.
func sameCounty(p, q *Page) bool {
	return p.Municipality != nil && q.Municipality != nil && p.Municipality != q.Municipality &&
		p.Municipality.Place.County == q.Municipality.Place.County
}

// reasons says, in the reader's words, what p and q share.
func reasons(p, q *Page) []string {
	var out []string
	for _, a := range q.Areas {
		if containsArea(p.Areas, a) {
			out = append(out, "samma område: "+a.Label)
		}
	}
	for _, in := range q.Initiatives {
		for _, mine := range p.Initiatives {
			if in == mine {
				out = append(out, "samma initiativ: "+in.Meta.Title)
			}
		}
	}
	if p.Municipality != nil && q.Municipality == p.Municipality {
		out = append(out, "samma kommun: "+p.Municipality.Name)
	} else if sameCounty(p, q) {
		out = append(out, "samma län: "+p.Municipality.Place.County.Name)
	}
	return out
}
